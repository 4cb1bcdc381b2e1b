// The bench's scale section: Reuters-21578 at ×1 and ×N (copies made here, each copy's titles
// changed so none is dropped as a duplicate), each built and then loaded in a child process of
// its own, so that build time, load time, RSS and heap are that size's alone; then the sizes'
// query rounds are timed in turn in one process, so that their ratio is not the machine's drift.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { readArticles } from '../articles/read.ts'
import { MIN_WARM_POSTINGS } from '../search/warm-up.ts'
import type { AlternatingProbe, BuildProbe, QueryProbe } from './scale-probe.ts'
import {
  FREQUENT_WORDS,
  SCALE_KINDS,
  type ScaleKind,
  type ScaleQuery,
  scaleQueries,
} from './scale-queries.ts'
import { medianSummary, type Summary, summarize } from './stats.ts'
import type { SwapProbe } from './swap-probe.ts'

const run = promisify(execFile)

/** The shared Reuters-21578 corpus, beside the repository, when it is there. */
export const REUTERS_CORPUS = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'corpora',
  'reuters21578',
)
/** Categories searched by the `category:` queries: the largest ones. */
const CATEGORIES = 4

export interface ScaleSizeReport {
  factor: number
  articles: number
  paragraphs: number
  build: BuildProbe
  load: Omit<QueryProbe, 'rounds'>
  heapBytesPerParagraph: number
  /** A live swap of the index while a request comes every 20 ms (swap-probe.ts). */
  swap: SwapProbe
  /** Kind (and `all`) → latency in µs, the median of the rounds' summaries. */
  kinds: Record<ScaleKind | 'all', Summary>
  /** Every query of the first round alone: after the warm-up, it makes the typed postings of the terms left out of it. */
  firstRound: Summary
}

export type ScaleSectionReport =
  | { corpus: string; rounds: number; queries: number; sizes: ScaleSizeReport[] }
  | { skipped: string }

export interface ScaleSectionOptions {
  corpus?: string
  factors: readonly number[]
  /** A scratch folder for the copies and indexes (removed by the caller). */
  dir: string
  rounds: number
  onProgress?: (message: string) => void
}

/**
 * Builds and queries the corpus at each factor. Skips, saying why, when the corpus is absent:
 * it is shared reference data, not part of the project.
 */
export async function benchScaleSection(options: ScaleSectionOptions): Promise<ScaleSectionReport> {
  const corpus = options.corpus ?? REUTERS_CORPUS
  if (!existsSync(corpus)) return { skipped: `${corpus} is not there` }
  const progress = options.onProgress ?? (() => {})
  const read = await readArticles(corpus)
  const categoryCounts = new Map<string, number>()
  for (const article of read.articles) {
    const category = article.category?.toLowerCase()
    if (category !== undefined)
      categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1)
  }
  const categories = [...categoryCounts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, CATEGORIES)
    .map(([name]) => name)
  const texts = read.articles.flatMap((article) => article.paragraphs.map((p) => p.text))
  const dates = read.articles.flatMap((article) => article.date ?? [])
  const queries = scaleQueries(texts, categories, dates)
  const queriesFile = join(options.dir, 'scale-queries.json')
  await writeFile(queriesFile, JSON.stringify(queries))

  const sizes: ScaleSizeReport[] = []
  const indexFiles: string[] = []
  // Two sizes or more are timed in turn in one process (below): each size's own process then
  // times its first round alone.
  const alternating = options.factors.length > 1
  for (const factor of options.factors) {
    const folder = join(options.dir, `reuters-x${factor}`)
    const indexFile = join(options.dir, `reuters-x${factor}.index`)
    progress(`scale ×${factor}: copying the corpus…`)
    await copyScaled(corpus, folder, factor)
    progress(`scale ×${factor}: building…`)
    const build = await probe<BuildProbe>(['build', folder, indexFile])
    await rm(folder, { recursive: true, force: true })
    progress(`scale ×${factor}: loading and querying (${queries.length} queries)…`)
    const { rounds, ...load } = await probe<QueryProbe>([
      'query',
      indexFile,
      queriesFile,
      String(alternating ? 1 : options.rounds),
    ])
    progress(`scale ×${factor}: swapping the index while serving…`)
    const swap = await probe<SwapProbe>(['swap', indexFile])
    indexFiles.push(indexFile)
    sizes.push({
      factor,
      articles: build.articles,
      paragraphs: build.paragraphs,
      build,
      load,
      heapBytesPerParagraph: load.heapBytes / build.paragraphs,
      swap,
      kinds: summarizeKinds(queries, rounds),
      firstRound: summarize(rounds[0] ?? []),
    })
  }
  if (alternating) {
    progress(`scale: querying ${sizes.map((size) => `×${size.factor}`).join(' and ')} in turn…`)
    const { rounds } = await probe<AlternatingProbe>([
      'alternate',
      queriesFile,
      String(options.rounds),
      ...indexFiles,
    ])
    sizes.forEach((size, i) => {
      size.kinds = summarizeKinds(queries, rounds[i] ?? [])
    })
  }
  for (const file of indexFiles) await rm(file, { force: true })
  return { corpus, rounds: options.rounds, queries: queries.length, sizes }
}

