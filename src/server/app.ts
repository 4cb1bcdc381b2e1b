import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import compression from 'compression'
import express, { type Express, type Request, type Response } from 'express'
import type { Logger } from 'pino'
import { searchDepth, withEngineTotals } from '../engine/bounded.ts'
import { EmbeddedEngine } from '../engine/embedded.ts'
import type { Engine, QueryView, ViewRequest } from '../engine/engine.ts'
import { resultsView } from '../page/results-view.ts'
import { pageTitle, plural } from '../page/words.ts'
import { markArticle } from '../search/article.ts'
import { type Limits, resolveLimits } from '../search/limits.ts'
import { relatedArticles } from '../search/related.ts'
import { search } from '../search/search.ts'
import { suggest } from '../search/suggest.ts'
import type { SearchRequest, SearchResponse, SuggestResponse } from '../search/types.ts'
import { articleView } from './article-view.ts'
import { atomFeed, FEED_SIZE, feedHref } from './atom.ts'
import { type ErrorBody, errorHandler, HttpError, notFound } from './errors.ts'
import type { LiveIndex } from './live-index.ts'
import { createLogger, requestLogging } from './logger.ts'
import { articleDescription, homeDescription, resultsDescription } from './meta.ts'
import type { Metrics } from './metrics.ts'
import {
  ATOM_TYPE,
  baseUrl,
  OPENSEARCH_TYPE,
  openSearchDescription,
  openSearchSuggestions,
  SUGGESTIONS_TYPE,
} from './opensearch.ts'
import {
  parseQueryText,
  parseRelatedSize,
  parseSearchParams,
  parseSuggestFormat,
} from './params.ts'
import { type RequestTiming, timeRequests } from './request-timing.ts'
import { securityHeaders } from './security.ts'

const ROOT = join(import.meta.dirname, '..', '..')

/** Article titles `/suggest` offers at most (suggest.ts's default). */
const SUGGESTED_TITLES = 3

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

/** A static file, held in memory, with its fingerprinted name. */
interface Asset {
  name: string
  fingerprinted: string
  type: string
  body: Buffer
}

/** URLs of the static files, for the templates: `assets['app.js']` → `/static/app.1a2b3c4d5e6f.js`. */
export type AssetUrls = Record<string, string>

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Reads the static files once, at startup, and names each after a hash of its content
 * (`app.js` → `app.<12 hex>.js`): a changed file gets a new URL, so the old one can be cached
 * for a year.
 */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name)]
    if (!entry.isFile() || type === undefined) continue
    const body = readFileSync(join(dir, entry.name))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
    const ext = extname(entry.name)
    const fingerprinted = `${entry.name.slice(0, -ext.length)}.${hash}${ext}`
    assets.set(entry.name, { name: entry.name, fingerprinted, type, body })
  }
  return assets
}

/**
 * The Express app: routes, templates, static files, over a live index file (the embedded
 * engine) or another engine. It does not listen; see server.ts.
 */
