// Plain-text articles: title line, optional subtitle, paragraphs, section headings. Pure.
import {
  type BoilerplateTest,
  cleanLines,
  type DraftParagraph,
  type FormatResult,
  finishArticle,
} from '../clean.ts'
import { isDateLine } from '../date.ts'

const BULLET = /^[-*•◦‣▪]\s/u
const CLOSED = /[.!?…:;]["'’”»)\]]*$/u
const LETTER = /\p{L}/u
const STARTS_LIKE_HEADING = /^[\p{Lu}\p{N}"'‘“(]/u
const MAX_SHORT_CHARS = 120
const MAX_SHORT_WORDS = 15
/** How many units after the title are looked at for a dateline, and how long one can be. */
const DATELINE_WITHIN = 3
const MAX_DATELINE_CHARS = 60

/** A list item line: `- `, `* `, `• ` (and a few other bullet marks) then text. */
export function isBullet(line: string): boolean {
  return BULLET.test(line)
}

/** Whether a line ends like a sentence: `.!?…:;`, perhaps followed by closing quotes. */
export function endsSentence(line: string): boolean {
  return CLOSED.test(line)
}

/** Short enough to be a title, subtitle or heading: at most 15 words and 120 characters. */
export function isShort(line: string): boolean {
  return line.length <= MAX_SHORT_CHARS && line.split(' ').length <= MAX_SHORT_WORDS
}

/**
 * Whether a line reads like a subtitle or section heading rather than a sentence: short, with
 * letters, no closing punctuation, not a list item, starting like a heading (capital, digit or
 * quote, so that a sentence broken across lines is not taken for one).
 */
export function isHeadingLike(line: string): boolean {
  return (
    isShort(line) &&
    !endsSentence(line) &&
    !isBullet(line) &&
    LETTER.test(line) &&
    STARTS_LIKE_HEADING.test(line)
  )
}

/** The lines of a block as one paragraph: list items start new lines, other lines join with a space. */
function unitText(lines: readonly string[]): string {
  let text = ''
  for (const line of lines) {
    text += text === '' ? line : isBullet(line) ? `\n${line}` : ` ${line}`
  }
  return text
}

function blocksOf(lines: readonly string[]): string[][] {
  const blocks: string[][] = []
  let current: string[] = []
  for (const line of lines) {
    if (line !== '') current.push(line)
    else if (current.length > 0) {
      blocks.push(current)
      current = []
    }
  }
  if (current.length > 0) blocks.push(current)
  return blocks
}

/** Each line a unit, except that consecutive list items stay together. */
function lineUnits(lines: readonly string[]): string[][] {
  const units: string[][] = []
  let list: string[] | undefined
  for (const line of lines) {
    if (line === '') list = undefined
    else if (isBullet(line)) {
      if (list === undefined) {
        list = []
        units.push(list)
      }
      list.push(line)
    } else {
      list = undefined
      units.push([line])
    }
  }
  return units
}

function isHeadingUnit(unit: readonly string[] | undefined): boolean {
  return unit !== undefined && unit.length === 1 && isHeadingLike(unit[0] as string)
}

/**
 * Paragraph drafts from body units: a heading-like one-line unit followed by a paragraph is the
 * heading of the paragraphs after it (until the next heading), not a paragraph itself.
 */
function unitsToDrafts(units: readonly string[][]): DraftParagraph[] {
  const drafts: DraftParagraph[] = []
  let heading: string | undefined
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as string[]
    if (isHeadingUnit(unit) && i + 1 < units.length && !isHeadingUnit(units[i + 1])) {
      heading = unit[0]
    } else {
      drafts.push({ heading, text: unitText(unit) })
    }
  }
  return drafts
}

/**
 * Splits cleaned body lines into units: blank-line-separated blocks when the body has more than
 * one block (the lines of a block then form one paragraph), else one paragraph a line.
 */
function bodyUnits(lines: readonly string[]): string[][] {
  const blocks = blocksOf(lines)
  return blocks.length > 1 ? blocks : lineUnits(lines)
}

/** Paragraph drafts of a text body (no title in it), as in a .txt file after its title. */
export function bodyDrafts(text: string, isBoilerplate: BoilerplateTest): DraftParagraph[] {
  return unitsToDrafts(bodyUnits(cleanLines(text, isBoilerplate)))
}

/**
 * Takes the dateline out of the units after a title: among the first three, a line that is a
 * date and nothing else (`26 February 1987`, `1987-02-26 15:01 UTC`). Returns it, if any.
 */
function takeDateline(units: string[][]): string | undefined {
  const at = units
    .slice(0, DATELINE_WITHIN)
    .findIndex(
      (unit) =>
        unit.length === 1 &&
        (unit[0] as string).length <= MAX_DATELINE_CHARS &&
        isDateLine(unit[0] as string),
    )
  return at < 0 ? undefined : (units.splice(at, 1)[0] as string[])[0]
}

/**
 * A .txt article. The title is the first line left after boilerplate is dropped; the lines of
 * the title's block after it, and the blocks after that, make the body. A line near the top that
 * is only a date is the dateline, not a paragraph. A first body unit that is one heading-like
 * line, with more after it, is the subtitle.
 */
export function parseTxt(text: string, isBoilerplate: BoilerplateTest): FormatResult {
  const lines = cleanLines(text, isBoilerplate)
  const start = lines.findIndex((line) => line !== '')
  if (start < 0) return { skip: 'no text (only white space or boilerplate)' }
  const title = lines[start] as string
  const rest = lines.slice(start + 1)
  const firstBlank = rest.indexOf('')
  // Lines sharing the title's block are units of their own (title, subtitle, dateline …).
  const header = firstBlank < 0 ? [] : rest.slice(0, firstBlank)
  const tail = firstBlank < 0 ? rest : rest.slice(firstBlank)
  const units =
    firstBlank >= 0 && blocksOf(tail).length > 1
      ? [...header.map((line) => [line]), ...blocksOf(tail)]
      : lineUnits(rest)
  const dateline = units.length > 1 ? takeDateline(units) : undefined
  let subtitle: string | undefined
  if (units.length > 1 && isHeadingUnit(units[0])) {
    subtitle = (units.shift() as string[])[0]
  }
  const article = finishArticle(title, subtitle, unitsToDrafts(units), isBoilerplate, {
    dates: [dateline],
  })
  return 'skip' in article ? article : { multi: false, records: [{ n: 1, ...article }] }
}
