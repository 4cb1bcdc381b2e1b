// MiniSearch's private state as newsdex reads it, and its conversion to and from the saved
// posting table (posting-table.ts).
import MiniSearch from 'minisearch'
import type SearchableMap from 'minisearch/SearchableMap'
import { FIELDS, MINISEARCH_OPTIONS, type ParagraphDoc } from './paragraph-fields.ts'
import type { PostingTable } from './posting-table.ts'

/**
 * The part of MiniSearch's state that scoring reads directly. MiniSearch keeps these private,
 * but re-scoring its results with BM25F needs term frequencies per field, which its public
 * `search` does not return; reading them here is about 10× cheaper than re-analysing the
 * stored text per query. The version is pinned in package.json and `assertInternals` fails
 * loudly at load if a MiniSearch upgrade changes this shape.
 */
export interface MiniSearchInternals {
  _documentCount: number
  _nextId: number
  _dirtCount: number
  _index: SearchableMap<Map<number, Map<number, number>>>
  _documentIds: Map<number, number>
  _idToShortId: Map<number, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _fieldIds: Record<string, number>
}

export function internals(miniSearch: MiniSearch<ParagraphDoc>): MiniSearchInternals {
  return miniSearch as unknown as MiniSearchInternals
}

/** Throws if the installed MiniSearch no longer has the internal shape newsdex reads. */
export function assertInternals(miniSearch: MiniSearch<ParagraphDoc>): void {
  const state = internals(miniSearch)
  const fieldsInOrder = FIELDS.every((field, i) => state._fieldIds?.[field] === i)
  if (
    typeof state._documentCount !== 'number' ||
    typeof state._nextId !== 'number' ||
    typeof state._dirtCount !== 'number' ||
    !(state._documentIds instanceof Map) ||
    !(state._idToShortId instanceof Map) ||
    !(state._fieldLength instanceof Map) ||
    !Array.isArray(state._avgFieldLength) ||
    typeof state._index?.get !== 'function' ||
    !fieldsInOrder
  ) {
    throw new Error(
      'newsdex: the installed MiniSearch has an internal layout this version does not know; install the version in package-lock.json (npm ci)',
    )
  }
}

/** MiniSearch's Maps frozen into a table, posting lists by ascending paragraph id. */
export function tableFrom(state: MiniSearchInternals): PostingTable {
  const F = FIELDS.length
  const docs = state._documentIds.size
  const shortIds = new Int32Array(docs)
  const paragraphIds = new Int32Array(docs)
  const fieldLength = new Int32Array(docs * F)
  let row = 0
  for (const [shortId, id] of state._documentIds) {
    shortIds[row] = shortId
    paragraphIds[row] = id
    const lengths = state._fieldLength.get(shortId) ?? []
    for (let field = 0; field < F; field++) fieldLength[row * F + field] = lengths[field] ?? -1
    row++
  }
  const terms: string[] = []
  let postings = 0
  for (const [term, byField] of state._index) {
    terms.push(term)
    for (const list of byField.values()) postings += list.size
  }
  const starts = new Int32Array(terms.length * F + 1)
  const ids = new Int32Array(postings)
  const tfs = new Int32Array(postings)
  let at = 0
  terms.forEach((term, number) => {
    const byField = state._index.get(term) as Map<number, Map<number, number>>
    for (let field = 0; field < F; field++) {
      starts[number * F + field] = at
      const list: [number, number][] = []
      byField.get(field)?.forEach((tf, shortId) => {
        const id = state._documentIds.get(shortId)
        if (id !== undefined) list.push([id, tf])
      })
      list.sort((a, b) => a[0] - b[0])
      for (const [id, tf] of list) {
        ids[at] = id
        tfs[at++] = tf
      }
    }
  })
  starts[terms.length * F] = at
  return {
    documentCount: state._documentCount,
    nextId: state._nextId,
    dirtCount: state._dirtCount,
    averageFieldLength: [...state._avgFieldLength],
    shortIds,
    paragraphIds,
    fieldLength,
    terms,
    starts,
    ids: ids.subarray(0, at),
    tfs: tfs.subarray(0, at),
  }
}

/** Rebuilds MiniSearch's state from a table, as its own `loadJS` does from JSON. */
export function miniSearchFrom(table: PostingTable): MiniSearch<ParagraphDoc> {
  const F = FIELDS.length
  const miniSearch = new MiniSearch(MINISEARCH_OPTIONS)
  const state = internals(miniSearch)
  state._documentCount = table.documentCount
  state._nextId = table.nextId
  state._dirtCount = table.dirtCount
  state._avgFieldLength = [...table.averageFieldLength]
  const shortIdOf = new Map<number, number>()
  for (let row = 0; row < table.shortIds.length; row++) {
    const shortId = table.shortIds[row] as number
    const id = table.paragraphIds[row] as number
    shortIdOf.set(id, shortId)
    state._documentIds.set(shortId, id)
    state._idToShortId.set(id, shortId)
    // Fields a paragraph lacks stay holes, as MiniSearch leaves them (its remove skips them).
    const lengths: number[] = []
    for (let field = 0; field < F; field++) {
      const length = table.fieldLength[row * F + field] as number
      if (length >= 0) lengths[field] = length
    }
    state._fieldLength.set(shortId, lengths)
  }
  table.terms.forEach((term, number) => {
    const byField = new Map<number, Map<number, number>>()
    for (let field = 0; field < F; field++) {
      const start = table.starts[number * F + field] as number
      const end = table.starts[number * F + field + 1] as number
      if (start === end) continue
      const postings = new Map<number, number>()
      for (let i = start; i < end; i++) {
        postings.set(shortIdOf.get(table.ids[i] as number) as number, table.tfs[i] as number)
      }
      byField.set(field, postings)
    }
    state._index.set(term, byField)
  })
  return miniSearch
}
