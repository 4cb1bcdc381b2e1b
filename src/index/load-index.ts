import { createHash } from 'node:crypto'
import type { Article } from '../articles/types.ts'
import { elementRanges, parseElements, withLazyParagraphs } from './article-lines.ts'
import {
  corrupt,
  IndexLoadError,
  type Line,
  openIndexFile,
  readable,
  readJson,
  readLine,
  readSources,
} from './index-file.ts'
import { Lexicon } from './lexicon.ts'
import {
  checkTokenCount,
  checkTokenEnds,
  LoadedEntry,
  type PackedTokenTable,
} from './loaded-entry.ts'
import type { IndexSources } from './manifest.ts'
import { type IndexChange, NewsIndex } from './news-index.ts'
import { ParagraphIndex } from './paragraph-index.ts'
import { checkPostingTable, type PostingTable } from './posting-table.ts'
import { decodeTables, type TableArrays } from './tables.ts'
import { TermNumbers } from './term-numbers.ts'

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

/** Resolves at once, or after a turn of the event loop when a slice is over (see `pauser`). */
export type Pause = (articles: number) => Promise<void>

/** Term-field slots of the paragraph table checked between two pauses of a load. */
const CHECKED_SLOTS = 4096

/** Articles restored between two pauses of a load. */
const RESTORED_ARTICLES = 1024

/** The lines of an index file a load reads, as bytes, and its changes, parsed. */
interface ReadLines {
  articles: Buffer
  paragraphs: Buffer
  tables: Buffer
  changes: IndexChange[]
  sources: IndexSources | undefined
}

/**
 * Loads a saved index, refusing with an IndexLoadError one that is missing, corrupt or
 * incompatible. The index comes back ready to search: what every search reads and an index
 * derives (its article numbering, its near-copy groups, the lexicon's radix tree) is made here,
 * between pauses, so that neither the first search after a start nor the first after a swap
 * pays for it (`prepareForSearch` in search/ makes what a search derives of it).
 */
export async function loadIndex(path: string, options: LoadOptions = {}): Promise<NewsIndex> {
  const pause = pauser(options)
  const { manifest, lines } = await readLines(path, options.sources === true)
  await pause(0)
  const { head, arrays } = readable(path, () => decodeTables(lines.tables))
  // The digest first: hashing reads every page of the paragraphs line, in slices.
  await checkDigest(path, lines.paragraphs, head.paragraphsDigest, pause)
  // `readable` for work that pauses: what a pause throws (the load was stopped) passes through.
  const readableLater = async <T>(build: () => Promise<T>): Promise<T> => {
    try {
      return await build()
    } catch (error) {
      if (options.signal?.aborted || error instanceof IndexLoadError) throw error
      return readable(path, () => {
        throw error
      })
    }
  }
  const articleRanges = await readableLater(() =>
    elementRanges(lines.articles, arrays.articleBytes, pause),
  )
  const paragraphRanges = await readableLater(() =>
    elementRanges(lines.paragraphs, arrays.paragraphBytes, pause),
  )
  let articles: Article[]
  try {
    articles = (await parseElements(lines.articles, articleRanges, pause)) as Article[]
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
      manifest.nearCopyThreshold,
    )
  })
  const tokens = { bytes: arrays.tokenBytes, ends: arrays.tokenEnds }
  readable(path, () => checkTokenCount(tokens, arrays.paragraphCounts))
  const restoring = {
    index,
    articles,
    arrays,
    tokens,
    line: lines.paragraphs,
    paragraphRanges,
    at: 0,
  }
  for (let from = 0; from < articles.length; from += RESTORED_ARTICLES) {
    readable(path, () => restoreArticles(restoring, from, from + RESTORED_ARTICLES))
    await pause(from)
  }
  const ids = articles.map((article) => article.id)
  const { nearSignatures: signatures, nearSigned: signed, nearLinks: links } = arrays
  readable(path, () => index.nearCopies.restore(ids, { signatures, signed, links }))
  await pause(articles.length)
  readable(path, () => {
    for (const change of lines.changes) index.apply(change)
  })
  await pause(articles.length)
  index.nearCopies.groups()
  await pause(articles.length)
  index.articleNumbers()
  await index.lexicon.makeTree(() => pause(articles.length))
  index.manifest = manifest
  index.sources = lines.sources
  return index
}

/** Reads the lines a load needs; the file is closed when they are read. */
async function readLines(path: string, withSources: boolean) {
  const opened = await openIndexFile(path)
  try {
    const [sourcesLine, articles, paragraphs, tables, ...rest] = opened.lines as [
      Line,
      Line,
      Line,
      Line,
    ]
    const sources = withSources ? await readSources(opened, sourcesLine) : undefined
    const lines: ReadLines = {
      articles: await readLine(opened, articles),
      paragraphs: await readLine(opened, paragraphs),
      tables: await readLine(opened, tables),
      changes: [],
      sources,
    }
    for (const change of rest) lines.changes.push((await readJson(opened, change)) as IndexChange)
    return { manifest: opened.manifest, lines }
  } finally {
    await opened.file.close()
  }
}

/** What `restoreArticles` registers the articles of a load from. */
interface Restoring {
  index: NewsIndex
  articles: Article[]
  arrays: TableArrays
  tokens: PackedTokenTable
  /** The paragraphs line, and where each article's paragraphs lie on it. */
  line: Buffer
  paragraphRanges: Int32Array
  /** The next article's title's number in `tokens.ends` (its paragraphs' follow). */
  at: number
}

/** Registers articles `from` up to `to` in the index, at their saved paragraph ids. Throws if wrong. */
function restoreArticles(restoring: Restoring, from: number, to: number): void {
  const { index, articles, arrays, tokens, line, paragraphRanges } = restoring
  const { firsts, paragraphCounts } = arrays
  for (let i = from; i < Math.min(to, articles.length); i++) {
    const article = articles[i] as Article
    const first = firsts[i] as number
    const count = paragraphCounts[i] as number
    // Its paragraphs are on the paragraphs line; `0` keeps their place (article-lines.ts).
    if (typeof article !== 'object' || (article as { paragraphs?: unknown }).paragraphs !== 0)
      throw new Error('an article is not one')
    if (first < 0 || count < 0 || first + count > index.nextParagraphId) {
      throw new Error('an article lies outside the paragraph table')
    }
    checkTokenEnds(tokens, restoring.at, restoring.at + 1 + count)
    const [start, end] = [paragraphRanges[2 * i] as number, paragraphRanges[2 * i + 1] as number]
    const loaded = withLazyParagraphs(article, line, start, end)
    articles[i] = loaded
    index.restore(new LoadedEntry(loaded, first, count, tokens, restoring.at))
    restoring.at += 1 + count
  }
}

/** Resolves at once until `sliceMs` have passed since the last pause, then after a setImmediate. */
export function pauser({ sliceMs, signal, onProgress }: LoadOptions): Pause {
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
  pause: Pause,
): Promise<void> {
  const hash = createHash('sha1')
  for (let at = 0; at < line.length; at += HASHED_BYTES) {
    hash.update(line.subarray(at, at + HASHED_BYTES))
    await pause(0)
  }
  if (hash.digest('hex') !== digest) throw corrupt(path)
}
