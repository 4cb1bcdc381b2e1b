import MiniSearch, { type Options } from 'minisearch'
import type SearchableMap from 'minisearch/SearchableMap'
import { commaSeparated } from './json-parts.ts'

/** The fields a query can match, in MiniSearch's field-id order. */
export const FIELDS = ['text', 'heading', 'title', 'subtitle'] as const
export type Field = (typeof FIELDS)[number]

/**
 * What MiniSearch indexes for one paragraph: its own text plus its article's title fields, each
 * already analysed into terms joined by spaces (the lexicon analyses the text once for both).
 * An empty field is left out.
 */
export interface ParagraphDoc {
  /** The paragraph's number in the index's paragraph table. */
  id: number
  text?: string
  heading?: string
  title?: string
  subtitle?: string
}

/**
 * MiniSearch options, identical at build and load time (MiniSearch needs the same ones to load).
 * Fields arrive analysed, so tokenizing is splitting; nothing is stored in MiniSearch, since the
 * article store holds what results show.
 */
export const MINISEARCH_OPTIONS: Options<ParagraphDoc> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (terms) => (terms === '' ? [] : terms.split(' ')),
  processTerm: (term) => term,
}

/** The saved form of a paragraph index (see `ParagraphIndex.serialize`). */
export interface CompactParagraphIndex {
  documentCount: number
  nextId: number
  dirtCount: number
  averageFieldLength: number[]
  /** Pairs of MiniSearch short id and paragraph id. */
  documentIds: number[]
  /** Per document, in `documentIds` order, its length in each field; -1 where it has none. */
  fieldLength: number[]
  /** Per term: the term, then per field its id, the posting count, the short ids (each as the
   * difference from the one before) and the term frequencies. */
  index: (string | number)[][]
}

/**
 * The part of MiniSearch's state that scoring reads directly. MiniSearch keeps these private,
 * but re-scoring its results with BM25F needs term frequencies per field, which its public
 * `search` does not return; reading them here is about 10× cheaper than re-analysing the
 * stored text per query. The version is pinned in package.json and `assertInternals` fails
 * loudly at load if a MiniSearch upgrade changes this shape.
 */
