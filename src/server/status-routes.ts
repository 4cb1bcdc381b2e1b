import type { Router } from 'express'
import type { AppContext } from './app-context.ts'
import type { ErrorBody } from './errors.ts'

/**
 * `/healthz` (liveness, which build is live, each shard's state), `/readyz` (503 once the server
 * is shutting down) and, when `exposeMetrics`, `/metrics` in Prometheus text format.
 */
export function addStatusRoutes(
  router: Router,
  context: AppContext,
  ready: () => boolean,
  exposeMetrics: boolean,
): void {
  const { engine, live, metrics } = context

  router.get('/healthz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (live === undefined) {
      const health = await engine.health()
      const down = health.shards?.some((shard) => shard.state === 'down') === true
      res.status(down ? 503 : 200).json({ status: down ? 'degraded' : 'ok', ...health })
      return
    }
    const index = live.current
    res.json({
      engine: 'embedded',
      status: 'ok',
      articles: index.articleCount,
      paragraphs: index.paragraphCount,
      builtAt: index.manifest?.builtAt ?? null,
      indexVersion: index.manifest?.formatVersion ?? null,
      buildId: index.manifest?.buildId ?? null,
    })
  })

  router.get('/readyz', (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (!ready()) {
      res.status(503).json({
        error: { code: 'not_ready', message: 'The server is shutting down.' },
      } satisfies ErrorBody)
      return
    }
    res.json({
      status: 'ready',
      buildId: live === undefined ? null : live.buildId || null,
    })
  })

  if (metrics !== undefined && exposeMetrics) {
    router.get('/metrics', async (_req, res) => {
      const text = await metrics.registry.metrics()
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text)
    })
  }
}
