// One load on one HTTP target: autocannon in a worker thread (so that it does not share the
// servers' event loop), each connection cycling through the paths from its own place, with the
// server's own request times and its event loop's delays alongside.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import autocannon from 'autocannon'
import type { ServerTimes } from './http-servers.ts'
import { forceGc } from './memory.ts'
import type { BenchQuery } from './queries.ts'
import { percentile } from './stats.ts'

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
   * Server-side time of each request, from entering Express to the response closing, from the
   * server's `onRequestTimed` hook (the figures newsdex's request log writes, logs on or off;
   * naive: the same middleware). NaN when none was recorded.
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
