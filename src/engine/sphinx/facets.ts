import type { PoolConnection, RowDataPacket } from 'mysql2/promise'
import { chooseInterval, type DateBucket, type DateFacet } from '../../search/date-facet.ts'
import type { EngineFacets } from '../engine.ts'
import { showMeta } from './candidates.ts'
import type { Shard } from './shards.ts'

/** The attributes the facets group on: each a string, with its key (rows.ts `facetKey`). */
type FacetColumn = 'category' | 'day'

/** Groups a facet query asks for first; when a shard has more, it asks again for all of them. */
const FIRST_GROUPS = 1000

/**
 * The category and date facets of every article matching `match` (`MATCH()` text), counted
 * by the shards not in `missing`, exactly as the embedded index counts them: articles, every
 * near-copy included. Each shard counts distinct article keys per value; an article's rows all
 * sit on one shard, so the shards' counts add up (a distributed `COUNT(DISTINCT)` may not).
 * Also the articles matching, the date facet's counts summed; and the shards that failed.
 */
export async function countFacets(
  shards: readonly Shard[],
  missing: ReadonlySet<string>,
  match: string,
): Promise<{ facets: EngineFacets; articles: number; failed: string[] }> {
  const answering = shards.filter((shard) => !missing.has(shard.name))
  const answers = await Promise.allSettled(
    answering.map((shard) =>
      Promise.all([shardCounts(shard, 'category', match), shardCounts(shard, 'day', match)]),
    ),
  )
  const categories = new Map<string, number>()
  const days = new Map<string, number>()
  const failed: string[] = []
  answers.forEach((answer, number) => {
    if (answer.status === 'rejected') {
      failed.push((answering[number] as Shard).name)
      return
    }
    const [byCategory, byDay] = answer.value
    for (const [value, count] of byCategory) add(categories, value, count)
    for (const [value, count] of byDay) add(days, value, count)
  })
  categories.delete('')
  let articles = 0
  for (const count of days.values()) articles += count
  const category = Object.fromEntries(
    [...categories].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  )
  return { facets: { category, date: dateFacetOfDays(days) }, articles, failed }
}

function add(counts: Map<string, number>, value: string, count: number): void {
  counts.set(value, (counts.get(value) ?? 0) + count)
}

/**
 * Articles per value of `column` on one shard ('' for none). Exact only when every group fits
 * the query's `max_matches`: a group pushed out loses its distinct keys, so when SHOW META
 * finds more groups than were returned, the shard is asked again with room for all.
 */
async function shardCounts(
  shard: Shard,
  column: FacetColumn,
  match: string,
): Promise<Map<string, number>> {
  const connection: PoolConnection = await shard.pool.getConnection()
  try {
    let limit = FIRST_GROUPS
    for (;;) {
      const [rows] = await connection.query<RowDataPacket[]>({
        sql: `SELECT ${column} AS value, COUNT(DISTINCT akey) AS n FROM ${shard.index} WHERE MATCH(?) GROUP BY ${column}_key LIMIT ${limit} OPTION max_matches = ${limit}, ranker = none`,
        values: [match],
        timeout: shard.queryTimeoutMs,
      })
      const groups = Number((await showMeta(connection, shard.queryTimeoutMs)).get('total_found'))
      if (!(groups > rows.length)) {
        return new Map(rows.map((row) => [String(row.value), Number(row.n)]))
      }
      limit = groups
    }
  } finally {
    connection.release()
  }
}

const KEY_LENGTH = { year: 4, month: 7, day: 10 } as const

/**
 * The date facet from matching articles per day (`YYYY-MM-DD`; '' counts the undated): what
 * `dateFacet` gives over their dates, since the interval depends only on the first and last
 * day, and every bucket is a run of whole days.
 */
export function dateFacetOfDays(days: ReadonlyMap<string, number>): DateFacet {
  const undated = days.get('') ?? 0
  const dated = [...days.keys()].filter((day) => day !== '').sort()
  const first = dated[0]
  const last = dated.at(-1)
  if (first === undefined || last === undefined) return { interval: 'day', buckets: [], undated }
  const interval = chooseInterval(first, last)
  const buckets: DateBucket[] = []
  for (const day of dated) {
    const key = day.slice(0, KEY_LENGTH[interval])
    const count = days.get(day) as number
    const bucket = buckets.at(-1)
    if (bucket?.key === key) bucket.count += count
    else buckets.push({ key, count })
  }
  return { interval, buckets, undated }
}