interface MiniSearchInternals {
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

function internals(miniSearch: MiniSearch<ParagraphDoc>): MiniSearchInternals {
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

/** Read access to a MiniSearch paragraph index, for scoring. */
export class ParagraphIndex {
  readonly miniSearch: MiniSearch<ParagraphDoc>
  readonly #state: MiniSearchInternals
  /**
   * Each term's row of the saved form, as JSON, from the last save (undefined before one), and
   * the terms changed since: the next save writes afresh only those.
   */
  #savedRows: Map<string, Buffer> | undefined
  readonly #changedTerms = new Set<string>()

  constructor(miniSearch: MiniSearch<ParagraphDoc>) {
    assertInternals(miniSearch)
    this.miniSearch = miniSearch
    this.#state = internals(miniSearch)
  }

  static create(): ParagraphIndex {
    return new ParagraphIndex(new MiniSearch(MINISEARCH_OPTIONS))
  }

  /** Indexes a paragraph. */
  add(doc: ParagraphDoc): void {
    this.miniSearch.add(doc)
    this.#noteChangedTerms(doc)
  }

  /**
   * Removes a paragraph, given the same document it was added with: MiniSearch then takes out
   * exactly its postings, where `discard` would leave them for a `vacuum` of the whole index
   * (most of an incremental update's time, for one changed article).
   */
  remove(doc: ParagraphDoc): void {
    this.miniSearch.remove(doc)
    this.#noteChangedTerms(doc)
  }

  #noteChangedTerms(doc: ParagraphDoc): void {
    if (this.#savedRows === undefined) return
    for (const field of FIELDS) {
      for (const term of doc[field]?.split(' ') ?? []) this.#changedTerms.add(term)
    }
  }

  /**
   * The saved form, as JSON (a `CompactParagraphIndex`). MiniSearch's own `toJSON` writes every
   * posting list as an object keyed by document id, which is slow to parse and to turn back
   * into maps; flat number arrays load in about half the time, and loading fast is what lets a
   * server swap indexes quickly. Each term's row is kept once written, so the next save after
   * an incremental update writes afresh only the terms the update touched. In parts, to be
   * concatenated.
   */
  serialize(): Buffer[] {
    const state = this.#state
    const documentIds: number[] = []
    const fieldLength: number[] = []
    for (const [shortId, id] of state._documentIds) {
      documentIds.push(shortId, id)
      const lengths = state._fieldLength.get(shortId) ?? []
      for (let field = 0; field < FIELDS.length; field++) fieldLength.push(lengths[field] ?? -1)
    }
    const rows = this.#rows()
    const head: Omit<CompactParagraphIndex, 'index'> = {
      documentCount: state._documentCount,
      nextId: state._nextId,
      dirtCount: state._dirtCount,
      averageFieldLength: [...state._avgFieldLength],
      documentIds,
      fieldLength,
    }
    return [
      Buffer.from(`${JSON.stringify(head).slice(0, -1)},"index":[`),
      ...commaSeparated([...rows.values()]),
      Buffer.from(']}'),
    ]
  }

  /** Every term's row as JSON, brought up to date. */
  #rows(): Map<string, Buffer> {
    const index = this.#state._index
    if (this.#savedRows === undefined) {
      this.#savedRows = new Map()
      for (const [term, byField] of index) {
        this.#savedRows.set(term, Buffer.from(JSON.stringify(compactRow(term, byField))))
      }
    }
    for (const term of this.#changedTerms) {
      const byField = index.get(term)
      if (byField === undefined) this.#savedRows.delete(term)
      else this.#savedRows.set(term, Buffer.from(JSON.stringify(compactRow(term, byField))))
    }
    this.#changedTerms.clear()
    return this.#savedRows
  }

  /** Rebuilds MiniSearch's state from `serialize`'s output, as its own `loadJS` does from JSON. */
  static fromCompact(saved: CompactParagraphIndex): ParagraphIndex {
    const miniSearch = new MiniSearch(MINISEARCH_OPTIONS)
    const state = internals(miniSearch)
    state._documentCount = saved.documentCount
    state._nextId = saved.nextId
    state._dirtCount = saved.dirtCount
    state._avgFieldLength = [...saved.averageFieldLength]
    for (let i = 0, doc = 0; i < saved.documentIds.length; i += 2, doc++) {
      const shortId = saved.documentIds[i] as number
      const id = saved.documentIds[i + 1] as number
      state._documentIds.set(shortId, id)
      state._idToShortId.set(id, shortId)
      // Fields a paragraph lacks stay holes, as MiniSearch leaves them (its remove skips them).
      const lengths: number[] = []
      for (let field = 0; field < FIELDS.length; field++) {
        const length = saved.fieldLength[doc * FIELDS.length + field] as number
        if (length >= 0) lengths[field] = length
      }
      state._fieldLength.set(shortId, lengths)
    }
    for (const row of saved.index) {
      const byField = new Map<number, Map<number, number>>()
      let i = 1
      while (i < row.length) {
        const fieldId = row[i] as number
        const count = row[i + 1] as number
        const postings = new Map<number, number>()
        let shortId = 0
        for (let k = 0; k < count; k++) {
          shortId += row[i + 2 + k] as number
          postings.set(shortId, row[i + 2 + count + k] as number)
        }
        byField.set(fieldId, postings)
        i += 2 + 2 * count
      }
      state._index.set(row[0] as string, byField)
    }
    return new ParagraphIndex(miniSearch)
  }

  /** Number of live paragraphs. */
  get size(): number {
    return this.miniSearch.documentCount
  }

  /** Whether `term` (an analysed stem) occurs anywhere. */
  has(term: string): boolean {
    return this.#state._index.has(term)
  }

  /** How many paragraphs hold `term` in their own text. */
  textFrequency(term: string): number {
    return this.#state._index.get(term)?.get(FIELDS.indexOf('text'))?.size ?? 0
  }

  /**
   * Calls `visit` for every occurrence of `term` with the paragraph, the field, the term's
   * frequency there and the paragraph's field lengths.
   */
  forEachPosting(
    term: string,
    visit: (
      paragraphId: number,
      fieldId: number,
      tf: number,
      fieldLengths: readonly number[],
    ) => void,
  ): void {
    const byField = this.#state._index.get(term)
    if (byField === undefined) return
    const { _documentIds: documentIds, _fieldLength: fieldLength } = this.#state
    // Fields in id order, whatever order MiniSearch met them in, so that a paragraph's
    // frequencies are always summed in the same order (search/score.ts and impact-postings.ts
    // must agree to the last bit). forEach, not for-of: destructuring Map entries made an array
    // per posting.
    for (let fieldId = 0; fieldId < FIELDS.length; fieldId++) {
      byField.get(fieldId)?.forEach((tf, shortId) => {
        const paragraphId = documentIds.get(shortId)
        const lengths = fieldLength.get(shortId)
        if (paragraphId !== undefined && lengths !== undefined)
          visit(paragraphId, fieldId, tf, lengths)
      })
    }
  }

  /** Whether a paragraph holds `term` in any of `fieldIds` (all fields when not given). */
  holds(paragraphId: number, term: string, fieldIds?: readonly number[]): boolean {
    const shortId = this.#state._idToShortId.get(paragraphId)
    const byField = this.#state._index.get(term)
    if (shortId === undefined || byField === undefined) return false
    for (const [fieldId, postings] of byField) {
      if ((fieldIds === undefined || fieldIds.includes(fieldId)) && postings.has(shortId))
        return true
    }
    return false
  }

  /** Average length of each field over the live paragraphs. */
  get averageFieldLengths(): readonly number[] {
    return this.#state._avgFieldLength
  }
}

/** A term's row of the saved form (see `CompactParagraphIndex.index`). */
function compactRow(term: string, byField: ReadonlyMap<number, ReadonlyMap<number, number>>) {
  const row: (string | number)[] = [term]
  for (const [fieldId, postings] of byField) {
    row.push(fieldId, postings.size)
    let previous = 0
    for (const shortId of postings.keys()) {
      row.push(shortId - previous)
      previous = shortId
    }
    for (const tf of postings.values()) row.push(tf)
  }
  return row
}
