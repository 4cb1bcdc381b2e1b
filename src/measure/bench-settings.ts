// What a bench run measures and how often: the corpus, the sizes, the query set, the repetitions
// of each section, and the targets the report checks.
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..', '..')
/** The shared BBC corpus, beside the repository, when it is there. */
export const BBC_CORPUS = resolve(ROOT, '..', 'shared', 'corpora', 'bbc')
/** The articles bundled with the repository. */
export const BUNDLED_CORPUS = resolve(ROOT, 'index-data', 'articles')
/** Never an article: the BBC corpus's licence file. */
export const EXCLUDE = ['README.TXT']

export const DEFAULT_SCALES = [1, 4, 10]
export const DEFAULT_REUTERS_SCALES = [1, 10]
export const DEFAULT_HTTP_SECONDS = 10
export const QUICK_PER_KIND = 20
/** Queries of each kind at larger scales (the first of the full set), to keep the bench short. */
export const SCALE_PER_KIND = 50
/** Queries of each kind through the distributed engine and beside it (the first of the set). */
export const CLUSTER_PER_KIND = 30
/** The contenders measured at larger scales: lunr builds too slowly to fit the bench's time. */
export const SCALE_CONTENDERS = ['newsdex', 'minisearch']
/** Rounds over the query set (one with --quick). */
export const QUERY_ROUNDS = 3
/** Full builds and updates timed for the update figures (one with --quick). */
export const UPDATE_REPETITIONS = 5
/** Builds with and without near-copy detection, each (one with --quick). */
export const NEAR_COPY_REPETITIONS = 5
/** Runs of each slow query per searcher. */
export const PATHOLOGICAL_RUNS = 5
/** What each query must stay under, even the slow ones. */
export const PATHOLOGICAL_TARGET_MS = 250

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
  clusterOnly: boolean
}
