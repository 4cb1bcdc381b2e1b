// The bench's near-copies and related-articles section: what looking for near-copies adds to a
// build (the same build with and without it, in turns), and how long an article's related
// articles take, asked of every article of the corpus.
import type { Article } from '../articles/types.ts'
import { buildIndex } from '../index/build.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { relatedArticles } from '../search/related.ts'
import { forceGc } from './memory.ts'
import { mulberry32 } from './random.ts'
import { median, ratio, type Summary, summarize } from './stats.ts'

/** The build's time with near-copy detection over its time without (target: at most this). */
export const NEAR_COPY_COST_TARGET = 1.15
/** p99 of the related articles of one article, ms (target: at most this). */
export const RELATED_P99_TARGET_MS = 20
/** Articles asked for their related articles before the timing, in a seeded order. */
const RELATED_WARMUP = 200

/** One build's wall time and the process's CPU time over it, ms. */
export interface BuildRun {
  ms: number
  cpuMs: number
}

export interface NearCopyCost {
  repetitions: number
  /** Every build, in order, with detection and without. */
  withRuns: BuildRun[]
  withoutRuns: BuildRun[]
  /** Medians, ms. */
  withMs: number
  withoutMs: number
  withCpuMs: number
  withoutCpuMs: number
  /** The median wall time with ÷ the median without. */
  ratio: number
  /** The same of the CPU times. */
  cpuRatio: number
  /** Near-copy groups the build found, and the articles in them. */
  groups: number
  grouped: number
}

export interface RelatedLatency {
  /** Articles asked after the warm-up: every article, each once. */
  articles: number
  warmup: number
  /** ms per article. */
  summary: Summary
  /** The process's CPU time per article, ms: what the wall time is without waits for a core. */
  cpu: Summary
}

export interface RelatedSectionReport {
  articles: number
  paragraphs: number
  nearCopies: NearCopyCost
  related: RelatedLatency
}

export interface RelatedSectionOptions {
  /** Builds of each kind; the medians are compared. */
  repetitions: number
  seed: number
  onProgress?: (message: string) => void
}

/**
 * One build of the index over `articles` after a forced GC: its wall time, and the CPU time of
 * the process over it (less moved by other work on a shared machine than the wall time).
 */
function timedBuild(articles: readonly Article[], threshold: number | null | undefined) {
  forceGc()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const index = buildIndex(articles, undefined, threshold)
  const ms = performance.now() - started
  const { user, system } = process.cpuUsage(cpu)
  return { index, run: { ms, cpuMs: (user + system) / 1000 } }
}

/**
 * Builds the index with near-copy detection (the default threshold) and without it, in turns so
 * that a busy spell of the machine falls on both, after a warm-up build; then asks every article for its related
 * articles on the last build with detection, as `/articles/:id/related` does, after a warm-up.
 */
