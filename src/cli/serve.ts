import type { Logger } from 'pino'
import { exists } from '../index/atomic-file.ts'
import { IndexLoadError } from '../index/store.ts'
import { watchFolder } from '../index/watch-folder.ts'
import { DEFAULT_LIMITS } from '../search/limits.ts'
import { createLogger, LOG_LEVELS } from '../server/logger.ts'
import {
  type EngineServer,
  type RunningServer,
  startEngineServer,
  startServer,
} from '../server/server.ts'
import { buildAndReport } from './build-index.ts'
import { type Command, EXIT, type Io } from './command.ts'
import { DEFAULT_ARTICLES, DEFAULT_INDEX, DEFAULT_PORT } from './defaults.ts'
import { openEngineFlag } from './engine-build.ts'
import { type ServeConfig, serveConfig } from './serve-config.ts'

const help = `Usage: newsdex serve [options]      (in a clone: npm start -- [options])

Serves the search page, the JSON API (/search, /suggest, /healthz, /readyz, /metrics) and
/opensearch.xml. When
there is no index file yet, builds one from --articles first. A rebuild of the index file
(newsdex build-index) is picked up while the server runs, without a restart; so is SIGHUP.
SIGTERM or Ctrl-C stops accepting connections, lets requests in flight finish, and exits.

Every option can also be set by the environment variable after it; an option given wins.

Options:
  --port N          port to listen on; 0 picks a free one                    PORT
                    (default: ${DEFAULT_PORT})
  --host HOST       address to listen on (default: 127.0.0.1, this machine    HOST
                    only; --host 0.0.0.0 to serve the network)
  --index PATH      the index to serve (default: ${DEFAULT_INDEX})   NEWSDEX_INDEX
  --articles DIR    folder to build the index from when there is none         NEWSDEX_ARTICLES
                    (default: ${DEFAULT_ARTICLES})
  --watch           keep the index up to date with --articles as files        NEWSDEX_WATCH=1
                    change (incremental updates, picked up like any rebuild)
  --max-query-length N                                                        NEWSDEX_MAX_QUERY_LENGTH
                    longest query accepted, in characters; longer ones are
                    answered 400 (default: ${DEFAULT_LIMITS.maxQueryLength})
  --max-terms N     most terms a query searches; the rest are listed as       NEWSDEX_MAX_TERMS
                    ignored (default: ${DEFAULT_LIMITS.maxTerms})
  --log-level L     ${LOG_LEVELS.join(', ')}      NEWSDEX_LOG_LEVEL
                    (default: info: one line a request)
  --log-format F    json (one JSON object a line) or pretty (readable);       NEWSDEX_LOG_FORMAT
                    (default: pretty on a terminal, json otherwise)
  --quiet           no log lines (--log-level silent), no build progress      NEWSDEX_QUIET=1
  --metrics WHERE   on: GET /metrics on --port; off; PORT: its own listener   NEWSDEX_METRICS
                    on 127.0.0.1:PORT; HOST:PORT: its own, there (default: on)
  --engine URL      serve from a distributed engine (sphinx://HOST:PORT/NAME,  NEWSDEX_ENGINE
                    see npm run cluster) instead of the index file
  --public-url URL  the address the site is reached at (e.g.                  NEWSDEX_PUBLIC_URL
                    https://news.example.org), for the absolute URLs of
                    /opensearch.xml (default: the request's Host)
  --help            this text

Exit codes: 0 stopped by a signal, 1 the index could not be built or loaded, 2 bad usage.`

/** Where the command waits for signals: the process, or an emitter in tests. */
export interface Signals {
  on(signal: NodeJS.Signals, listener: () => void): unknown
  off(signal: NodeJS.Signals, listener: () => void): unknown
}

/**
 * How long requests in flight may run after SIGTERM before their connections are cut: the
 * process is gone within 10 s, the usual wait of a service manager before it kills.
 */
const GRACE_MS = 8000

export const command: Command = {
  name: 'serve',
  summary: 'serve the search page and the JSON API',
  help,
  run: (args, io) => serve(args, io, process, process.env),
}

