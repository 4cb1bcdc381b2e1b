// The bench's query latency figures: each searcher's times per kind of query, over rounds.
import { type BenchQuery, QUERY_KINDS, type QueryKind } from './queries.ts'
import { medianSummary, type Summary, summarize } from './stats.ts'

export type KindSummaries = Record<QueryKind | 'all', Summary>

/**
 * Per searcher: the latency summary of each kind of query, and of all together (µs); with
 * several rounds, each figure is the median of the rounds' figures.
 */
export function summarizeByKind(
  rounds: readonly Map<string, number[]>[],
  queries: readonly BenchQuery[],
): Record<string, KindSummaries> {
  const result: Record<string, KindSummaries> = {}
  for (const name of rounds[0]?.keys() ?? []) {
    const rows = rounds.map((times) => times.get(name) ?? [])
    const over = (keep: (i: number) => boolean) =>
      medianSummary(rows.map((row) => summarize(row.filter((_, i) => keep(i)))))
    const byKind = {} as KindSummaries
    for (const kind of QUERY_KINDS) byKind[kind] = over((i) => queries[i]?.kind === kind)
    byKind.all = over(() => true)
    result[name] = byKind
  }
  return result
}