export function createApp(source: LiveIndex | Engine, options: AppOptions = {}): Express {
  const live = 'view' in source ? undefined : source
  const engine: Engine =
    live === undefined ? (source as Engine) : new EmbeddedEngine(() => live.current)
  const limits = resolveLimits(options.limits)
  const logger = options.logger ?? createLogger()
  const metrics = options.metrics
  const ready = options.ready ?? (() => true)
  const assets = loadAssets(options.publicDir ?? join(ROOT, 'public'))
  const byUrl = new Map<string, { asset: Asset; immutable: boolean }>()
  const urls: AssetUrls = {}
  for (const asset of assets.values()) {
    byUrl.set(asset.fingerprinted, { asset, immutable: true })
    byUrl.set(asset.name, { asset, immutable: false })
    urls[asset.name] = `/static/${asset.fingerprinted}`
  }

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
    get: () => engine.counts(),
  })

  app.use(timeRequests(options.onRequestTimed))
  app.use(securityHeaders())
  app.use(requestLogging(logger))
  if (metrics !== undefined) app.use(metrics.requests)
  app.use(compression())

  /** The engine's index for a query, with the caps the search will apply. */
  const viewFor = (q: string, more: Omit<ViewRequest, 'q'> = {}): Promise<QueryView> =>
    engine.view({ q, ...more, ...limits })

  /** `search` on the engine's view of the query, timed for the metrics; says which shards failed. */
  const timedSearch = async (request: SearchRequest): Promise<SearchResponse> => {
    const started = performance.now()
    const depth = searchDepth(request)
    const view = await viewFor(request.q, {
      prefix: request.prefix === true,
      ...(depth !== undefined && { depth }),
    })
    const found = withEngineTotals(search(view.index, request, limits), view, request)
    if (view.missing.length > 0) {
      found.partial = true
      found.missingShards = view.missing
    }
    found.tookMs = Math.round((performance.now() - started) * 100) / 100
    metrics?.searched(started)
    return found
  }

  app.get('/search', async (req, res) => {
    const request = parseSearchParams(req.query, {}, limits)
    res.set('Cache-Control', 'no-store').json(await timedSearch(request))
  })

  app.get('/suggest', async (req, res) => {
    const q = parseQueryText(req.query, limits)
    const format = parseSuggestFormat(req.query)
    // Titles of the best few articles: a distributed engine reads only its best candidates.
    const view = await viewFor(q, { prefix: true, depth: SUGGESTED_TITLES })
    const suggestions = suggest(view.index, q, limits)
    res.set('Cache-Control', 'no-store')
    if (format === 'json') res.json({ suggestions } satisfies SuggestResponse)
    else res.type(SUGGESTIONS_TYPE).send(JSON.stringify(openSearchSuggestions(q, suggestions)))
  })

  app.get('/opensearch.xml', (req, res) => {
    const base = baseUrl(options.publicUrl, req.protocol, req.get('host'))
    // The description names this host unless a public URL is set: caches must tell hosts apart.
    res.set({ 'Cache-Control': 'no-cache', Vary: 'Host' })
    res.type(OPENSEARCH_TYPE).send(openSearchDescription(base, urls['favicon.svg']))
  })

  app.get('/search.atom', async (req, res) => {
    const request = parseSearchParams(req.query, {}, limits)
    const base = baseUrl(options.publicUrl, req.protocol, req.get('host'))
    // Every article, near-copies too: a corrected or updated story is news to a subscriber.
    const newest = {
      ...request,
      page: 1,
      size: FEED_SIZE,
      sort: 'newest' as const,
      collapse: false,
    }
    const { results } = await timedSearch(newest)
    const builtAt = engine.counts().builtAt ?? new Date().toISOString()
    res.set({ 'Cache-Control': 'no-cache', Vary: 'Host' })
    res.type(ATOM_TYPE).send(atomFeed({ base, request, results, builtAt }))
  })

  app.get('/healthz', async (_req, res) => {
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

  app.get('/readyz', (_req, res) => {
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

  if (metrics !== undefined && options.exposeMetrics === true) {
    app.get('/metrics', async (_req, res) => {
      const text = await metrics.registry.metrics()
      res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(text)
    })
  }

  app.get('/', async (req, res) => {
    // The page reads the last word as a prefix, as the box does while typing, so a reloaded or
    // shared address shows what the box showed.
    const request = parseSearchParams(req.query, { prefix: true }, limits)
    const q = request.q
    const response = q.trim() === '' ? undefined : await timedSearch(request)
    const counts = engine.counts()
    await renderPage(req, res, 'search', {
      title: pageTitle(q),
      description:
        response === undefined
          ? homeDescription(counts)
          : resultsDescription(q, response.total.articles),
      q,
      view: response === undefined ? undefined : resultsView(response, request),
      page: 'search',
      form: { sort: request.sort ?? 'relevance', from: request.from, to: request.to },
      feed: q.trim() === '' ? undefined : feedHref(request),
    })
  })

  app.get('/articles/*id/related', async (req, res, next) => {
    const id = articleId(req.params.id)
    // A distributed engine reads candidates enough for the largest size (20) by default.
    const { index } = await viewFor('', { articles: [id, `${id}/related`], related: id })
    // An article whose own id ends in `/related` is served as an article.
    if (index.article(`${id}/related`) !== undefined) return next()
    const related = relatedArticles(index, id, { size: parseRelatedSize(req.query) })
    if (related === undefined) throw new HttpError(404, 'not_found', 'There is no such article.')
    res.set('Cache-Control', 'no-store').json({ related })
  })

  app.get('/articles/*id', async (req, res) => {
    const q = parseQueryText(req.query, limits)
    const id = articleId(req.params.id)
    // Links from results carry the query as the box had it, last word possibly half typed.
    const prefix = req.query.prefix !== 'false'
    const { index } = await viewFor(q, { prefix, articles: [id], related: id })
    const marked = markArticle(index, id, q, { ...limits, prefix })
    if (marked === undefined) throw new HttpError(404, 'not_found', 'There is no such article.')
    await renderPage(req, res, 'article', {
      title: `${marked.article.title} — newsdex`,
      description: articleDescription(marked.article),
      q,
      view: articleView(marked, q, relatedArticles(index, id) ?? []),
      page: 'article',
      feed: q.trim() === '' ? undefined : feedHref({ q }),
    })
  })

  app.get('/static/:name', (req, res, next) => {
    const found = byUrl.get(req.params.name)
    if (found === undefined) return next()
    res.type(found.asset.type)
    // A fingerprinted URL never changes content; a plain one may, so it is revalidated (ETag).
    res.set('Cache-Control', found.immutable ? IMMUTABLE : 'no-cache')
    res.send(found.asset.body)
  })

  const favicon = assets.get('favicon.svg')
  if (favicon !== undefined) {
    app.get('/favicon.ico', (_req, res) => {
      res.redirect(301, `/static/${favicon.fingerprinted}`)
    })
  }

  const routes = [
    '/search',
    '/search.atom',
    '/suggest',
    '/opensearch.xml',
    '/healthz',
    '/readyz',
    '/',
    '/articles/*id',
  ]
  if (options.exposeMetrics === true) routes.push('/metrics')
  for (const route of routes) {
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

/**
 * An article id from the segments Express gives `*id`, decoded. The id is only ever a key of the
 * index, never a file path, so `..` or `%2e%2e` simply name no article.
 */
function articleId(segments: unknown): string {
  return Array.isArray(segments) ? segments.join('/') : String(segments)
}

/** Renders a view into the layout and sends it; pages may change with the index, so `no-cache`. */
async function renderPage(
  req: Request,
  res: Response,
  view: string,
  locals: Record<string, unknown>,
): Promise<void> {
  const all = { ...req.app.locals, ...locals }
  const body = await renderView(req.app, view, all)
  const html = await renderView(req.app, 'layout', { ...all, body })
  res.set('Cache-Control', 'no-cache').type('html').send(html)
}

function renderView(
  app: Request['app'],
  view: string,
  locals: Record<string, unknown>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render(view, locals, (error, html) => (error ? reject(error) : resolve(html)))
  })
}
