import { createServer, type Server, STATUS_CODES } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Logger } from 'pino'
import type { Engine } from '../engine/engine.ts'
import type { Limits } from '../search/limits.ts'
import { type AppOptions, createApp } from './app.ts'
import type { ErrorBody } from './errors.ts'
import { LiveIndex } from './live-index.ts'
import { createLogger } from './logger.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { SECURITY_HEADERS } from './security.ts'

export interface ServerOptions {
  /** The index file to serve (and watch). */
  index: string
  /** Defaults to 3000; 0 picks a free port. */
  port?: number
  /** Defaults to 127.0.0.1 (this machine only). */
  host?: string
  /** Where log lines go. Defaults to JSON lines on stdout at level `info`. */
  logger?: Logger
  /**
   * Where `GET /metrics` is served: `app` on the server's own port, `off`, or a listener of its
   * own (so that the metrics can stay private when the search is public). Defaults to `app`.
   */
  metrics?: MetricsListen
  /** How often the index file is polled for a rebuild, ms (≤ 500). */
  pollMs?: number
  /** How long `close()` lets in-flight requests run before cutting their connections, ms. */
  graceMs?: number
  /** Caps on queries, pages and expansions; each defaults as `DEFAULT_LIMITS` says. */
  limits?: Partial<Limits>
  /** The site's public address, for absolute URLs (see `AppOptions.publicUrl`). */
  publicUrl?: string
  /** Told each request's own time in the server (see `AppOptions.onRequestTimed`). Defaults to none. */
  onRequestTimed?: AppOptions['onRequestTimed']
}

/** Where the metrics are served. */
export type MetricsListen = 'app' | 'off' | { port: number; host: string }

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string
  /** The metrics listener's `http://host:port` when it has its own. */
  metricsUrl?: string
  live: LiveIndex
  server: Server
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `graceMs`), closes idle
   * keep-alive connections and stops watching the index. Idempotent.
   */
  close: () => Promise<void>
}

/**
 * Loads the index (an IndexLoadError, with its message for the user, when it cannot), starts the
 * HTTP server and watches the index file for rebuilds.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger()
  const where = options.metrics ?? 'app'
  let live: LiveIndex | undefined
  const metrics = where === 'off' ? undefined : createMetrics(() => live?.current)
  live = await LiveIndex.open(options.index, {
    log: (line, level) => logger[level](line),
    ...(metrics !== undefined && { onReload: metrics.reloaded }),
    ...(options.pollMs !== undefined && { intervalMs: options.pollMs }),
  })
  const watched = live
  const running = await serveApp(watched, { ...options, logger }, metrics, () => watched.close())
  watched.watch()
  const index = watched.current
  logger.info(
    {
      url: running.url,
      pid: process.pid,
      ...(running.metricsUrl !== undefined && { metricsUrl: running.metricsUrl }),
      articles: index.articleCount,
      paragraphs: index.paragraphCount,
      builtAt: index.manifest?.builtAt ?? null,
    },
    `newsdex listening on ${running.url} — ${index.articleCount} articles, ${index.paragraphCount} paragraphs, index built ${index.manifest?.builtAt ?? 'at an unknown time'}`,
  )
  return { ...running, live: watched }
}

/** A server answering from an engine other than the index file (see `startEngineServer`). */
export type EngineServer = Omit<RunningServer, 'live'> & { engine: Engine }

/**
 * Starts the HTTP server over an engine (`--engine`): the same routes, JSON and pages, each
 * query answered from the engine. Closing the server does not close the engine.
 */
export async function startEngineServer(
  engine: Engine,
  options: Omit<ServerOptions, 'index' | 'pollMs'>,
): Promise<EngineServer> {
  const logger = options.logger ?? createLogger()
  const metrics = (options.metrics ?? 'app') === 'off' ? undefined : createMetrics(() => undefined)
  const running = await serveApp(engine, { ...options, logger }, metrics, () => {})
  const { articles, paragraphs } = engine.counts()
  logger.info(
    { url: running.url, pid: process.pid, engine: engine.kind, articles, paragraphs },
    `newsdex listening on ${running.url} — ${engine.kind} engine, ${articles} articles, ${paragraphs} paragraphs`,
  )
  return { ...running, engine }
}

/** Listens with the app over `source`; `stop` runs when the server starts closing. */
async function serveApp(
  source: LiveIndex | Engine,
  options: Omit<ServerOptions, 'index' | 'pollMs'> & { logger: Logger },
  metrics: Metrics | undefined,
  stop: () => void,
): Promise<Omit<RunningServer, 'live'>> {
  const where = options.metrics ?? 'app'
  let serving = false
  const app = createApp(source, {
    logger: options.logger,
    ...(metrics !== undefined && { metrics, exposeMetrics: where === 'app' }),
    ready: () => serving,
    ...(options.limits !== undefined && { limits: options.limits }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    ...(options.onRequestTimed !== undefined && { onRequestTimed: options.onRequestTimed }),
  })
  const host = options.host ?? '127.0.0.1'
  const server = await listen(app.listen(options.port ?? 3000, host))
  server.on('clientError', answerClientError)
  let metricsServer: Server | undefined
  if (metrics !== undefined && typeof where === 'object') {
    try {
      metricsServer = await listen(metricsListener(metrics).listen(where.port, where.host))
    } catch (error) {
      server.close()
      throw error
    }
  }
  serving = true
  const url = urlOf(server, host)
  const metricsUrl =
    metricsServer === undefined || typeof where !== 'object'
      ? undefined
      : urlOf(metricsServer, where.host)

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      serving = false
      stop()
      metricsServer?.close()
      metricsServer?.closeAllConnections()
      const grace = setTimeout(() => server.closeAllConnections(), options.graceMs ?? 10_000)
      // Connections that finish a request while closing are idle from then on: close them too.
      const idle = setInterval(() => server.closeIdleConnections(), 50)
      server.close(() => {
        clearTimeout(grace)
        clearInterval(idle)
        resolve()
      })
      server.closeIdleConnections()
    })
    return closing
  }
  return { url, ...(metricsUrl !== undefined && { metricsUrl }), server, close }
}

/** Resolves once `server` listens; rejects with the listening error (EADDRINUSE, say). */
async function listen(server: Server): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  return server
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

/** A listener that answers `GET /metrics` and nothing else. */
function metricsListener(metrics: Metrics): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      const body = JSON.stringify({
        error: { code: 'not_found', message: 'Only GET /metrics is served here.' },
      } satisfies ErrorBody)
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end(body)
      return
    }
    void metrics.registry.metrics().then((text) => {
      res.writeHead(200, {
        'Content-Type': metrics.registry.contentType,
        'Cache-Control': 'no-store',
      })
      res.end(req.method === 'HEAD' ? undefined : text)
    })
  })
}

/**
 * Answers a request Node could not parse (an address or headers over its 16 KB limit, a NUL or
 * a space in the path, a malformed request line) as the app answers errors: a JSON body and the
 * security headers, where Node alone would send a bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request_too_large', 'The address or the headers of the request are too long.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request took too long to arrive.']
        : [400, 'bad_request', 'The request could not be understood.']
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody)
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`)
}
