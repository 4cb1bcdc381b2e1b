import { createHash } from 'node:crypto'
import type { Article, Paragraph } from '../articles/types.ts'
import { commaSeparated } from './json-parts.ts'

/**
 * How articles are saved: two JSON arrays on two lines of the index file, one element per
 * article in the same order. The first holds each article without its paragraphs (`"paragraphs"`
 * is `0` there, so that the article keeps its key order); the second, each article's paragraphs.
 * A load parses the first and leaves the second as bytes, decoding an article's paragraphs when
 * it is first shown: they are most of the text, and a search reads the packed tokens instead.
 */
export interface ArticleJson {
  head: Buffer
  paragraphs: Buffer
}

/** An article's two saved parts. */
export function encodeArticle(article: Article): ArticleJson {
  return {
    head: Buffer.from(JSON.stringify({ ...article, paragraphs: 0 })),
    paragraphs: Buffer.from(JSON.stringify(article.paragraphs)),
  }
}

/**
 * Each article's saved JSON, once encoded: an index never changes an article it holds (an
 * update replaces it), so a save after an incremental update encodes afresh only the articles
 * it added, and a full build encodes each as it indexes it rather than all at the end. Held
 * weakly, it goes with the article.
 */
const savedJson = new WeakMap<Article, ArticleJson>()

/** An article's two saved parts, encoded once (see `savedJson`). */
export function savedJsonOf(article: Article): ArticleJson {
  let json = savedJson.get(article)
  if (json === undefined) {
    json = encodeArticle(article)
    savedJson.set(article, json)
  }
  return json
}

/**
 * Takes an article's two saved parts as encoded elsewhere (by the build worker that read it),
 * for `savedJsonOf` to give.
 */
export function rememberSavedJson(article: Article, json: ArticleJson): void {
  savedJson.set(article, json)
}

/** A JSON array of `elements` (each one JSON) as parts to write, with its newline. */
export function arrayLine(elements: readonly Buffer[]): Buffer[] {
  return [Buffer.from('['), ...commaSeparated(elements), Buffer.from(']\n')]
}

/** The hash a load checks the paragraphs line against, since it does not parse it. */
export function digestOf(parts: readonly Uint8Array[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

/** Elements split between two pauses of `elementRanges`. */
const SPLIT_AT_ONCE = 16384

/**
 * Where each element of an array line lies, given each one's byte length: `[start, end)` pairs.
 * Throws unless the line is exactly `[`, the elements with a comma between each two, `]` and
 * its newline. Awaits `pause` every few thousand elements: reading a separator per element
 * touches every page of a line of hundreds of MB.
 */
export async function elementRanges(
  line: Uint8Array,
  lengths: Int32Array,
  pause: (done: number) => Promise<void>,
): Promise<Int32Array> {
  const ranges = new Int32Array(2 * lengths.length)
  if (line[0] !== 0x5b) throw new Error('an article line is not an array')
  let at = 1
  for (let from = 0; from < lengths.length; from += SPLIT_AT_ONCE) {
    at = splitElements(
      line,
      lengths,
      ranges,
      from,
      Math.min(lengths.length, from + SPLIT_AT_ONCE),
      at,
    )
    await pause(from)
  }
  if (lengths.length === 0) at++
  if (at !== line.length - 1) throw new Error('an article line does not end where it should')
  return ranges
}

/** `elementRanges` of elements `from` up to `to`, the first starting at `at`; returns where the next does. */
function splitElements(
  line: Uint8Array,
  lengths: Int32Array,
  ranges: Int32Array,
  from: number,
  to: number,
  start: number,
): number {
  let at = start
  for (let i = from; i < to; i++) {
    const length = lengths[i] as number
    ranges[2 * i] = at
    at += length
    ranges[2 * i + 1] = at
    // Each element is followed by a comma, the last by `]`.
    const after = i === lengths.length - 1 ? 0x5d : 0x2c
    if (length <= 0 || at >= line.length || line[at] !== after)
      throw new Error('an article line does not split where the tables say')
    at++
  }
  return at
}

/** Elements parsed at once (one `JSON.parse`), between two pauses of a load. */
const PARSED_AT_ONCE = 256

/**
 * Parses the elements of an array line whose `ranges` are known, a few hundred at a time, so
 * that no one parse holds the event loop long (`pause` is awaited between them).
 */
export async function parseElements(
  line: Buffer,
  ranges: Int32Array,
  pause: (done: number) => Promise<void>,
): Promise<unknown[]> {
  const count = ranges.length / 2
  const elements: unknown[] = []
  for (let from = 0; from < count; from += PARSED_AT_ONCE) {
    const to = Math.min(count, from + PARSED_AT_ONCE)
    const text = line.toString('utf8', ranges[2 * from], ranges[2 * to - 1])
    const parsed = JSON.parse(`[${text}]`) as unknown
    if (!Array.isArray(parsed) || parsed.length !== to - from)
      throw new Error('an article line does not split where the tables say')
    for (const element of parsed) elements.push(element)
    await pause(from)
  }
  return elements
}

/** Where a loaded article's paragraphs lie on the paragraphs line, and them once read. */
interface UnreadParagraphs {
  line: Buffer
  start: number
  end: number
  paragraphs: Paragraph[] | undefined
}

const UNREAD = Symbol('newsdex.paragraphs')

type LoadedArticle = Article & { [UNREAD]: UnreadParagraphs }

// One getter and setter for every article, so that loaded articles share their hidden classes.
function readParagraphs(this: LoadedArticle): Paragraph[] {
  const unread = this[UNREAD]
  unread.paragraphs ??= JSON.parse(unread.line.toString('utf8', unread.start, unread.end))
  return unread.paragraphs as Paragraph[]
}

function writeParagraphs(this: LoadedArticle, paragraphs: Paragraph[]): void {
  this[UNREAD].paragraphs = paragraphs
}

/**
 * An article read without its paragraphs (`paragraphs` is `0` there), as a copy whose
 * `paragraphs` decode them from `line` at `[start, end)` when first read. A copy, with the keys
 * in their order: turning the parsed object's data property into an accessor put every article
 * in V8's dictionary mode, more than twice the heap per article and slower to read.
 */
export function withLazyParagraphs(
  parsed: Article,
  line: Buffer,
  start: number,
  end: number,
): Article {
  const article = {} as Record<string, unknown>
  for (const key in parsed) {
    if (key === 'paragraphs') {
      Object.defineProperty(article, key, {
        enumerable: true,
        configurable: true,
        get: readParagraphs,
        set: writeParagraphs,
      })
    } else {
      article[key] = parsed[key as keyof Article]
    }
  }
  const unread: UnreadParagraphs = { line, start, end, paragraphs: undefined }
  Object.defineProperty(article, UNREAD, { value: unread })
  return article as unknown as Article
}
