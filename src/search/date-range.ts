// Date ranges, as `from`/`to` parameters and `from:`/`to:` query words give them, and whether an
// article's date falls in one. Pure.
//
// A value names a period as long as its precision: `1987` a year, `1987-03` a month,
// `1987-03-05` a day, `1987-03-05T12:30` a minute, down to the millisecond. `from` starts at the
// beginning of its period and `to` ends at the end of its own, so both ends are inclusive:
// `to=1987-03` takes in the whole of March. A datetime without a zone is UTC, as article dates are.

/** An inclusive range of instants, in milliseconds since the epoch; an open end is infinite. */
export interface DateRange {
  fromMs: number
  toMs: number
}

/** Which end of a range a value gives: its period's first instant, or its last. */
export type RangeEnd = 'from' | 'to'

/** A value that is not a date in one of the accepted forms, or a range that ends before it starts. */
export class DateRangeError extends Error {
  /** The parameter at fault: `from`, `to`, or `from` when the two are the wrong way round. */
  readonly parameter: RangeEnd

  constructor(parameter: RangeEnd, message: string) {
    super(message)
    this.name = 'DateRangeError'
    this.parameter = parameter
  }
}

/** Every range: what no `from` and no `to` mean. */
export const ALL_TIME: DateRange = { fromMs: -Infinity, toMs: Infinity }

const FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 datetime'

// YYYY[-MM[-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]]]; a space may stand for the `T`.
const VALUE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i

/** The first and last millisecond of the period a value names, or why it names none. */
function period(text: string): { start: number; end: number } | { reason: string } {
  const match = VALUE.exec(text.trim())
  if (match === null) return { reason: `is not ${FORMS}` }
  const [, y, mo, d, h, mi, s, fraction, zone] = match
  const year = Number(y)
  const month = mo === undefined ? undefined : Number(mo)
  const day = d === undefined ? undefined : Number(d)
  if (month !== undefined && (month < 1 || month > 12)) return { reason: `has no month ${mo}` }
  if (day !== undefined && (day < 1 || day > daysIn(year, month as number))) {
    return { reason: `has no day ${d} in ${y}-${mo}` }
  }
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) {
    return { reason: 'is not a time of day' }
  }
  const offset = zoneOffsetMs(zone)
  if (offset === undefined) return { reason: `has no time zone ${zone}` }
  // The period's length is its last written unit: a year, a month, a day, a minute…
  const at = (years: number, months: number, days: number, hours: number, ms: number) =>
    utc(years, months, days, hours, Number(mi ?? 0), Number(s ?? 0), ms) - offset
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  const start = at(year, (month ?? 1) - 1, day ?? 1, Number(h ?? 0), ms)
  let next: number
  if (month === undefined) next = at(year + 1, 0, 1, 0, 0)
  else if (day === undefined) next = at(year, month, 1, 0, 0)
  else if (h === undefined) next = at(year, month - 1, day + 1, 0, 0)
  else if (s === undefined) next = start + 60_000
  else if (fraction === undefined) next = start + 1000
  else next = start + 1
  return { start, end: next - 1 }
}

/** Date.UTC without its reading of years 0–99 as 1900–1999; months and days may overflow. */
function utc(
  year: number,
  month: number,
  day: number,
  hours: number,
  minutes: number,
  seconds: number,
  ms: number,
): number {
  const date = new Date(0)
  date.setUTCFullYear(year, month, day)
  date.setUTCHours(hours, minutes, seconds, ms)
  return date.getTime()
}

function daysIn(year: number, month: number): number {
  return new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate()
}

/** `Z` or none → 0; `+01:00`, `+0100`, `+01` → that offset; an impossible one → undefined. */
function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2) || 0)
  if (hours > 23 || minutes > 59) return undefined
  return sign * (hours * 60 + minutes) * 60_000
}

/**
 * The instant a `from` or `to` value stands for: the first millisecond of its period for `from`,
 * the last for `to`. Throws a DateRangeError naming `end` when the value is not a date.
 *
 * @example parseRangeEnd('1987-03', 'to') // Date.parse('1987-03-31T23:59:59.999Z')
 */
export function parseRangeEnd(text: string, end: RangeEnd): number {
  const read = period(text)
  if ('reason' in read) {
    throw new DateRangeError(end, `\`${end}\` ${JSON.stringify(text)} ${read.reason}.`)
  }
  return end === 'from' ? read.start : read.end
}

/** Whether a value is a valid `from`/`to` (for callers that would rather not catch). */
export function isRangeEnd(text: string): boolean {
  return !('reason' in period(text))
}

/**
 * The range `from`…`to` (either may be absent: an open end). Throws a DateRangeError naming the
 * bad parameter, or `from` when it comes after `to`.
 */
export function parseDateRange(from: string | undefined, to: string | undefined): DateRange {
  const range: DateRange = {
    fromMs: from === undefined ? -Infinity : parseRangeEnd(from, 'from'),
    toMs: to === undefined ? Infinity : parseRangeEnd(to, 'to'),
  }
  if (range.fromMs > range.toMs) {
    throw new DateRangeError('from', `\`from\` ${from} is after \`to\` ${to}.`)
  }
  return range
}

/** The instants in both ranges (an empty range, `fromMs > toMs`, when they do not meet). */
export function intersectRanges(a: DateRange, b: DateRange): DateRange {
  return { fromMs: Math.max(a.fromMs, b.fromMs), toMs: Math.min(a.toMs, b.toMs) }
}

/** Whether a range leaves anything out: not every instant. */
export function isBounded(range: DateRange): boolean {
  return range.fromMs !== -Infinity || range.toMs !== Infinity
}

const DAY_MS = 86_400_000

/**
 * Whether an article's date (as `readDate` writes it: `1987-03-05` or a UTC datetime) falls in a
 * range. A datetime is an instant. A day alone is that whole day, and counts as inside when any
 * of it is: `from=1987-03-05T12:00` keeps an article dated `1987-03-05`, since it may well be
 * from that afternoon. An undated article is outside every range, the open one included.
 */
export function dateInRange(date: string | null | undefined, range: DateRange): boolean {
  const span = dateSpan(date)
  return span !== undefined && span.fromMs <= range.toMs && span.toMs >= range.fromMs
}

/**
 * The instants an article's date covers (see `dateInRange`): one for a datetime, a whole day for
 * a day alone; undefined for no date or one that does not parse.
 */
export function dateSpan(date: string | null | undefined): DateRange | undefined {
  if (date === null || date === undefined) return undefined
  const start = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date)
  if (Number.isNaN(start)) return undefined
  return { fromMs: start, toMs: date.length === 10 ? start + DAY_MS - 1 : start }
}

/**
 * The range a search asks for: its `from`/`to` (checked already, by the server or the CLI)
 * intersected with the `from:`/`to:` words of its query. Undefined when neither bounds it, that
 * is when undated articles are kept. An empty range (they do not meet) keeps nothing.
 */
export function requestDateRange(
  request: { from?: string; to?: string },
  queryRange: DateRange | undefined,
): DateRange | undefined {
  const range = intersectRanges(parseDateRange(request.from, request.to), queryRange ?? ALL_TIME)
  return isBounded(range) ? range : undefined
}
