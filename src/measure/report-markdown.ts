// The bench's report as markdown: the corpus, date and machine first, then a section a heading.

import { PATHOLOGICAL_BUDGET_MS } from './bench-pathological.ts'
import { relatedMarkdown } from './bench-related.ts'
import type { BenchReport } from './bench-report.ts'
import { scaleMarkdown } from './bench-scale.ts'
import { PATHOLOGICAL_RUNS, SCALE_CONTENDERS } from './bench-settings.ts'
import { int, mb, ms, table, times, us } from './markdown-format.ts'
import { QUERY_KINDS } from './queries.ts'
import { clusterMarkdown } from './report-markdown-cluster.ts'
import { httpMarkdown, soakMarkdown, updateMarkdown } from './report-markdown-load.ts'

/** The whole report, as `npm run bench` prints it and docs/benchmarks.md shows it. */
export function markdownReport(report: BenchReport): string {
  const section = (title: string, lines: string[]) => ['', `## ${title}`, '', ...lines]
  return [
    ...headerMarkdown(report),
    ...section('build', buildMarkdown(report)),
    ...section('queries', queriesMarkdown(report)),
    ...section('pathological', pathologicalMarkdown(report)),
    ...section('scale', repeatMarkdown(report)),
    ...section('scale: Reuters-21578', scaleMarkdown(report.reuters)),
    ...section('near-copies and related articles', relatedMarkdown(report.related)),
    ...section('distributed engine (sphinx)', clusterMarkdown(report.cluster)),
    ...section('update', updateMarkdown(report.update)),
    ...section('http', httpMarkdown(report.http)),
    ...(report.soak === null ? [] : section('soak', soakMarkdown(report.soak))),
  ].join('\n')
}

function headerMarkdown(report: BenchReport): string[] {
  const { machine, corpus, settings } = report
  const corpusName =
    corpus.kind === 'bbc'
      ? 'the shared BBC News corpus'
      : corpus.kind === 'bundled'
        ? `the bundled index-data/articles${corpus.defaulted ? ' (the shared BBC corpus is not there)' : ''}`
        : 'a folder given with --corpus'
  return [
    '# newsdex bench',
    '',
    `- Date: ${report.date}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${mb(machine.totalMemoryBytes)} MB memory, Node ${machine.node} (${machine.platform}); load average ${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end`,
    `- Corpus: ${corpus.path} — ${corpusName}: ${int.format(corpus.articles)} articles, ${int.format(corpus.paragraphs)} paragraphs, ${mb(corpus.bytes)} MB, read in ${ms(corpus.readMs)} ms`,
    `- Queries: seed ${settings.seed}, ${settings.perKind} of each kind${settings.quick ? ' (--quick)' : ''}`,
  ]
}

