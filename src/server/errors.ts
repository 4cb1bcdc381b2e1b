import type { ErrorRequestHandler, Request } from 'express'
import { EngineUnavailableError } from '../engine/engine.ts'
import { escapeHtml } from '../search/escape.ts'

/** An error a client can cause: answered with its status, a stable code and a readable message. */
export class HttpError extends Error {
  override name = 'HttpError'
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The JSON body of every API error. */
export interface ErrorBody {
  error: { code: string; message: string }
}

/** Paths whose errors are answered in JSON; every other path gets the HTML error page. */
const API_PATHS = [
  '/search',
  '/suggest',
  '/healthz',
  '/readyz',
  '/metrics',
  '/opensearch.xml',
  '/search.atom',
]

/** `/articles/<id>/related` answers JSON too, below the article pages. */
const RELATED_PATH = /^\/articles\/.+\/related$/

export function isApiPath(path: string): boolean {
  return (
    API_PATHS.some((api) => path === api || path.startsWith(`${api}/`)) || RELATED_PATH.test(path)
  )
}

export function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'There is nothing at this address.')
}

/** Titles of the HTML error page by status. */
const TITLES: Record<number, string> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  500: 'Something went wrong',
  503: 'Search unavailable',
}

/**
 * What to answer for an error: an HttpError as it is; an error Express or a middleware raised
 * with a 4xx status (a malformed percent-encoding in the path, say) as a generic client error;
 * anything else as a 500 whose body says nothing about the cause (which goes to the log).
 */
export function describeError(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message }
  }
  if (error instanceof EngineUnavailableError) {
    return {
      status: 503,
      code: 'engine_unavailable',
      message: 'The search engine is not answering. Please try again in a moment.',
    }
  }
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return status === 404
      ? { status, code: 'not_found', message: 'There is nothing at this address.' }
      : { status: 400, code: 'bad_request', message: 'The request could not be understood.' }
  }
  return {
    status: 500,
    code: 'internal',
    message: 'Something went wrong on our side. Please try again.',
  }
}

/**
 * The one error handler: JSON `{ error: { code, message } }` under the API paths, the HTML error
 * page elsewhere. A 500's error goes into the request's log line (with its stack and the
 * request's id); the response never carries a stack or a path.
 */
export function errorHandler(): ErrorRequestHandler {
  return (error, req, res, next) => {
    const { status, code, message } = describeError(error)
    // pino-http logs the request at `error` with `res.err` as its cause.
    if (status === 500) (res as { err?: unknown }).err = error
    if (res.headersSent) {
      next(error)
      return
    }
    res.status(status)
    res.set('Cache-Control', 'no-store')
    if (error instanceof HttpError && status === 405) res.set('Allow', 'GET, HEAD')
    if (isApiPath(req.path)) {
      res.json({ error: { code, message } } satisfies ErrorBody)
      return
    }
    let sent = false
    const send = (html: string) => {
      if (sent) return
      sent = true
      res.type('html').send(html)
    }
    try {
      renderErrorPage(req, status, message, send)
    } catch (renderError) {
      // Never let an error escape to Express's own handler: outside production it answers with
      // the stack and the file paths.
      req.log.error({ err: renderError }, 'rendering the error page failed')
      send(minimalPage(TITLES[status] ?? 'Error', message))
    }
  }
}

/** Renders views/error.ejs in the layout; if that fails too, a minimal page (and a log line). */
function renderErrorPage(
  req: Request,
  status: number,
  message: string,
  send: (html: string) => void,
): void {
  const title = TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400])
  const locals = { ...req.app.locals, title, status, message, description: message, q: '' }
  req.app.render('error', locals, (error, body) => {
    if (error) return send(minimalPage(title ?? 'Error', message))
    req.app.render('layout', { ...locals, body, page: 'error' }, (layoutError, html) => {
      send(layoutError ? minimalPage(title ?? 'Error', message) : html)
    })
  })
}

function minimalPage(title: string, message: string): string {
  const [t, m] = [escapeHtml(title), escapeHtml(message)]
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>${t}</title><h1>${t}</h1><p>${m}</p></html>`
}
