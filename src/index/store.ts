import { createHash } from 'node:crypto'
import type { Article, Paragraph } from '../articles/types.ts'
import {
  arrayLine,
  attachParagraphs,
  digestOf,
  elementRanges,
  parseElements,
  savedJsonOf,
} from './article-lines.ts'
import { copyRange, writeAtomically, writeParts } from './atomic-file.ts'
import {
  corrupt,
  IndexLoadError,
  type Line,
  type OpenedIndex,
  openIndexFile,
  readable,
  readJson,
  readLine,
  readManifest,
} from './index-file.ts'
import { Lexicon } from './lexicon.ts'
import type { IndexSources, Manifest, ManifestHead } from './manifest.ts'
import { type IndexChange, NewsIndex } from './news-index.ts'
import { ParagraphIndex } from './paragraph-index.ts'
import { checkPostingTable, type PostingTable } from './posting-table.ts'
import { decodeTables, encodeTables } from './tables.ts'
import { TermNumbers } from './term-numbers.ts'

export { IndexLoadError, readManifest }

/**
 * A saved index is one file of lines, so that each part can be read without the others and
 * the file replaced atomically (docs/index-format.md describes it):
 *
 * 1. the manifest (JSON, without the sources), so an index can be judged without the rest;
 * 2. the sources (JSON `IndexSources`: what each file gave), read only by incremental builds;
 * 3. the articles, as read, without their paragraphs, and 4. their paragraphs (article-lines.ts);
 * 5. the tables built from them, as a binary frame (tables.ts): loading them is copying bytes;
 * 6. and on, changes (`IndexChange`, JSON) that an incremental build appended instead of saving
 *    the tables anew: loading applies them in order. A full save folds them in.
 *
 * The manifest gives the byte length of every other line, so an incremental build reads the
 * articles and the changes without the tables, and copies the tables as bytes: adding one
 * article to a large index costs neither loading nor encoding all of it.
 */

/** Writes the index to `path` atomically, in full. Returns its size. */
export async function saveIndex(
  index: NewsIndex,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const entries = index.articleTable()
  const json = entries.map((entry) => savedJsonOf(entry.article))
  const { head, sources } = splitManifest(manifest)
  const sourcesLine = jsonLine(sources)
  const articles = arrayLine(json.map((part) => part.head))
  const paragraphs = arrayLine(json.map((part) => part.paragraphs))
  const tables = encodeTables(index, entries, {
    articleBytes: Int32Array.from(json, (part) => part.head.length),
    paragraphBytes: Int32Array.from(json, (part) => part.paragraphs.length),
    paragraphsDigest: digestOf(paragraphs),
  })
  const parts = [sourcesLine, ...articles, ...paragraphs, ...tables]
  const lines = [sourcesLine.length, byteLength(articles), byteLength(paragraphs)]
  lines.push(byteLength(tables))
  const size = await writeAtomically(path, (file) =>
    writeParts(file, [jsonLine({ ...head, lines }), ...parts]),
  )
  index.manifest = head
  index.sources = sources
  return size
}

/** A manifest as its two lines: the head, and the sources. */
function splitManifest(manifest: Manifest): { head: ManifestHead; sources: IndexSources } {
  const { files, skipped, ...head } = manifest
  return { head, sources: { files, skipped } }
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
    const [sourcesLine, articlesLine, paragraphsLine, , ...changeLines] = opened.lines as [
      Line,
      Line,
      Line,
      Line,
    ]
    const sources = await readSources(opened, sourcesLine)
    const listed = (await readJson(opened, articlesLine)) as Article[]
    const paragraphs = (await readJson(opened, paragraphsLine)) as Paragraph[][]
    const changes = [] as IndexChange[]
    for (const changeLine of changeLines)
      changes.push((await readJson(opened, changeLine)) as IndexChange)
    return readable(path, () => {
      if (listed.length !== paragraphs.length)
        throw new Error('the paragraphs do not match the articles')
      const articles = new Map<string, Article>()
      listed.forEach((article, i) => {
        article.paragraphs = paragraphs[i] as Paragraph[]
        articles.set(article.id, article)
      })
      let pendingChanges = 0
      for (const change of changes) {
        for (const id of change.removed) articles.delete(id)
        for (const article of change.added) articles.set(article.id, article)
        pendingChanges += change.removed.length + change.added.length
      }
      return { manifest: { ...opened.manifest, ...sources }, articles, pendingChanges }
    })
  } finally {
    await opened.file.close()
  }
}

