import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createApp } from './app.ts'
import { LiveIndex } from './live-index.ts'

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
  const app = createApp(live, { log, quiet: options.quiet === true })
  const host = options.host ?? '127.0.0.1'
  const server = app.listen(options.port ?? 3000, host)
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
