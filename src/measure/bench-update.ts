// Keeping up with a growing folder: how long adding one article takes, in watch mode (the index
// held in memory) and with `build-index --incremental` (the change appended to the saved index,
// or folded in with a full save), against rebuilding the whole folder; and what an appended
// change costs the next load. Works on a copy of the corpus, which it changes.
import { cp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { type BuildSummary, buildFolder } from '../index/build-folder.ts'
import { loadIndex } from '../index/store.ts'
import { median, ratio } from './stats.ts'

export interface UpdateReport {
  repetitions: number
  /** Every run, ms, in order (the first runs on a cold JIT). */
  fullRunsMs: number[]
  watchRunsMs: number[]
  incrementalRunsMs: number[]
  foldRunsMs: number[]
  loadRunsMs: number[]
  loadWithChangeRunsMs: number[]
  /** Medians, ms. */
  fullMs: number
  watchMs: number
  /** `--incremental`, the change appended to the saved index. */
  incrementalMs: number
  /** `--incremental` past the limit of appended changes: loaded, updated and saved in full. */
  foldMs: number
  /** Loading the index saved in full, and the same articles as an index with one change appended. */
  loadMs: number
  loadWithChangeMs: number
  watchOverFull: number
  incrementalOverFull: number
  foldOverFull: number
  loadWithChangeOverLoad: number
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
 * Per repetition: a full build of the folder (read, index, save); then one article added and
 * brought in as watch mode does (the index in memory, saved in full), another as `--incremental`
 * does (appended to the saved index), loads of that and of the same folder saved in full, and a
 * third article as `--incremental` adds it once appended changes pass their limit (loaded,
 * updated, saved in full).
 */
export async function benchUpdate(options: UpdateOptions): Promise<UpdateReport> {
  const folder = join(options.dir, 'update-articles')
  const index = join(options.dir, 'update.index')
  await rm(folder, { recursive: true, force: true })
  await cp(options.corpus, folder, { recursive: true })
  const base = { articles: folder, index, exclude: options.exclude }
  const timed = async <T>(run: () => Promise<T>) => {
    const started = performance.now()
    const result = await run()
    return { result, ms: performance.now() - started }
  }
  const added = (summary: BuildSummary) => {
    if (summary.changes?.added !== 1) throw new Error('bench: the update did not add one article')
  }
  const runs = {
    full: [] as number[],
    watch: [] as number[],
    incremental: [] as number[],
    fold: [] as number[],
    load: [] as number[],
    loadWithChange: [] as number[],
  }
  for (let i = 0; i < options.repetitions; i++) {
    const progress = `${i + 1}/${options.repetitions}`
    options.onProgress?.(`update: full build ${progress}…`)
    const built = await timed(() => buildFolder(base))
    runs.full.push(built.ms)

    options.onProgress?.(`update: add one article, in memory, appended and folded in ${progress}…`)
    const files = ['a', 'b', 'c'].map((letter) => join(folder, `bench-added-${i}-${letter}.txt`))
    const [first, second, third] = files as [string, string, string]
    await writeFile(first, newArticle(options.articles, 3 * i))
    const inMemory = await timed(() =>
      buildFolder({ ...base, incremental: true, previous: built.result.index }),
    )
    added(inMemory.result)
    runs.watch.push(inMemory.ms)

    await writeFile(second, newArticle(options.articles, 3 * i + 1))
    // Appended whatever the corpus's size (a small one's limit is below one change).
    const appended = await timed(() =>
      buildFolder({ ...base, incremental: true, pendingLimit: Number.POSITIVE_INFINITY }),
    )
    added(appended.result)
    if (appended.result.pendingChanges !== 1) throw new Error('bench: the change was not appended')
    runs.incremental.push(appended.ms)
    // Both loads at the same point, in alternating order, so neither has the quieter heap.
    const savedInFull = join(options.dir, 'update-full.index')
    await buildFolder({ ...base, index: savedInFull })
    const loads = [
      async () => runs.load.push((await timed(() => loadIndex(savedInFull))).ms),
      async () => runs.loadWithChange.push((await timed(() => loadIndex(index))).ms),
    ]
    for (const load of i % 2 === 0 ? loads : loads.reverse()) await load()
    await rm(savedInFull)

    await writeFile(third, newArticle(options.articles, 3 * i + 2))
    const folded = await timed(() => buildFolder({ ...base, incremental: true, pendingLimit: 0 }))
    added(folded.result)
    runs.fold.push(folded.ms)
    for (const file of files) await rm(file)
  }
  await rm(folder, { recursive: true, force: true })
  const [fullMs, watchMs, incrementalMs, foldMs, loadMs, loadWithChangeMs] = [
    runs.full,
    runs.watch,
    runs.incremental,
    runs.fold,
    runs.load,
    runs.loadWithChange,
  ].map(median) as [number, number, number, number, number, number]
  return {
    repetitions: options.repetitions,
    fullRunsMs: runs.full,
    watchRunsMs: runs.watch,
    incrementalRunsMs: runs.incremental,
    foldRunsMs: runs.fold,
    loadRunsMs: runs.load,
    loadWithChangeRunsMs: runs.loadWithChange,
    fullMs,
    watchMs,
    incrementalMs,
    foldMs,
    loadMs,
    loadWithChangeMs,
    watchOverFull: ratio(watchMs, fullMs),
    incrementalOverFull: ratio(incrementalMs, fullMs),
    foldOverFull: ratio(foldMs, fullMs),
    loadWithChangeOverLoad: ratio(loadWithChangeMs, loadMs),
  }
}
