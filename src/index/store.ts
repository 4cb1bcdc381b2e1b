import { type FileHandle, open } from 'node:fs/promises'
import type { Article } from '../articles/types.ts'
import { copyRange, writeAtomically, writeParts } from './atomic-file.ts'
import { decodeFrame, encodeFrame, type FrameArray } from './binary-frame.ts'
import { commaSeparated } from './json-parts.ts'
import { Lexicon, type LexiconRow } from './lexicon.ts'
import { incompatibility, type Manifest } from './manifest.ts'
import { type ArticleEntry, type IndexChange, NewsIndex } from './news-index.ts'
import { ParagraphIndex } from './paragraph-index.ts'
import { checkPostingTable, type PostingTable } from './posting-table.ts'
import { TermNumbers } from './term-numbers.ts'

/**
 * A saved index is one file of lines, so that each part can be read without the others and
 * the file replaced atomically:
 *
 * 1. the manifest (JSON), so an index can be judged without parsing the rest;
 * 2. the articles, as read (a JSON `Article[]`);
 * 3. the tables built from them, as a binary frame (binary-frame.ts) of `TablesHead` and the
 *    typed arrays listed there: where each article's paragraphs are numbered, their analysed
 *    tokens, the lexicon and the paragraph index's `PostingTable`. Loading them is copying bytes;
 * 4. and on, changes (`IndexChange`, JSON) that an incremental build appended instead of saving
 *    the tables anew: loading applies them in order. A full save folds them in.
 *
 * The manifest gives the byte length of every other line, so an incremental build reads the
 * articles and the changes without the tables, and copies the tables as bytes: adding one
 * article to a large index costs neither loading nor encoding all of it.
 */
interface TablesHead {
  nextParagraphId: number
  /** The terms of the packed tokens, in number order. */
  tokenTerms: string[]
  lexicon: LexiconRow[]
  paragraphs: Pick<
    PostingTable,
    'documentCount' | 'nextId' | 'dirtCount' | 'averageFieldLength' | 'terms'
  >
}

/**
 * The frame's arrays, in order. Per article of line 2: its JSON's byte length (so that it can be
 * parsed alone) and its first paragraph id; the packed tokens of every article's title and
 * paragraphs, in that order, end to end, and where each ends; then the `PostingTable`'s.
 */
const TABLE_ARRAYS = [
  'articleBytes',
  'firsts',
  'tokenEnds',
  'tokenBytes',
  'shortIds',
  'paragraphIds',
  'fieldLength',
  'starts',
  'ids',
  'tfs',
] as const

/**
 * Each article's saved JSON, once written: an index never changes an article it holds (an
 * update replaces it), so the next save after an incremental update encodes afresh only the
 * articles it added. Held weakly, it goes with the article.
 */
const savedJson = new WeakMap<ArticleEntry, Buffer>()

function jsonOf(entry: ArticleEntry): Buffer {
  let json = savedJson.get(entry)
  if (json === undefined) {
    json = Buffer.from(JSON.stringify(entry.article))
    savedJson.set(entry, json)
  }
  return json
}

/** An index that cannot be used: says what is wrong and how to fix it. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

const REBUILD_HINT = 'rebuild it with `npm run build-index`'

/** Writes the index to `path` atomically, in full. Returns its size. */
export async function saveIndex(
  index: NewsIndex,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const entries = index.articleTable()
  const json = entries.map(jsonOf)
  const articles = [Buffer.from('['), ...commaSeparated(json), Buffer.from(']\n')]
  const tables = encodeTables(index, entries, json)
  const lines = [byteLength(articles), byteLength(tables)]
  const size = await writeAtomically(path, (file) =>
    writeParts(file, [jsonLine({ ...manifest, lines }), ...articles, ...tables]),
  )
  index.manifest = manifest
  return size
}

