// Cleaning shared by every format: white space, boilerplate lines, repeated paragraphs. Pure.
import { firstDate } from './date.ts'
import type { Paragraph } from './types.ts'

/**
 * Lines that are page furniture rather than article text, matched case-insensitively against a
 * whole trimmed line with trailing dots, ellipses, colons and arrows ignored.
 */
export const DEFAULT_BOILERPLATE: readonly string[] = [
  'Copy in clipboard',
  'Copy to clipboard',
  'Copied to clipboard',
  'Copy link',
  'Link copied',
  'Share',
  'Share this',
  'Share this article',
  'Share this story',
  'Share this page',
  'Share on Facebook',
  'Share on Twitter',
  'Share on X',
  'Share via email',
  'Email this article',
  'Print this article',
  'Print this page',
  'Advertisement',
  'Sponsored content',
  'Story continues below advertisement',
  'Article continues below advertisement',
  'Continue reading',
  'Continue reading below',
  'Read more',
  'Read more here',
  'Read the full story',
  'Related articles',
  'Related stories',
  'Related content',
  'Click here to subscribe',
  'Subscribe now',
  'Subscribe to our newsletter',
  'Sign up for our newsletter',
  'Sign up to our newsletter',
  'Skip to content',
  'Skip to main content',
  'Follow us on Twitter',
  'Follow us on Facebook',
  'Listen to this article',
  'Comments',
  'Show comments',
  'Hide caption',
  'Toggle caption',
]

/** A predicate telling boilerplate lines from text. */
export type BoilerplateTest = (line: string) => boolean

const TRAILING = /[\s.…:›»→>|-]+$/u
const SPACES = /\s+/g

function boilerplateKey(line: string): string {
  return line.replace(SPACES, ' ').trim().replace(TRAILING, '').toLowerCase()
}

const defaultKeys = new Set(DEFAULT_BOILERPLATE.map(boilerplateKey))
/** Room for trailing dots and spaces after a boilerplate phrase. */
const TRAILING_ALLOWANCE = 24

/** The boilerplate test for the default list plus `extra` lines. */
export function boilerplateTest(extra: readonly string[] = []): BoilerplateTest {
  const keys = new Set(defaultKeys)
  for (const line of extra) {
    const key = boilerplateKey(line)
    if (key !== '') keys.add(key)
  }
  // Article lines are mostly far longer than any boilerplate phrase: those are not looked up.
  let longest = 0
  for (const key of keys) longest = Math.max(longest, key.length)
  const limit = longest + TRAILING_ALLOWANCE
  return (line) => line.length <= limit && keys.has(boilerplateKey(line))
}

// Most lines need no work: only a white space character other than a space, two spaces in a row
// or a control character send a line through the (slower) replacements.
const NEEDS_CLEANING = /[^\S ]| {2}|\p{Cc}/u
// Control characters left once white space is collapsed. Decoding removed those in the file,
// but JSON escapes and HTML or Markdown entities can bring them back.
const CONTROLS = /\p{Cc}/gu

/**
 * Collapses every run of white space (line breaks included) to one space, drops control
 * characters and trims.
 */
export function cleanInline(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text.trim()
  return text.replace(SPACES, ' ').replace(CONTROLS, '').trim()
}

/** Splits text into lines on any line break. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n|\u2028|\u2029/)
}

/**
 * Lines of `text`, each with white space collapsed and trimmed; blank lines are kept (as `''`)
 * because they carry structure, boilerplate lines are dropped altogether.
 */
export function cleanLines(text: string, isBoilerplate: BoilerplateTest): string[] {
  const lines: string[] = []
  for (const raw of splitLines(text)) {
    const line = cleanInline(raw)
    if (line === '' || !isBoilerplate(line)) lines.push(line)
  }
  return lines
}

/** Multi-line text with each line cleaned, blank and boilerplate lines dropped. */
export function cleanBlock(text: string, isBoilerplate: BoilerplateTest): string {
  return cleanLines(text, isBoilerplate)
    .filter((line) => line !== '')
    .join('\n')
}

