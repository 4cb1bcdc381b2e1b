// The timeline above the results: `facets.date` as bars, each a link narrowing the search to its
// period, and a way back to all dates. Pure, and free of Node: views/_timeline.ejs and
// src/client/results.ts both draw it.
import type { DateFacet, DateInterval } from '../search/date-facet.ts'
import { type PageAddress, searchHref } from './address.ts'
import { plural } from './words.ts'

export interface TimelineBar {
  /** The period, as `from`/`to` take it: `1987`, `1987-03`, `1987-03-05`. */
  key: string
  count: number
  /** What a screen reader and a tooltip say: `March 1987: 12 articles`. */
  text: string
  /** Height, 0 (an empty period) to 10 (the fullest): a class, since the CSP allows no style. */
  level: number
  /** A label under the bar where a year (or month) begins, else undefined. */
  tick?: string
  /** The search narrowed to the period; absent for an empty period, which is drawn, not linked. */
  href?: string
  /** Whether the search is narrowed to exactly this period. */
  current: boolean
}

export interface TimelineView {
  caption: string
  bars: TimelineBar[]
  /** `3 undated articles`, when some are. */
  undated?: string
  /** Back out of a date range: the same search over all dates. */
  clear?: { href: string; text: string }
}

/** Gaps are drawn as empty bars up to this many bars in all; past it only periods with articles. */
const MOST_BARS = 120

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** `1987`, `March 1987`, `5 March 1987`. */
export function periodName(key: string): string {
  const [year, month, day] = key.split('-').map(Number)
  const monthName = month === undefined ? '' : MONTH_NAMES[month - 1]
  if (day !== undefined) return `${day} ${monthName} ${year}`
  return month === undefined ? String(year) : `${monthName} ${year}`
}

/** The key of the period after `key`, at the same interval. */
function nextKey(key: string, interval: DateInterval): string {
  const [year = 0, month = 1, day = 1] = key.split('-').map(Number)
  const next = new Date(Date.UTC(2000, month - 1, day))
  next.setUTCFullYear(year)
  if (interval === 'year') next.setUTCFullYear(year + 1)
  else if (interval === 'month') next.setUTCMonth(month)
  else next.setUTCDate(day + 1)
  return next.toISOString().slice(0, key.length)
}

/** The buckets with the empty periods between them, when that stays short enough to draw. */
function withGaps(facet: DateFacet): { key: string; count: number }[] {
  const first = facet.buckets[0]
  const last = facet.buckets.at(-1)
  if (first === undefined || last === undefined) return []
  const counts = new Map(facet.buckets.map((bucket) => [bucket.key, bucket.count]))
  const all: { key: string; count: number }[] = []
  for (let key = first.key; key <= last.key; key = nextKey(key, facet.interval)) {
    if (all.length === MOST_BARS) return facet.buckets
    all.push({ key, count: counts.get(key) ?? 0 })
  }
  return all
}

function tick(key: string, interval: DateInterval, first: boolean): string | undefined {
  if (interval === 'year') return key
  const [year, month, day] = key.split('-')
  const monthName = MONTH_NAMES[Number(month) - 1]?.slice(0, 3)
  if (interval === 'month') return first || month === '01' ? `${monthName} ${year}` : undefined
  return first || day === '01' ? `${Number(day)} ${monthName}` : undefined
}

// `from:…`/`to:…` words of a query (and `-from:…`), as the query language reads them.
const DATE_WORD = /(^|\s)-?(?:from|to):(?:"[^"]*"?|[^\s"]*)/giu

/** The query without its `from:`/`to:` words. */
export function withoutDateWords(q: string): string {
  return q.replace(DATE_WORD, '$1').replace(/\s+/gu, ' ').trim()
}

/**
 * The timeline for a results page: bars for `facet` (when the response has one) and, when the
 * search is narrowed by date (`from`/`to`, or such words in the query), a link to all dates.
 * Undefined when there is neither.
 */
export function timelineView(
  facet: DateFacet | undefined,
  address: PageAddress,
): TimelineView | undefined {
  const unranged = withoutDateWords(address.q)
  const ranged =
    address.from !== undefined || address.to !== undefined || unranged !== address.q.trim()
  const bars = facet === undefined ? [] : withGaps(facet)
  if (bars.length === 0 && !ranged) return undefined
  const most = Math.max(1, ...bars.map((bar) => bar.count))
  const interval = facet?.interval ?? 'day'
  const view: TimelineView = {
    caption: `Articles by ${interval}`,
    bars: bars.map(({ key, count }, i) => {
      const bar: TimelineBar = {
        key,
        count,
        text: `${periodName(key)}: ${plural(count, 'article')}`,
        level: count === 0 ? 0 : Math.max(1, Math.round((count / most) * 10)),
        current: address.from === key && address.to === key,
      }
      const label = tick(key, interval, i === 0)
      if (label !== undefined) bar.tick = label
      if (count > 0) bar.href = searchHref({ ...address, page: 1, from: key, to: key })
      return bar
    }),
  }
  if (facet !== undefined && facet.undated > 0)
    view.undated = plural(facet.undated, 'undated article')
  if (ranged) {
    const all: PageAddress = { ...address, q: unranged, page: 1 }
    delete all.from
    delete all.to
    view.clear = { href: searchHref(all), text: 'All dates' }
  }
  return view
}
