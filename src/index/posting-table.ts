import { FIELDS } from './paragraph-index.ts'

/**
 * MiniSearch's paragraph index frozen into typed arrays: what a loaded index reads until an
 * update needs MiniSearch's own Maps. Saved as raw bytes, so loading it is copying buffers,
 * where rebuilding tens of millions of Map entries took most of a large index's load time and
 * five times the memory.
 */
export interface PostingTable {
  documentCount: number
  nextId: number
  dirtCount: number
  averageFieldLength: number[]
  /** Per live paragraph, in MiniSearch's order: its MiniSearch short id and its paragraph id. */
  shortIds: Int32Array
  paragraphIds: Int32Array
  /** Per live paragraph, in the same order, its length in each field (`FIELDS`); -1 where it has none. */
  fieldLength: Int32Array
  /** The indexed terms; term t's postings in field f are `starts[t·F + f]` up to `starts[t·F + f + 1]`. */
  terms: string[]
  starts: Int32Array
  /** Paragraph ids, ascending within each term's field, and the term's frequency there. */
  ids: Int32Array
  tfs: Int32Array
}

/**
 * One term's postings, read in place: in field f, `ids` and `tfs` from `starts[f]` up to
 * `starts[f + 1]`; a paragraph's length in field f is `fieldLength[rowOf[id] × F + f]`.
 */
export interface PostingRuns {
  starts: Int32Array
  ids: Int32Array
  tfs: Int32Array
  fieldLength: Int32Array
  rowOf: Int32Array
}

/** Read access to a `PostingTable`, as `ParagraphIndex` gives it (see there). */
export class PostingTableReader {
  readonly table: PostingTable
  readonly #termNumbers = new Map<string, number>()
  /** Per paragraph id, its row in `shortIds`/`fieldLength`; -1 for none. */
  readonly #rowOf: Int32Array
  readonly #lengths: number[] = new Array(FIELDS.length).fill(0)

  constructor(table: PostingTable, nextParagraphId: number) {
    this.table = table
    table.terms.forEach((term, number) => {
      this.#termNumbers.set(term, number)
    })
    this.#rowOf = new Int32Array(nextParagraphId).fill(-1)
    table.paragraphIds.forEach((id, row) => {
      this.#rowOf[id] = row
    })
  }

  has(term: string): boolean {
    return this.#termNumbers.has(term)
  }

  /** A term's postings as the table holds them (see `PostingRuns`); undefined for none. */
  runs(term: string): PostingRuns | undefined {
    const number = this.#termNumbers.get(term)
    if (number === undefined) return undefined
    const { starts, ids, tfs, fieldLength } = this.table
    const from = number * FIELDS.length
    return {
      starts: starts.subarray(from, from + FIELDS.length + 1),
      ids,
      tfs,
      fieldLength,
      rowOf: this.#rowOf,
    }
  }

  /** How many paragraphs hold `term` in the field `fieldId`. */
  fieldFrequency(term: string, fieldId: number): number {
    const number = this.#termNumbers.get(term)
    if (number === undefined) return 0
    const { starts } = this.table
    const slot = number * FIELDS.length + fieldId
    return (starts[slot + 1] as number) - (starts[slot] as number)
  }

  forEachPosting(
    term: string,
    visit: (id: number, fieldId: number, tf: number, lengths: readonly number[]) => void,
  ): void {
    const number = this.#termNumbers.get(term)
    if (number === undefined) return
    const FIELD_COUNT = FIELDS.length
    const { starts, ids, tfs, fieldLength } = this.table
    const lengths = this.#lengths
    for (let fieldId = 0; fieldId < FIELD_COUNT; fieldId++) {
      const end = starts[number * FIELD_COUNT + fieldId + 1] as number
      for (let i = starts[number * FIELD_COUNT + fieldId] as number; i < end; i++) {
        const id = ids[i] as number
        const row = this.#rowOf[id] as number
        // The visitor reads the lengths during the call only: one array serves every posting.
        for (let f = 0; f < FIELD_COUNT; f++)
          lengths[f] = fieldLength[row * FIELD_COUNT + f] as number
        visit(id, fieldId, tfs[i] as number, lengths)
      }
    }
  }

  holds(paragraphId: number, term: string, fieldIds?: readonly number[]): boolean {
    const FIELD_COUNT = FIELDS.length
    const number = this.#termNumbers.get(term)
    if (number === undefined) return false
    const { starts, ids } = this.table
    for (let fieldId = 0; fieldId < FIELD_COUNT; fieldId++) {
      if (fieldIds !== undefined && !fieldIds.includes(fieldId)) continue
      let low = starts[number * FIELD_COUNT + fieldId] as number
      let high = starts[number * FIELD_COUNT + fieldId + 1] as number
      while (low < high) {
        const middle = (low + high) >>> 1
        if ((ids[middle] as number) < paragraphId) low = middle + 1
        else high = middle
      }
      if (ids[low] === paragraphId && low < (starts[number * FIELD_COUNT + fieldId + 1] as number))
        return true
    }
    return false
  }
}

/**
 * Throws unless `table` is whole and consistent: offsets ascending within the arrays, ids of
 * paragraphs that exist, ascending within each list. A saved table that passes cannot make a
 * search read out of bounds or answer from garbage offsets. Checks the postings of term-field
 * slots `from` to `to` (all by default; the documents and offsets always), so that a long
 * check can be done in parts.
 */
export function checkPostingTable(
  table: PostingTable,
  nextParagraphId: number,
  from = 1,
  to = table.starts.length,
): void {
  const FIELD_COUNT = FIELDS.length
  const { shortIds, paragraphIds, fieldLength, terms, starts, ids, tfs } = table
  const fail = (what: string) => {
    throw new Error(`the paragraph index's ${what} is inconsistent`)
  }
  if (from === 1) {
    const docs = shortIds.length
    if (paragraphIds.length !== docs || fieldLength.length !== docs * FIELD_COUNT) fail('documents')
    if (table.documentCount !== docs) fail('document count')
    for (const id of paragraphIds) if (id < 0 || id >= nextParagraphId) fail('paragraph ids')
    if (starts.length !== terms.length * FIELD_COUNT + 1 || starts[0] !== 0) fail('term offsets')
    if (ids.length !== tfs.length || starts[starts.length - 1] !== ids.length) fail('postings')
  }
  for (let s = from; s < Math.min(to, starts.length); s++) {
    const start = starts[s - 1] as number
    const end = starts[s] as number
    if (end < start) fail('term offsets')
    for (let i = start; i < end; i++) {
      const id = ids[i] as number
      if (id < 0 || id >= nextParagraphId || (i > start && id <= (ids[i - 1] as number)))
        fail('postings')
    }
  }
}
