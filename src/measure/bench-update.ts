// Keeping up with a growing folder: how long adding one article takes, in watch mode (the index
// held in memory) and with `build-index --incremental` (loaded from disk), against rebuilding
// the whole folder. Works on a copy of the corpus, which it changes.
import { cp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { type BuildSummary, buildFolder } from '../index/build-folder.ts'
import { median, ratio } from './stats.ts'

export interface UpdateReport {
  repetitions: number
  /** Every run, ms, in order (the first runs on a cold JIT). */
  fullRunsMs: number[]
  watchRunsMs: number[]
  incrementalRunsMs: number[]
  /** Medians, ms. */
  fullMs: number
  watchMs: number
  incrementalMs: number
  watchOverFull: number
  incrementalOverFull: number
}

export interface UpdateOptions {
  corpus: string
  exclude: string[]
  /** The articles read from `corpus`, for the text of the added ones. */
  articles: readonly Article[]
  /** A scratch folder, for the copy and the index. */
  dir: string
  repetitions: number
  onProgress?: (message: string) => void
}

/**
 * A new article made of the first paragraphs of three others: real words, and no duplicate of
 * any article (deduplication would drop it).
 */
function newArticle(articles: readonly Article[], n: number): string {
  const paragraphs = [0, 1, 2].map((k) => articles[(n * 3 + k) % articles.length]?.paragraphs[0])
  return `Bench article ${n}\n\n${paragraphs.map((p) => p?.text ?? `Paragraph ${n}.`).join('\n\n')}\n`
}

/**
 * Per repetition: a full build of the folder (read, index, save), then one article added and
 * brought in as watch mode does (the index in memory), then another as `--incremental` does
 * (the index loaded from disk). Each update also saves the index, as a real one does.
 */
export async function benchUpdate(options: UpdateOptions): Promise<UpdateReport> {
  const folder = join(options.dir, 'update-articles')
  const index = join(options.dir, 'update.index')
  await rm(folder, { recursive: true, force: true })
  await cp(options.corpus, folder, { recursive: true })
  const base = { articles: folder, index, exclude: options.exclude }
  const timed = async (run: () => Promise<BuildSummary>) => {
    const started = performance.now()
    const summary = await run()
    return { summary, ms: performance.now() - started }
  }
  const added = (summary: BuildSummary) => {
    if (summary.changes?.added !== 1) throw new Error('bench: the update did not add one article')
  }
  const full: number[] = []
  const watch: number[] = []
  const incremental: number[] = []
  for (let i = 0; i < options.repetitions; i++) {
    const progress = `${i + 1}/${options.repetitions}`
    options.onProgress?.(`update: full build ${progress}…`)
    const built = await timed(() => buildFolder(base))
    full.push(built.ms)

    options.onProgress?.(`update: add one article, in memory and from disk ${progress}…`)
    const first = join(folder, `bench-added-${i}-a.txt`)
    await writeFile(first, newArticle(options.articles, 2 * i))
    const inMemory = await timed(() =>
      buildFolder({ ...base, incremental: true, previous: built.summary.index }),
    )
    added(inMemory.summary)
    watch.push(inMemory.ms)

    const second = join(folder, `bench-added-${i}-b.txt`)
    await writeFile(second, newArticle(options.articles, 2 * i + 1))
    const fromDisk = await timed(() => buildFolder({ ...base, incremental: true }))
    added(fromDisk.summary)
    incremental.push(fromDisk.ms)
    await rm(first)
    await rm(second)
  }
  await rm(folder, { recursive: true, force: true })
  const fullMs = median(full)
  const watchMs = median(watch)
  const incrementalMs = median(incremental)
  return {
    repetitions: options.repetitions,
    fullRunsMs: full,
    watchRunsMs: watch,
    incrementalRunsMs: incremental,
    fullMs,
    watchMs,
    incrementalMs,
    watchOverFull: ratio(watchMs, fullMs),
    incrementalOverFull: ratio(incrementalMs, fullMs),
  }
}