export function benchRelated(
  articles: readonly Article[],
  options: RelatedSectionOptions,
): RelatedSectionReport {
  const progress = options.onProgress ?? (() => {})
  const withRuns: BuildRun[] = []
  const withoutRuns: BuildRun[] = []
  let index: NewsIndex | undefined
  progress('near-copies: a warm-up build…')
  timedBuild(articles, undefined)
  for (let i = 0; i < options.repetitions; i++) {
    // Each goes first every other turn, so that neither gains from the other's warm caches.
    for (const detect of i % 2 === 0 ? [false, true] : [true, false]) {
      progress(
        `near-copies: build ${detect ? 'with' : 'without'} detection ${i + 1}/${options.repetitions}…`,
      )
      if (detect) {
        index = undefined
        const built = timedBuild(articles, undefined)
        index = built.index
        withRuns.push(built.run)
      } else {
        withoutRuns.push(timedBuild(articles, null).run)
      }
    }
  }
  if (index === undefined) throw new Error('benchRelated: repetitions must be at least 1')
  const groups = index.nearCopies.groups()
  const medianOf = (runs: BuildRun[], key: keyof BuildRun) => median(runs.map((run) => run[key]))
  const withMs = medianOf(withRuns, 'ms')
  const withoutMs = medianOf(withoutRuns, 'ms')
  const withCpuMs = medianOf(withRuns, 'cpuMs')
  const withoutCpuMs = medianOf(withoutRuns, 'cpuMs')

  progress(`related: every one of ${index.articleCount} articles…`)
  const ids = index.articles().map((article) => article.id)
  const random = mulberry32(options.seed)
  const warmup = Math.min(RELATED_WARMUP, ids.length)
  for (let i = 0; i < warmup; i++) {
    relatedArticles(index, ids[Math.floor(random() * ids.length)] as string)
  }
  const times: number[] = []
  const cpuTimes: number[] = []
  for (const id of ids) {
    const cpu = process.cpuUsage()
    const started = performance.now()
    relatedArticles(index, id)
    times.push(performance.now() - started)
    const { user, system } = process.cpuUsage(cpu)
    cpuTimes.push((user + system) / 1000)
  }
  return {
    articles: index.articleCount,
    paragraphs: index.paragraphCount,
    nearCopies: {
      repetitions: options.repetitions,
      withRuns,
      withoutRuns,
      withMs,
      withoutMs,
      withCpuMs,
      withoutCpuMs,
      ratio: ratio(withMs, withoutMs),
      cpuRatio: ratio(withCpuMs, withoutCpuMs),
      groups: groups.length,
      grouped: groups.reduce((sum, group) => sum + group.length, 0),
    },
    related: { articles: ids.length, warmup, summary: summarize(times), cpu: summarize(cpuTimes) },
  }
}

/** The section as markdown lines. */
export function relatedMarkdown(report: RelatedSectionReport): string[] {
  const { nearCopies: cost, related } = report
  const ms = (value: number) => value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)
  const met = (ok: boolean) => (ok ? 'yes' : '**NO**')
  return [
    `| build of ${report.articles} articles | ms (median of ${cost.repetitions}) | CPU ms (median) | runs ms |`,
    '|---|---:|---:|---|',
    `| without near-copy detection (\`--near-copies off\`) | ${ms(cost.withoutMs)} | ${ms(cost.withoutCpuMs)} | ${cost.withoutRuns.map((run) => ms(run.ms)).join(', ')} |`,
    `| with it (default, 0.8) | ${ms(cost.withMs)} | ${ms(cost.withCpuMs)} | ${cost.withRuns.map((run) => ms(run.ms)).join(', ')} |`,
    `| with ÷ without | ${cost.ratio.toFixed(2)}× | ${cost.cpuRatio.toFixed(2)}× | |`,
    '',
    `- At most ${NEAR_COPY_COST_TARGET}× wanted: ${met(cost.ratio <= NEAR_COPY_COST_TARGET)} (wall), ${met(cost.cpuRatio <= NEAR_COPY_COST_TARGET)} (CPU)`,
    `- Near-copy groups found: ${cost.groups}, holding ${cost.grouped} articles`,
    '',
    '| related articles of one article | articles asked | p50 ms | p99 ms | max ms | mean ms |',
    '|---|---:|---:|---:|---:|---:|',
    `| \`relatedArticles\`, size 5 | ${related.articles} | ${ms(related.summary.p50)} | ${ms(related.summary.p99)} | ${ms(related.summary.max)} | ${ms(related.summary.mean)} |`,
    `| the same, CPU time | ${related.articles} | ${ms(related.cpu.p50)} | ${ms(related.cpu.p99)} | ${ms(related.cpu.max)} | ${ms(related.cpu.mean)} |`,
    '',
    `- p99 at most ${RELATED_P99_TARGET_MS} ms wanted: ${met(related.summary.p99 <= RELATED_P99_TARGET_MS)} (wall), ${met(related.cpu.p99 <= RELATED_P99_TARGET_MS)} (CPU)`,
    '',
    'Both builds index the same articles in memory in the main thread, a forced GC before each, after one warm-up build,',
    "taking turns (each first every other turn). CPU: the whole process's user and system time over a build (other work on",
    'the machine moves it less than the wall time). The related articles are asked of every article once, on the last build',
    `with detection, after ${related.warmup} warm-up asks of a seeded sample (the first ask makes the typed postings search keeps);`,
    'the route adds only the JSON around them.',
  ]
}
