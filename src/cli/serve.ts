import { exists } from '../index/build-folder.ts'
import { IndexLoadError } from '../index/store.ts'
import { watchFolder } from '../index/watch-folder.ts'
import { DEFAULT_LIMITS, type Limits } from '../search/limits.ts'
import { parsePublicUrl } from '../server/opensearch.ts'
import { type RunningServer, startServer } from '../server/server.ts'
import { buildAndReport } from './build-index.ts'
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from './command.ts'
import { DEFAULT_ARTICLES, DEFAULT_INDEX, DEFAULT_PORT } from './defaults.ts'

const help = `Usage: npm start -- [options]      (or: npx tsx src/cli/main.ts serve [options])

Serves the search page and the JSON API (/search, /suggest, /healthz), and /opensearch.xml. When there is no index
file yet, builds one from --articles first. A rebuild of the index file (npm run build-index)
is picked up while the server runs, without a restart; so is SIGHUP. SIGTERM or Ctrl-C stops
accepting connections, lets requests in flight finish, and exits.

Options:
  --port N         port to listen on (default: $PORT, else ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST      address to listen on (default: 127.0.0.1, this machine only;
                   --host 0.0.0.0 to serve the network)
  --index PATH     the index to serve (default: ${DEFAULT_INDEX})
  --articles DIR   folder to build the index from when there is none (default: ${DEFAULT_ARTICLES})
  --watch          keep the index up to date with --articles as files change (incremental
                   updates, picked up by the server like any rebuild)
  --max-query-length N
                   longest query accepted, in characters; longer ones are answered 400
                   (default: ${DEFAULT_LIMITS.maxQueryLength})
  --max-terms N    most terms a query searches; the rest are listed as ignored
                   (default: ${DEFAULT_LIMITS.maxTerms})
  --public-url URL the address the site is reached at (e.g. https://news.example.org), for
                   the absolute URLs of /opensearch.xml (default: the request's Host)
  --quiet          no log lines
  --help           this text

Exit codes: 0 stopped by a signal, 1 the index could not be built or loaded, 2 bad usage.`

/** Where the command waits for signals: the process, or an emitter in tests. */
export interface Signals {
  on(signal: NodeJS.Signals, listener: () => void): unknown
  off(signal: NodeJS.Signals, listener: () => void): unknown
}

export const command: Command = {
  name: 'serve',
  summary: 'serve the search page and the JSON API',
  help,
  run: (args, io) => serve(args, io, process),
}

/** Runs the server until SIGTERM or SIGINT; SIGHUP reloads the index. */
export async function serve(args: string[], io: Io, signals: Signals): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    index: { type: 'string', default: DEFAULT_INDEX },
    articles: { type: 'string', default: DEFAULT_ARTICLES },
    quiet: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    'max-query-length': { type: 'string' },
    'max-terms': { type: 'string' },
    'public-url': { type: 'string' },
  })
  const port = parsePort(values.port ?? process.env.PORT ?? String(DEFAULT_PORT))
  const limits: Partial<Limits> = {}
  if (values['max-query-length'] !== undefined)
    limits.maxQueryLength = parseLimit(values['max-query-length'], '--max-query-length')
  if (values['max-terms'] !== undefined)
    limits.maxTerms = parseLimit(values['max-terms'], '--max-terms')
  const publicUrl = publicUrlOf(values['public-url'])
  if (!(await exists(values.index))) {
    io.out(`No index at ${values.index} yet: building it from ${values.articles}.`)
    const built = await buildAndReport(io, {
      articles: values.articles,
      index: values.index,
      quiet: values.quiet,
    })
    if (built !== EXIT.ok) return built
  }
  let running: RunningServer
  try {
    running = await startServer({
      index: values.index,
      port,
      host: values.host,
      log: io.out,
      quiet: values.quiet,
      limits,
      ...(publicUrl !== undefined && { publicUrl }),
    })
  } catch (error) {
    if (error instanceof IndexLoadError) {
      io.err(`serve: ${error.message}`)
      return EXIT.failed
    }
    const { code, message } = error as NodeJS.ErrnoException
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.err(`serve: cannot listen on ${values.host}:${port}: ${message}`)
      return EXIT.failed
    }
    throw error
  }

  const watcher = values.watch
    ? watchFolder({
        articles: values.articles,
        index: values.index,
        onBuilt: (summary) => {
          const changes = summary.changes
          if (
            !values.quiet &&
            changes !== undefined &&
            changes.added + changes.updated + changes.removed > 0
          ) {
            io.out(
              `index updated: ${changes.added} added, ${changes.updated} updated, ${changes.removed} removed`,
            )
          }
        },
        onError: (error) => io.err(`serve: updating the index failed: ${(error as Error).message}`),
      })
    : undefined

  return new Promise<number>((resolve) => {
    const reload = () => {
      if (!values.quiet) io.out('SIGHUP: checking the index file')
      void running.live.reload()
    }
    const stop = (signal: NodeJS.Signals) => () => {
      signals.off('SIGTERM', onTerm)
      signals.off('SIGINT', onInt)
      signals.off('SIGHUP', reload)
      watcher?.close()
      if (!values.quiet) io.out(`${signal}: finishing requests in flight, then stopping`)
      void running.close().then(() => {
        if (!values.quiet) io.out('stopped')
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

function parseLimit(text: string, flag: string): number {
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`${flag} must be a whole number from 1, not ${text}`)
  }
  return value
}

function publicUrlOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  try {
    return parsePublicUrl(text)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function parsePort(text: string): number {
  const port = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(port) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not ${text}`)
  }
  return port
}
