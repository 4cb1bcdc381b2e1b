// The HTTP part of the bench: the real newsdex server on the corpus index, loaded with autocannon
// over the bench's query set, beside its own /healthz (with its request logs and without) and a
// naive server. Targets run one at a time on 127.0.0.1.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type MiniSearch from 'minisearch'
import type { Article } from '../articles/types.ts'
import type { BaselineDoc } from './baselines.ts'
import { type HttpTarget, loadTarget, searchPath } from './http-load.ts'
import { startNaiveServer, startNewsdexServer } from './http-servers.ts'
import { type MemorySample, memorySample } from './memory.ts'
import type { BenchQuery } from './queries.ts'
import { ratio } from './stats.ts'

export const DEFAULT_CONNECTIONS = 50

export interface HttpReport {
  connections: number
  seconds: number
  queries: number
  targets: HttpTarget[]
  /**
   * `/search` ÷ naive and `/search` ÷ `/healthz`: requests per second and p99; and the cost of
   * the request logs: `/healthz` logging each request ÷ `/healthz` with `--quiet`, req/s.
   */
  ratios: {
    searchOverNaiveRps: number
    searchOverNaiveP99: number
    searchOverHealthzRps: number
    searchOverHealthzP99: number
    loggedOverQuietRps: number
  }
}

export interface SoakReport {
  seconds: number
  target: HttpTarget
  /** Measured after a forced GC, with the server idle. The process also holds the naive index. */
  before: MemorySample
  after: MemorySample
  heapGrowthBytes: number
  rssGrowthBytes: number
}

export interface HttpOptions {
  /** The saved newsdex index to serve. */
  indexPath: string
  /** The articles the index was built from: the naive server indexes their paragraphs. */
  articles: readonly Article[]
  /** MiniSearch (default options) over those paragraphs, if already built: saves a build. */
  naiveIndex?: MiniSearch<BaselineDoc>
  queries: readonly BenchQuery[]
  /** Load per target, seconds (autocannon's duration: whole seconds, at least 1). */
  seconds: number
  connections?: number
  /** Requests of warm-up per target before it is measured. */
  warmupRequests?: number
  /** Load `/search` this long after the measured run, sampling memory around it; 0 for none. */
  soakSeconds?: number
  onProgress?: (message: string) => void
}

/**
 * Loads `/search` on the newsdex server (cycling through the query set), then `/healthz` on the
 * same server, then `/healthz` on a newsdex server with its logs off, then the naive server with
 * the same paths, one at a time; with `soakSeconds`, loads `/search` that long more (after
 * `/healthz`) and reports the memory before and after.
 */
export async function benchHttp(
  options: HttpOptions,
): Promise<{ http: HttpReport; soak: SoakReport | undefined }> {
  const progress = options.onProgress ?? (() => {})
  const seconds = Math.max(1, Math.round(options.seconds))
  const connections = options.connections ?? DEFAULT_CONNECTIONS
  const warmupRequests = options.warmupRequests ?? 500
  const paths = options.queries.map(searchPath)
  if (paths.length === 0) throw new Error('bench http: no queries to send')
  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-http-'))
  const spec = { seconds, connections, warmupRequests, dir }
  const targets: HttpTarget[] = []
  let soak: SoakReport | undefined
  try {
    progress('http: starting the newsdex server…')
    const newsdex = await startNewsdexServer(options.indexPath, dir)
    try {
      progress(`http: /search for ${seconds} s at ${connections} connections…`)
      targets.push(
        await loadTarget({
          ...spec,
          name: 'newsdex /search',
          url: newsdex.url,
          serverTimes: newsdex.times,
          paths,
        }),
      )
      progress(`http: /healthz for ${seconds} s…`)
      targets.push(
        await loadTarget({
          ...spec,
          name: 'newsdex /healthz',
          url: newsdex.url,
          serverTimes: newsdex.times,
          paths: ['/healthz'],
        }),
      )
      const soakSeconds = Math.round(options.soakSeconds ?? 0)
      if (soakSeconds > 0) {
        progress(`soak: /search for ${soakSeconds} s…`)
        const before = memorySample()
        const target = await loadTarget({
          ...spec,
          name: 'newsdex /search (soak)',
          url: newsdex.url,
          serverTimes: newsdex.times,
          paths,
          seconds: soakSeconds,
          warmupRequests: 0,
        })
        const after = memorySample()
        soak = {
          seconds: soakSeconds,
          target,
          before,
          after,
          heapGrowthBytes: after.heapUsed - before.heapUsed,
          rssGrowthBytes: after.rss - before.rss,
        }
      }
    } finally {
      await newsdex.close()
    }
    progress('http: starting the newsdex server with its logs off (--quiet)…')
    const quiet = await startNewsdexServer(options.indexPath, dir, 'silent')
    try {
      progress(`http: /healthz, logs off, for ${seconds} s…`)
      targets.push(
        await loadTarget({
          ...spec,
          name: 'newsdex /healthz --quiet',
          url: quiet.url,
          serverTimes: quiet.times,
          paths: ['/healthz'],
        }),
      )
    } finally {
      await quiet.close()
    }
    progress('http: starting the naive server (MiniSearch defaults)…')
    const naive = await startNaiveServer(options.articles, options.naiveIndex)
    try {
      progress(`http: naive /search for ${seconds} s…`)
      targets.push(
        await loadTarget({
          ...spec,
          name: 'naive MiniSearch /search',
          url: naive.url,
          serverTimes: naive.times,
          paths,
        }),
      )
    } finally {
      await naive.close()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const byName = (name: string) => targets.find((target) => target.name === name) as HttpTarget
  const search = byName('newsdex /search')
  const healthz = byName('newsdex /healthz')
  const naive = byName('naive MiniSearch /search')
  return {
    http: {
      connections,
      seconds,
      queries: paths.length,
      targets,
      ratios: {
        searchOverNaiveRps: ratio(search.requestsPerSecond, naive.requestsPerSecond),
        searchOverNaiveP99: ratio(search.p99Ms, naive.p99Ms),
        searchOverHealthzRps: ratio(search.requestsPerSecond, healthz.requestsPerSecond),
        searchOverHealthzP99: ratio(search.p99Ms, healthz.p99Ms),
        loggedOverQuietRps: ratio(
          healthz.requestsPerSecond,
          byName('newsdex /healthz --quiet').requestsPerSecond,
        ),
      },
    },
    soak,
  }
}
