// Dates as articles write them → ISO 8601 in UTC. Pure. chrono-node reads the forms people
// write (`26 Feb 1987`, `February 26, 1987`, RFC 2822, `26-FEB-1987 15:01:01.79`, ISO 8601);
// this file decides what counts as a date and how it is written out.
import { type ParsedResult, type Refiner, strict } from 'chrono-node/en'
import type { Article } from './types.ts'

/** Where front matter and JSON records give the date, in order of preference. */
export const DATE_FIELDS = ['date', 'published', 'datePublished', 'updated'] as const

/** What a date as written reads as: the date, or why there is none. */
export type DateReading =
  | {
      /**
       * ISO 8601 in UTC: `1987-02-26T15:01:01.790Z` when the time of day is given, `1987-02-26`
       * for a day alone (or a day whose time is not a time of day). Either form sorts as text,
       * a day before the times within it.
       */
      date: string
      /** What was written beside the date and left out of it (wire junk, a comment, a bad time). */
      ignored?: string
    }
  | { reason: string }

/**
 * No time zone written means UTC. The instant only fills in what is missing; a date that reads
 * differently from another instant ("the day after") is relative, not a date.
 */
const REFERENCE = { instant: new Date(0), timezone: 0 }
const OTHER_REFERENCE = { instant: new Date(Date.UTC(2001, 5, 15)), timezone: 0 }

const SECOND_FRACTION = /:\d{1,2}[.,](\d+)/

/**
 * chrono reads the digits after a second as milliseconds (`:01.79` → 79 ms); they are a
 * fraction of a second (790 ms).
 */
const secondFraction: Refiner = {
  refine(_context, results) {
    for (const result of results) {
      const digits = SECOND_FRACTION.exec(result.text)?.[1]
      if (digits !== undefined && result.start.isCertain('millisecond')) {
        result.start.assign('millisecond', Number(digits.slice(0, 3).padEnd(3, '0')))
      }
    }
    return results
  },
}

// The strict parser: dates written out, never "yesterday" or "next week".
const parser = strict.clone()
parser.refiners.push(secondFraction)

/** Text that is only spaces and punctuation (`,`, `—`, `(…)`): nothing left out of a date. */
const NOTHING = /^[\s\p{P}\p{S}]*$/u

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** The text around `result` in `written` that is more than spaces and punctuation; `''` when none. */
function besides(written: string, result: ParsedResult): string {
  const before = written.slice(0, result.index)
  const after = written.slice(result.index + result.text.length)
  return [before, after]
    .filter((part) => !NOTHING.test(part))
    .map((part) => part.trim())
    .join(' … ')
}

/**
 * Reads a date as written. The first date in the text is taken, and what is written beside it is
 * reported as `ignored`, so that a date followed by junk (`27-MAR-1987 13:58:01.19&#5;&#5;F`) or
 * an impossible time (`31-MAR-1987 605:12:19.12`, read as that day) is still read. A stated
 * offset or zone is honoured; with none the time is UTC. A date needs a day, a month and a year.
 */
export function readDate(written: string): DateReading {
  const text = written.trim()
  return readIsoDate(text) ?? readWrittenDate(text)
}

/** `1987-04-03`, or a UTC time of day after it to the millisecond: `1987-04-03T11:37:03Z`. */
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z)?$/

/**
 * A date in the ISO 8601 form most files give, read as `readWrittenDate` reads it, or
 * undefined for any other text: chrono took most of the time of reading a news file.
 */
function readIsoDate(text: string): DateReading | undefined {
  const parts = ISO_UTC.exec(text)
  if (parts === null) return undefined
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as number[]
  const day0 = Date.UTC(year as number, (month as number) - 1, day)
  const valid = new Date(day0)
  if (
    (year as number) < 1000 ||
    valid.getUTCFullYear() !== year ||
    valid.getUTCMonth() !== (month as number) - 1 ||
    valid.getUTCDate() !== day
  )
    return undefined
  if (parts[4] === undefined) return { date: text }
  if ((hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return undefined
  const milliseconds = Number((parts[7] ?? '').padEnd(3, '0'))
  const time = (((hour as number) * 60 + (minute as number)) * 60 + (second as number)) * 1000
  return { date: new Date(day0 + time + milliseconds).toISOString() }
}

/**
 * `readDate` for any text (trimmed) by chrono: what it does for every form but the common
 * ISO 8601 ones, which it reads the same way faster.
 */
export function readWrittenDate(text: string): DateReading {
  if (text === '') return { reason: 'it is empty' }
  const result = parser.parse(text, REFERENCE)[0]
  if (result === undefined) return { reason: 'no date found in it' }
  const { start } = result
  if (!start.isCertain('day') || !start.isCertain('month')) {
    return { reason: `"${result.text}" is not a whole date (day, month and year)` }
  }
  if (!start.isCertain('year')) return { reason: `"${result.text}" has no year` }
  if (parser.parseDate(result.text, OTHER_REFERENCE)?.getTime() !== start.date().getTime()) {
    return { reason: `"${result.text}" is relative to when it was written, not a date` }
  }
  const year = start.get('year') as number
  if (year < 1000 || year > 9999) return { reason: `the year ${year} is out of range` }
  const date = start.isCertain('hour')
    ? start.date().toISOString()
    : `${pad(year, 4)}-${pad(start.get('month') as number)}-${pad(start.get('day') as number)}`
  const ignored = besides(text, result)
  return ignored === '' ? { date } : { date, ignored }
}

/** Whether a line is a date and nothing else (bar spaces and punctuation): a dateline. */
export function isDateLine(line: string): boolean {
  const reading = readDate(line)
  return 'date' in reading && reading.ignored === undefined
}

/** The first of `candidates` (as written, in order of preference) that reads as a date. */
export function firstDate(
  candidates: readonly (string | undefined)[],
): { written: string; reading: DateReading } | undefined {
  let first: { written: string; reading: DateReading } | undefined
  for (const candidate of candidates) {
    const written = candidate?.trim()
    if (!written) continue
    const reading = readDate(written)
    if ('date' in reading) return { written, reading }
    first ??= { written, reading }
  }
  return first
}

/** How many articles are dated, and those whose date could not be read. */
export interface DateCounts {
  dated: number
  /** Articles whose file gives a date that could not be read: kept, undated. */
  unread: number
  /** The first of them, with why. */
  example?: { file: string; written: string; reason: string }
}

/** Counts the dated articles and those whose date could not be read (for the build summary). */
export function countDates(articles: readonly Article[]): DateCounts {
  const counts: DateCounts = { dated: 0, unread: 0 }
  for (const article of articles) {
    if (article.date !== undefined) counts.dated++
    else if (article.dateWritten !== undefined) {
      counts.unread++
      if (counts.example === undefined) {
        const reading = readDate(article.dateWritten)
        const reason = 'reason' in reading ? reading.reason : 'unread'
        counts.example = { file: article.file, written: article.dateWritten, reason }
      }
    }
  }
  return counts
}
