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
 * The head as saved: its long lists of words are arrays of the frame instead (`TABLE_ARRAYS`),
 * each a UTF-8 text of words split by newlines (a word never holds white space): parsing them
 * as JSON held a load (and a server's event loop during a swap) for over a second at ×10.
 */
type SavedHead = Omit<TablesHead, 'tokenTerms' | 'lexicon' | 'paragraphs'> & {
  paragraphs: Omit<TablesHead['paragraphs'], 'terms'>
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
  tokenTerms: Uint8Array,
  postingTerms: Uint8Array,
  lexiconWords: Uint8Array,
  lexiconTerms: Uint8Array,
  lexiconCounts: Int32Array,
  lexiconDisplays: Uint8Array,
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
  const head: SavedHead = {
    nextParagraphId: index.nextParagraphId,
    paragraphsDigest: layout.paragraphsDigest,
    paragraphs: {
      documentCount: table.documentCount,
      nextId: table.nextId,
      dirtCount: table.dirtCount,
      averageFieldLength: table.averageFieldLength,
    },
  }
  const lexicon = index.lexicon.toRows()
  const arrays: TableArrays = {
    articleBytes: layout.articleBytes,
    paragraphBytes: layout.paragraphBytes,
    paragraphCounts: Int32Array.from(entries, (entry) => entry.paragraphCount),
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
    tokenTerms: wordList(index.termNumbers.terms()),
    postingTerms: wordList(table.terms),
    lexiconWords: wordList(lexicon.map(([word]) => word)),
    lexiconTerms: wordList(lexicon.map(([, term]) => term ?? '')),
    lexiconCounts: Int32Array.from(lexicon, ([, , count]) => count),
    lexiconDisplays: wordList(lexicon.map(([, , , display]) => display ?? '')),
  }
  return encodeFrame(
    head,
    NAMES.map((name) => arrays[name]),
  )
}

/** A tables line's head and arrays (views of `line`), checked for their types. Throws if wrong. */
export function decodeTables(line: Buffer): { head: TablesHead; arrays: TableArrays } {
  const { json, arrays: list } = decodeFrame(line)
  if (list.length !== NAMES.length) throw new Error('the tables have another layout')
  const named = {} as Record<ArrayName, FrameArray>
  NAMES.forEach((name, i) => {
    const array = list[i] as FrameArray
    if (!(array instanceof TABLE_ARRAYS[name])) throw new Error('the tables have another layout')
    named[name] = array
  })
  const saved = json as SavedHead
  if (
    typeof saved !== 'object' ||
    saved === null ||
    !Number.isSafeInteger(saved.nextParagraphId) ||
    typeof saved.paragraphsDigest !== 'string' ||
    typeof saved.paragraphs !== 'object'
  ) {
    throw new Error('the tables have another layout')
  }
  const arrays = named as TableArrays
  const count = arrays.lexiconCounts.length
  const [words, terms, displays] = [
    readWords(arrays.lexiconWords, count),
    readWords(arrays.lexiconTerms, count),
    readWords(arrays.lexiconDisplays, count),
  ]
  const lexicon = words.map((word, i): LexiconRow => {
    const display = displays[i] as string
    const row: LexiconRow = [word, terms[i] || null, arrays.lexiconCounts[i] as number]
    if (display !== '') row.push(display)
    return row
  })
  const head: TablesHead = {
    ...saved,
    tokenTerms: readWords(arrays.tokenTerms),
    lexicon,
    paragraphs: { ...saved.paragraphs, terms: readWords(arrays.postingTerms) },
  }
  return { head, arrays }
}

/** Words as a newline-separated UTF-8 text (see `SavedHead`). */
function wordList(words: readonly string[]): Uint8Array {
  for (const word of words)
    if (word.includes('\n'))
      throw new Error(`newsdex: a word holds a newline: ${JSON.stringify(word)}`)
  return Buffer.from(words.join('\n'))
}

/** The words of a `wordList`; `count` tells one empty word from none, when it is known. */
function readWords(bytes: Uint8Array, count?: number): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  const words = count === 0 || (count === undefined && text === '') ? [] : text.split('\n')
  if (count !== undefined && words.length !== count) throw new Error('the lexicon is cut short')
  return words
}
