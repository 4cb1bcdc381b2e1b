// The public entry of the articles stage: a folder in, cleaned `Article` records out, with a
// reason for every file passed over. `parseFile` and `dedupeArticles` are pure and reusable per
// file; `readArticles` adds the walking and reading.
import { createHash } from 'node:crypto'
import { Deduplicator, type DuplicateArticle, dedupeArticles } from './dedupe.ts'
import { UniqueIds } from './id.ts'
import {
  DEFAULT_MAX_FILE_BYTES,
  isArticleFile,
  type ParsedFile,
  type ParseOptions,
  parseFile,
} from './parse-file.ts'
import type { Article, SkippedFile } from './types.ts'
import { type FileStamp, fileStamps, readSource, readSourceSync, walkFolder } from './walk.ts'

export {
  DEFAULT_MAX_FILE_BYTES,
  type DuplicateArticle,
  dedupeArticles,
  isArticleFile,
  type ParsedFile,
  parseFile,
}

export interface ReadOptions extends ParseOptions {
  /** Globs (picomatch) matched against the path relative to the folder and against the base name. */
  exclude?: string[]
  onProgress?: (done: number, total: number, file: string) => void
  /**
   * What a file parsed to last time, given its path and the SHA-256 of its bytes now: returned
   * instead of parsing again (incremental rebuilds). Undefined means parse it.
   */
  reuse?: (file: string, hash: string) => ParsedFile | undefined
  /**
   * What the last build saw of a file. When its size and modification time are the same now,
   * it is not read again and its hash is trusted (as make and rsync trust them), so that an
   * incremental rebuild reads only what changed.
   */
  known?: (file: string) => SourceFile | undefined
  /**
   * Reads and parses one file (`file` relative to the folder, `path` to open), as `readFile`
   * here does: a build hands files to worker threads through it. Used for the files that
   * `known` and `reuse` do not settle.
   */
  readFile?: (file: string, path: string) => Promise<FileOutcome>
  /**
   * Hears each article of the result as soon as every file before it has been read, in the
   * result's order (duplicates dropped, ids unique), so that a build indexes while it reads.
   * `parsed` is the object its file parsed to: the article itself, unless it was renamed.
   */
  onArticle?: (article: Article, parsed: Article) => void
}

/** What reading one file gave: its parse, and what it was (unless it could not be read). */
export interface FileOutcome {
  parsed: ParsedFile
  source?: SourceFile
}

/** A file read successfully: relative path, size, SHA-256 (hex) of its bytes. */
export interface SourceFile {
  file: string
  bytes: number
  hash: string
  /** Modification time, in milliseconds since the epoch. */
  modified: number
}

export interface ReadResult {
  articles: Article[]
  skipped: SkippedFile[]
  duplicates: DuplicateArticle[]
  /** How many distinct contents were found in more than one file. */
  duplicateGroups: number
  /** Every file read successfully (duplicates included), for the manifest and rebuilds. */
  sources: SourceFile[]
  /** Files whose extension is not an article format (not errors). */
  ignored: string[]
  /** Files that were not valid UTF-8 and were decoded as Windows-1252. */
  cp1252Files: string[]
  bytes: number
}

const CONCURRENCY = 16

/** Runs `task` over `items` with at most `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  task: (item: T, i: number) => Promise<void>,
) {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      await task(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** What a file parsed to last time, when its size and time match what the last build saw. */
function unchanged(file: string, stamp: FileStamp | undefined, options: ReadOptions) {
  const previous = options.known?.(file)
  if (previous === undefined || stamp === undefined) return undefined
  if (stamp.bytes !== previous.bytes || stamp.modified !== previous.modified) return undefined
  const parsed = options.reuse?.(file, previous.hash)
  return parsed === undefined ? undefined : { parsed, source: previous }
}

/**
 * Reads one file (`file` relative to the folder, at `path`) and parses it, unless `reuse` knows
 * what its bytes parse to.
 */
export async function readFile(
  file: string,
  path: string,
  options: ReadOptions = {},
): Promise<FileOutcome> {
  return outcomeOf(
    file,
    await readSource(path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    options,
  )
}

/** `readFile` reading synchronously: for a build worker thread (see `readSourceSync`). */
export function readFileSync(file: string, path: string, options: ReadOptions = {}): FileOutcome {
  return outcomeOf(
    file,
    readSourceSync(path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES),
    options,
  )
}

/** What a file read (or refused) gives: its parse, unless `reuse` knows it by its hash. */
function outcomeOf(
  file: string,
  read: { bytes: Uint8Array; modified: number } | { skip: string },
  options: ReadOptions,
): FileOutcome {
  if ('skip' in read) return { parsed: read }
  const hash = createHash('sha256').update(read.bytes).digest('hex')
  const source: SourceFile = { file, bytes: read.bytes.length, hash, modified: read.modified }
  const parsed = options.reuse?.(file, hash) ?? parseFile(file, read.bytes, options)
  return { parsed, source }
}

/** A read that found just `articles`, nothing skipped: for articles that came from elsewhere. */
export function readResultOf(articles: Article[]): ReadResult {
  return {
    articles,
    skipped: [],
    duplicates: [],
    duplicateGroups: 0,
    sources: [],
    ignored: [],
    cp1252Files: [],
    bytes: 0,
  }
}

/**
 * Reads every article under `folder`, in sorted path order: parsed, cleaned, deduplicated, with
 * unique ids. A bad file never throws: it is listed in `skipped` with the reason. Throws only
 * when the folder itself is missing or unreadable.
 */
export async function readArticles(folder: string, options: ReadOptions = {}): Promise<ReadResult> {
  const walk = await walkFolder(folder, options.exclude ?? [])
  const ignored = walk.files.filter((f) => !isArticleFile(f.file)).map((f) => f.file)
  const work = walk.files.filter((f) => isArticleFile(f.file))
  const outcomes: (FileOutcome | undefined)[] = new Array(work.length)
  const stamps = options.known === undefined ? [] : await fileStamps(work.map((f) => f.path))
  const read = options.readFile ?? ((file, path) => readFile(file, path, options))
  // A `readFile` of worker threads queues what it is given: hand it every file at once.
  const concurrency = options.readFile === undefined ? CONCURRENCY : work.length
  const result: ReadResult = { ...readResultOf([]), skipped: [...walk.skipped], ignored }
  const dedupe = new Deduplicator()
  const unique = new UniqueIds()
  // Files are taken into the result in path order, each as soon as those before it are read.
  let taken = 0
  const take = () => {
    for (let outcome = outcomes[taken]; outcome !== undefined; outcome = outcomes[++taken]) {
      outcomes[taken] = undefined
      const { parsed, source } = outcome
      const { file } = work[taken] as { file: string }
      if (source !== undefined) {
        result.sources.push(source)
        result.bytes += source.bytes
      }
      if ('skip' in parsed) {
        result.skipped.push({ file, reason: parsed.skip })
        continue
      }
      for (const article of parsed.articles) {
        if (!dedupe.keeps(article)) continue
        const kept = unique.of(article)
        result.articles.push(kept)
        options.onArticle?.(kept, article)
      }
      if (parsed.skipped) result.skipped.push(...parsed.skipped)
      if (parsed.cp1252) result.cp1252Files.push(file)
    }
  }
  let done = 0
  await eachLimited(work, concurrency, async ({ file, path }, i) => {
    outcomes[i] = unchanged(file, stamps[i], options) ?? (await read(file, path))
    options.onProgress?.(++done, work.length, file)
    take()
  })
  result.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  result.duplicates = dedupe.duplicates
  result.duplicateGroups = dedupe.groups
  return result
}
