// The bench's sections that also run alone (--reuters-only, --related-only, --cluster-only), and
// what every run shares: reading the corpus and stamping progress lines.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readArticles } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { benchCluster, type ClusterSectionReport } from './bench-cluster.ts'
import { benchRelated, type RelatedSectionReport } from './bench-related.ts'
import { benchScaleSection, type ScaleSectionReport } from './bench-scale.ts'
import {
  type BenchSettings,
  CLUSTER_PER_KIND,
  EXCLUDE,
  NEAR_COPY_REPETITIONS,
} from './bench-settings.ts'
import { type BenchQuery, firstOfEachKind, generateQueries } from './queries.ts'

/** Told what the bench is doing, as it goes. */
export type Progress = (message: string) => void

/** Progress lines stamped with the seconds since the run started. */
export function stamped(progress: Progress): Progress {
  const started = performance.now()
  return (message) =>
    progress(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`)
}

/** Reads the corpus; throws `NoArticlesError` when it holds none. */
export async function loadCorpus(settings: BenchSettings, progress: Progress) {
  progress(`bench: reading ${settings.corpus}…`)
  const started = performance.now()
  const read = await readArticles(settings.corpus, { exclude: EXCLUDE })
  const readMs = performance.now() - started
  if (read.articles.length === 0) throw new NoArticlesError(`no articles in ${settings.corpus}`)
  return { read, readMs }
}

/** The corpus folder held nothing to measure. */
export class NoArticlesError extends Error {
  override name = 'NoArticlesError'
}

/** The Reuters scale section, or why it was not run. */
export function reutersSection(
  settings: BenchSettings,
  dir: string,
  progress: Progress,
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
export async function runReutersOnly(
  settings: BenchSettings,
  onProgress: Progress,
): Promise<ScaleSectionReport> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-'))
  try {
    return await reutersSection(settings, dir, stamped(onProgress))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `--related-only`: the near-copies and related-articles section alone. */
export async function runRelatedOnly(
  settings: BenchSettings,
  onProgress: Progress,
): Promise<RelatedSectionReport> {
  const { read } = await loadCorpus(settings, onProgress)
  return benchRelated(read.articles, relatedOptions(settings, stamped(onProgress)))
}

export function relatedOptions(settings: BenchSettings, onProgress: Progress) {
  return {
    repetitions: settings.quick ? 1 : NEAR_COPY_REPETITIONS,
    seed: settings.seed,
    onProgress,
  }
}

/**
 * The distributed-engine section on the corpus and the first `CLUSTER_PER_KIND` queries of
 * each kind of `queries` (the run's set), in a folder of `dir`.
 */
export function clusterSection(
  settings: BenchSettings,
  articles: readonly Article[],
  queries: readonly BenchQuery[],
  dir: string,
  progress: Progress,
): Promise<ClusterSectionReport> {
  return benchCluster({
    articles,
    queries: firstOfEachKind(queries, Math.min(settings.perKind, CLUSTER_PER_KIND)),
    httpSeconds: settings.httpSeconds,
    dir,
    onProgress: progress,
  })
}

/** `--cluster-only`: the distributed-engine section alone. */
export async function runClusterOnly(
  settings: BenchSettings,
  onProgress: Progress,
): Promise<ClusterSectionReport> {
  const { read } = await loadCorpus(settings, onProgress)
  const texts = read.articles.flatMap((article) => article.paragraphs.map((p) => p.text))
  const queries = generateQueries(texts, { seed: settings.seed, perKind: settings.perKind })
  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-'))
  try {
    return await clusterSection(settings, read.articles, queries, dir, stamped(onProgress))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
