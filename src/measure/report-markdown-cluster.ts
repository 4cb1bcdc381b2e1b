// The bench's distributed-engine section as markdown.
import type { ClusterSectionReport } from './bench-cluster.ts'
import { int, ms, table, us } from './markdown-format.ts'
import { QUERY_KINDS } from './queries.ts'

/** Ingest, query latency per kind and /search under load, the sphinx engine beside the embedded. */
export function clusterMarkdown(report: ClusterSectionReport): string[] {
  if ('skipped' in report) return [`Skipped: ${report.skipped}.`]
  const engines = Object.keys(report.ingest)
  const lines = [
    `${int.format(report.articles)} articles, ${int.format(report.paragraphs)} paragraphs; sphinx: ${report.shards} local searchd shards (Sphinx 2.2.11) behind a distributed index, on this machine.`,
    '',
    ...table(
      ['Engine', 'full build, ms', 'paragraphs/s'],
      ['l', 'r', 'r'],
      engines.map((name) => {
        const ingest = report.ingest[name]
        return [name, ms(ingest?.ms ?? Number.NaN), int.format(ingest?.paragraphsPerSecond ?? 0)]
      }),
    ),
    '',
    ...table(
      ['Engine', ...[...QUERY_KINDS, 'all'].map((kind) => `${kind} p50/p99 µs`)],
      ['l', ...[...QUERY_KINDS, 'all'].map(() => 'r' as const)],
      engines.map((name) => {
        const byKind = report.queries[name]
        return [
          name,
          ...[...QUERY_KINDS, 'all' as const].map((kind) => {
            const summary = byKind?.[kind]
            return summary === undefined ? '–' : `${us(summary.p50)} / ${us(summary.p99)}`
          }),
        ]
      }),
    ),
    '',
    "Per query, what /search does: the engine's view for page 1 (on sphinx, the best candidates by its own ranking",
    'when more match, read from the shards), then the search (ranking, snippets, facets), one query at a time.',
  ]
  if ('skipped' in report.http)
    return [...lines, '', `/search under load: skipped (${report.http.skipped}).`]
  const http = report.http
  return [
    ...lines,
    '',
    ...table(
      ['/search under load', 'requests/s', 'p50 ms', 'p99 ms', 'errors + non-2xx'],
      ['l', 'r', 'r', 'r', 'r'],
      Object.entries(http).map(([name, target]) => [
        name,
        int.format(target.requestsPerSecond),
        ms(target.p50Ms),
        ms(target.p99Ms),
        int.format(target.errors + target.non2xx),
      ]),
    ),
  ]
}