/** The form in which two paragraphs are compared: case and white space do not count. */
export function comparable(text: string): string {
  return cleanInline(text).toLowerCase()
}

/** A paragraph before cleaning and numbering. */
export interface DraftParagraph {
  heading?: string | undefined
  text: string
}

/**
 * Cleans draft paragraphs into the final list: boilerplate lines and empty paragraphs dropped,
 * a paragraph that repeats an earlier one of the same article (or its title or subtitle, given
 * as `earlier`) dropped, indexes from 0.
 */
export function finishParagraphs(
  drafts: readonly DraftParagraph[],
  isBoilerplate: BoilerplateTest,
  earlier: readonly string[] = [],
): Paragraph[] {
  const seen = new Set(earlier.map(comparable))
  const paragraphs: Paragraph[] = []
  for (const draft of drafts) {
    const text = cleanBlock(draft.text, isBoilerplate)
    if (text === '') continue
    const key = comparable(text)
    if (seen.has(key)) continue
    seen.add(key)
    const heading = draft.heading === undefined ? '' : cleanInline(draft.heading)
    const paragraph: Paragraph = { index: paragraphs.length, text }
    if (heading !== '') paragraph.heading = heading
    paragraphs.push(paragraph)
  }
  return paragraphs
}

/** What a format parser makes of one article: everything but where it came from. */
export interface ArticleFields {
  /** An id given by the record itself (JSON `id`, front matter `id`), not yet sanitised. */
  ownId?: string
  title: string
  subtitle?: string
  /** ISO 8601 in UTC (see `Article.date`), when `dateWritten` could be read. */
  date?: string
  dateWritten?: string
  source?: string
  url?: string
  tags?: string[]
  paragraphs: Paragraph[]
}

/** Metadata a format may supply beside title, subtitle and paragraphs. */
export type ArticleMeta = Partial<Pick<ArticleFields, 'ownId' | 'source' | 'url' | 'tags'>> & {
  /**
   * The dates the file gives, as written, in order of preference: the first that reads as a
   * date is the article's; when none does, the first is kept as written and the article is
   * undated.
   */
  dates?: readonly (string | undefined)[]
}

/** An article, or why a file or record holds none. */
export type FieldsOrSkip = ArticleFields | { skip: string }

/**
 * Assembles an article from a format's pieces: title and subtitle cleaned to one line, a
 * subtitle equal to the title dropped, paragraphs finished; a skip reason when there is no title
 * or no paragraph is left.
 */
export function finishArticle(
  title: string | undefined,
  subtitle: string | undefined,
  drafts: readonly DraftParagraph[],
  isBoilerplate: BoilerplateTest,
  meta: ArticleMeta = {},
): FieldsOrSkip {
  const cleanTitle = cleanInline(title ?? '')
  if (cleanTitle === '') return { skip: 'no title found' }
  let cleanSubtitle = cleanInline(subtitle ?? '')
  if (comparable(cleanSubtitle) === comparable(cleanTitle)) cleanSubtitle = ''
  const paragraphs = finishParagraphs(drafts, isBoilerplate, [cleanTitle, cleanSubtitle])
  if (paragraphs.length === 0) return { skip: 'no paragraphs found (only a title)' }
  const fields: ArticleFields = { title: cleanTitle, paragraphs }
  if (cleanSubtitle !== '') fields.subtitle = cleanSubtitle
  for (const key of ['ownId', 'source', 'url'] as const) {
    const value = meta[key]?.trim()
    if (value) fields[key] = value
  }
  const found = firstDate(meta.dates ?? [])
  if (found !== undefined) {
    fields.dateWritten = found.written
    if ('date' in found.reading) fields.date = found.reading.date
  }
  const tags = meta.tags?.map(cleanInline).filter((tag) => tag !== '')
  if (tags !== undefined && tags.length > 0) fields.tags = [...new Set(tags)]
  return fields
}

/** What a format parser makes of a file: its articles (or records), or why it has none. */
export type FormatResult =
  | { skip: string }
  | {
      /** Whether the file is a container of records (JSON array, JSONL): ids get `/<n>`. */
      multi: boolean
      records: Array<{ n: number } & FieldsOrSkip>
    }
