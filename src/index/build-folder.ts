import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { countDates, type DateCounts } from '../articles/date.ts'
import { type ReadOptions, type ReadResult, readArticles } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { type Changes, diffArticles } from './article-diff.ts'
import { exists } from './atomic-file.ts'
import { type BuildWorkerOptions, BuildWorkers } from './build-workers.ts'
import { IndexBuilder } from './index-builder.ts'
import type { Manifest } from './manifest.ts'
import { DEFAULT_NEAR_COPY_THRESHOLD, type NearCopyThreshold } from './near-copies.ts'
import type { IndexChange, NewsIndex } from './news-index.ts'
import { type SaveOutcome, saveChange } from './save-change.ts'
import { knownFrom, manifestFor, reuser, sameSources } from './source-manifest.ts'
import {
  IndexLoadError,
  loadIndex,
  readSavedArticles,
  type SavedArticles,
  saveIndex,
} from './store.ts'

export type { Changes }

export interface BuildFolderOptions extends Omit<ReadOptions, 'onProgress' | 'reuse' | 'known'> {
  articles: string
  index: string
  /** Re-read only what changed since the index at `index` (or `previous`) was built. */
  incremental?: boolean
  /** The index to update in place, when the caller holds it already (watch mode). */
  previous?: NewsIndex
  /**
   * Load the saved index in full for an incremental build, so that the summary holds it (for a
   * caller that goes on updating it), rather than append the change to the saved file.
   */
  keepIndex?: boolean
  /**
   * How many article changes (each article added or removed; an update is both) a saved index
   * may hold apart from its tables before an incremental build folds them in with a full save.
   * Defaults to a twentieth of the articles: each costs the next load about what indexing the
   * article does.
   */
  pendingLimit?: number
  /**
   * The similarity from which two articles are near-copies, kept in the manifest. Defaults to
   * the saved index's on an incremental build (a different one needs a full build), else `0.8`;
   * `null` looks for none.
   */
  nearCopyThreshold?: NearCopyThreshold
  /**
   * Worker threads that read, parse and analyse the files of a full build (an incremental one
   * reads on the main thread: it reads few). Defaults to one per core, for folders of 200 files
   * or more; `{ count: 0 }` reads and analyses on the main thread. The index is the same.
   */
  workers?: BuildWorkerOptions
  onRead?: (done: number, total: number) => void
  onIndexed?: (paragraphs: number, total: number) => void
}
/** What a build did: the figures its summary prints. */
export interface BuildSummary {
  articles: number
  paragraphs: number
  duplicates: number
  duplicateGroups: number
  skipped: ReadResult['skipped']
  ignored: number
  cp1252Files: string[]
  /** Articles dated, and those whose date could not be read (kept undated), with an example. */
  dates: DateCounts
  bytes: number
  seconds: number
  indexBytes: number
  indexPath: string
  /** False when an incremental build found nothing changed and left the index as it was. */
  written: boolean
  /** For an incremental build that had an index to start from. */
  changes?: Changes
  /** Article changes the saved index holds apart from its tables, applied when it is loaded. */
  pendingChanges: number
  /** Why an incremental build had to start from scratch. */
  fullBuildReason?: string
  /**
   * The index as built, for a caller that keeps updating it. Absent when an incremental build
   * appended its change to the saved index without loading it.
   */
  index?: NewsIndex
}

function thresholdText(threshold: NearCopyThreshold | undefined): string {
  return threshold === null ? 'off' : String(threshold ?? DEFAULT_NEAR_COPY_THRESHOLD)
}

/** An incremental build asked for another near-copy threshold than the index was built with. */
export class NearCopyThresholdChange extends Error {
  override name = 'NearCopyThresholdChange'
}

/** Nothing to index: the folder held no readable article. */
export class NothingToBuildError extends Error {
  override name = 'NothingToBuildError'
}

/**
 * Reads a folder of articles, indexes them and saves the index atomically at `options.index`.
 *
 * An incremental build compares the folder with what the index was built from and reads only
 * the files that changed. Holding the index (watch mode), it updates it and saves it in full.
 * Otherwise it reads only the saved articles and appends the change to the saved index, which
 * costs a fraction of loading it; once the appended changes pass `pendingLimit`, it loads the
 * index, applies them all and saves it in full.
 */