function summarizeKinds(
  queries: readonly ScaleQuery[],
  rounds: readonly number[][],
): Record<ScaleKind | 'all', Summary> {
  const of = (keep: (query: ScaleQuery) => boolean) =>
    medianSummary(
      rounds.map((times) => summarize(times.filter((_, i) => keep(queries[i] as ScaleQuery)))),
    )
  const kinds = { all: of(() => true) } as Record<ScaleKind | 'all', Summary>
  for (const kind of SCALE_KINDS) kinds[kind] = of((query) => query.kind === kind)
  return kinds
}

/** Runs a scale-probe job in a fresh Node process and parses its line of JSON. */
async function probe<T>(args: string[]): Promise<T> {
  const script = new URL('./scale-probe.ts', import.meta.url).pathname
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T
}

/**
 * Copies `source` into `target` `factor` times: copy 1 as it is, copy c under
 * `<category>/copy-c/`, so the category (the first folder) stays. Each copy's front-matter
 * titles get c − 1 middle dots: the title reads differently (identical articles are indexed
 * once) but analyses to the same words, so the vocabulary stays that of the corpus.
 */
export async function copyScaled(source: string, target: string, factor: number): Promise<void> {
  const files = (await readdir(source, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name).slice(source.length + 1))
  for (const file of files) {
    const text = await readFile(join(source, file), 'utf8')
    const [top, ...rest] = file.split('/')
    for (let copy = 1; copy <= factor; copy++) {
      const path =
        copy === 1 || rest.length === 0
          ? join(target, file)
          : join(target, top as string, `copy-${copy}`, ...rest)
      const marked =
        copy === 1 ? text : text.replace(/^title: "(.*)"$/mu, `title: "$1 ${'·'.repeat(copy - 1)}"`)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, marked)
    }
  }
}

/** The section as markdown tables. */
export function scaleMarkdown(report: ScaleSectionReport): string[] {
  if ('skipped' in report) return [`Not measured: ${report.skipped}.`]
  const [small, large] = [report.sizes[0], report.sizes.at(-1)]
  const ms = (us: number) => (us / 1000).toFixed(us >= 100_000 ? 0 : 1)
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
  const lines = [
    `| size | articles | paragraphs | build s | build peak RSS MB | index MB | load s | RSS MB | heap B/paragraph |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...report.sizes.map(
      (size) =>
        `| ×${size.factor} | ${size.articles} | ${size.paragraphs} | ${(size.build.ms / 1000).toFixed(1)} | ${mb(size.build.peakRssBytes)} | ${mb(size.build.indexBytes)} | ${(size.load.loadMs / 1000).toFixed(2)} | ${mb(size.load.rssBytes)} | ${Math.round(size.heapBytesPerParagraph)} |`,
    ),
    '',
    '| size | swap s | worst wait ms, no swap | worst wait ms, during the swap | requests during it | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|',
    ...report.sizes.map(
      (size) =>
        `| ×${size.factor} | ${(size.swap.swapMs / 1000).toFixed(1)} | ${Math.round(size.swap.idleWorstMs)} | ${Math.round(size.swap.swapWorstMs)} | ${size.swap.requests} | ${mb(size.swap.peakRssBytes)} |`,
    ),
    '',
  ]
  if (small === undefined || large === undefined) return lines
  const kinds = [...SCALE_KINDS, 'all'] as const
  lines.push(
    `| kind, ms p50 / p99 | ${report.sizes.map((size) => `×${size.factor}`).join(' | ')} | p99 ×${large.factor} ÷ ×${small.factor} |`,
    `|---|${report.sizes.map(() => '---:').join('|')}|---:|`,
    ...kinds.map(
      (kind) =>
        `| ${kind} | ${report.sizes.map((size) => `${ms(size.kinds[kind].p50)} / ${ms(size.kinds[kind].p99)}`).join(' | ')} | ${(large.kinds[kind].p99 / small.kinds[kind].p99).toFixed(1)}× |`,
    ),
    `| all, first round only | ${report.sizes.map((size) => `${ms(size.firstRound.p50)} / ${ms(size.firstRound.p99)}`).join(' | ')} | ${(large.firstRound.p99 / small.firstRound.p99).toFixed(1)}× |`,
    '',
    `${report.queries} queries (${FREQUENT_WORDS} most frequent words alone and in pairs; prefixes, typos, phrases, exclusions,`,
    `category: 20 each), timed as \`/search\` runs them (grouped, page 1 of 10, snippets, facets, totals); medians of ${report.rounds} rounds.`,
    'Each size is built, then loaded and queried, in a fresh process; RSS and heap are after loading and a forced GC.',
    ...(report.sizes.length > 1
      ? [
          'The rounds are timed in one process holding every size, each round over each size in turn (the order turned every round), so that the machine’s drift falls on all alike.',
        ]
      : []),
    'The swap: a fresh process serves the index and swaps in another build of it while it asks `search` every 20 ms; a wait is how late a request is answered.',
    `Before the rounds, each index is warmed as a server warms it between its first requests (search/warm-up.ts: the typed postings of terms in ${MIN_WARM_POSTINGS.toLocaleString('en-US')} paragraphs or more): ${report.sizes.map((size) => `×${size.factor} ${(size.load.warmMs / 1000).toFixed(1)} s, +${Math.round(size.load.warmHeapBytes / 1e6)} MB of heap`).join('; ')}.`,
    'The first round is the first search of each query after that and 20 word queries: it makes the typed postings of the less frequent terms and the next-word lists of frequent pairs, and compiles the code of the other kinds of query.',
  )
  return lines
}
