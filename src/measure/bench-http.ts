// The HTTP part of the bench: the real newsdex server on the corpus index, loaded with autocannon
// over the bench's query set, beside its own /healthz and a naive server (MiniSearch defaults
// behind one Express route). Targets run one at a time on 127.0.0.1. The load generator runs in
// a worker thread, so that it does not share the server's event loop.
import { readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import autocannon from 'autocannon'
import express from 'express'
import MiniSearch from 'minisearch'
import { pino } from 'pino'
import type { Article } from '../articles/types.ts'
import type { LogLevel } from '../server/logger.ts'
import { forceGc, MINISEARCH_DEFAULTS, type ParagraphDoc, paragraphDocs } from './bench.ts'
import type { BenchQuery } from './queries.ts'
import { percentile, ratio } from './stats.ts'

export const DEFAULT_CONNECTIONS = 50

/** The path that asks the server one query (prefix queries say so, as the page does). */
export function searchPath(query: Pick<BenchQuery, 'text' | 'prefix'>): string {
  return `/search?q=${encodeURIComponent(query.text)}${query.prefix ? '&prefix=true' : ''}`
}

export interface HttpTarget {
  name: string
  /** The path (of the first request, for the rotating ones). */
  path: string
  seconds: number
  connections: number
  requests: number
  requestsPerSecond: number
  /** Client-side latency (autocannon): queueing for the server included. */
  p50Ms: number
  p99Ms: number
  maxMs: number
  /**
   * Server-side time of each request, from entering Express to the response closing (newsdex:
   * the `responseTime` of its JSON request log lines; naive: the same measurement). NaN when
   * none was recorded (newsdex with its logs off).
   */
  serverP50Ms: number
  serverP99Ms: number
  /**
   * How late the servers' event loop ran during the load (perf_hooks, 10 ms resolution): the
   * longest stretch it could not serve anyone, whether busy with a request, collecting garbage
   * or not given a core.
   */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  non2xx: number
  errors: number
  timeouts: number
}

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

export interface MemorySample {
  heapUsed: number
  rss: number
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
  naiveIndex?: MiniSearch<ParagraphDoc>
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

/** The server's own time of each request it answers. */
export interface ServerTimes {
  /** Forgets the requests so far. */
  reset: () => void
  /** The ms of each request answered since the last reset. */
  read: () => number[]
}

/** A server started by the bench: its base URL and how to stop it. */
interface Running {
  url: string
  close: () => Promise<void>
  times: ServerTimes
}

/** Times kept in memory as they come. */
function timesList(): ServerTimes & { add: (ms: number) => void } {
  let times: number[] = []
  return {
    add: (ms) => times.push(ms),
    reset: () => {
      times = []
    },
    read: () => times,
  }
}

/**
 * What a user would write instead of newsdex: MiniSearch with its default options over the
 * same paragraphs, its top 10 as JSON. `prefix=true` is honoured, as newsdex's `/search` does.
 */
export function naiveApp(
  index: MiniSearch<ParagraphDoc>,
  onRequestMs: (ms: number) => void = () => {},
): express.Express {
  const app = express()
  // Timed as newsdex's request log times its requests, for the server-side columns.
  app.use((_req, res, next) => {
    const started = performance.now()
    res.once('close', () => onRequestMs(performance.now() - started))
    next()
  })
  app.get('/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : ''
    const options = req.query.prefix === 'true' ? { prefix: true } : undefined
    res.json(index.search(q, options).slice(0, 10))
  })
  return app
}

/** MiniSearch with its default options over the articles' paragraphs. */
export function naiveIndex(articles: readonly Article[]): MiniSearch<ParagraphDoc> {
  const index = new MiniSearch<ParagraphDoc>(MINISEARCH_DEFAULTS)
  index.addAll(paragraphDocs(articles))
  return index
}

/** The naive server on a free port of 127.0.0.1, over `index` or a new one of the articles. */
export async function startNaiveServer(
  articles: readonly Article[],
  index = naiveIndex(articles),
): Promise<Running> {
  const times = timesList()
  const server: Server = naiveApp(index, times.add).listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    times,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** The `responseTime` of each request line among JSON log lines. */
export function responseTimes(lines: string): number[] {
  const times: number[] = []
  for (const line of lines.split('\n')) {
    if (line === '') continue
    const record = JSON.parse(line) as { responseTime?: unknown }
    if (typeof record.responseTime === 'number') times.push(record.responseTime)
  }
  return times
}

/**
 * The real newsdex server on `indexPath`, on a free port of 127.0.0.1, logging as in production
 * (JSON lines written synchronously) at `level` into a file of `dir`: the time of each request
 * is read back from its line after the run, so that reading costs the server nothing.
 */
export async function startNewsdexServer(
  indexPath: string,
  dir: string,
  level: LogLevel = 'info',
): Promise<Running> {
  const { startServer } = await import('../server/server.ts')
  const { createLogger } = await import('../server/logger.ts')
  const file = join(dir, `server-${modules++}.log`)
  const destination = pino.destination({ dest: file, sync: true, mkdir: true })
  let offset = 0
  const times: ServerTimes = {
    reset: () => {
      offset = statSync(file).size
    },
    read: () => responseTimes(readFileSync(file).subarray(offset).toString('utf8')),
  }
  const running = await startServer({
    index: indexPath,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger({ level, destination }),
  })
  const close = async () => {
    await running.close()
    destination.end()
  }
  return { url: running.url, close, times }
}

/**
 * A module for autocannon's worker: each connection starts at its own place in the list of
 * paths (a stride apart) and cycles through them, so the connections do not ask the same
 * query at the same moment. Workers need functions as files, so it is written out.
 */
export function setupClientModule(paths: readonly string[]): string {
  return `'use strict'
const paths = ${JSON.stringify(paths)}
let connection = 0
module.exports = function setupClient (client) {
  const start = (connection++ * 97) % paths.length
  const order = paths.slice(start).concat(paths.slice(0, start))
  client.setRequests(order.map((path) => ({ method: 'GET', path })))
}
`
}

export interface LoadSpec {
  name: string
  url: string
  /** The server's own request times, reset before the measured run. */
  serverTimes?: ServerTimes
  paths: readonly string[]
  seconds: number
  connections: number
  warmupRequests: number
  dir: string
}

let modules = 0

/**
 * Loads one target: an optional warm-up, then `connections` connections for `seconds`, the
 * client in a worker thread; the server's own times and its event loop's delays alongside.
 */
export async function loadTarget(spec: LoadSpec): Promise<HttpTarget> {
  const setupClient = join(spec.dir, `setup-client-${modules++}.cjs`)
  await writeFile(setupClient, setupClientModule(spec.paths))
  const common = {
    url: spec.url,
    workers: 1,
    // In workers mode autocannon takes a module path here (its types only know functions).
    setupClient: setupClient as unknown as autocannon.Options['setupClient'],
    requests: [{ method: 'GET' as const, path: spec.paths[0] ?? '/' }],
  }
  if (spec.warmupRequests > 0) {
    // Warm-up in this thread (no worker to start): only the server's state matters here.
    await autocannon({
      url: spec.url,
      connections: 10,
      amount: spec.warmupRequests,
      requests: spec.paths.map((path) => ({ method: 'GET' as const, path })),
    })
  }
  // No garbage left over from earlier work (or another target) to be collected during the run.
  forceGc()
  spec.serverTimes?.reset()
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const result = await autocannon({
    ...common,
    connections: spec.connections,
    duration: spec.seconds,
  })
  loop.disable()
  const serverTimes = spec.serverTimes?.read() ?? []
  // autocannon's own measure of the run (a little past the duration, as the last responses come).
  const seconds = result.duration > 0 ? result.duration : spec.seconds
  return {
    name: spec.name,
    path: spec.paths[0] ?? '/',
    seconds,
    connections: spec.connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    serverP50Ms: percentile(serverTimes, 50),
    serverP99Ms: percentile(serverTimes, 99),
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }
}

function memory(): MemorySample {
  forceGc()
  const { heapUsed, rss } = process.memoryUsage()
  return { heapUsed, rss }
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
        const before = memory()
        const target = await loadTarget({
          ...spec,
          name: 'newsdex /search (soak)',
          url: newsdex.url,
          serverTimes: newsdex.times,
          paths,
          seconds: soakSeconds,
          warmupRequests: 0,
        })
        const after = memory()
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