function buildMarkdown({ build, corpus, settings }: BenchReport): string[] {
  return [
    ...table(
      [
        'Engine',
        `Build ms (median of ${settings.repetitions})`,
        'Paragraphs/s',
        'Heap MB',
        'Heap B/paragraph',
        'On disk MB',
        `Load ms (median of ${settings.repetitions})`,
        'Rebuild ms',
        'Load ÷ rebuild',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      build.map((b) => [
        b.engine,
        ms(b.buildMs),
        int.format(b.paragraphsPerSecond),
        mb(b.heapBytes),
        int.format(b.heapBytesPerParagraph),
        mb(b.diskBytes),
        ms(b.loadMs),
        ms(b.rebuildMs),
        times(b.loadOverRebuild),
      ]),
    ),
    '',
    'One document per paragraph for every engine (fields title and text; newsdex also indexes headings and subtitles).',
    'Heap: used heap after the build minus before, a forced GC either side, the index still referenced; the build is given a',
    'fresh copy of the articles, so what an index keeps of them counts (newsdex keeps the articles for snippets, the libraries',
    "keep none). newsdex's process-wide word-analysis memo (at most 200,000 words), filled by the first build, is not in it.",
    `Load: read the saved file and parse it (newsdex \`loadIndex\`, \`MiniSearch.loadJSON\`, \`lunr.Index.load(JSON.parse)\`).`,
    `Rebuild: the median build from articles in memory; rebuilding from the files also reads them (${ms(corpus.readMs)} ms here).`,
  ]
}

function queriesMarkdown(report: BenchReport): string[] {
  const { settings } = report
  const searchers = Object.keys(report.queries.searchers)
  const kinds = [...QUERY_KINDS, 'all'] as const
  return [
    `Latency in µs, p50 / p99, each query timed alone; each figure is the median of ${settings.queryRounds} round${settings.queryRounds === 1 ? '' : 's'} over the query set.`,
    '',
    ...table(
      ['Kind', 'Queries', ...searchers, 'snippets p99 ÷ MiniSearch p99'],
      ['l', 'r', ...searchers.map(() => 'r' as const), 'r'],
      kinds.map((kind) => [
        kind,
        String(kind === 'all' ? summaryCount(report) : (report.queries.counts[kind] ?? 0)),
        ...searchers.map((name) => {
          const summary = report.queries.searchers[name]?.[kind]
          return summary === undefined ? '–' : `${us(summary.p50)} / ${us(summary.p99)}`
        }),
        times(report.queries.snippetsP99OverMiniSearchP99[kind] ?? Number.NaN),
      ]),
    ),
    '',
    '`newsdex` is ranking only (`match`); `newsdex+snippets` is what /search serves (`search`: page 1 of 10 articles, grouped,',
    'with snippets, facets and did-you-mean). Prefix queries use prefix mode everywhere (`{ prefix: true }`, lunr `term*`);',
    'typos use MiniSearch `{ fuzzy: 0.2 }` and lunr `term~1` (newsdex corrects unknown words by itself); phrases are quoted for',
    `newsdex only. The engines take turns every 50 queries; a warm-up of ${report.queries.warmup} other queries runs first. Each engine`,
    'answers in a worker thread of its own that loaded its saved index, so that only its index is in that heap, as in a server:',
    "with every engine's index in one heap, a minor garbage collection took 3–4 ms and fell on whichever engine was running.",
  ]
}

function pathologicalMarkdown(report: BenchReport): string[] {
  const { settings } = report
  const searchers = Object.keys(report.queries.searchers)
  return [
    ...table(
      [
        'Query',
        'Chars',
        'Mode',
        ...searchers.map((name) => `${name} max ms`),
        `newsdex+snippets < ${report.pathological.targetMs} ms`,
      ],
      ['l', 'r', 'l', ...searchers.map(() => 'r' as const), 'l'],
      report.pathological.queries.map((q) => {
        const slowest = q.searchers['newsdex+snippets']
        const ok =
          slowest !== undefined &&
          slowest.error === undefined &&
          slowest.maxMs < report.pathological.targetMs
        return [
          q.name,
          int.format(q.chars),
          q.prefix ? 'prefix' : 'plain',
          ...searchers.map((name) => {
            const run = q.searchers[name]
            if (run === undefined) return '–'
            return run.error !== undefined ? `error: ${run.error}` : ms(run.maxMs)
          }),
          ok ? 'yes' : '**NO**',
        ]
      }),
    ),
    '',
    `The slowest of ${settings.quick ? 1 : PATHOLOGICAL_RUNS} runs of each (fewer for an engine once its runs pass ${PATHOLOGICAL_BUDGET_MS / 1000} s), the first run included, every engine in the`,
    'main thread. Chars are UTF-16 units.',
  ]
}

/** The corpus repeated to larger sizes. */
function repeatMarkdown(report: BenchReport): string[] {
  const { settings } = report
  return [
    ...table(
      ['Scale', 'Paragraphs', 'Engine', 'Build ms', 'Heap B/paragraph', 'p50 µs', 'p99 µs'],
      ['r', 'r', 'l', 'r', 'r', 'r', 'r'],
      report.scale.flatMap((s) =>
        s.rows.map((row) => [
          `×${s.factor}`,
          int.format(s.paragraphs),
          row.engine,
          ms(row.buildMs),
          int.format(row.heapBytesPerParagraph),
          us(row.p50Us),
          us(row.p99Us),
        ]),
      ),
    ),
    '',
    'The corpus repeated, copies with new ids (`~2`, `~3`…): denser than real text of that size (the same vocabulary, every',
    'posting list repeated), so it stresses long posting lists, not vocabulary growth. Queries: all kinds together.',
    `Latency over the first ${report.scale[0]?.queries ?? 0} queries of the set (the same number of each kind) at every scale. ×1 reuses the`,
    `builds above (median of ${settings.repetitions}); larger scales are one build each, of ${SCALE_CONTENDERS.join(' and ')} (lunr takes too long to build`,
    'there for this bench).',
  ]
}

function summaryCount(report: BenchReport): number {
  return Object.values(report.queries.counts).reduce((a, b) => a + b, 0)
}
