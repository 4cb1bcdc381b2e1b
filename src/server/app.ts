import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import compression from 'compression'
import express, { type Express, type Request, type RequestHandler, type Response } from 'express'
import { markArticle } from '../search/article.ts'
import { type Limits, resolveLimits } from '../search/limits.ts'
import { search } from '../search/search.ts'
import { suggest } from '../search/suggest.ts'
import { errorHandler, HttpError, notFound } from './errors.ts'
import type { LiveIndex } from './live-index.ts'
import { articleDescription, homeDescription, resultsDescription } from './meta.ts'
import { articleView, plural, resultsView } from './pages.ts'
import { parseQueryText, parseSearchParams } from './params.ts'
import { securityHeaders } from './security.ts'

const ROOT = join(import.meta.dirname, '..', '..')

export interface AppOptions {
  /** Where log lines go (one per request, plus errors). Defaults to stdout. */
  log?: (line: string) => void
  /** No log lines at all (tests). */
  quiet?: boolean
  /** Static files, served under `/static/`. Defaults to `public/`. */
  publicDir?: string
  /** EJS templates. Defaults to `views/`. */
  viewsDir?: string
  /** Caps on queries, pages and expansions; each defaults as `DEFAULT_LIMITS` says. */
  limits?: Partial<Limits>
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

/** The Express app: routes, templates, static files. It does not listen; see server.ts. */
export function createApp(live: LiveIndex, options: AppOptions = {}): Express {
  const limits = resolveLimits(options.limits)
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)))
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
    get: () => {
      const index = live.current
      return {
        articles: index.articleCount,
        paragraphs: index.paragraphCount,
        builtAt: index.manifest?.builtAt,
      }
    },
  })

  app.use(securityHeaders())
  app.use(requestLog(log))
  app.use(compression())

  app.get('/search', (req, res) => {
    const request = parseSearchParams(req.query, {}, limits)
    res.set('Cache-Control', 'no-store').json(search(live.current, request, limits))
  })

  app.get('/suggest', (req, res) => {
    const q = parseQueryText(req.query, limits)
    res.set('Cache-Control', 'no-store').json({ suggestions: suggest(live.current, q, limits) })
  })

  app.get('/healthz', (_req, res) => {
    const index = live.current
    res.set('Cache-Control', 'no-store').json({
      status: 'ok',
      articles: index.articleCount,
      paragraphs: index.paragraphCount,
      builtAt: index.manifest?.builtAt ?? null,
      indexVersion: index.manifest?.formatVersion ?? null,
      buildId: index.manifest?.buildId ?? null,
    })
  })

  app.get('/', async (req, res) => {
    // The page reads the last word as a prefix, as the box does while typing, so a reloaded or
    // shared address shows what the box showed.
    const request = parseSearchParams(req.query, { prefix: true }, limits)
    const q = request.q
    const index = live.current
    const response = q.trim() === '' ? undefined : search(index, request, limits)
    await renderPage(req, res, 'search', {
      title: q.trim() === '' ? 'newsdex — search the news' : `${q.trim()} — newsdex`,
      description:
        response === undefined
          ? homeDescription({ articles: index.articleCount, paragraphs: index.paragraphCount })
          : resultsDescription(q, response.total.articles),
      q,
      view: response === undefined ? undefined : resultsView(response, request),
      page: 'search',
    })
  })

  app.get('/articles/*id', async (req, res) => {
    const q = parseQueryText(req.query, limits)
    // Express gives the segments of `*id` decoded; the id is only ever a key of the index, never
    // a file path, so `..` or `%2e%2e` simply name no article.
    const segments: unknown = req.params.id
    const id = Array.isArray(segments) ? segments.join('/') : String(segments)
    // Links from results carry the query as the box had it, last word possibly half typed.
    const prefix = req.query.prefix !== 'false'
    const marked = markArticle(live.current, id, q, { ...limits, prefix })
    if (marked === undefined) throw new HttpError(404, 'not_found', 'There is no such article.')
    await renderPage(req, res, 'article', {
      title: `${marked.article.title} — newsdex`,
      description: articleDescription(marked.article),
      q,
      view: articleView(marked, q),
      page: 'article',
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

  app.all(['/search', '/suggest', '/healthz', '/', '/articles/*id'], () => {
    throw new HttpError(405, 'method_not_allowed', 'Only GET and HEAD are supported here.')
  })
  app.use(() => {
    throw notFound()
  })
  app.use(errorHandler(log))
  return app
}

/** One line a request: method, path (no query string: queries are the readers' business), status, ms. */
function requestLog(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    const path = req.originalUrl.split('?', 1)[0]
    res.once('close', () => {
      const ms = (performance.now() - started).toFixed(1)
      const aborted = res.writableFinished ? '' : ' (aborted)'
      log(`${req.method} ${path} ${res.statusCode} ${ms}ms${aborted}`)
    })
    next()
  }
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