function encodeTables(index: NewsIndex, entries: ArticleEntry[], json: Buffer[]): Buffer[] {
  const table = index.paragraphs.serialize()
  const tokenEnds = new Int32Array(entries.length + index.nextParagraphId)
  let count = 0
  let bytes = 0
  for (const entry of entries) {
    for (const packed of [entry.titleTokens, ...entry.tokens]) {
      bytes += packed.length
      tokenEnds[count++] = bytes
    }
  }
  const tokenBytes = new Uint8Array(bytes)
  let at = 0
  for (const entry of entries) {
    for (const packed of [entry.titleTokens, ...entry.tokens]) {
      tokenBytes.set(packed, at)
      at += packed.length
    }
  }
  const head: TablesHead = {
    nextParagraphId: index.nextParagraphId,
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
  const arrays: Record<(typeof TABLE_ARRAYS)[number], FrameArray> = {
    articleBytes: Int32Array.from(json, (part) => part.length),
    firsts: Int32Array.from(entries, (entry) => entry.first),
    tokenEnds: tokenEnds.subarray(0, count),
    tokenBytes,
    shortIds: table.shortIds,
    paragraphIds: table.paragraphIds,
    fieldLength: table.fieldLength,
    starts: table.starts,
    ids: table.ids,
    tfs: table.tfs,
  }
  return encodeFrame(
    head,
    TABLE_ARRAYS.map((name) => arrays[name]),
  )
}

/**
 * A saved index's articles without its tables: what an incremental build needs to tell what
 * changed, at a fraction of the cost of loading the index.
 */
export interface SavedArticles {
  manifest: Manifest
  /** The articles by id, with the saved changes applied. */
  articles: Map<string, Article>
  /** How many articles the saved changes add or remove (an update counts twice). */
  pendingChanges: number
}

/** Reads a saved index's manifest, articles and changes; refuses as `loadIndex` does. */
export async function readSavedArticles(path: string): Promise<SavedArticles> {
  const opened = await openIndexFile(path)
  try {
    const [articlesLine, , ...changeLines] = opened.lines as [Line, Line, ...Line[]]
    const listed = (await readJson(opened, articlesLine)) as Article[]
    const changes = [] as IndexChange[]
    for (const changeLine of changeLines)
      changes.push((await readJson(opened, changeLine)) as IndexChange)
    return readable(path, () => {
      const articles = new Map<string, Article>()
      for (const article of listed) articles.set(article.id, article)
      let pendingChanges = 0
      for (const change of changes) {
        for (const id of change.removed) articles.delete(id)
        for (const article of change.added) articles.set(article.id, article)
        pendingChanges += change.removed.length + change.added.length
      }
      return { manifest: opened.manifest, articles, pendingChanges }
    })
  } finally {
    await opened.file.close()
  }
}

/**
 * Saves the index at `path`, the one `saved` was read from, with `change` appended, under a new
 * manifest: its articles, tables and earlier changes are copied as bytes, for the next load to
 * apply the change. Returns the new size.
 */
export async function appendChange(
  saved: SavedArticles,
  change: IndexChange,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const opened = await openIndexFile(path)
  try {
    assertSameBuild(saved.manifest, opened.manifest, path)
    const changeLine = jsonLine(change)
    const lines = [...opened.lines.map(({ length }) => length), changeLine.length]
    const start = opened.lines[0]?.start ?? opened.size
    return await writeAtomically(path, async (file) => {
      await writeParts(file, [jsonLine({ ...manifest, lines })])
      await copyRange(opened.file, file, start, opened.size)
      await writeParts(file, [changeLine])
    })
  } finally {
    await opened.file.close()
  }
}

/**
 * Throws unless `now` is the manifest `read` was: an update worked out against one build must
 * not be saved over another that replaced it meanwhile (a concurrent build).
 */
export function assertSameBuild(read: Manifest, now: Manifest | undefined, path: string): void {
  if (now?.buildId !== read.buildId) {
    throw new Error(`the index at ${path} was replaced during the update; run the update again`)
  }
}

/** Term-field slots of the paragraph table checked between two pauses of a load. */
const CHECKED_SLOTS = 4096

/** How `loadIndex` shares the event loop while it loads. */
export interface LoadOptions {
  /**
   * Hand the event loop back (a `setImmediate`) whenever this many ms of loading have passed, so
   * that a server keeps answering while it loads a new index beside the one it serves. Defaults
   * to none: the load runs through, as a starting process wants.
   */
  sliceMs?: number
  /** Stops the load (it rejects with the signal's reason) between slices: a newer file came. */
  signal?: AbortSignal
  /** Told, every few hundred articles, how many articles have been read or restored. */
  onProgress?: (articles: number) => void
}

/** Loads a saved index, refusing with an IndexLoadError one that is missing, corrupt or incompatible. */
export async function loadIndex(path: string, options: LoadOptions = {}): Promise<NewsIndex> {
  const pause = pauser(options)
  const opened = await openIndexFile(path)
  let articleLine: Buffer
  let tableLine: Buffer
  const changes: IndexChange[] = []
  try {
    const [articles, tables, ...rest] = opened.lines as [Line, Line, ...Line[]]
    articleLine = await readLine(opened, articles)
    tableLine = await readLine(opened, tables)
    for (const change of rest) changes.push((await readJson(opened, change)) as IndexChange)
  } finally {
    await opened.file.close()
  }
  const { head, arrays } = readable(path, () => decodeTables(tableLine))
  const articles = await readArticlesLine(path, articleLine, arrays.articleBytes, pause)
  const table: PostingTable = {
    ...head.paragraphs,
    shortIds: arrays.shortIds,
    paragraphIds: arrays.paragraphIds,
    fieldLength: arrays.fieldLength,
    starts: arrays.starts,
    ids: arrays.ids,
    tfs: arrays.tfs,
  }
  // In parts of a few thousand term-field slots: checking every posting takes a while.
  for (let from = 1; from === 1 || from < table.starts.length; from += CHECKED_SLOTS) {
    readable(path, () => checkPostingTable(table, head.nextParagraphId, from, from + CHECKED_SLOTS))
    await pause(articles.length)
  }
  const index = readable(path, () => {
    if (arrays.firsts.length !== articles.length) {
      throw new Error('the tables do not match the articles')
    }
    return new NewsIndex(
      ParagraphIndex.fromTable(table, head.nextParagraphId),
      Lexicon.fromRows(head.lexicon),
      TermNumbers.from(head.tokenTerms),
      head.nextParagraphId,
      opened.manifest.nearCopyThreshold,
    )
  })
  const { firsts, tokenEnds, tokenBytes } = arrays
  let token = 0
  let start = 0
  const packed = () => {
    const end = tokenEnds[token++]
    if (end === undefined || end < start || end > tokenBytes.length) {
      throw new Error('the packed tokens do not match the articles')
    }
    const bytes = tokenBytes.subarray(start, end)
    start = end
    return bytes
  }
  for (let i = 0; i < articles.length; i++) {
    const article = articles[i] as Article
    readable(path, () => {
      const first = firsts[i] as number
      if (first < 0 || first + article.paragraphs.length > head.nextParagraphId) {
        throw new Error('an article lies outside the paragraph table')
      }
      const titleTokens = packed()
      index.restore({ article, first, titleTokens, tokens: article.paragraphs.map(packed) })
    })
    if (i % 1024 === 0) await pause(i)
  }
  readable(path, () => {
    if (token !== tokenEnds.length) throw new Error('the packed tokens do not match the articles')
    for (const change of changes) index.apply(change)
  })
  index.manifest = opened.manifest
  return index
}

/** Resolves at once until `sliceMs` have passed since the last pause, then after a setImmediate. */
function pauser({ sliceMs, signal, onProgress }: LoadOptions): (articles: number) => Promise<void> {
  let since = performance.now()
  return async (articles) => {
    onProgress?.(articles)
    signal?.throwIfAborted()
    if (sliceMs === undefined || performance.now() - since < sliceMs) return
    await new Promise<void>((resolve) => setImmediate(resolve))
    signal?.throwIfAborted()
    since = performance.now()
  }
}

type TableArrays = {
  [name in (typeof TABLE_ARRAYS)[number]]: name extends 'tokenBytes' ? Uint8Array : Int32Array
}

/** The tables line's head and arrays, checked for their types. */
function decodeTables(line: Buffer): { head: TablesHead; arrays: TableArrays } {
  const { json, arrays } = decodeFrame(line)
  if (arrays.length !== TABLE_ARRAYS.length) throw new Error('the tables have another layout')
  const named = {} as Record<string, FrameArray>
  TABLE_ARRAYS.forEach((name, i) => {
    const array = arrays[i] as FrameArray
    const wanted = name === 'tokenBytes' ? Uint8Array : Int32Array
    if (!(array instanceof wanted)) throw new Error('the tables have another layout')
    named[name] = array
  })
  const head = json as TablesHead
  if (
    typeof head !== 'object' ||
    head === null ||
    !Number.isSafeInteger(head.nextParagraphId) ||
    !Array.isArray(head.tokenTerms) ||
    !Array.isArray(head.lexicon) ||
    !Array.isArray(head.paragraphs?.terms)
  ) {
    throw new Error('the tables have another layout')
  }
  return { head, arrays: named as TableArrays }
}

/**
 * Parses the articles line: whole when loading runs through, article by article (each one's
 * byte length is in the tables) when it pauses, so no one parse holds the event loop long.
 */
async function readArticlesLine(
  path: string,
  line: Buffer,
  lengths: Int32Array,
  pause: (articles: number) => Promise<void>,
): Promise<Article[]> {
  const articles: Article[] = []
  let at = 1
  for (let i = 0; i < lengths.length; i++) {
    const length = lengths[i] as number
    const end = at + length
    if (length <= 0 || end >= line.length) throw corrupt(path)
    try {
      articles.push(JSON.parse(line.toString('utf8', at, end)) as Article)
    } catch {
      throw corrupt(path)
    }
    at = end + 1
    if (i % 256 === 0) await pause(i)
  }
  // `[`, the articles with a comma between each two, `]`, the newline.
  if (at !== line.length - (lengths.length === 0 ? 2 : 1)) throw corrupt(path)
  return articles
}

/** Reads only the manifest of a saved index (cheap: the first line). */
export async function readManifest(path: string): Promise<Manifest> {
  const file = await openIndex(path)
  try {
    return parseManifest(await readFirstLine(file), path)
  } finally {
    await file.close()
  }
}

/** A line of the file after the manifest: where it starts, and its length with its newline. */
interface Line {
  start: number
  length: number
}

/** An index file, open: its manifest, checked, and where its other lines are. */
interface OpenedIndex {
  file: FileHandle
  path: string
  manifest: Manifest
  lines: Line[]
  size: number
}

async function openIndexFile(path: string): Promise<OpenedIndex> {
  const file = await openIndex(path)
  try {
    const { size } = await file.stat()
    const first = await readFirstLine(file)
    const manifest = parseManifest(first, path)
    const lengths = manifest.lines
    const valid =
      Array.isArray(lengths) &&
      lengths.length >= 2 &&
      lengths.every((length) => Number.isSafeInteger(length) && length > 0)
    const lines: Line[] = []
    let start = first.length + 1
    for (const length of valid ? lengths : []) {
      lines.push({ start, length })
      start += length
    }
    // Right by construction, since a build writes the lines and their lengths together; wrong,
    // the file was cut short or changed by something else.
    if (!valid || start !== size) throw corrupt(path)
    return { file, path, manifest, lines, size }
  } catch (error) {
    await file.close()
    throw error
  }
}

/**
 * One line of an opened index, with its newline, in a buffer of its own (so that the typed
 * arrays of a binary frame can be views of it: it starts 8-byte aligned).
 */
async function readLine(opened: OpenedIndex, { start, length }: Line): Promise<Buffer> {
  const bytes = Buffer.allocUnsafeSlow(length)
  for (let done = 0; done < length; ) {
    const { bytesRead } = await opened.file.read(bytes, done, length - done, start + done)
    if (bytesRead === 0) throw corrupt(opened.path)
    done += bytesRead
  }
  if (bytes[length - 1] !== 0x0a) throw corrupt(opened.path)
  return bytes
}

/** Parses one JSON line of an opened index. */
async function readJson(opened: OpenedIndex, line: Line): Promise<unknown> {
  const bytes = await readLine(opened, line)
  try {
    return JSON.parse(bytes.toString('utf8', 0, line.length - 1))
  } catch {
    throw corrupt(opened.path)
  }
}

/** The first line of a file, without its newline (empty when there is none). */
async function readFirstLine(file: FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = []
  let position = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024)
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position)
    if (bytesRead === 0) return Buffer.alloc(0)
    const newline = chunk.subarray(0, bytesRead).indexOf(0x0a)
    chunks.push(chunk.subarray(0, newline === -1 ? bytesRead : newline))
    if (newline !== -1) return Buffer.concat(chunks)
    position += bytesRead
  }
}

