// The bench's distributed-engine section: the corpus written into a local Sphinx cluster of two
// shards, beside the embedded index built from the same articles; the time of each query as
// /search answers it (the engine's view, then the search) on each; and /search under load.
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { searchDepth, withEngineTotals } from '../engine/bounded.ts'
import { EmbeddedEngine } from '../engine/embedded.ts'
import type { Engine } from '../engine/engine.ts'
import { openEngine } from '../engine/open.ts'
import { clusterDown, clusterUp } from '../engine/sphinx/cluster.ts'
import { buildIndex } from '../index/build.ts'
import { search } from '../search/search.ts'
import type { SearchRequest } from '../search/types.ts'
import { startEngineServer } from '../server/server.ts'
import { type KindSummaries, summarizeByKind } from './bench-queries.ts'
import { paragraphCount } from './contender.ts'
import { type HttpTarget, loadTarget, searchPath } from './http-load.ts'
import type { BenchQuery } from './queries.ts'

/** Shards of the bench's cluster. */
export const CLUSTER_SHARDS = 2

/** One engine's ingest: every article written (a full build), and its rate. */
export interface IngestReport {
  ms: number
  paragraphsPerSecond: number
}

export interface ClusterReport {
  shards: number
  articles: number
  paragraphs: number
  /** Engine name (`sphinx`, `embedded`) → its full build. */
  ingest: Record<string, IngestReport>
  /** Engine name → kind (and `all`) → latency of /search's work in µs: the view and the search. */
  queries: Record<string, KindSummaries>
  /** Engine name → /search under load over the query set, or why it was not measured. */
  http: Record<string, HttpTarget> | { skipped: string }
}

export type ClusterSectionReport = ClusterReport | { skipped: string }

export interface ClusterOptions {
  articles: readonly Article[]
  queries: readonly BenchQuery[]
  /** Seconds of load on each engine's /search; 0 skips it. */
  httpSeconds: number
  /** Scratch folder (the cluster's data goes in a folder of its own inside it). */
  dir: string
  onProgress: (message: string) => void
}

/** Why the section cannot run here, or undefined when searchd is installed. */
export function clusterUnavailable(): string | undefined {
  return spawnSync('searchd', ['--help']).error === undefined
    ? undefined
    : 'no searchd: install Sphinx (apt-get install sphinxsearch) to measure the distributed engine'
}

/**
 * Starts a cluster of two shards in a folder of `dir`, measures, and stops its searchd
 * processes (by pid) whatever happens; skipped with a reason when searchd is missing.
 */
export async function benchCluster(options: ClusterOptions): Promise<ClusterSectionReport> {
  const missing = clusterUnavailable()
  if (missing !== undefined) {
    options.onProgress(`cluster: skipped, ${missing}`)
    return { skipped: missing }
  }
  const { articles, onProgress } = options
  const paragraphs = paragraphCount(articles)
  const folder = await mkdtemp(join(options.dir, 'cluster-'))
  onProgress(`cluster: starting ${CLUSTER_SHARDS} searchd shards…`)
  const state = await clusterUp(folder, CLUSTER_SHARDS)
  let sphinx: Engine | undefined
  try {
    sphinx = await openEngine(state.url)
    onProgress(`cluster: writing ${articles.length} articles into the engine…`)
    const sphinxIngest = await timeIngest(() => sphinx?.replaceAll(articles), paragraphs)
    let built: ReturnType<typeof buildIndex> | undefined
    const embeddedIngest = await timeIngest(() => {
      built = buildIndex(articles)
    }, paragraphs)
    const engines: Record<string, Engine> = {
      sphinx,
      embedded: new EmbeddedEngine(built as ReturnType<typeof buildIndex>),
    }
    onProgress(`cluster: ${options.queries.length} queries on each engine…`)
    const times = new Map<string, number[]>()
    for (const [name, engine] of Object.entries(engines)) {
      times.set(name, await timeQueries(engine, options.queries))
    }
    return {
      shards: CLUSTER_SHARDS,
      articles: articles.length,
      paragraphs,
      ingest: { sphinx: sphinxIngest, embedded: embeddedIngest },
      queries: summarizeByKind([times], options.queries),
      http: await loadEngines(engines, options),
    }
  } finally {
    await sphinx?.close()
    await clusterDown(folder)
    await rm(folder, { recursive: true, force: true })
  }
}

async function timeIngest(write: () => unknown, paragraphs: number): Promise<IngestReport> {
  const started = performance.now()
  await write()
  const ms = performance.now() - started
  return { ms, paragraphsPerSecond: paragraphs / (ms / 1000) }
}

/** Each query as /search answers it, µs: the engine's view for its page, then the search. */
async function timeQueries(engine: Engine, queries: readonly BenchQuery[]): Promise<number[]> {
  const times: number[] = []
  for (const query of queries) {
    const request: SearchRequest = { q: query.text, prefix: query.prefix }
    const started = performance.now()
    const depth = searchDepth(request)
    const view = await engine.view({ ...request, ...(depth !== undefined && { depth }) })
    withEngineTotals(search(view.index, request), view, request)
    times.push((performance.now() - started) * 1000)
  }
  return times
}

/** /search of each engine's server under autocannon, one at a time. */
async function loadEngines(
  engines: Record<string, Engine>,
  options: ClusterOptions,
): Promise<ClusterReport['http']> {
  if (options.httpSeconds <= 0) return { skipped: '--http-seconds 0' }
  const { createLogger } = await import('../server/logger.ts')
  const targets: Record<string, HttpTarget> = {}
  for (const [name, engine] of Object.entries(engines)) {
    options.onProgress(`cluster: loading /search on ${name} for ${options.httpSeconds} s…`)
    const server = await startEngineServer(engine, {
      port: 0,
      host: '127.0.0.1',
      logger: createLogger({ level: 'silent' }),
      metrics: 'off',
    })
    try {
      targets[name] = await loadTarget({
        name,
        url: server.url,
        paths: options.queries.map(searchPath),
        seconds: options.httpSeconds,
        connections: 10,
        warmupRequests: 0,
        dir: options.dir,
      })
    } finally {
      await server.close()
    }
  }
  return targets
}
