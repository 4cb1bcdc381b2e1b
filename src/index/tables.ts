import { decodeFrame, encodeFrame, type FrameArray } from './binary-frame.ts'
import type { LexiconRow } from './lexicon.ts'
import type { ArticleEntry, NewsIndex } from './news-index.ts'
import type { PostingTable } from './posting-table.ts'

/**
 * The tables line of an index file: what is built from the articles, saved so that a load
 * copies it rather than derives it. A binary frame (binary-frame.ts) of `TablesHead` and the
 * typed arrays of `TABLE_ARRAYS`.
 */
export interface TablesHead {
  nextParagraphId: number
  /** The SHA-1 of the paragraphs line, which a load does not parse (see article-lines.ts). */
  paragraphsDigest: string
  /** The terms of the packed tokens, in number order. */
  tokenTerms: string[]
  lexicon: LexiconRow[]
  paragraphs: Pick<
    PostingTable,
    'documentCount' | 'nextId' | 'dirtCount' | 'averageFieldLength' | 'terms'
  >
}

/**
 * The frame's arrays, in order, with their types. Per article of the articles line: the byte
 * lengths of its JSON on the articles and paragraphs lines (so that each can be read alone), its
 * paragraph count and its first paragraph id; the packed tokens of
 * every article's title and paragraphs, in that order, end to end, and where each ends; the
 * `PostingTable`'s; and the near-copies (`SavedNearCopies`: per article its MinHash signature,
 * whether it has one, and the links between articles by number).
 */
const TABLE_ARRAYS = {
  articleBytes: Int32Array,
  paragraphBytes: Int32Array,
  paragraphCounts: Int32Array,
  firsts: Int32Array,
  tokenEnds: Int32Array,
  tokenBytes: Uint8Array,
  shortIds: Int32Array,
  paragraphIds: Int32Array,
  fieldLength: Int32Array,
  starts: Int32Array,
  ids: Int32Array,
  tfs: Int32Array,
  nearSignatures: Uint16Array,
  nearSigned: Uint8Array,
  nearLinks: Int32Array,
} as const

type ArrayName = keyof typeof TABLE_ARRAYS
const NAMES = Object.keys(TABLE_ARRAYS) as ArrayName[]

/** The arrays of a tables line, by name. */
export type TableArrays = {
  [name in ArrayName]: InstanceType<(typeof TABLE_ARRAYS)[name]> extends Int32Array
    ? Int32Array
    : InstanceType<(typeof TABLE_ARRAYS)[name]> extends Uint16Array
      ? Uint16Array
      : Uint8Array
}

/** How the articles of the tables are laid out on the article lines (see `TABLE_ARRAYS`). */
export interface ArticleLayout {
  articleBytes: Int32Array
  paragraphBytes: Int32Array
  paragraphsDigest: string
}

/** The tables of `index` as parts to write, for its `entries` (its article table), so laid out. */
export function encodeTables(
  index: NewsIndex,
  entries: readonly ArticleEntry[],
  layout: ArticleLayout,
): Buffer[] {
  const table = index.paragraphs.serialize()
  const tokenEnds = new Int32Array(entries.length + index.nextParagraphId)
  let count = 0
  let bytes = 0
  for (const entry of entries) {
    bytes += entry.titleTokens.length
    tokenEnds[count++] = bytes
    for (const packed of entry.tokens) {
      bytes += packed.length
      tokenEnds[count++] = bytes
    }
  }
  const tokenBytes = new Uint8Array(bytes)
  let at = 0
  for (const entry of entries) {
    tokenBytes.set(entry.titleTokens, at)
    at += entry.titleTokens.length
    for (const packed of entry.tokens) {
      tokenBytes.set(packed, at)
      at += packed.length
    }
  }
  const near = index.nearCopies.snapshot(entries.map((entry) => entry.article.id))
  const head: TablesHead = {
    nextParagraphId: index.nextParagraphId,
    paragraphsDigest: layout.paragraphsDigest,
    tokenTerms: [...index.termNumbers.terms()],
    lexicon: index.lexicon.toRows(),
    paragraphs: {
      documentCount: table.documentCount,
      nextId: table.nextId,
      dirtCount: table.dirtCount,
      averageFieldLength: table.averageFieldLength,
      terms: table.terms,
    },
  }
  const arrays: TableArrays = {
    articleBytes: layout.articleBytes,
    paragraphBytes: layout.paragraphBytes,
    paragraphCounts: Int32Array.from(entries, (entry) => entry.tokens.length),
    firsts: Int32Array.from(entries, (entry) => entry.first),
    tokenEnds: tokenEnds.subarray(0, count),
    tokenBytes,
    shortIds: table.shortIds,
    paragraphIds: table.paragraphIds,
    fieldLength: table.fieldLength,
    starts: table.starts,
    ids: table.ids,
    tfs: table.tfs,
    nearSignatures: near.signatures,
    nearSigned: near.signed,
    nearLinks: near.links,
  }
  return encodeFrame(
    head,
    NAMES.map((name) => arrays[name]),
  )
}

/** A tables line's head and arrays (views of `line`), checked for their types. Throws if wrong. */
export function decodeTables(line: Buffer): { head: TablesHead; arrays: TableArrays } {
  const { json, arrays } = decodeFrame(line)
  if (arrays.length !== NAMES.length) throw new Error('the tables have another layout')
  const named = {} as Record<ArrayName, FrameArray>
  NAMES.forEach((name, i) => {
    const array = arrays[i] as FrameArray
    if (!(array instanceof TABLE_ARRAYS[name])) throw new Error('the tables have another layout')
    named[name] = array
  })
  const head = json as TablesHead
  if (
    typeof head !== 'object' ||
    head === null ||
    !Number.isSafeInteger(head.nextParagraphId) ||
    typeof head.paragraphsDigest !== 'string' ||
    !Array.isArray(head.tokenTerms) ||
    !Array.isArray(head.lexicon) ||
    !Array.isArray(head.paragraphs?.terms)
  ) {
    throw new Error('the tables have another layout')
  }
  return { head, arrays: named as TableArrays }
}
