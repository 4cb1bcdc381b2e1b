import { formatBytes } from '../articles/file-size.ts'
import {
  type BuildSummary,
  buildFolder,
  NearCopyThresholdChange,
  NothingToBuildError,
} from '../index/build-folder.ts'
import type { NearCopyThreshold } from '../index/near-copies.ts'
import { watchFolder } from '../index/watch-folder.ts'
import {
  type Command,
  EXIT,
  type Io,
  parseCommandArgs,
  UsageError,
  wholeNumber,
} from './command.ts'
import { DEFAULT_ARTICLES, DEFAULT_INDEX } from './defaults.ts'
import { buildIntoEngine, openEngineFlag, watchIntoEngine } from './engine-build.ts'
import { progress } from './progress.ts'

const help = `Usage: npm run build-index -- [options]

Reads a folder of articles (.txt, .md, .html, .json, .jsonl), indexes their paragraphs and
saves the index atomically: a build that dies half-way leaves the previous index in place.

Options:
  --articles DIR     folder of articles (default: ${DEFAULT_ARTICLES})
  --index PATH       where to save the index (default: ${DEFAULT_INDEX})
  --exclude GLOB     leave out matching files; repeatable (e.g. --exclude README.TXT)
  --boilerplate TEXT drop lines reading TEXT, besides the built-in list; repeatable
  --incremental      re-read only files added, changed or removed since the saved index was
                     built (a full build when there is none, or it cannot be used)
  --watch            keep watching the folder, updating the index as files change (Ctrl-C stops)
  --engine URL       index into a distributed engine (sphinx://HOST:PORT/NAME, see
                     npm run cluster) instead of the index file; with --incremental or
                     --watch, only articles added, changed or removed are written
  --near-copies T    articles whose texts' 3-term shingles have a Jaccard similarity of T or
                     more (0 < T <= 1) are near-copies, shown as one story (default: 0.8, or
                     the saved index's on --incremental and --watch); off looks for none
  --workers N        worker threads that read and analyse the files of a full build (default:
                     one per core, for 200 files or more; 0: all on the main thread)
  --quiet            print only the summary
  --help             this text

Exit codes: 0 built, 1 nothing to build or an I/O error, 2 bad usage.`

export const command: Command = {
  name: 'build-index',
  summary: 'build the search index from a folder of articles',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      articles: { type: 'string', default: DEFAULT_ARTICLES },
      index: { type: 'string', default: DEFAULT_INDEX },
      exclude: { type: 'string', multiple: true, default: [] },
      boilerplate: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      incremental: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      'near-copies': { type: 'string' },
      workers: { type: 'string' },
      engine: { type: 'string' },
    })
    if (values.engine !== undefined) return engineBuild(io, values.engine, values)
    const threshold = parseThreshold(values['near-copies'])
    const workers =
      values.workers === undefined
        ? undefined
        : wholeNumber(values.workers, '--workers', { min: 0, max: 64 })
    const request = {
      articles: values.articles,
      index: values.index,
      exclude: values.exclude,
      boilerplate: values.boilerplate,
      quiet: values.quiet,
      ...(threshold !== undefined && { nearCopyThreshold: threshold }),
    }
    const withWorkers = { ...request, ...(workers !== undefined && { workers }) }
    if (values.watch) return watchAndReport(io, withWorkers, process)
    return buildAndReport(io, { ...withWorkers, incremental: values.incremental })
  },
}

/** `--engine URL`: the folder into that engine, in full, incrementally, or watched. */
async function engineBuild(
  io: Io,
  url: string,
  values: { articles: string; incremental: boolean; watch: boolean },
): Promise<number> {
  const engine = await openEngineFlag(url, io, 'build-index')
  if (typeof engine === 'number') return engine
  try {
    if (!values.watch) return await buildIntoEngine(io, engine, values)
    const stop = new Promise<void>((done) => {
      process.once('SIGINT', () => done())
      process.once('SIGTERM', () => done())
    })
    return await watchIntoEngine(io, engine, values.articles, stop)
  } finally {
    await engine.close()
  }
}

/** Where watch mode waits for Ctrl-C: the process, or an emitter in tests. */
export interface StopSignals {
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
}

/** Keeps the index up to date until SIGINT or SIGTERM, printing a summary per update. */
export function watchAndReport(
  io: Io,
  request: BuildRequest,
  signals: StopSignals,
): Promise<number> {
  const { workers, ...options } = request
  return new Promise((resolve) => {
    const watcher = watchFolder({
      ...options,
      ...(workers !== undefined && { workers: { count: workers } }),
      onBuilt: (summary) => {
        for (const line of summaryLines(summary)) io.out(line)
        io.out(`Watching ${request.articles} for changes (Ctrl-C stops).`)
      },
      onError: (error) => io.err(`build-index: ${describe(error)}`),
    })
    const stop = () => {
      signals.off('SIGINT', stop)
      signals.off('SIGTERM', stop)
      watcher.close()
      resolve(EXIT.ok)
    }
    signals.once('SIGINT', stop)
    signals.once('SIGTERM', stop)
  })
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException
  return code === undefined ? message : `${message} (${code})`
}