/** The sources line of an opened index, checked for its shape. */
async function readSources(opened: OpenedIndex, line: Line): Promise<IndexSources> {
  const sources = (await readJson(opened, line)) as IndexSources
  return readable(opened.path, () => {
    if (
      typeof sources !== 'object' ||
      sources === null ||
      typeof sources.files !== 'object' ||
      sources.files === null ||
      !Array.isArray(sources.skipped)
    )
      throw new Error('the sources have another layout')
    return sources
  })
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
    const { head, sources } = splitManifest(manifest)
    const sourcesLine = jsonLine(sources)
    const changeLine = jsonLine(change)
    const [, ...copied] = opened.lines
    const lines = [sourcesLine.length, ...copied.map(({ length }) => length), changeLine.length]
    const start = copied[0]?.start ?? opened.size
    return await writeAtomically(path, async (file) => {
      await writeParts(file, [jsonLine({ ...head, lines }), sourcesLine])
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
export function assertSameBuild(
  read: ManifestHead,
  now: ManifestHead | undefined,
  path: string,
): void {
  if (now?.buildId !== read.buildId) {
    throw new Error(`the index at ${path} was replaced during the update; run the update again`)
  }
}

/** Near-copy links restored between two pauses of a load. */
const RESTORED_LINKS = 16384

/** Term-field slots of the paragraph table checked between two pauses of a load. */
const CHECKED_SLOTS = 4096

/** How `loadIndex` shares the event loop while it loads, and what it reads. */
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
  /**
   * Also read the sources (what each file gave: `NewsIndex.sources`), which an incremental
   * build needs and a server does not. Defaults to `false`.
   */
  sources?: boolean
}

/** Loads a saved index, refusing with an IndexLoadError one that is missing, corrupt or incompatible. */
export async function loadIndex(path: string, options: LoadOptions = {}): Promise<NewsIndex> {
  const pause = pauser(options)
  const opened = await openIndexFile(path)
  let sources: IndexSources | undefined
  let articleLine: Buffer
  let paragraphLine: Buffer
  let tableLine: Buffer
  const changes: IndexChange[] = []
  try {
    const [sourcesLine, articles, paragraphs, tables, ...rest] = opened.lines as [
      Line,
      Line,
      Line,
      Line,
    ]
    if (options.sources) sources = await readSources(opened, sourcesLine)
    articleLine = await readLine(opened, articles)
    paragraphLine = await readLine(opened, paragraphs)
    tableLine = await readLine(opened, tables)
    for (const change of rest) changes.push((await readJson(opened, change)) as IndexChange)
  } finally {
    await opened.file.close()
  }
  const { head, arrays } = readable(path, () => decodeTables(tableLine))
  const [articleRanges, paragraphRanges] = readable(path, () => [
    elementRanges(articleLine, arrays.articleBytes),
    elementRanges(paragraphLine, arrays.paragraphBytes),
  ])
  await checkDigest(path, paragraphLine, head.paragraphsDigest, pause)
  let articles: Article[]
  try {
    articles = (await parseElements(articleLine, articleRanges, pause)) as Article[]
  } catch (error) {
    if (error instanceof SyntaxError) throw corrupt(path)
    throw error
  }
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
    if (
      arrays.firsts.length !== articles.length ||
      arrays.paragraphCounts.length !== articles.length
    ) {
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
  const { firsts, paragraphCounts, tokenEnds, tokenBytes } = arrays
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
      const count = paragraphCounts[i] as number
      // Its paragraphs are on the paragraphs line; `0` keeps their place (article-lines.ts).
      if (typeof article !== 'object' || (article as { paragraphs?: unknown }).paragraphs !== 0)
        throw new Error('an article is not one')
      if (first < 0 || count < 0 || first + count > head.nextParagraphId) {
        throw new Error('an article lies outside the paragraph table')
      }
      const [from, to] = [paragraphRanges[2 * i] as number, paragraphRanges[2 * i + 1] as number]
      attachParagraphs(article, paragraphLine, from, to)
      const titleTokens = packed()
      index.restore({ article, first, titleTokens, tokens: Array.from({ length: count }, packed) })
    })
    if (i % 1024 === 0) await pause(i)
  }
  const ids = articles.map((article) => article.id)
  const { nearSignatures: signatures, nearSigned: signed, nearLinks: links } = arrays
  readable(path, () => {
    if (token !== tokenEnds.length) throw new Error('the packed tokens do not match the articles')
    index.nearCopies.restore(ids, { signatures, signed, links })
  })
  for (let from = 0; from < links.length / 2; from += RESTORED_LINKS) {
    readable(path, () => index.nearCopies.restoreLinks(ids, links, from, from + RESTORED_LINKS))
    await pause(articles.length)
  }
  readable(path, () => {
    for (const change of changes) index.apply(change)
  })
  index.manifest = opened.manifest
  index.sources = sources
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

/** Bytes of the paragraphs line hashed between two pauses of a load. */
const HASHED_BYTES = 16 * 1024 * 1024

/** Refuses a paragraphs line whose SHA-1 is not the one its tables were saved with. */
async function checkDigest(
  path: string,
  line: Buffer,
  digest: string,
  pause: (articles: number) => Promise<void>,
): Promise<void> {
  const parts: Buffer[] = []
  for (let at = 0; at < line.length; at += HASHED_BYTES)
    parts.push(line.subarray(at, at + HASHED_BYTES))
  const hash = createHash('sha1')
  for (const part of parts) {
    hash.update(part)
    await pause(0)
  }
  if (hash.digest('hex') !== digest) throw corrupt(path)
}

/** A line of JSON. */
function jsonLine(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`)
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0)
}
