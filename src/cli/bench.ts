// `newsdex bench`: build, memory, load and query figures of newsdex beside MiniSearch and lunr on
// the same paragraphs and the same seeded queries, the slow cases, larger scales, and the HTTP
// server under load; as markdown tables (and JSON with --json).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import type MiniSearch from 'minisearch'
import { readArticles } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import {
  type BoundSearcher,
  type BuildReport,
  benchBuilds,
  benchEngines,
  benchScale,
  bind,
  type KindSummaries,
  PATHOLOGICAL_BUDGET_MS,
  type ParagraphDoc,
  type PathologicalReport,
  paragraphCount,
  type ScaleReport,
  savedEngine,
  summarizeByKind,
  timePathological,
} from '../measure/bench.ts'
import type { HttpReport, SoakReport } from '../measure/bench-http.ts'
import {
  benchRelated,
  type RelatedSectionReport,
  relatedMarkdown,
} from '../measure/bench-related.ts'
import {
  benchScaleSection,
  type ScaleSectionReport,
  scaleMarkdown,
} from '../measure/bench-scale.ts'
import { benchUpdate, type UpdateReport } from '../measure/bench-update.ts'
import {
  DEFAULT_PER_KIND,
  DEFAULT_SEED,
  firstOfEachKind,
  generateQueries,
  pathologicalQueries,
  QUERY_KINDS,
} from '../measure/queries.ts'
import { timeQueriesApart } from '../measure/query-timing.ts'
import { medianSummary, ratio, summarize } from '../measure/stats.ts'
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from './command.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
/** The shared BBC corpus, beside the repository, when it is there. */
export const BBC_CORPUS = resolve(ROOT, '..', 'shared', 'corpora', 'bbc')
/** The articles bundled with the repository. */
export const BUNDLED_CORPUS = resolve(ROOT, 'index-data', 'articles')
/** Never an article: the BBC corpus's licence file. */
const EXCLUDE = ['README.TXT']

const DEFAULT_SCALES = [1, 4, 10]
const DEFAULT_REUTERS_SCALES = [1, 10]
const DEFAULT_HTTP_SECONDS = 10
const QUICK_PER_KIND = 20
/** Queries of each kind at larger scales (the first of the full set), to keep the bench short. */
const SCALE_PER_KIND = 50
/** The engines measured at larger scales: lunr builds too slowly to fit the bench's time. */
const SCALE_ENGINES = ['newsdex', 'minisearch']
/** Rounds over the query set (one with --quick). */
const QUERY_ROUNDS = 3
/** Full builds and updates timed for the update figures (one with --quick). */
const UPDATE_REPETITIONS = 5
/** Builds with and without near-copy detection, each (one with --quick). */
const NEAR_COPY_REPETITIONS = 5
/** Runs of each slow query per searcher. */
const PATHOLOGICAL_RUNS = 5
/** What each query must stay under, even the slow ones. */
export const PATHOLOGICAL_TARGET_MS = 250