/** Runs the server until SIGTERM or SIGINT; SIGHUP reloads the index. */
export async function serve(
  args: string[],
  io: Io,
  signals: Signals,
  env: NodeJS.ProcessEnv = {},
): Promise<number> {
  const config = serveConfig(args, env)
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logFormat === undefined ? io.isTTY : config.logFormat === 'pretty',
    // Through `io`, so that log lines and the command's other output share one ordered stream.
    destination: { write: (line) => io.out(line.endsWith('\n') ? line.slice(0, -1) : line) },
  })
  if (config.engine !== undefined) return serveEngine(config, config.engine, io, logger, signals)
  if (!(await exists(config.index))) {
    logger.info(`No index at ${config.index} yet: building it from ${config.articles}.`)
    // The build's report goes into the log, as lines of it.
    const built = await buildAndReport(
      { out: (line) => logger.info(line), err: (line) => logger.error(line), isTTY: false },
      { articles: config.articles, index: config.index, quiet: config.quiet },
    )
    if (built !== EXIT.ok) {
      if (config.quiet) io.err(`serve: no index at ${config.index}, and none could be built`)
      return built
    }
  }
  let running: RunningServer
  try {
    running = await startServer({ index: config.index, ...listening(config, logger) })
  } catch (error) {
    if (error instanceof IndexLoadError) {
      io.err(`serve: ${error.message}`)
      return EXIT.failed
    }
    const { code, message } = error as NodeJS.ErrnoException
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.err(`serve: cannot listen: ${message}`)
      return EXIT.failed
    }
    throw error
  }

  const watcher = config.watch
    ? watchFolder({
        articles: config.articles,
        index: config.index,
        onBuilt: (summary) => {
          const changes = summary.changes
          if (changes !== undefined && changes.added + changes.updated + changes.removed > 0) {
            logger.info(
              changes,
              `index updated: ${changes.added} added, ${changes.updated} updated, ${changes.removed} removed`,
            )
          }
        },
        onError: (error) => logger.error({ err: error }, 'updating the index failed'),
      })
    : undefined

  return new Promise<number>((resolve) => {
    const reload = () => {
      logger.info('SIGHUP: checking the index file')
      void running.live.reload()
    }
    const stop = (signal: NodeJS.Signals) => () => {
      signals.off('SIGTERM', onTerm)
      signals.off('SIGINT', onInt)
      signals.off('SIGHUP', reload)
      watcher?.close()
      logger.info(`${signal}: finishing requests in flight, then stopping`)
      void running.close().then(() => {
        logger.info('stopped')
        resolve(EXIT.ok)
      })
    }
    const onTerm = stop('SIGTERM')
    const onInt = stop('SIGINT')
    signals.on('SIGTERM', onTerm)
    signals.on('SIGINT', onInt)
    signals.on('SIGHUP', reload)
  })
}

/** `serve --engine URL`: the same routes, answered from the engine, until SIGTERM or SIGINT. */
async function serveEngine(
  config: ServeConfig,
  url: string,
  io: Io,
  logger: Logger,
  signals: Signals,
): Promise<number> {
  const engine = await openEngineFlag(url, io, 'serve')
  if (typeof engine === 'number') return engine
  let running: EngineServer
  try {
    running = await startEngineServer(engine, listening(config, logger))
  } catch (error) {
    await engine.close()
    io.err(`serve: cannot listen: ${(error as Error).message}`)
    return EXIT.failed
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => () => {
      signals.off('SIGTERM', onTerm)
      signals.off('SIGINT', onInt)
      logger.info(`${signal}: finishing requests in flight, then stopping`)
      void running
        .close()
        .then(() => engine.close())
        .then(() => resolve(EXIT.ok))
    }
    const onTerm = stop('SIGTERM')
    const onInt = stop('SIGINT')
    signals.on('SIGTERM', onTerm)
    signals.on('SIGINT', onInt)
  })
}

/** What the server is told of where and how to listen, the same with an engine or an index. */
function listening(config: ServeConfig, logger: Logger) {
  return {
    port: config.port,
    host: config.host,
    logger,
    metrics: config.metrics,
    limits: config.limits,
    graceMs: GRACE_MS,
    ...(config.publicUrl !== undefined && { publicUrl: config.publicUrl }),
  }
}
