import MiniSearch from 'minisearch'
import {
  assertInternals,
  internals,
  type MiniSearchInternals,
  miniSearchFrom,
  tableFrom,
} from './minisearch-state.ts'
import { FIELDS, MINISEARCH_OPTIONS, type ParagraphDoc } from './paragraph-fields.ts'
import { type PostingRuns, type PostingTable, PostingTableReader } from './posting-table.ts'

// The fields and options live beside the index's readers; many modules import them from here.
export { FIELDS, type Field, MINISEARCH_OPTIONS, type ParagraphDoc } from './paragraph-fields.ts'

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