const help = `Usage: newsdex bench [--corpus DIR] [--scale 1,4,10] [--json FILE] [--http-seconds N]
                     [--soak SECONDS] [--quick] [--queries N] [--seed N]
                     [--reuters LIST|none] [--reuters-only] [--related-only]

Measures newsdex beside MiniSearch (default options) and lunr (default pipeline, and with
position metadata as a highlighter needs) on exactly the same paragraphs and queries:
  build         build time (median), paragraphs/s, heap kept per paragraph (forced GC either
                side), size on disk, load from disk against rebuilding from the articles
  queries       p50/p99 latency (µs) of a seeded query set drawn from the corpus: single words,
                two and three words, as-you-type prefixes, one-edit typos, two-word phrases;
                newsdex with and without snippets; each engine in a worker thread of its own,
                medians of ${QUERY_ROUNDS} rounds
  pathological  the slowest run of each slow query (target: under ${PATHOLOGICAL_TARGET_MS} ms)
  scale         the corpus repeated to larger sizes: build, heap, query p50/p99
  reuters       Reuters-21578 (../shared/corpora/reuters21578) copied ×1 and ×10 with changed
                titles: build, load, RSS and heap per paragraph, and /search p50/p99 per query kind
                (the 50 most frequent words alone and in pairs, prefixes, typos, phrases,
                exclusions, category:) and the ratio between sizes; skipped when it is absent
  related       the build with near-copy detection against the same build without it
                (medians of ${NEAR_COPY_REPETITIONS}), and the related articles of every article: p50/p99
  update        adding one article to the corpus (a copy of it) in watch mode and with
                --incremental, against a full rebuild of the folder
  http          the newsdex server under autocannon (50 connections): /search over the query
                set, /healthz, and a naive Express + MiniSearch server, one at a time
Prints markdown tables; the corpus, date and machine come first.

Options:
      --corpus DIR        Articles to measure on (README.TXT is left out). Default: the BBC
                          corpus at ${relative(process.cwd(), BBC_CORPUS) || BBC_CORPUS}
                          when present, else ${relative(process.cwd(), BUNDLED_CORPUS)}.
      --scale LIST        Repetition factors of the corpus (default ${DEFAULT_SCALES.join(',')}).
      --json FILE         Also write every figure as JSON.
      --http-seconds N    Load per HTTP target, whole seconds (default ${DEFAULT_HTTP_SECONDS}); 0 skips HTTP.
      --soak SECONDS      Also load /search this long and report the server's memory before
                          and after (default: no soak).
      --reuters LIST      Factors of the Reuters scale section (default ${DEFAULT_REUTERS_SCALES.join(',')}; none skips it;
                          --quick skips it unless given).
      --reuters-only      Run the Reuters scale section alone.
      --related-only      Run the near-copies and related-articles section alone.
      --queries N         Queries of each kind (default ${DEFAULT_PER_KIND}).
      --seed N            Seed of the query set (default ${DEFAULT_SEED}).
      --quick             Tiny run for smoke tests: scale 1, ${QUICK_PER_KIND} queries a kind, one build,
                          HTTP 1 s.

Numbers are noisy on a shared machine: compare the engines within one run, not across runs.`

function positiveInteger(name: string, value: string, allowZero = false): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) {
    throw new UsageError(
      `--${name} must be a ${allowZero ? 'whole number' : 'positive whole number'}, not ${value}`,
    )
  }
  return number
}

export function parseScales(value: string): number[] {
  const scales = value.split(',').map((part) => positiveInteger('scale', part.trim()))
  return [...new Set(scales)].sort((a, b) => a - b)
}

export interface BenchSettings {
  corpus: string
  corpusKind: 'bbc' | 'bundled' | 'custom'
  /** Whether the corpus was chosen for want of --corpus. */
  corpusDefaulted: boolean
  scales: number[]
  perKind: number
  seed: number
  repetitions: number
  /** Rounds over the query set; each latency figure is the median of the rounds'. */
  queryRounds: number
  httpSeconds: number
  soakSeconds: number
  quick: boolean
  /** Factors of the Reuters scale section; empty skips it. */
  reuters: number[]
  reutersOnly: boolean
  relatedOnly: boolean
}

/** The full report, as written with --json. */
export interface BenchReport {
  date: string
  machine: {
    cores: number
    cpu: string
    totalMemoryBytes: number
    freeMemoryBytes: number
    node: string
    platform: string
    /** 1-minute load averages when the bench started and when it ended: other work competes. */
    loadAverage: { start: number; end: number }
  }
  corpus: {
    path: string
    kind: BenchSettings['corpusKind']
    defaulted: boolean
    articles: number
    paragraphs: number
    bytes: number
    readMs: number
  }
  settings: Omit<BenchSettings, 'corpus' | 'corpusKind' | 'corpusDefaulted'>
  build: BuildReport[]
  queries: {
    counts: Record<string, number>
    warmup: number
    /** Searcher → kind (and `all`) → latency summary in µs. */
    searchers: Record<string, KindSummaries>
    /** newsdex with snippets p99 ÷ MiniSearch p99, per kind and all. */
    snippetsP99OverMiniSearchP99: Record<string, number>
  }
  pathological: { targetMs: number; queries: PathologicalReport[] }
  scale: ScaleReport[]
  reuters: ScaleSectionReport
  related: RelatedSectionReport
  update: UpdateReport
  http: HttpReport | { skipped: string }
  soak: SoakReport | null
}

