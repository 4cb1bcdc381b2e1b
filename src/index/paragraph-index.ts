import MiniSearch, { type Options } from 'minisearch'
import type SearchableMap from 'minisearch/SearchableMap'
import { type PostingRuns, type PostingTable, PostingTableReader } from './posting-table.ts'

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

/**
 * Read access to the paragraph index, for scoring, and its updates. A loaded index reads its
 * saved `PostingTable` and makes MiniSearch's Maps from it only when an update (add, remove)
 * first needs them; a built one is MiniSearch from the start.
 */
export class ParagraphIndex {
  #miniSearch: MiniSearch<ParagraphDoc> | undefined
  #state: MiniSearchInternals | undefined
  /** The saved table while MiniSearch has not been made from it. */
  #table: PostingTableReader | undefined

  /** Over MiniSearch's index, or over a saved table (see `fromTable`). */
  constructor(source: MiniSearch<ParagraphDoc> | PostingTableReader) {
    if (source instanceof PostingTableReader) {
      this.#table = source
      return
    }
    assertInternals(source)
    this.#miniSearch = source
    this.#state = internals(source)
  }

  static create(): ParagraphIndex {
    return new ParagraphIndex(new MiniSearch(MINISEARCH_OPTIONS))
  }

  /** A paragraph index read from its saved table (see `serialize`). */
  static fromTable(table: PostingTable, nextParagraphId: number): ParagraphIndex {
    return new ParagraphIndex(new PostingTableReader(table, nextParagraphId))
  }

  /** MiniSearch's index, made from the saved table the first time it is asked for. */
  get miniSearch(): MiniSearch<ParagraphDoc> {
    return this.#materialized().miniSearch
  }

  #materialized(): { miniSearch: MiniSearch<ParagraphDoc>; state: MiniSearchInternals } {
    if (this.#miniSearch === undefined || this.#state === undefined) {
      this.#miniSearch = miniSearchFrom((this.#table as PostingTableReader).table)
      assertInternals(this.#miniSearch)
      this.#state = internals(this.#miniSearch)
      this.#table = undefined
    }
    return { miniSearch: this.#miniSearch, state: this.#state }
  }

  /** Indexes a paragraph. */
  add(doc: ParagraphDoc): void {
    this.#materialized().miniSearch.add(doc)
  }

  /**
   * Removes a paragraph, given the same document it was added with: MiniSearch then takes out
   * exactly its postings, where `discard` would leave them for a `vacuum` of the whole index
   * (most of an incremental update's time, for one changed article).
   */
  remove(doc: ParagraphDoc): void {
    this.#materialized().miniSearch.remove(doc)
  }

  /**
   * The saved form: the saved table itself while MiniSearch has not been made, else one made
   * from MiniSearch's Maps. MiniSearch's own `toJSON` writes every posting list as an object
   * keyed by document id, slow to parse and to turn back into Maps; a table of typed arrays
   * loads by copying bytes, and loading fast is what lets a server start and swap quickly.
   */
  serialize(): PostingTable {
    if (this.#table !== undefined) return this.#table.table
    return tableFrom(this.#materialized().state)
  }

  /** Number of live paragraphs. */
  get size(): number {
    return this.#table?.table.documentCount ?? (this.#miniSearch as MiniSearch).documentCount
  }

  /** Whether `term` (an analysed stem) occurs anywhere. */
  has(term: string): boolean {
    return this.#table?.has(term) ?? (this.#state as MiniSearchInternals)._index.has(term)
  }

  /**
   * How many paragraphs of the collection hold `term` in any field, given the `counted` ones
   * here: the same, unless this index holds only part of a larger collection (a distributed
   * engine's view of a query's best candidates), which then knows the whole collection's count.
   */
  documentFrequency(_term: string, counted: number): number {
    return counted
  }

  /** How many paragraphs hold `term` in their own text. */
  textFrequency(term: string): number {
    const text = FIELDS.indexOf('text')
    if (this.#table !== undefined) return this.#table.fieldFrequency(term, text)
    return (this.#state as MiniSearchInternals)._index.get(term)?.get(text)?.size ?? 0
  }

  /**
   * Calls `visit` for every occurrence of `term` with the paragraph, the field, the term's
   * frequency there and the paragraph's field lengths (valid during the call only).
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
    if (this.#table !== undefined) {
      this.#table.forEachPosting(term, visit)
      return
    }
    const state = this.#state as MiniSearchInternals
    const byField = state._index.get(term)
    if (byField === undefined) return
    const { _documentIds: documentIds, _fieldLength: fieldLength } = state
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

  /**
   * A term's postings in typed arrays, while the index reads its saved table (undefined once
   * MiniSearch's Maps are made, or for a term no paragraph holds): a loop over them derives a
   * common term's impacts many times faster than `forEachPosting`'s call per posting.
   */
  postingRuns(term: string): PostingRuns | undefined {
    return this.#table?.runs(term)
  }

  /** Whether a paragraph holds `term` in any of `fieldIds` (all fields when not given). */
  holds(paragraphId: number, term: string, fieldIds?: readonly number[]): boolean {
    if (this.#table !== undefined) return this.#table.holds(paragraphId, term, fieldIds)
    const state = this.#state as MiniSearchInternals
    const shortId = state._idToShortId.get(paragraphId)
    const byField = state._index.get(term)
    if (shortId === undefined || byField === undefined) return false
    for (const [fieldId, postings] of byField) {
      if ((fieldIds === undefined || fieldIds.includes(fieldId)) && postings.has(shortId))
        return true
    }
    return false
  }

  /** Average length of each field over the live paragraphs. */
  get averageFieldLengths(): readonly number[] {
    return (
      this.#table?.table.averageFieldLength ?? (this.#state as MiniSearchInternals)._avgFieldLength
    )
  }
}

/** MiniSearch's Maps frozen into a table, posting lists by ascending paragraph id. */
function tableFrom(state: MiniSearchInternals): PostingTable {
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
function miniSearchFrom(table: PostingTable): MiniSearch<ParagraphDoc> {
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
