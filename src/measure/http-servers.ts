// The servers the bench loads: the real newsdex server on a saved index, and a naive one (what a
// user would write instead: MiniSearch's defaults behind one Express route); each on a free port
// of 127.0.0.1, with its own time of each request.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import express from 'express'
import MiniSearch from 'minisearch'
import { pino } from 'pino'
import type { Article } from '../articles/types.ts'
import type { LogLevel } from '../server/logger.ts'
import { timeRequests } from '../server/request-timing.ts'
import { type BaselineDoc, baselineDocs, MINISEARCH_DEFAULTS } from './baselines.ts'

let servers = 0

/** The server's own time of each request it answers. */
export interface ServerTimes {
  /** Forgets the requests so far. */
  reset: () => void
  /** The ms of each request answered since the last reset. */
  read: () => number[]
}

/** A server started by the bench: its base URL and how to stop it. */
export interface Running {
  url: string
  close: () => Promise<void>
  times: ServerTimes
}

/** Times kept in memory as they come. */
function timesList(): ServerTimes & { add: (ms: number) => void } {
  let times: number[] = []
  return {
    add: (ms) => times.push(ms),
    reset: () => {
      times = []
    },
    read: () => times,
  }
}

/**
 * What a user would write instead of newsdex: MiniSearch with its default options over the
 * same paragraphs, its top 10 as JSON. `prefix=true` is honoured, as newsdex's `/search` does.
 */
export function naiveApp(
  index: MiniSearch<BaselineDoc>,
  onRequestMs: (ms: number) => void = () => {},
): express.Express {
  const app = express()
  // Timed as newsdex times its requests, for the server-side columns.
  app.use(timeRequests((timing) => onRequestMs(timing.ms)))
  app.get('/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : ''
    const options = req.query.prefix === 'true' ? { prefix: true } : undefined
    res.json(index.search(q, options).slice(0, 10))
  })
  return app
}

/** MiniSearch with its default options over the articles' paragraphs. */
export function naiveIndex(articles: readonly Article[]): MiniSearch<BaselineDoc> {
  const index = new MiniSearch<BaselineDoc>(MINISEARCH_DEFAULTS)
  index.addAll(baselineDocs(articles))
  return index
}

/** The naive server on a free port of 127.0.0.1, over `index` or a new one of the articles. */
export async function startNaiveServer(
  articles: readonly Article[],
  index = naiveIndex(articles),
): Promise<Running> {
  const times = timesList()
  const server: Server = naiveApp(index, times.add).listen(0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    times,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * The real newsdex server on `indexPath`, on a free port of 127.0.0.1, logging as in production
 * (JSON lines written synchronously) at `level` into a file of `dir`; the time of each request
 * comes from the server's `onRequestTimed` hook, the figures its request log writes.
 */
export async function startNewsdexServer(
  indexPath: string,
  dir: string,
  level: LogLevel = 'info',
): Promise<Running> {
  const { startServer } = await import('../server/server.ts')
  const { createLogger } = await import('../server/logger.ts')
  const destination = pino.destination({
    dest: join(dir, `server-${servers++}.log`),
    sync: true,
    mkdir: true,
  })
  const times = timesList()
  const running = await startServer({
    index: indexPath,
    port: 0,
    host: '127.0.0.1',
    logger: createLogger({ level, destination }),
    onRequestTimed: (timing) => times.add(timing.ms),
  })
  const close = async () => {
    await running.close()
    destination.end()
  }
  return { url: running.url, close, times }
}
