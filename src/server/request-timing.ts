// Each request's own time inside the server, measured once and handed to whoever listens: the
// request log writes it, and the bench reads it through the app's `onRequestTimed` hook.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'

/** What the server did with one request, and how long it took. */
export interface RequestTiming {
  method: string
  /** The path asked for, without its query string (queries are the readers' business). */
  path: string
  status: number
  /** From entering the app to the response finishing, or its connection closing, ms. */
  ms: number
  /** The client left before the response was finished. */
  aborted: boolean
}

const STARTED = Symbol('started')
const TIMING = Symbol('timing')
type Timed = ServerResponse & { [STARTED]?: number; [TIMING]?: RequestTiming }

/** Marks the request's start, unless it is marked already. */
export function markStart(res: ServerResponse): void {
  ;(res as Timed)[STARTED] ??= performance.now()
}

/**
 * The request's timing, taken at the first call once the response is done (later calls give the
 * same figures, so the log and the hook agree).
 */
export function requestTiming(req: IncomingMessage, res: ServerResponse): RequestTiming {
  const timed = res as Timed
  if (timed[TIMING] !== undefined) return timed[TIMING]
  const started = timed[STARTED] ?? performance.now()
  const timing = {
    method: req.method ?? 'GET',
    path: ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/').split('?', 1)[0] ?? '/',
    status: res.statusCode,
    ms: performance.now() - started,
    aborted: !res.writableFinished,
  }
  timed[TIMING] = timing
  return timing
}

/** Starts each request's clock, and tells `onTimed` its timing once the response is done. */
export function timeRequests(onTimed?: (timing: RequestTiming) => void): RequestHandler {
  return (req, res, next) => {
    markStart(res)
    if (onTimed !== undefined) res.once('close', () => onTimed(requestTiming(req, res)))
    next()
  }
}
