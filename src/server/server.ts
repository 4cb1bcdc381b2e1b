import { type Server, STATUS_CODES } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Limits } from '../search/limits.ts'
import { createApp } from './app.ts'
import type { ErrorBody } from './errors.ts'
import { LiveIndex } from './live-index.ts'
import { SECURITY_HEADERS } from './security.ts'

export interface ServerOptions {
  /** The index file to serve (and watch). */
  index: string
  /** Defaults to 3000; 0 picks a free port. */
  port?: number
  /** Defaults to 127.0.0.1 (this machine only). */
  host?: string
  /** Where log lines go. Defaults to stdout. */
  log?: (line: string) => void
  /** No log lines at all (tests). */
  quiet?: boolean
  /** How often the index file is polled for a rebuild, ms (≤ 500). */
  pollMs?: number
  /** How long `close()` lets in-flight requests run before cutting their connections, ms. */
  graceMs?: number
  /** Caps on queries, pages and expansions; each defaults as `DEFAULT_LIMITS` says. */
  limits?: Partial<Limits>
  /** The site's public address, for absolute URLs (see `AppOptions.publicUrl`). */
  publicUrl?: string
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string
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
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)))
  const live = await LiveIndex.open(options.index, {
    log,
    ...(options.pollMs !== undefined && { intervalMs: options.pollMs }),
  })
  const app = createApp(live, {
    log,
    quiet: options.quiet === true,
    ...(options.limits !== undefined && { limits: options.limits }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  })
  const host = options.host ?? '127.0.0.1'
  const server = app.listen(options.port ?? 3000, host)
  server.on('clientError', answerClientError)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  live.watch()
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const index = live.current
  log(
    `newsdex listening on ${url} — ${index.articleCount} articles, ${index.paragraphCount} paragraphs, index built ${index.manifest?.builtAt ?? 'at an unknown time'}`,
  )

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      live.close()
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
  return { url, live, server, close }
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
