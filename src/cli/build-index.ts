import { type BuildSummary, buildFolder, NothingToBuildError } from '../index/build-folder.ts'
import { type Command, EXIT, type Io, parseCommandArgs } from './command.ts'
import { DEFAULT_ARTICLES, DEFAULT_INDEX } from './defaults.ts'
import { progress } from './progress.ts'

const help = `Usage: npm run build-index -- [options]

Reads a folder of articles (.txt, .md, .html, .json, .jsonl), indexes their paragraphs and
saves the index atomically: a build that dies half-way leaves the previous index in place.

Options:
  --articles DIR     folder of articles (default: ${DEFAULT_ARTICLES})
  --index PATH       where to save the index (default: ${DEFAULT_INDEX})
  --exclude GLOB     leave out matching files; repeatable (e.g. --exclude README.TXT)
  --boilerplate TEXT drop lines reading TEXT, besides the built-in list; repeatable
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
    })
    return buildAndReport(io, {
      articles: values.articles,
      index: values.index,
      exclude: values.exclude,
      boilerplate: values.boilerplate,
      quiet: values.quiet,
    })
  },
}

export interface BuildRequest {
  articles: string
  index: string
  exclude?: string[]
  boilerplate?: string[]
  quiet?: boolean
}

/** Builds with progress output and prints the summary; shared by `build-index` and `serve`. */
export async function buildAndReport(io: Io, request: BuildRequest): Promise<number> {
  const reading = progress(io, 'reading', 'files', request.quiet)
  const indexing = progress(io, 'indexing', 'paragraphs', request.quiet)
  let summary: BuildSummary
  try {
    summary = await buildFolder({
      ...request,
      onRead: (done, total) => reading.update(done, total),
      onIndexed: (done, total) => {
        reading.stop()
        indexing.update(done, total)
      },
    })
  } catch (error) {
    reading.stop()
    indexing.stop()
    if (error instanceof NothingToBuildError) {
      io.err(`build-index: ${error.message}`)
      return EXIT.failed
    }
    const { code, message } = error as NodeJS.ErrnoException
    io.err(`build-index: ${code === undefined ? message : `${message} (${code})`}`)
    return EXIT.failed
  }
  indexing.stop()
  for (const line of summaryLines(summary)) io.out(line)
  return EXIT.ok
}

export function summaryLines(summary: BuildSummary): string[] {
  const lines = [
    `Indexed ${summary.articles} articles, ${summary.paragraphs} paragraphs from ${formatBytes(summary.bytes)} in ${summary.seconds.toFixed(2)} s.`,
    `Duplicates: ${summary.duplicates} files repeat an earlier article (${summary.duplicateGroups} groups), indexed once.`,
  ]
  if (summary.cp1252Files.length > 0) {
    lines.push(
      `Decoded as Windows-1252 (not valid UTF-8): ${summary.cp1252Files.length} (${summary.cp1252Files.join(', ')})`,
    )
  }
  if (summary.ignored > 0)
    lines.push(`Ignored ${summary.ignored} files that are not an article format.`)
  lines.push(`Skipped: ${summary.skipped.length} files.`)
  for (const skip of summary.skipped) lines.push(`  ${skip.file}: ${skip.reason}`)
  lines.push(`Index: ${summary.indexPath} (${formatBytes(summary.indexBytes)}).`)
  return lines
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
