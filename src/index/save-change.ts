// How an incremental build saves its change: the save policy.
import type { Manifest } from './manifest.ts'
import type { IndexChange, NewsIndex } from './news-index.ts'
import { appendChange, assertSameBuild, loadIndex, type SavedArticles, saveIndex } from './store.ts'

/** What saving a change did. */
export interface SaveOutcome {
  /** The index as updated, unless the change was appended without loading it. */
  index?: NewsIndex | undefined
  indexBytes: number
  written: boolean
  /** Article changes the saved index holds apart from its tables. */
  pendingChanges: number
}

/** Where and how `saveChange` saves. */
export interface SaveChangeOptions {
  /** The index file. */
  index: string
  /** The index held in memory (watch mode), updated and saved in full. */
  held: NewsIndex | undefined
  /** The saved index's articles, when it is not held. */
  saved: SavedArticles | undefined
  /** See `BuildFolderOptions.pendingLimit`. Defaults to a twentieth of the articles. */
  pendingLimit?: number | undefined
  /** Progress of the paragraphs indexed by a change. */
  indexing: (change: IndexChange) => (paragraphs: number) => void
}

/**
 * Saves an index changed by `change`: the held index updated and saved in full; or the change
 * appended to the saved index, while the changes appended stay within the limit; or else the
 * saved index loaded, updated and saved in full, which folds them all in.
 */
export async function saveChange(
  change: IndexChange,
  manifest: Manifest,
  options: SaveChangeOptions,
): Promise<SaveOutcome> {
  const { held, saved } = options
  if (saved !== undefined) {
    const pendingChanges = saved.pendingChanges + change.removed.length + change.added.length
    const limit = options.pendingLimit ?? saved.articles.size / 20
    if (pendingChanges <= limit) {
      const indexBytes = await appendChange(saved, change, manifest, options.index)
      return { indexBytes, written: true, pendingChanges }
    }
  }
  let index = held
  if (index === undefined) {
    index = await loadIndex(options.index)
    if (saved !== undefined) assertSameBuild(saved.manifest, index.manifest, options.index)
  }
  index.apply(change, options.indexing(change))
  const indexBytes = await saveIndex(index, manifest, options.index)
  return { index, indexBytes, written: true, pendingChanges: 0 }
}
