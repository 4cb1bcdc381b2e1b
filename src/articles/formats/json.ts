// JSON articles: one object or an array of them (.json), or one object a line (.jsonl). Pure.
// A record: {id?, title, subtitle?, body | text | paragraphs[], date?, source?, url?, tags?}.

import {
  type BoilerplateTest,
  cleanInline,
  cleanLines,
  type DraftParagraph,
  type FieldsOrSkip,
  type FormatResult,
  finishArticle,
} from '../clean.ts'
import { DATE_FIELDS } from '../date.ts'
import { bodyDrafts, endsSentence, isShort } from './txt.ts'

const STRING_FIELDS = ['title', 'subtitle', 'body', 'text', 'source', 'url'] as const
const MAX_DERIVED_TITLE = 120
const FIRST_SENTENCE = /^.+?[.!?…](?=\s|$)/u

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** What is wrong with the types of a record's fields, if anything. */
function typeErrors(record: Record<string, unknown>): string[] {
  const errors: string[] = []
  for (const key of STRING_FIELDS) {
    if (record[key] !== undefined && typeof record[key] !== 'string') errors.push(key)
  }
  const { id, tags, paragraphs } = record
  if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') errors.push('id')
  if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === 'string'))) {
    errors.push('tags')
  }
  const isParagraph = (p: unknown) =>
    typeof p === 'string' ||
    (isObject(p) &&
      typeof p.text === 'string' &&
      (p.heading === undefined || typeof p.heading === 'string'))
  if (paragraphs !== undefined && !(Array.isArray(paragraphs) && paragraphs.every(isParagraph))) {
    errors.push('paragraphs')
  }
  return errors
}

/**
 * A date field as written. A date that is not a string (an epoch number, an object) is kept as
 * its JSON, to be reported as unreadable rather than lose the article.
 */
function writtenDate(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** One short line without closing punctuation: a title rather than a sentence. */
function titleLike(text: string): boolean {
  const line = text.trim()
  return !line.includes('\n') && isShort(line) && !endsSentence(line)
}

/** A title made from the first sentence of a text, cut at a word to at most 120 characters. */
function firstSentence(text: string): string {
  const sentence = FIRST_SENTENCE.exec(text)?.[0] ?? text
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence
  const cut = sentence.slice(0, MAX_DERIVED_TITLE - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > 40 ? cut.slice(0, space) : cut}…`
}

/**
 * One record as an article. `paragraphs` wins over `body`/`text`, and `body` over `text`.
 * Without a title, the first paragraph is taken as the title (and leaves the paragraphs) when it
 * reads like one: one line, short (≤ 15 words, 120 characters), no closing punctuation, with
 * more paragraphs after it. Otherwise the first sentence, cut to 120 characters, is the title
 * and the paragraph stays.
 */
export function parseRecord(value: unknown, isBoilerplate: BoilerplateTest): FieldsOrSkip {
  if (!isObject(value)) return { skip: 'not an article object' }
  const errors = typeErrors(value)
  if (errors.length > 0) {
    return { skip: `wrong type for ${errors.map((e) => `"${e}"`).join(', ')}` }
  }
  const dates = DATE_FIELDS.map((key) => writtenDate(value[key]))
  const record = value as Record<string, string | undefined> & {
    id?: string | number
    tags?: string[]
    paragraphs?: Array<string | { heading?: string; text: string }>
  }
  let title = record.title?.trim() ? record.title : undefined
  let drafts: DraftParagraph[]
  if (record.paragraphs !== undefined) {
    drafts = record.paragraphs.map((p) => (typeof p === 'string' ? { text: p } : p))
    const first = drafts[0]
    if (title === undefined && first !== undefined && drafts.length > 1 && titleLike(first.text)) {
      title = first.text
      drafts = drafts.slice(1)
    }
  } else {
    let body = record.body ?? record.text ?? ''
    if (title === undefined) {
      const lines = cleanLines(body, isBoilerplate)
      const at = lines.findIndex((line) => line !== '')
      const rest = lines.slice(at + 1)
      if (at >= 0 && titleLike(lines[at] as string) && rest.some((line) => line !== '')) {
        title = lines[at]
        body = rest.join('\n')
      }
    }
    drafts = bodyDrafts(body, isBoilerplate)
  }
  if (title === undefined) {
    const first = drafts.find((draft) => draft.text.trim() !== '')
    if (first === undefined) return { skip: 'no title and no text' }
    title = firstSentence(cleanInline(first.text))
  }
  return finishArticle(title, record.subtitle, drafts, isBoilerplate, {
    ownId: record.id === undefined ? undefined : String(record.id),
    dates,
    source: record.source,
    url: record.url,
    tags: record.tags,
  })
}

/** A skip reason from a JSON.parse error (its first line). */
function jsonError(error: unknown): string {
  return `invalid JSON (${(error as Error).message.split('\n')[0]})`
}

/** A .json file: one article object, or an array of them (records numbered from 1). */
export function parseJson(source: string, isBoilerplate: BoilerplateTest): FormatResult {
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    return { skip: jsonError(error) }
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { skip: 'no records (an empty array)' }
    const records = value.map((item, i) => ({ n: i + 1, ...parseRecord(item, isBoilerplate) }))
    return { multi: true, records }
  }
  if (!isObject(value)) return { skip: 'neither an article object nor an array of them' }
  const article = parseRecord(value, isBoilerplate)
  return 'skip' in article ? article : { multi: false, records: [{ n: 1, ...article }] }
}

/** A .jsonl file: one article object a line; a record's number is its line number. */
export function parseJsonLines(source: string, isBoilerplate: BoilerplateTest): FormatResult {
  const records: Array<{ n: number } & FieldsOrSkip> = []
  const lines = source.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (line === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      records.push({ n: i + 1, skip: jsonError(error) })
      continue
    }
    records.push({ n: i + 1, ...parseRecord(value, isBoilerplate) })
  }
  if (records.length === 0) return { skip: 'no records (no JSON lines)' }
  return { multi: true, records }
}