export async function buildFolder(options: BuildFolderOptions): Promise<BuildSummary> {
  const started = performance.now()
  const folder = resolve(options.articles)
  let held = options.previous
  let saved: SavedArticles | undefined
  let fullBuildReason: string | undefined
  if (options.incremental && held === undefined) {
    try {
      if (options.keepIndex) held = await loadIndex(options.index, { sources: true })
      else saved = await readSavedArticles(options.index)
    } catch (error) {
      if (!(error instanceof IndexLoadError)) throw error
      fullBuildReason = error.message
    }
  }
  const before = held !== undefined ? manifestOf(held) : saved?.manifest
  const threshold =
    options.nearCopyThreshold !== undefined ? options.nearCopyThreshold : before?.nearCopyThreshold
  if (before !== undefined && threshold !== before.nearCopyThreshold) {
    throw new NearCopyThresholdChange(
      `The index was built with --near-copies ${thresholdText(before.nearCopyThreshold)}; a build without --incremental or --watch can change it to ${thresholdText(threshold)}.`,
    )
  }
  const current = held !== undefined ? byId(held.articles()) : saved?.articles
  const full = before === undefined || current === undefined
  const workers =
    full && options.workers?.count !== 0
      ? new BuildWorkers(options.workers ?? {}, options)
      : undefined
  // A full build indexes each article as soon as it is read, while the workers read on.
  const builder = full ? new IndexBuilder(threshold) : undefined
  let read: ReadResult
  try {
    read = await readArticles(folder, {
      ...options,
      onProgress: options.onRead,
      ...(workers !== undefined && { readFile: workers.readFile }),
      ...(builder !== undefined && {
        onArticle: (article: Article, parsed: Article) =>
          builder.add(article, workers?.analysisOf(parsed)),
      }),
      ...(before !== undefined &&
        current !== undefined && { reuse: reuser(current, before), known: knownFrom(before) }),
    })
  } finally {
    // Their analyses are kept with the articles read; the workers are done.
    await workers?.close()
  }
  if (read.articles.length === 0) {
    const reasons = read.skipped.map((skip) => `\n  ${skip.file}: ${skip.reason}`).join('')
    throw new NothingToBuildError(`No articles found in ${folder}.${reasons}`)
  }
  const manifest = manifestFor(read, folder, threshold)
  const indexing = (change: IndexChange) => {
    const total = change.added.reduce((sum, article) => sum + article.paragraphs.length, 0)
    return (paragraphs: number) => options.onIndexed?.(paragraphs, total)
  }

  let outcome: SaveOutcome
  let changes: Changes | undefined
  if (current === undefined || before === undefined) {
    // A full build: its articles were indexed as they were read.
    // What is left of indexing is making the tables: shown as a stage of its own.
    const built = builder as IndexBuilder
    options.onIndexed?.(0, built.paragraphs)
    const index = built.finish()
    options.onIndexed?.(built.paragraphs, built.paragraphs)
    const indexBytes = await saveIndex(index, manifest, options.index)
    outcome = { index, indexBytes, written: true, pendingChanges: 0 }
  } else {
    const diff = diffArticles(current, read.articles)
    changes = diff.changes
    const unchanged = diff.change.removed.length + diff.change.added.length === 0
    // Files can change without changing an article (a new duplicate, a file still skipped).
    if (unchanged && sameSources(before, manifest) && (await exists(options.index))) {
      // Rewriting the index would only make a server watching it load it again.
      const indexBytes = (await stat(options.index)).size
      const pendingChanges = saved?.pendingChanges ?? 0
      outcome = { index: held, indexBytes, written: false, pendingChanges }
    } else {
      outcome = await saveChange(diff.change, manifest, { ...options, held, saved, indexing })
    }
  }
  return {
    articles: manifest.counts.articles,
    paragraphs: manifest.counts.paragraphs,
    duplicates: read.duplicates.length,
    duplicateGroups: read.duplicateGroups,
    skipped: read.skipped,
    ignored: read.ignored.length,
    cp1252Files: read.cp1252Files,
    dates: countDates(read.articles),
    bytes: read.bytes,
    seconds: (performance.now() - started) / 1000,
    indexPath: resolve(options.index),
    ...outcome,
    ...(changes !== undefined && { changes }),
    ...(fullBuildReason !== undefined && { fullBuildReason }),
  }
}

/** The whole manifest of an index held in memory, when it has its sources. */
function manifestOf(index: NewsIndex): Manifest | undefined {
  const { manifest, sources } = index
  return manifest === undefined || sources === undefined ? undefined : { ...manifest, ...sources }
}

function byId(articles: readonly Article[]): Map<string, Article> {
  return new Map(articles.map((article) => [article.id, article]))
}
