import { join } from 'node:path'
import compression from 'compression'
import express, { type Express } from 'express'
import type { Logger } from 'pino'
import type { Engine } from '../engine/engine.ts'
import { plural } from '../page/words.ts'
import { type Limits, resolveLimits } from '../search/limits.ts'
import { addApiRoutes } from './api-routes.ts'
import { appContext } from './app-context.ts'
import { addAssetRoutes, assetUrls, loadAssets } from './assets.ts'
import { errorHandler, HttpError, notFound } from './errors.ts'
import type { LiveIndex } from './live-index.ts'
import { createLogger, requestLogging } from './logger.ts'
import type { Metrics } from './metrics.ts'
import { addPageRoutes } from './page-routes.ts'
import { type RequestTiming, timeRequests } from './request-timing.ts'
import { securityHeaders } from './security.ts'
import { addStatusRoutes } from './status-routes.ts'

const ROOT = join(import.meta.dirname, '..', '..')

/** Every path the app answers GET on; other methods there get a 405 rather than a 404. */
const ROUTES = [
  '/search',
  '/search.atom',
  '/suggest',
  '/opensearch.xml',
  '/healthz',
  '/readyz',
  '/',
  '/articles/*id',
]

export interface AppOptions {
  /** Where log lines go (one per request, plus errors). Defaults to JSON lines on stdout. */
  logger?: Logger
  /** Counts requests and searches when given. Defaults to none. */
  metrics?: Metrics
  /** Whether `GET /metrics` serves `metrics` here (rather than on a port of its own). Defaults to false. */
  exposeMetrics?: boolean
  /** Whether the server is serving (`/readyz`): false while it shuts down. Defaults to always. */
  ready?: () => boolean
  /** Static files, served under `/static/`. Defaults to `public/`. */
  publicDir?: string
  /** EJS templates. Defaults to `views/`. */
  viewsDir?: string
  /** Caps on queries, pages and expansions; each defaults as `DEFAULT_LIMITS` says. */
  limits?: Partial<Limits>
  /**
   * The site's public address (checked by `parsePublicUrl`), for the absolute URLs of
   * `/opensearch.xml` and `/search.atom`. Defaults to the request's protocol and `Host`.
   */
  publicUrl?: string
  /**
   * Told each request's own time inside the server once it is answered (the request log reads
   * the same figures). Defaults to none.
   */
  onRequestTimed?: (timing: RequestTiming) => void
}

/**
 * The Express app: routes, templates, static files, over a live index file (the embedded
 * engine) or another engine. It does not listen; see server.ts.
 */
export function createApp(source: LiveIndex | Engine, options: AppOptions = {}): Express {
  const limits = resolveLimits(options.limits)
  const context = appContext(source, limits, options.metrics, options.publicUrl)
  const logger = options.logger ?? createLogger()
  const exposeMetrics = options.exposeMetrics === true
  const assets = loadAssets(options.publicDir ?? join(ROOT, 'public'))
  const urls = assetUrls(assets)

  const app = express()
  app.disable('x-powered-by')
  app.set('views', options.viewsDir ?? join(ROOT, 'views'))
  app.set('view engine', 'ejs')
  app.set('view cache', true)
  app.locals.assets = urls
  app.locals.plural = plural
  app.locals.limits = limits
  Object.defineProperty(app.locals, 'stats', {
    enumerable: true,
    get: () => context.engine.counts(),
  })

  app.use(timeRequests(options.onRequestTimed))
  app.use(securityHeaders())
  app.use(requestLogging(logger))
  if (options.metrics !== undefined) app.use(options.metrics.requests)
  app.use(compression())

  // The API before the pages: `/articles/<id>/related` passes an article so named on to them.
  // On the app itself, not nested routers: a nested router answers OPTIONS with 200 before the
  // app's 405 below could.
  addApiRoutes(app, context, urls)
  addStatusRoutes(app, context, options.ready ?? (() => true), exposeMetrics)
  addPageRoutes(app, context)
  addAssetRoutes(app, assets)

  for (const route of exposeMetrics ? [...ROUTES, '/metrics'] : ROUTES) {
    app.all(route, () => {
      throw new HttpError(405, 'method_not_allowed', 'Only GET and HEAD are supported here.')
    })
  }
  app.use(() => {
    throw notFound()
  })
  app.use(errorHandler())
  return app
}
