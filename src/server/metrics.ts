import type { RequestHandler } from 'express'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { NewsIndex } from '../index/news-index.ts'

/** Every metric's name starts with this. */
export const METRICS_PREFIX = 'newsdex_'

/** Seconds: from a sub-millisecond answer to a slow page. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

/** What the server counts, in its own registry (two servers in one process count apart). */
export interface Metrics {
  registry: Registry
  /** Counts each request by route and status and times it by route. */
  requests: RequestHandler
  /** Times one search, in seconds from `performance.now()` at its start. */
  searched: (startedMs: number) => void
  /** A reload of the index: swapped in, or failed (the old index still serving). */
  reloaded: (outcome: 'reloaded' | 'failed') => void
}

/**
 * The server's Prometheus metrics: requests, latency, search time, the index being served
 * (`index()` is read at each scrape), reloads, and Node's default process metrics.
 */
export function createMetrics(index: () => NewsIndex | undefined): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX })
  const registers = [registry]
  const requests = new Counter({
    name: `${METRICS_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route and status.',
    labelNames: ['route', 'status'] as const,
    registers,
  })
  const latency = new Histogram({
    name: `${METRICS_PREFIX}http_request_duration_seconds`,
    help: 'Time from a request arriving to its answer being sent, by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const searchTime = new Histogram({
    name: `${METRICS_PREFIX}search_duration_seconds`,
    help: 'Time spent searching the index for one query (API and page).',
    buckets: LATENCY_BUCKETS,
    registers,
  })
  new Gauge({
    name: `${METRICS_PREFIX}index_articles`,
    help: 'Articles in the index being served.',
    registers,
    collect() {
      this.set(index()?.articleCount ?? 0)
    },
  })
  new Gauge({
    name: `${METRICS_PREFIX}index_paragraphs`,
    help: 'Paragraphs in the index being served.',
    registers,
    collect() {
      this.set(index()?.paragraphCount ?? 0)
    },
  })
  const reloads = new Counter({
    name: `${METRICS_PREFIX}index_reloads_total`,
    help: 'New builds of the index file swapped in while serving.',
    registers,
  })
  const reloadFailures = new Counter({
    name: `${METRICS_PREFIX}index_reload_failures_total`,
    help: 'Builds of the index file that could not be loaded (the previous one kept serving).',
    registers,
  })

  return {
    registry,
    requests: (req, res, next) => {
      const started = performance.now()
      res.once('finish', () => {
        const route = routeOf(req.route)
        requests.inc({ route, status: res.statusCode })
        latency.observe({ route }, (performance.now() - started) / 1000)
      })
      next()
    },
    searched: (startedMs) => searchTime.observe((performance.now() - startedMs) / 1000),
    reloaded: (outcome) => (outcome === 'reloaded' ? reloads : reloadFailures).inc(),
  }
}

/**
 * The route's pattern (`/articles/*id`), never the address itself, so that the label takes a
 * handful of values; `none` for addresses no route matched.
 */
function routeOf(route: unknown): string {
  const path = (route as { path?: unknown } | undefined)?.path
  if (typeof path === 'string') return path
  return 'none'
}