function settingsFrom(values: Record<string, string | boolean | undefined>): BenchSettings {
  const quick = values.quick === true
  const str = (name: string) => values[name] as string | undefined
  let corpus: string
  let corpusKind: BenchSettings['corpusKind']
  const given = str('corpus')
  const corpusDefaulted = given === undefined
  if (given !== undefined) {
    corpus = resolve(given)
    corpusKind = corpus === BBC_CORPUS ? 'bbc' : corpus === BUNDLED_CORPUS ? 'bundled' : 'custom'
  } else if (existsSync(BBC_CORPUS)) {
    corpus = BBC_CORPUS
    corpusKind = 'bbc'
  } else {
    corpus = BUNDLED_CORPUS
    corpusKind = 'bundled'
  }
  const scaleText = str('scale')
  const scales = scaleText !== undefined ? parseScales(scaleText) : quick ? [1] : DEFAULT_SCALES
  const perKindText = str('queries')
  const seedText = str('seed')
  const httpText = str('http-seconds')
  const soakText = str('soak')
  const reutersText = str('reuters')
  return {
    corpus,
    corpusKind,
    corpusDefaulted,
    scales,
    perKind:
      perKindText !== undefined
        ? positiveInteger('queries', perKindText)
        : quick
          ? QUICK_PER_KIND
          : DEFAULT_PER_KIND,
    seed: seedText !== undefined ? positiveInteger('seed', seedText, true) : DEFAULT_SEED,
    repetitions: quick ? 1 : 3,
    queryRounds: quick ? 1 : QUERY_ROUNDS,
    httpSeconds:
      httpText !== undefined
        ? positiveInteger('http-seconds', httpText, true)
        : quick
          ? 1
          : DEFAULT_HTTP_SECONDS,
    soakSeconds: soakText !== undefined ? positiveInteger('soak', soakText, true) : 0,
    quick,
    reuters:
      reutersText === 'none'
        ? []
        : reutersText !== undefined
          ? parseScales(reutersText)
          : quick
            ? []
            : DEFAULT_REUTERS_SCALES,
    reutersOnly: values['reuters-only'] === true,
    relatedOnly: values['related-only'] === true,
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

function ms(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value >= 100 ? int.format(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

function us(value: number): string {
  if (!Number.isFinite(value)) return '–'
  return value >= 100 ? int.format(value) : value.toFixed(1)
}

function mb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : '–'
}

function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–'
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ]
}

export function markdownReport(report: BenchReport): string {
  const { machine, corpus, settings } = report
  const corpusName =
    corpus.kind === 'bbc'
      ? 'the shared BBC News corpus'
      : corpus.kind === 'bundled'
        ? `the bundled index-data/articles${corpus.defaulted ? ' (the shared BBC corpus is not there)' : ''}`
        : 'a folder given with --corpus'
  const lines: string[] = [
    '# newsdex bench',
    '',
    `- Date: ${report.date}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${mb(machine.totalMemoryBytes)} MB memory, Node ${machine.node} (${machine.platform}); load average ${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end`,
    `- Corpus: ${corpus.path} — ${corpusName}: ${int.format(corpus.articles)} articles, ${int.format(corpus.paragraphs)} paragraphs, ${mb(corpus.bytes)} MB, read in ${ms(corpus.readMs)} ms`,
    `- Queries: seed ${settings.seed}, ${settings.perKind} of each kind${settings.quick ? ' (--quick)' : ''}`,
    '',
    `## build`,
    '',
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
      report.build.map((b) => [
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
    '',
    '## queries',
    '',
  ]
  const searchers = Object.keys(report.queries.searchers)
  const kinds = [...QUERY_KINDS, 'all'] as const
  lines.push(
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
    '',
    '## pathological',
    '',
  )
  lines.push(
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
    '',
    '## scale',
    '',
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
    `builds above (median of ${settings.repetitions}); larger scales are one build each, of ${SCALE_ENGINES.join(' and ')} (lunr takes too long to build`,
    'there for this bench).',
    '',
    '## scale: Reuters-21578',
    '',
    ...scaleMarkdown(report.reuters),
    '',
    '## near-copies and related articles',
    '',
    ...relatedMarkdown(report.related),
    '',
    '## update',
    '',
    ...updateTable(report.update),
    '',
    `Medians of ${report.update.repetitions} runs on a copy of the corpus. Full rebuild: \`buildFolder\` reads every file, indexes and saves. Adding`,
    'one article: a new file in the folder, then an incremental update that checks every file (size and modification time)',
    'and reads the new one. Watch mode (`build-index --watch`, `npm start -- --watch`) indexes it into the index in memory and',
    'saves that. `--incremental` reads only the saved articles and appends the change to the saved index, for each load to',
    'apply, until the changes appended pass a twentieth of the articles; then it loads the index, applies them and saves it',
    'in full ("folded in"). Process start-up is not included.',
    '',
    '## http',
    '',
  )
  if ('skipped' in report.http) {
    lines.push(`Not measured: ${report.http.skipped}.`)
  } else {
    const http = report.http
    lines.push(
      ...table(
        [
          'Target',
          'Requests',
          'Req/s',
          'p50 ms',
          'p99 ms',
          'Max ms',
          'Server p50 ms',
          'Server p99 ms',
          'Loop delay max ms',
          'Non-2xx',
          'Errors',
          'Timeouts',
        ],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        http.targets.map((t) => [
          t.name,
          int.format(t.requests),
          int.format(t.requestsPerSecond),
          ms(t.p50Ms),
          ms(t.p99Ms),
          ms(t.maxMs),
          ms(t.serverP50Ms),
          ms(t.serverP99Ms),
          ms(t.loopDelayMaxMs),
          String(t.non2xx),
          String(t.errors),
          String(t.timeouts),
        ]),
      ),
      '',
      `- /search ÷ naive: ${times(http.ratios.searchOverNaiveRps)} the requests per second, ${times(http.ratios.searchOverNaiveP99)} the p99`,
      `- /search ÷ /healthz: ${times(http.ratios.searchOverHealthzRps)} the requests per second, ${times(http.ratios.searchOverHealthzP99)} the p99`,
      `- /healthz logging each request ÷ /healthz --quiet: ${times(http.ratios.loggedOverQuietRps)} the requests per second (the cost of the logs; at least 0.90× wanted)`,
      '',
      `autocannon, ${http.connections} connections, ${http.seconds} s per target after a short warm-up, one target at a time on 127.0.0.1;`,
      `the load generator runs in a worker thread of the same process as the servers. /search and the naive server cycle through`,
      `the ${http.queries} queries above (each connection from its own place). The naive server is one Express 5 route returning`,
      "MiniSearch's top 10 (default options) as JSON. No response caching anywhere; autocannon asks for no compression.",
      'p50/p99/max: latency seen by the clients, queueing included (50 requests in flight against one event loop). Server',
      "p50/p99: each request's own time inside the server (newsdex: the responseTime of its JSON request log lines, written to",
      'a file as in production; none with --quiet; naive: the same measurement).',
      'Loop delay max: the longest the event loop was held up (a slow request, GC, or no free core on this shared machine).',
    )
  }
  if (report.soak !== null) {
    const soak = report.soak
    lines.push(
      '',
      '## soak',
      '',
      ...table(
        ['', 'heapUsed MB', 'rss MB'],
        ['l', 'r', 'r'],
        [
          ['before', mb(soak.before.heapUsed), mb(soak.before.rss)],
          ['after', mb(soak.after.heapUsed), mb(soak.after.rss)],
          ['growth', mb(soak.heapGrowthBytes), mb(soak.rssGrowthBytes)],
        ],
      ),
      '',
      `/search for ${soak.seconds} s: ${int.format(soak.target.requests)} requests, ${int.format(soak.target.requestsPerSecond)}/s, p99 ${ms(soak.target.p99Ms)} ms (server p99 ${ms(soak.target.serverP99Ms)} ms), ${soak.target.non2xx} non-2xx, ${soak.target.errors} errors, ${soak.target.timeouts} timeouts.`,
      'Memory of the whole bench process (the server runs in it), each after a forced GC with the server idle.',
    )
  }
  return lines.join('\n')
}

function updateTable(update: UpdateReport): string[] {
  return table(
    ['Operation', `ms (median of ${update.repetitions})`, 'ratio'],
    ['l', 'r', 'r'],
    [
      ['full rebuild of the folder', ms(update.fullMs), `${times(1)} rebuild`],
      ['add one article, watch mode', ms(update.watchMs), `${times(update.watchOverFull)} rebuild`],
      [
        'add one article, --incremental (appended)',
        ms(update.incrementalMs),
        `${times(update.incrementalOverFull)} rebuild`,
      ],
      [
        'add one article, --incremental (folded in)',
        ms(update.foldMs),
        `${times(update.foldOverFull)} rebuild`,
      ],
      ['load the index saved in full', ms(update.loadMs), ''],
      [
        'load it with one appended change',
        ms(update.loadWithChangeMs),
        `${times(update.loadWithChangeOverLoad)} load`,
      ],
    ],
  )
}

function summaryCount(report: BenchReport): number {
  return Object.values(report.queries.counts).reduce((a, b) => a + b, 0)
}

// ---------------------------------------------------------------------------------------------
// The run

async function loadCorpus(settings: BenchSettings, io: Io) {
  io.err(`bench: reading ${settings.corpus}…`)
  const started = performance.now()
  const read = await readArticles(settings.corpus, { exclude: EXCLUDE })
  const readMs = performance.now() - started
  return { read, readMs }
}

/** The corpus folder held nothing to measure. */
export class NoArticlesError extends Error {
  override name = 'NoArticlesError'
}

/** Runs the whole bench; `io.err` gets the progress. */
export async function runBench(settings: BenchSettings, io: Io): Promise<BenchReport> {
  const started = performance.now()
  const loadAtStart = loadavg()[0] ?? Number.NaN
  const progress = (message: string) =>
    io.err(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`)
  const { read, readMs } = await loadCorpus(settings, io)
  const articles: Article[] = read.articles
  if (articles.length === 0) throw new NoArticlesError(`no articles in ${settings.corpus}`)
  const texts = articles.flatMap((article) => article.paragraphs.map((p) => p.text))
  const queries = generateQueries(texts, { seed: settings.seed, perKind: settings.perKind })
  const warmup = generateQueries(texts, {
    seed: settings.seed + 1,
    perKind: Math.max(5, Math.round(settings.perKind / 4)),
  })
  const counts: Record<string, number> = {}
  for (const query of queries) counts[query.kind] = (counts[query.kind] ?? 0) + 1

  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-'))
  try {
    // Build: every engine, its figures, and the built index kept for the queries.
    const engines = benchEngines(read, settings.corpus)
    const builtEngines = await benchBuilds(engines, articles, {
      repetitions: settings.repetitions,
      dir,
      onProgress: progress,
    })
    const build = builtEngines.map((built) => built.report)
    const searchers: BoundSearcher[] = builtEngines.flatMap((built) =>
      bind(built.engine, built.index),
    )
    const newsdexFile = builtEngines.find((built) => built.engine.name === 'newsdex')?.file ?? ''
    const saved = builtEngines.map(({ engine, file }) => savedEngine(engine, file))
    let naiveIndex = builtEngines.find((built) => built.engine.name === 'minisearch')?.index as
      | MiniSearch<ParagraphDoc>
      | undefined
    builtEngines.length = 0

    progress(`queries: ${queries.length} on ${searchers.length} searchers…`)
    const rounds = await timeQueriesApart(saved, queries, warmup, settings.queryRounds)
    const bySearcher = summarizeByKind(rounds, queries)
    const snippetsRatio: Record<string, number> = {}
    for (const kind of [...QUERY_KINDS, 'all'] as const) {
      snippetsRatio[kind] = ratio(
        bySearcher['newsdex+snippets']?.[kind].p99 ?? Number.NaN,
        bySearcher.minisearch?.[kind].p99 ?? Number.NaN,
      )
    }

    progress('pathological queries…')
    const pathological = timePathological(
      searchers,
      pathologicalQueries(texts, settings.seed),
      settings.quick ? 1 : PATHOLOGICAL_RUNS,
    )

    // Scale ×1 is the figures above (on the smaller query set); larger factors build afresh.
    const scaleEngines = engines.filter((engine) => SCALE_ENGINES.includes(engine.name))
    // Searcher → the engine whose build it queries.
    const scaleSearchers = new Map(
      scaleEngines.flatMap((engine) => engine.searchers.map((s) => [s.name, engine.name])),
    )
    const scalePerKind = Math.min(settings.perKind, SCALE_PER_KIND)
    const scaleQueries = firstOfEachKind(queries, scalePerKind)
    const scaleWarmup = firstOfEachKind(warmup, Math.ceil(scalePerKind / 4))
    const inScaleSet = queries.map((query) => scaleQueries.includes(query))
    searchers.length = 0
    const scale: ScaleReport[] = []
    for (const factor of settings.scales) {
      if (factor === 1) {
        scale.push({
          factor: 1,
          paragraphs: paragraphCount(articles),
          builds: settings.repetitions,
          queries: scaleQueries.length,
          rows: [...(rounds[0]?.keys() ?? [])].flatMap((name) => {
            const engine = scaleSearchers.get(name)
            if (engine === undefined) return []
            const owner = build.find((b) => b.engine === engine)
            const summary = medianSummary(
              rounds.map((times) =>
                summarize((times.get(name) ?? []).filter((_, i) => inScaleSet[i])),
              ),
            )
            return [
              {
                engine: name,
                buildMs: owner?.buildMs ?? Number.NaN,
                heapBytesPerParagraph: owner?.heapBytesPerParagraph ?? Number.NaN,
                p50Us: summary.p50,
                p99Us: summary.p99,
              },
            ]
          }),
        })
      } else {
        scale.push(
          await benchScale(scaleEngines, articles, factor, {
            queries: scaleQueries,
            warmup: scaleWarmup,
            dir,
            onProgress: progress,
          }),
        )
      }
    }

    const reuters = await reutersSection(settings, dir, progress)
    const related = benchRelated(articles, {
      repetitions: settings.quick ? 1 : NEAR_COPY_REPETITIONS,
      seed: settings.seed,
      onProgress: progress,
    })
    const update = await benchUpdate({
      corpus: settings.corpus,
      exclude: EXCLUDE,
      articles,
      dir,
      repetitions: settings.quick ? 1 : UPDATE_REPETITIONS,
      onProgress: progress,
    })

    let http: BenchReport['http'] = { skipped: '--http-seconds 0' }
    let soak: SoakReport | null = null
    if (settings.httpSeconds > 0) {
      try {
        const { benchHttp } = await import('../measure/bench-http.ts')
        const result = await benchHttp({
          indexPath: newsdexFile,
          articles,
          ...(naiveIndex !== undefined && { naiveIndex }),
          queries,
          seconds: settings.httpSeconds,
          warmupRequests: settings.quick ? 0 : 500,
          soakSeconds: settings.soakSeconds,
          onProgress: progress,
        })
        http = result.http
        soak = result.soak ?? null
        naiveIndex = undefined
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0] ?? 'unknown error'
        io.err(`bench: http not measured: ${reason}`)
        http = { skipped: reason }
      }
    }

    const cpu = cpus()
    return {
      date: new Date().toISOString(),
      machine: {
        cores: cpu.length,
        cpu: cpu[0]?.model.trim() ?? 'unknown',
        totalMemoryBytes: totalmem(),
        freeMemoryBytes: freemem(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
      },
      corpus: {
        path: settings.corpus,
        kind: settings.corpusKind,
        defaulted: settings.corpusDefaulted,
        articles: articles.length,
        paragraphs: paragraphCount(articles),
        bytes: read.bytes,
        readMs,
      },
      settings: {
        scales: settings.scales,
        perKind: settings.perKind,
        seed: settings.seed,
        repetitions: settings.repetitions,
        queryRounds: settings.queryRounds,
        httpSeconds: settings.httpSeconds,
        soakSeconds: settings.soakSeconds,
        quick: settings.quick,
        reuters: settings.reuters,
        reutersOnly: settings.reutersOnly,
        relatedOnly: settings.relatedOnly,
      },
      build,
      queries: {
        counts,
        warmup: warmup.length,
        searchers: bySearcher,
        snippetsP99OverMiniSearchP99: snippetsRatio,
      },
      pathological: { targetMs: PATHOLOGICAL_TARGET_MS, queries: pathological },
      scale,
      reuters,
      related,
      update,
      http,
      soak,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** The Reuters scale section, or why it was not run. */
function reutersSection(
  settings: BenchSettings,
  dir: string,
  progress: (message: string) => void,
): Promise<ScaleSectionReport> {
  if (settings.reuters.length === 0) return Promise.resolve({ skipped: '--reuters none' })
  return benchScaleSection({
    factors: settings.reuters,
    dir,
    rounds: settings.queryRounds,
    onProgress: progress,
  })
}

/** `--reuters-only`: the Reuters scale section alone. */
async function runReutersOnly(settings: BenchSettings, io: Io): Promise<ScaleSectionReport> {
  const started = performance.now()
  const progress = (message: string) =>
    io.err(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`)
  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-'))
  try {
    return await reutersSection(settings, dir, progress)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export const command: Command = {
  name: 'bench',
  summary: 'Build, memory, query latency and HTTP throughput against MiniSearch and lunr',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      corpus: { type: 'string' },
      scale: { type: 'string' },
      json: { type: 'string' },
      'http-seconds': { type: 'string' },
      soak: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      reuters: { type: 'string' },
      'reuters-only': { type: 'boolean' },
      'related-only': { type: 'boolean' },
    })
    const settings = settingsFrom(values)
    if (settings.reutersOnly) {
      const section = await runReutersOnly(settings, io)
      io.out(['# newsdex bench: scale, Reuters-21578', '', ...scaleMarkdown(section)].join('\n'))
      if (values.json !== undefined)
        await writeFile(resolve(values.json), `${JSON.stringify(section, null, 2)}\n`)
      return EXIT.ok
    }
    if (!existsSync(settings.corpus)) {
      io.err(`bench: corpus folder not found: ${settings.corpus}`)
      return EXIT.failed
    }
    if (settings.relatedOnly) {
      const { read } = await loadCorpus(settings, io)
      if (read.articles.length === 0) {
        io.err(`bench: no articles in ${settings.corpus}`)
        return EXIT.failed
      }
      const section = benchRelated(read.articles, {
        repetitions: settings.quick ? 1 : NEAR_COPY_REPETITIONS,
        seed: settings.seed,
        onProgress: (message) => io.err(message),
      })
      io.out(
        [
          `# newsdex bench: near-copies and related articles, ${settings.corpus}`,
          '',
          ...relatedMarkdown(section),
        ].join('\n'),
      )
      if (values.json !== undefined)
        await writeFile(resolve(values.json), `${JSON.stringify(section, null, 2)}\n`)
      return EXIT.ok
    }
    let report: BenchReport
    try {
      report = await runBench(settings, io)
    } catch (error) {
      if (!(error instanceof NoArticlesError)) throw error
      io.err(`bench: ${error.message}`)
      return EXIT.failed
    }
    io.out(markdownReport(report))
    if (values.json !== undefined) {
      const file = resolve(values.json)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
      io.err(`bench: wrote ${file}`)
    }
    return EXIT.ok
  },
}