/** Runs `build` over a saved index's parsed lines, turning a wrong shape into an IndexLoadError. */
function readable<T>(path: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    throw new IndexLoadError(
      `The index at ${path} could not be read (${(error as Error).message}); ${REBUILD_HINT}.`,
    )
  }
}

function corrupt(path: string): IndexLoadError {
  return new IndexLoadError(`The index at ${path} is truncated or corrupt; ${REBUILD_HINT}.`)
}

/** A line of JSON. */
function jsonLine(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`)
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0)
}

async function openIndex(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new IndexLoadError(`No index at ${path}; build one with \`npm run build-index\`.`)
    throw new IndexLoadError(`The index at ${path} cannot be opened (${code}).`)
  }
}

/** Parses and checks a manifest line (decoded whole: a character may straddle two chunks). */
function parseManifest(line: Buffer, path: string): Manifest {
  let manifest: Manifest
  try {
    manifest = JSON.parse(line.toString('utf8')) as Manifest
  } catch {
    throw corrupt(path)
  }
  const problem =
    typeof manifest === 'object' && manifest !== null
      ? incompatibility(manifest)
      : 'it is not a newsdex index'
  if (problem !== null) {
    throw new IndexLoadError(`The index at ${path} cannot be used: ${problem}; ${REBUILD_HINT}.`)
  }
  return manifest
}
