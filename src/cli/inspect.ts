import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { readDate } from '../articles/date.ts'
import { DEFAULT_MAX_FILE_BYTES, isArticleFile, parseFile } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { readSource } from '../articles/walk.ts'
import { type Command, EXIT, parseCommandArgs, UsageError } from './command.ts'

const help = `Usage: npm run inspect -- FILE [--boilerplate TEXT]…

Shows how one article file is parsed, as JSON: title, subtitle, metadata, the encoding it was
decoded as, and every paragraph with its section heading. The date is shown as written
(dateWritten) and as read (date: ISO 8601 in UTC, or null), with a dateNote saying why it could
not be read, or what written beside it was left out. A file holding several articles
(a JSON array, JSONL) gives an array. A file that would be skipped prints the reason and exits 1.
The id and category are those the file would get at the top of an articles folder.

Formats: .txt, .md/.markdown, .html/.htm, .json, .jsonl.

Options:
  --boilerplate TEXT   a line to drop as boilerplate, besides the default list (repeatable)
  --help               this text`

/** Why the date is missing, or what beside it was left out; null when neither needs saying. */
function dateNote(article: Article): string | null {
  if (article.dateWritten === undefined) return null
  const reading = readDate(article.dateWritten)
  if ('reason' in reading) return `undated: the date cannot be read (${reading.reason})`
  if (reading.ignored === undefined) return null
  const day = reading.date.length === 10 ? ', read as the day alone' : ''
  return `read the date and left out ${JSON.stringify(reading.ignored)}${day}`
}

/** How one article is shown: every field present (null when missing), in a fixed order. */
function view(article: Article, cp1252: boolean) {
  return {
    file: article.file,
    id: article.id,
    title: article.title,
    subtitle: article.subtitle ?? null,
    category: article.category ?? null,
    date: article.date ?? null,
    dateWritten: article.dateWritten ?? null,
    dateNote: dateNote(article),
    source: article.source ?? null,
    url: article.url ?? null,
    tags: article.tags ?? null,
    decodedAs: cp1252 ? 'windows-1252' : 'utf-8',
    paragraphs: article.paragraphs.map((p) => ({
      index: p.index,
      heading: p.heading ?? null,
      text: p.text,
    })),
  }
}

/** Why `path` cannot be inspected before it is even read, if it cannot. */
async function unusable(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).isDirectory()) return 'is a folder, not a file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'file not found' : `cannot be read (${code})`
  }
  if (!isArticleFile(path)) {
    return 'not an article format (.txt, .md, .markdown, .html, .htm, .json, .jsonl)'
  }
  return undefined
}

export const command: Command = {
  name: 'inspect',
  summary: 'show how one article file is parsed',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { boilerplate: { type: 'string', multiple: true } },
      true,
    )
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'a FILE is required' : 'only one FILE at a time',
      )
    }
    const path = positionals[0] as string
    const problem = await unusable(path)
    if (problem !== undefined) {
      io.err(`inspect: ${path}: ${problem}`)
      return EXIT.failed
    }
    const read = await readSource(path, DEFAULT_MAX_FILE_BYTES)
    const file = basename(path)
    const parsed = 'skip' in read ? read : parseFile(file, read.bytes, values)
    if ('skip' in parsed) {
      io.err(`inspect: ${path}: ${parsed.skip}`)
      return EXIT.failed
    }
    for (const bad of parsed.skipped ?? []) io.err(`inspect: skipped ${bad.file}: ${bad.reason}`)
    const views = parsed.articles.map((article) => view(article, parsed.cp1252))
    const multi = parsed.articles.some((article) => article.file !== file)
    io.out(JSON.stringify(multi ? views : views[0], null, 2))
    return EXIT.ok
  },
}
