import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'
import { type DestinationStream, type Level, type Logger, pino } from 'pino'
import { pinoHttp } from 'pino-http'
import { prettyFactory } from 'pino-pretty'
import { markStart, requestTiming } from './request-timing.ts'

/** The levels `--log-level` takes, most to least severe; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = Level | 'silent'

export interface LoggerOptions {
  /** The least severe level written. Defaults to `info`. */
  level?: LogLevel
  /**
   * Where the lines go: one JSON object a line, or a readable line with `pretty`. Defaults to
   * stdout, written synchronously (a line is never lost when the process dies).
   */
  destination?: DestinationStream
  /** Readable, coloured lines for a terminal instead of JSON. Defaults to false. */
  pretty?: boolean
}

/**
 * The service's logger: pino, one JSON line an event, with `time` as an ISO date so that a
 * line read alone says when it happened.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true })
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.pretty ? prettyDestination(destination) : destination,
  )
}

/** Formats each JSON line for a reader in the same thread, so lines keep their order with output. */
function prettyDestination(destination: DestinationStream): DestinationStream {
  const format = prettyFactory({
    colorize: true,
    translateTime: 'HH:MM:ss.l',
    // A request on one line: `GET /search 200 1.8ms (id)`.
    ignore: 'reqId,method,path,status,responseTime',
    messageFormat: (log, messageKey) => {
      const id = log.reqId === undefined ? '' : ` (${String(log.reqId)})`
      if (log.method === undefined) return `${String(log[messageKey])}${id}`
      return `${String(log.method)} ${String(log.path)} ${String(log.status)} ${String(log.responseTime)}ms${id}`
    },
  })
  return { write: (line: string) => destination.write(format(line)) }
}

/** The header that carries a request's id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * An incoming id is kept when it looks like one (up to 128 letters, digits and `-_.:`), so a
 * proxy's id follows the request through the logs; anything else could forge log content.
 */
const USABLE_ID = /^[\w.:-]{1,128}$/

/** The request's id: the caller's `x-request-id` when usable, else a new UUID; sent back either way. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER]
  const id = typeof given === 'string' && USABLE_ID.test(given) ? given : randomUUID()
  res.setHeader(REQUEST_ID_HEADER, id)
  return id
}

/**
 * One line a request once it is answered (or its connection closed): `reqId`, `method`, `path`
 * (no query string: queries are the readers' business), `status`, `responseTime` in ms to a
 * tenth, and `aborted` when the client left first, all from the request's timing (see
 * request-timing.ts). A 5xx is logged at `error` with its `err`. Every handler logs through
 * `req.log`, which carries the request's id.
 */
export function requestLogging(logger: Logger): RequestHandler {
  const fields = (req: IncomingMessage, res: ServerResponse) => {
    const { method, path, status, ms, aborted } = requestTiming(req, res)
    return {
      method,
      path,
      status,
      responseTime: Math.round(ms * 10) / 10,
      ...(aborted && { aborted: true }),
    }
  }
  const middleware = pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    quietResLogger: true,
    // The request is only bound as `reqId`; nothing else of it is serialized.
    wrapSerializers: false,
    serializers: { req: () => undefined },
    customLogLevel: (_req, res, error) =>
      error !== undefined || res.statusCode >= 500 ? 'error' : 'info',
    customSuccessObject: (req, res) => fields(req, res),
    customErrorObject: (req, res, error) => ({ ...fields(req, res), err: error }),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  })
  return (req, res, next) => {
    markStart(res)
    middleware(req, res, next)
  }
}
