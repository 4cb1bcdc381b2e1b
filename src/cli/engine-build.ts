import { readArticles } from '../articles/read.ts'
import type { Engine } from '../engine/engine.ts'
import { EngineUnavailableError } from '../engine/engine.ts'
import { openEngine } from '../engine/open.ts'
import type { SphinxOptions } from '../engine/sphinx/sphinx-engine.ts'
import { changeTo } from '../engine/sync.ts'
import { EXIT, type Io } from './command.ts'

/** How often `build-index --engine … --watch` reads the folder again (ms). */
const WATCH_INTERVAL_MS = 2000

/**
 * Opens `--engine URL` for a command, or says why it cannot (a bad URL, an engine that does not
 * answer) and returns the exit code.
 */
export async function openEngineFlag(
  url: string,
  io: Io,
  command: string,
  options: SphinxOptions = {},
): Promise<Engine | number> {
  try {
    return await openEngine(url, options)
  } catch (error) {
    io.err(`${command}: ${(error as Error).message}`)
    return error instanceof EngineUnavailableError ? EXIT.failed : EXIT.usage
  }
}

export interface EngineBuildRequest {
  articles: string
  /** Only what changed since the engine was last written, rather than everything. */
  incremental: boolean
}

/**
 * Indexes a folder into an engine: everything (its content replaced), or only the articles
 * added, changed or removed since (`incremental`). Prints what it did.
 */
export async function buildIntoEngine(
  io: Io,
  engine: Engine,
  request: EngineBuildRequest,
): Promise<number> {
  const started = performance.now()
  const read = await readArticles(request.articles)
  for (const { file, reason } of read.skipped) io.err(`skipped ${file}: ${reason}`)
  if (read.articles.length === 0) {
    io.err(`build-index: no articles in ${request.articles}; the engine was left as it was`)
    return EXIT.failed
  }
  try {
    if (request.incremental) {
      const change = changeTo(await engine.digests(), read.articles)
      await engine.update(change)
      io.out(
        `Updated the ${engine.kind} engine: ${change.added.length} articles written, ${change.removed.length} removed or replaced, ${change.unchanged} left alone.`,
      )
    } else {
      await engine.replaceAll(read.articles)
    }
  } catch (error) {
    if (!(error instanceof EngineUnavailableError)) throw error
    io.err(`build-index: ${error.message}`)
    return EXIT.failed
  }
  const { articles, paragraphs } = engine.counts()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  io.out(
    `The ${engine.kind} engine holds ${articles} articles, ${paragraphs} paragraphs (${seconds} s).`,
  )
  return EXIT.ok
}

/** Keeps an engine up to date with a folder until `stop` resolves, re-reading it every 2 s. */
export async function watchIntoEngine(
  io: Io,
  engine: Engine,
  articles: string,
  stop: Promise<void>,
): Promise<number> {
  let stopped = false
  void stop.then(() => {
    stopped = true
  })
  const first = await buildIntoEngine(io, engine, { articles, incremental: true })
  if (first !== EXIT.ok) return first
  io.out(`Watching ${articles} (Ctrl-C stops).`)
  while (!stopped) {
    await Promise.race([stop, new Promise((done) => setTimeout(done, WATCH_INTERVAL_MS))])
    if (stopped) break
    const read = await readArticles(articles)
    try {
      const change = changeTo(await engine.digests(), read.articles)
      if (change.added.length + change.removed.length === 0) continue
      await engine.update(change)
      io.out(
        `Updated: ${change.added.length} written, ${change.removed.length} removed or replaced.`,
      )
    } catch (error) {
      io.err(`build-index: ${(error as Error).message}`)
    }
  }
  return EXIT.ok
}
