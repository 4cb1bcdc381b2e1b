import { type FSWatcher, watch } from 'node:fs'
import { type BuildFolderOptions, type BuildSummary, buildFolder } from './build-folder.ts'
import type { NewsIndex } from './news-index.ts'

export interface WatchOptions
  extends Omit<BuildFolderOptions, 'incremental' | 'previous' | 'keepIndex'> {
  /** Quiet time after the last change before updating. Defaults to `300` ms. */
  settleMs?: number
  /** Longest a stream of changes can delay an update. Defaults to `2000` ms. */
  maxWaitMs?: number
  onBuilt: (summary: BuildSummary) => void
  onError: (error: unknown) => void
}

export interface FolderWatcher {
  close: () => void
}

/**
 * Keeps the index in step with a folder: an incremental build now, then one per batch of
 * changes. Changes that arrive close together are batched (a burst of 100 new files causes a
 * handful of updates), and updates never overlap: changes during one are picked up after it.
 */
export function watchFolder(options: WatchOptions): FolderWatcher {
  const settle = options.settleMs ?? 300
  const maxWait = options.maxWaitMs ?? 2000
  let index: NewsIndex | undefined
  let timer: NodeJS.Timeout | undefined
  let firstChange = 0
  let running = false
  let pending = false
  let closed = false

  const update = async () => {
    timer = undefined
    if (running) {
      pending = true
      return
    }
    running = true
    pending = false
    try {
      const summary = await buildFolder({
        ...options,
        incremental: true,
        previous: index,
        keepIndex: true,
      })
      index = summary.index
      if (!closed) options.onBuilt(summary)
    } catch (error) {
      if (!closed) options.onError(error)
    } finally {
      running = false
      firstChange = 0
      if (pending && !closed) schedule()
    }
  }

  const schedule = () => {
    const now = Date.now()
    if (firstChange === 0) firstChange = now
    clearTimeout(timer)
    timer = setTimeout(update, Math.max(0, Math.min(settle, firstChange + maxWait - now)))
  }

  const watcher: FSWatcher = watch(options.articles, { recursive: true }, (_event, name) => {
    // Hidden files (editor swap files, .git) are never read, so they never call for an update.
    if (name?.split(/[\\/]/).some((part) => part.startsWith('.'))) return
    schedule()
  })
  watcher.on('error', (error) => options.onError(error))
  void update()

  return {
    close() {
      closed = true
      clearTimeout(timer)
      watcher.close()
    },
  }
}
