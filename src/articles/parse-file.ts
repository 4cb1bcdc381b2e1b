// One file's bytes to articles, or the reason it holds none: the format chosen by the extension,
// the size and text checks, and the records made articles. Pure; read.ts adds the reading.
import { type BoilerplateTest, boilerplateTest, type FormatResult } from './clean.ts'
import { decodeText, notTextReason } from './decode.ts'
import { tooLargeReason } from './file-size.ts'
import { parseHtml } from './formats/html.ts'
import { parseJson, parseJsonLines } from './formats/json.ts'
import { parseMarkdown } from './formats/md.ts'
import { parseTxt } from './formats/txt.ts'
import { articleId, categoryOf } from './id.ts'
import type { Article, SkippedFile } from './types.ts'

/** How a file is parsed. */
export interface ParseOptions {
  /** Extra boilerplate lines, added to the default list. */
  boilerplate?: string[]
  /** Files larger than this are skipped; default 20 MiB. */
  maxFileBytes?: number
}

/** What one file parses to; `skipped` lists the bad records of a JSON file whose others count. */
export type ParsedFile =
  | { articles: Article[]; cp1252: boolean; skipped?: SkippedFile[] }
  | { skip: string }

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

type Parser = (text: string, isBoilerplate: BoilerplateTest) => FormatResult
const PARSERS: Record<string, Parser> = {
  txt: parseTxt,
  md: parseMarkdown,
  markdown: parseMarkdown,
  html: parseHtml,
  htm: parseHtml,
  json: parseJson,
  jsonl: parseJsonLines,
}

function parserFor(file: string): Parser | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? PARSERS[name.slice(dot + 1).toLowerCase()] : undefined
}

/** Whether a file's extension is one of the article formats (case-insensitive). */
export function isArticleFile(file: string): boolean {
  return parserFor(file) !== undefined
}

// One boilerplate test per options object, so that a read does not rebuild it for every file.
const tests = new WeakMap<object, BoilerplateTest>()
function boilerplateOf(options: ParseOptions): BoilerplateTest {
  let test = tests.get(options)
  if (test === undefined) {
    test = boilerplateTest(options.boilerplate)
    tests.set(options, test)
  }
  return test
}

/**
 * Parses one file's bytes (`file` is its path relative to the articles folder) into articles,
 * or gives the reason it holds none. Pure. Ids are not yet unique across files: `readArticles`
 * makes them so.
 */
export function parseFile(file: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const parse = parserFor(file)
  if (parse === undefined) return { skip: 'not an article format' }
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  if (bytes.length > max) {
    return { skip: tooLargeReason(bytes.length, max) }
  }
  const notText = notTextReason(bytes)
  if (notText !== undefined) return { skip: notText }
  const { text, encoding } = decodeText(bytes)
  if (text.trim() === '') return { skip: 'empty file (only white space)' }
  let result: FormatResult
  try {
    result = parse(text, boilerplateOf(options))
  } catch (error) {
    return { skip: `could not be parsed (${(error as Error).message})` }
  }
  if ('skip' in result) return result
  const articles: Article[] = []
  const skipped: SkippedFile[] = []
  const category = categoryOf(file)
  for (const record of result.records) {
    const where = result.multi ? `${file}#${record.n}` : file
    if ('skip' in record) {
      skipped.push({ file: where, reason: record.skip })
      continue
    }
    const { ownId, title, subtitle, date, dateWritten, source, url, tags, paragraphs } = record
    articles.push({
      id: articleId(file, result.multi ? record.n : undefined, ownId),
      title,
      ...(subtitle !== undefined && { subtitle }),
      ...(category !== undefined && { category }),
      ...(date !== undefined && { date }),
      ...(dateWritten !== undefined && { dateWritten }),
      ...(source !== undefined && { source }),
      ...(url !== undefined && { url }),
      ...(tags !== undefined && { tags }),
      paragraphs,
      file: where,
    })
  }
  if (articles.length === 0) {
    const reasons = skipped.slice(0, 3).map((s) => `${s.file.slice(file.length)}: ${s.reason}`)
    const more = skipped.length > 3 ? `; and ${skipped.length - 3} more` : ''
    return { skip: `no valid records (${reasons.join('; ')}${more})` }
  }
  const parsed: ParsedFile = { articles, cp1252: encoding === 'windows-1252' }
  if (skipped.length > 0) parsed.skipped = skipped
  return parsed
}
