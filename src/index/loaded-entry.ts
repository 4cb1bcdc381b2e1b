import type { Article } from '../articles/types.ts'
import type { ArticleEntry } from './news-index.ts'

/**
 * The packed tokens of a loaded index, as saved (tables.ts): every article's title, then each of
 * its paragraphs, end to end in `bytes`; `ends[n]` is where the n-th ends.
 */
export interface PackedTokenTable {
  bytes: Uint8Array
  ends: Int32Array
}

/** Packed tokens as a range of a buffer: `bytes` from `start` up to `end`. */
export interface TokenSpan {
  bytes: Uint8Array
  start: number
  end: number
}

/** Sets `into` to a paragraph's packed tokens (see `TokenSpan`), reading a loaded article's in place. */
export function locateText(entry: ArticleEntry, position: number, into: TokenSpan): void {
  if (entry instanceof LoadedEntry) {
    entry.locateText(position, into)
    return
  }
  const packed = entry.tokens[position]
  into.bytes = packed ?? EMPTY
  into.start = 0
  into.end = packed?.length ?? 0
}

const EMPTY = new Uint8Array(0)

/** Throws unless `ends` has one title and `paragraphCounts[i]` paragraphs per article. */
export function checkTokenCount(table: PackedTokenTable, paragraphCounts: Int32Array): void {
  let tokens = 0
  for (const count of paragraphCounts) tokens += 1 + count
  if (tokens !== table.ends.length) throw new Error('the packed tokens do not match the articles')
}

/**
 * Throws unless the tokens numbered `from` up to `to` end in order within `bytes`, each after
 * the one before it: then a `LoadedEntry` over them reads only its own bytes.
 */
export function checkTokenEnds(table: PackedTokenTable, from: number, to: number): void {
  const { bytes, ends } = table
  let start = from === 0 ? 0 : (ends[from - 1] as number)
  for (let n = from; n < to; n++) {
    const end = ends[n] as number
    if (!(end >= start && end <= bytes.length))
      throw new Error('the packed tokens do not match the articles')
    start = end
  }
}

/**
 * An article of a loaded index, whose packed tokens stay in the table they were loaded with:
 * views of them are made when first read (a phrase, a snippet, an update), not at load. A view
 * per paragraph was over a million objects at a million paragraphs, a fifth of the heap and
 * much of the load's garbage collection, for tokens a search reads for a few pages of results.
 */
export class LoadedEntry implements ArticleEntry {
  readonly article: Article
  readonly first: number
  readonly paragraphCount: number
  readonly #table: PackedTokenTable
  /** Its title's number in `ends`; its paragraphs' follow. */
  readonly #at: number
  #tokens: Uint8Array[] | undefined

  constructor(
    article: Article,
    first: number,
    paragraphCount: number,
    table: PackedTokenTable,
    at: number,
  ) {
    this.article = article
    this.first = first
    this.paragraphCount = paragraphCount
    this.#table = table
    this.#at = at
  }

  get titleTokens(): Uint8Array {
    return this.#packed(this.#at)
  }

  get tokens(): readonly Uint8Array[] {
    this.#tokens ??= Array.from({ length: this.paragraphCount }, (_, position) =>
      this.#packed(this.#at + 1 + position),
    )
    return this.#tokens
  }

  /**
   * Where a paragraph's packed tokens lie in the shared table, without a view of them: a phrase
   * check reads a hundred thousand paragraphs, and `tokens` would keep a view of each of their
   * articles' paragraphs (garbage collection, then heap for good).
   */
  locateText(position: number, into: TokenSpan): void {
    const number = this.#at + 1 + position
    const { bytes, ends } = this.#table
    into.bytes = bytes
    into.start = number === 0 ? 0 : (ends[number - 1] as number)
    into.end = position < this.paragraphCount ? (ends[number] as number) : into.start
  }

  #packed(number: number): Uint8Array {
    const { bytes, ends } = this.#table
    const start = number === 0 ? 0 : (ends[number - 1] as number)
    return bytes.subarray(start, ends[number])
  }
}