export interface BuildRequest {
  articles: string
  index: string
  exclude?: string[]
  boilerplate?: string[]
  quiet?: boolean
  incremental?: boolean
  nearCopyThreshold?: NearCopyThreshold
  /** Worker threads for a full build (see `BuildFolderOptions.workers`). */
  workers?: number
}

function parseThreshold(text: string | undefined): NearCopyThreshold | undefined {
  if (text === undefined) return undefined
  if (text === 'off') return null
  const value = /^(0?\.[0-9]+|1(\.0*)?)$/.test(text) ? Number(text) : Number.NaN
  if (!(value > 0 && value <= 1))
    throw new UsageError(`--near-copies must be off or a number above 0 and at most 1, not ${text}`)
  return value
}

/** Builds with progress output and prints the summary; shared by `build-index` and `serve`. */
export async function buildAndReport(io: Io, request: BuildRequest): Promise<number> {
  const reading = progress(io, 'reading', 'files', request.quiet)
  const indexing = progress(io, 'indexing', 'paragraphs', request.quiet)
  const { workers, ...options } = request
  let summary: BuildSummary
  try {
    summary = await buildFolder({
      ...options,
      ...(workers !== undefined && { workers: { count: workers } }),
      onRead: (done, total) => reading.update(done, total),
      onIndexed: (done, total) => {
        reading.stop()
        indexing.update(done, total)
      },
    })
  } catch (error) {
    reading.stop()
    indexing.stop()
    const known = error instanceof NothingToBuildError || error instanceof NearCopyThresholdChange
    io.err(`build-index: ${known ? error.message : describe(error)}`)
    return error instanceof NearCopyThresholdChange ? EXIT.usage : EXIT.failed
  }
  // An update that indexes nothing (appended, or nothing changed) never stopped the first bar.
  reading.stop()
  indexing.stop()
  for (const line of summaryLines(summary)) io.out(line)
  return EXIT.ok
}

/** The near-copy groups, when the build holds the index it made (one-off updates do not load it). */
function nearCopyLines({ index }: BuildSummary): string[] {
  if (index === undefined) return []
  if (!index.nearCopies.detecting) return ['Near-copies: not looked for (--near-copies off).']
  const groups = index.nearCopies.groups()
  const grouped = groups.reduce((sum, group) => sum + group.length, 0)
  const line = `Near-copies: ${groups.length} groups holding ${grouped} articles, each shown as one story (similarity ${index.nearCopies.threshold})`
  const example = groups[0]
  return [example === undefined ? `${line}.` : `${line}; e.g. ${example.join(' ~ ')}.`]
}

function dateLines({ articles, dates }: BuildSummary): string[] {
  const none = articles - dates.dated - dates.unread
  const lines = [
    `Dates: ${dates.dated} articles dated; ${dates.unread} give a date that cannot be read (kept, undated); ${none} give none.`,
  ]
  if (dates.example !== undefined) {
    const { file, written, reason } = dates.example
    lines.push(`  e.g. ${file}: ${JSON.stringify(written)}: ${reason}`)
  }
  return lines
}

export function summaryLines(summary: BuildSummary): string[] {
  const lines: string[] = []
  if (summary.fullBuildReason !== undefined) {
    lines.push(`${summary.fullBuildReason.replace(/;.*$/, '')}: building it in full.`)
  }
  const { changes } = summary
  if (changes !== undefined) {
    lines.push(
      `Updated incrementally: ${changes.added} added, ${changes.updated} updated, ${changes.removed} removed, ${changes.unchanged} left alone.`,
    )
  }
  lines.push(
    `Indexed ${summary.articles} articles, ${summary.paragraphs} paragraphs from ${formatBytes(summary.bytes)} in ${summary.seconds.toFixed(2)} s.`,
    `Duplicates: ${summary.duplicates} files repeat an earlier article (${summary.duplicateGroups} groups), indexed once.`,
  )
  if (summary.cp1252Files.length > 0) {
    lines.push(
      `Decoded as Windows-1252 (not valid UTF-8): ${summary.cp1252Files.length} (${summary.cp1252Files.join(', ')})`,
    )
  }
  lines.push(...dateLines(summary), ...nearCopyLines(summary))
  if (summary.ignored > 0)
    lines.push(`Ignored ${summary.ignored} files that are not an article format.`)
  lines.push(`Skipped: ${summary.skipped.length} files.`)
  for (const skip of summary.skipped) lines.push(`  ${skip.file}: ${skip.reason}`)
  const index = `Index: ${summary.indexPath} (${formatBytes(summary.indexBytes)})`
  if (!summary.written) lines.push(`${index}, unchanged: nothing to update.`)
  else if (summary.pendingChanges > 0) {
    lines.push(
      `${index}, the update appended to it (article changes held: ${summary.pendingChanges}; each load applies them until an update saves it in full).`,
    )
  } else lines.push(`${index}.`)
  return lines
}
