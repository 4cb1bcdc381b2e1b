import { type FileHandle, open } from 'node:fs/promises'
import type { Article } from '../articles/types.ts'
import { copyRange, writeAtomically, writeParts } from './atomic-file.ts'
import { commaSeparated } from './json-parts.ts'
import { Lexicon, type LexiconRow } from './lexicon.ts'
import { incompatibility, type Manifest } from './manifest.ts'
import { type ArticleEntry, type IndexChange, NewsIndex } from './news-index.ts'
import { type CompactParagraphIndex, ParagraphIndex } from './paragraph-index.ts'
import { TermNumbers } from './token-table.ts'

/**
 * A saved index is one file of JSON lines, so that each part can be read without the others and
 * the file replaced atomically:
 *
 * 1. the manifest, so an index can be judged without parsing the rest;
 * 2. the articles, as read (`Article[]`);
 * 3. the tables built from them (`Tables`): where each article's paragraphs are numbered, their
 *    analysed tokens, the lexicon and the paragraph index;
 * 4. and on, changes (`IndexChange`) that an incremental build appended instead of saving the
 *    tables anew: loading applies them in order. A full save folds them in.
 *
 * The manifest gives the byte length of every other line, so an incremental build reads the
 * articles and the changes without the tables, and copies the tables as bytes: adding one
 * article to a large index costs neither loading nor encoding all of it.
 */
interface Tables {
  /** Per article of line 2, in order: its first paragraph id and its packed tokens. */
  entries: SavedEntry[]
  nextParagraphId: number
  /** The terms of the packed tokens, in number order. */
  terms: string[]
  lexicon: LexiconRow[]
  paragraphs: CompactParagraphIndex
}

/** An article's place and tokens, the packed tokens in base64: `[first, title, paragraphs]`. */
type SavedEntry = [first: number, titleTokens: string, tokens: string[]]

/**
 * Each article's saved JSON and table entry, once written: an index never changes an article
 * it holds (an update replaces it), so the next save after an incremental update writes afresh
 * only the articles it added. Held weakly, it goes with the article.
 */
const savedParts = new WeakMap<ArticleEntry, { article: Buffer; entry: Buffer }>()

function partsOf(entry: ArticleEntry): { article: Buffer; entry: Buffer } {
  let parts = savedParts.get(entry)
  if (parts === undefined) {
    const base64 = (packed: Uint8Array) => Buffer.from(packed).toString('base64')
    const saved: SavedEntry = [entry.first, base64(entry.titleTokens), entry.tokens.map(base64)]
    parts = {
      article: Buffer.from(JSON.stringify(entry.article)),
      entry: Buffer.from(JSON.stringify(saved)),
    }
    savedParts.set(entry, parts)
  }
  return parts
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
  const table = index.articleTable().map(partsOf)
  // JSON assembled from parts, so that unchanged ones are not encoded afresh.
  const articles = [
    Buffer.from('['),
    ...commaSeparated(table.map((parts) => parts.article)),
    Buffer.from(']\n'),
  ]
  const tables = [
    Buffer.from('{"entries":['),
    ...commaSeparated(table.map((parts) => parts.entry)),
    Buffer.from(
      `],"nextParagraphId":${index.nextParagraphId},` +
        `"terms":${JSON.stringify(index.termNumbers.terms())},` +
        `"lexicon":${JSON.stringify(index.lexicon.toRows())},"paragraphs":`,
    ),
    ...index.paragraphs.serialize(),
    Buffer.from('}\n'),
  ]
  const lines = [byteLength(articles), byteLength(tables)]
  const size = await writeAtomically(path, (file) =>
    writeParts(file, [jsonLine({ ...manifest, lines }), ...articles, ...tables]),
  )
  index.manifest = manifest
  return size
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

/** Loads a saved index, refusing with an IndexLoadError one that is missing, corrupt or incompatible. */
export async function loadIndex(path: string): Promise<NewsIndex> {
  const opened = await openIndexFile(path)
  let json: unknown[]
  try {
    json = []
    for (const range of opened.lines) json.push(await readJson(opened, range))
  } finally {
    await opened.file.close()
  }
  return readable(path, () => {
    const [articles, tables, ...changes] = json as [Article[], Tables, ...IndexChange[]]
    if (tables.entries.length !== articles.length) {
      throw new Error('the tables do not match the articles')
    }
    const index = new NewsIndex(
      ParagraphIndex.fromCompact(tables.paragraphs),
      Lexicon.fromRows(tables.lexicon),
      TermNumbers.from(tables.terms),
      tables.nextParagraphId,
      opened.manifest.nearCopyThreshold,
    )
    for (const [i, [first, titleTokens, tokens]] of tables.entries.entries()) {
      index.restore({
        article: articles[i] as Article,
        first,
        titleTokens: fromBase64(titleTokens),
        tokens: tokens.map(fromBase64),
      })
    }
    for (const change of changes) index.apply(change)
    index.manifest = opened.manifest
    return index
  })
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

/** Parses one line of an opened index. */
async function readJson(opened: OpenedIndex, { start, length }: Line): Promise<unknown> {
  const bytes = Buffer.allocUnsafe(length)
  for (let done = 0; done < length; ) {
    const { bytesRead } = await opened.file.read(bytes, done, length - done, start + done)
    if (bytesRead === 0) throw corrupt(opened.path)
    done += bytesRead
  }
  if (bytes[length - 1] !== 0x0a) throw corrupt(opened.path)
  try {
    return JSON.parse(bytes.toString('utf8', 0, length - 1))
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

/**
 * Bytes of a base64 string. Small ones are views into Buffer's shared pool, which the tokens
 * of consecutive paragraphs fill one after the other: a copy of each would cost an allocation
 * and about 100 bytes of headers per paragraph.
 */
function fromBase64(text: string): Uint8Array {
  return Buffer.from(text, 'base64')
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
