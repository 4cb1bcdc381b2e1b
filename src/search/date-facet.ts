// The date facet: how many matching articles fall in each year, month or day, for a timeline.
// Pure.

/** The length of a bucket. Its key is the date cut to it: `1987`, `1987-03`, `1987-03-05`. */
export type DateInterval = 'year' | 'month' | 'day'

export interface DateBucket {
  /** The period, as a `from`/`to` value names it: `1987`, `1987-03` or `1987-03-05`. */
  key: string
  /** Matching articles dated in it (always at least 1). */
  count: number
}

/** Matching articles by period, over the whole result (not one page). */
export interface DateFacet {
  interval: DateInterval
  /**
   * The periods that hold an article, in time order; empty ones are left out (a client drawing a
   * timeline fills the gaps), so that one stray date decades away cannot make the list long.
   */
  buckets: DateBucket[]
  /** Matching articles with no date. The counts plus this are the articles' total. */
  undated: number
}

/** The bucket counts a timeline reads well with: between these, the finest interval is taken. */
export const FEWEST_BUCKETS = 5
export const MOST_BUCKETS = 60

const KEY_LENGTH: Readonly<Record<DateInterval, number>> = { year: 4, month: 7, day: 10 }
const DAY_MS = 86_400_000

/**
 * How many buckets of `interval` the span from `first` to `last` (ISO dates or datetimes, in
 * order) covers, counting the empty ones between.
 */
export function spanBuckets(first: string, last: string, interval: DateInterval): number {
  const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4))
  if (interval === 'year') return years + 1
  const months = years * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7))
  if (interval === 'month') return months + 1
  return Math.round((dayMs(last) - dayMs(first)) / DAY_MS) + 1
}

function dayMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`)
}

/**
 * The interval for a span: the finest that gives 5 to 60 buckets; when none does, the one that
 * comes nearest (by ratio), so a span of 61 days is still shown by day and one of 100 by month.
 */
export function chooseInterval(first: string, last: string): DateInterval {
  let best: DateInterval = 'day'
  let bestDistance = Infinity
  for (const interval of ['day', 'month', 'year'] as const) {
    const count = spanBuckets(first, last, interval)
    const distance =
      count < FEWEST_BUCKETS
        ? FEWEST_BUCKETS / count
        : count > MOST_BUCKETS
          ? count / MOST_BUCKETS
          : 1
    if (distance < bestDistance) {
      best = interval
      bestDistance = distance
    }
  }
  return best
}

/**
 * The date facet of a result: `dates` are the matching articles' dates (as `readDate` writes
 * them, a UTC datetime or a day; in any order), `undated` the count of those without one.
 *
 * @example dateFacet(['1987-03-02', '1987-03-30T10:00:00.000Z', '1987-04-01'], 1)
 * // { interval: 'day', buckets: [{ key: '1987-03-02', count: 1 }, …], undated: 1 }
 */
export function dateFacet(dates: readonly string[], undated: number): DateFacet {
  if (dates.length === 0) return { interval: 'day', buckets: [], undated }
  let first = dates[0] as string
  let last = first
  for (const date of dates) {
    if (date < first) first = date
    if (date > last) last = date
  }
  const interval = chooseInterval(first, last)
  const length = KEY_LENGTH[interval]
  const counts = new Map<string, number>()
  for (const date of dates) {
    const key = date.slice(0, length)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const buckets = [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return { interval, buckets, undated }
}

/**
 * `dateFacet` from counts: `counts[d]` articles are dated `dates[d]`, the dates distinct and
 * sorted, and `buckets[interval].of[d]` numbers the bucket `dates[d]` falls in (see
 * article-columns.ts). The same facet without a string per article. Leaves the counts zeroed.
 */
export function dateFacetOfCounts(
  dates: readonly string[],
  buckets: Readonly<Record<DateInterval, { of: Int32Array; keys: readonly string[] }>>,
  counts: Int32Array,
  undated: number,
): DateFacet {
  let first = 0
  while (first < dates.length && counts[first] === 0) first++
  if (first === dates.length) return { interval: 'day', buckets: [], undated }
  let last = dates.length - 1
  while (counts[last] === 0) last--
  const interval = chooseInterval(dates[first] as string, dates[last] as string)
  const { of, keys } = buckets[interval]
  const counted: DateBucket[] = []
  // Sorted dates fall in their buckets in order: each bucket's dates are neighbours.
  let previous = -1
  for (let d = first; d <= last; d++) {
    const count = counts[d] as number
    if (count === 0) continue
    counts[d] = 0
    const bucket = of[d] as number
    if (bucket === previous) (counted.at(-1) as DateBucket).count += count
    else counted.push({ key: keys[bucket] as string, count })
    previous = bucket
  }
  return { interval, buckets: counted, undated }
}
