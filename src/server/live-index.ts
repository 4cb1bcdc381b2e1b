import { type Stats, unwatchFile, watchFile } from 'node:fs'
import { heapBudgetFor } from '../index/heap-budget.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { loadIndex, readManifest } from '../index/store.ts'
import { prepareForSearch } from '../search/prepare.ts'
import { type WarmUpOptions, warmUp } from '../search/warm-up.ts'

export interface LiveIndexOptions {
  /** How often the index file is polled for a change, in ms. Defaults to 250; at most 500. */
  intervalMs?: number
  /** Where reloads (`info`) and failed reloads (`warn`) are reported. */
  log?: (line: string, level: 'info' | 'warn') => void
  /** Told the outcome of each load of a new build (metrics). */
  onReload?: (outcome: 'reloaded' | 'failed') => void
  /** The heap a reload must fit in beside the index served, in bytes. Defaults to V8's limit. */
  heapLimitBytes?: number
  /**
   * How the index served has its frequent terms' typed postings derived between requests, after
   * the start and after each swap (search/warm-up.ts), rather than in their first search; false
   * for not at all. Defaults to slices of 5 ms over the terms `warmUp` chooses.
   */
  warm?: false | Omit<WarmUpOptions, 'signal'>
}

export const DEFAULT_POLL_MS = 250
/** How long a reload holds the event loop at most between two turns of it (see `loadIndex`). */
const LOAD_SLICE_MS = 20
const MAX_POLL_MS = 500

/**
 * The index being served, replaced while the server runs when the file changes.
 *
 * The file is polled with `fs.watchFile` (a `stat` every 250 ms): polling follows the path, so
 * it sees the atomic rename a build ends with (a new inode), works the same on every file
 * system, and costs one `stat` a tick. A change first reads only the manifest (the first line);
 * a new `buildId` is then loaded in slices of at most ~20 ms, between which the old index keeps
 * answering, made ready to search (what the first search on it would otherwise derive), and
 * swapped in with one assignment. A newer build arriving meanwhile abandons
 * that load and is loaded instead. Requests take `current` once and use it to the end, and the
 * search is synchronous, so a request never sees two indexes. A load that fails (a truncated,
 * corrupt or incompatible file, a missing one) is logged and the old index keeps serving; the
 * next change of the file is tried again. The index served is then warmed between requests (its
 * frequent terms' typed postings derived), until done or a newer build starts loading.
 */
export class LiveIndex {
  readonly path: string
  #current: NewsIndex
  #loadedAt: Date
  readonly #intervalMs: number
  readonly #log: (line: string, level: 'info' | 'warn') => void
  readonly #onReload: (outcome: 'reloaded' | 'failed') => void
  readonly #heapLimitBytes: number | undefined
  #running: Promise<boolean> | undefined
  #again = false
  /** The build being loaded, and how to abandon it when a newer one replaces the file. */
  #loading: { buildId: string; controller: AbortController } | undefined
  #watching = false
  readonly #warm: false | Omit<WarmUpOptions, 'signal'>
  /** The warm-up under way, and the index it warms. */
  #warming: { index: NewsIndex; controller: AbortController; done: Promise<void> } | undefined
  /** Whether the index served has been warmed (a flag, not the index: an old one is let go). */
  #servedWarm = false

  constructor(path: string, index: NewsIndex, options: LiveIndexOptions = {}) {
    this.path = path
    this.#current = index
    this.#loadedAt = new Date()
    this.#intervalMs = Math.min(MAX_POLL_MS, Math.max(10, options.intervalMs ?? DEFAULT_POLL_MS))
    this.#log = options.log ?? (() => {})
    this.#onReload = options.onReload ?? (() => {})
    this.#heapLimitBytes = options.heapLimitBytes
    this.#warm = options.warm ?? {}
  }

  /** Loads the index at `path`; throws IndexLoadError (with a message for the user) when it cannot. */
  static async open(path: string, options: LiveIndexOptions = {}): Promise<LiveIndex> {
    // A start that may not fit is tried (the estimate is generous) but announced first.
    const budget = await heapBudgetFor(path, options.heapLimitBytes).catch(() => undefined)
    if (budget !== undefined && !budget.fits) options.log?.(`warning: ${budget.message}`, 'warn')
    const index = await loadIndex(path)
    prepareForSearch(index)
    const live = new LiveIndex(path, index, options)
    live.#warmServed()
    return live
  }

  /** The index to answer the current request with. */
  get current(): NewsIndex {
    return this.#current
  }

  /** The build id of the index being served. */
  get buildId(): string {
    return this.#current.manifest?.buildId ?? ''
  }

  /** When the index being served was loaded. */
  get loadedAt(): Date {
    return this.#loadedAt
  }

  /** Starts polling the file; the poller does not keep the process alive. */
  watch(): this {
    if (!this.#watching) {
      this.#watching = true
      watchFile(this.path, { interval: this.#intervalMs, persistent: false }, this.#onStat)
    }
    return this
  }

  /** Settles when the warm-up of the index served has finished or stopped (at once if none runs). */
  async warmed(): Promise<void> {
    await this.#warming?.done
  }

  /** Stops polling, and warming. Idempotent. */
  close(): void {
    if (this.#watching) unwatchFile(this.path, this.#onStat)
    this.#watching = false
    this.#warming?.controller.abort()
  }

  /**
   * Warms the index served, in slices between requests (see `warmUp`), unless it is warmed or
   * being warmed already: a warm-up stopped by a check of the file resumes where it was.
   */
  #warmServed(): void {
    const index = this.#current
    if (this.#warm === false || this.#servedWarm || this.#warming?.index === index) return
    const controller = new AbortController()
    const done = warmUp(index, { ...this.#warm, signal: controller.signal }).then((warm) => {
      if (this.#warming?.controller === controller) this.#warming = undefined
      if (!warm.finished) return
      this.#servedWarm = this.#current === index
      this.#log(
        `index warmed: build ${index.manifest?.buildId ?? ''}, ${warm.terms} frequent terms' postings (${warm.postings} postings) in ${Math.round(warm.ms)} ms`,
        'info',
      )
    })
    // Deriving postings should not fail; if it does, the terms are derived by their searches.
    const caught = done.catch((error: unknown) => {
      this.#log(`index warm-up stopped: ${(error as Error).message ?? String(error)}`, 'warn')
    })
    this.#warming = { index, controller, done: caught }
  }

  /**
   * Checks the file now (a change seen, or SIGHUP) and swaps in the index it holds when that is
   * another build. Calls made while a check runs are folded into one more check after it. A
   * warm-up stops meanwhile, and then warms the index served. Resolves to whether an index was
   * swapped in; never rejects.
   */
  reload(): Promise<boolean> {
    // A newer build may be coming: its load gets every turn the requests leave.
    this.#warming?.controller.abort()
    this.#warming = undefined
    if (this.#running !== undefined) {
      this.#again = true
      void this.#abandonIfSuperseded()
      return this.#running
    }
    const run = async () => {
      let swapped = false
      do {
        this.#again = false
        swapped = (await this.#check()) || swapped
      } while (this.#again)
      this.#warmServed()
      return swapped
    }
    this.#running = run().finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  /**
   * Stops the load under way when the file now holds another build: the later build wins, and
   * at most two indexes are in memory (the one served and the one loading), however many
   * builds come while one loads.
   */
  async #abandonIfSuperseded(): Promise<void> {
    const loading = this.#loading
    if (loading === undefined) return
    const manifest = await readManifest(this.path).catch(() => undefined)
    if (manifest !== undefined && manifest.buildId !== loading.buildId) {
      loading.controller.abort(new Error(`build ${manifest.buildId} replaced it`))
    }
  }

  readonly #onStat = (current: Stats, previous: Stats): void => {
    const changed =
      current.mtimeMs !== previous.mtimeMs ||
      current.ino !== previous.ino ||
      current.size !== previous.size
    if (changed) void this.reload()
  }

  async #check(): Promise<boolean> {
    const serving = this.buildId
    try {
      const manifest = await readManifest(this.path)
      if (manifest.buildId === serving) return false
      // Both indexes are in memory until the swap: past V8's limit the process would die.
      const budget = await heapBudgetFor(this.path, this.#heapLimitBytes)
      if (!budget.fits) {
        this.#log(`index reload skipped, still serving build ${serving}: ${budget.message}`, 'warn')
        this.#onReload('failed')
        return false
      }
      const started = performance.now()
      const controller = new AbortController()
      this.#loading = { buildId: manifest.buildId, controller }
      this.#log(`index reload: loading build ${manifest.buildId} beside build ${serving}`, 'info')
      let index: NewsIndex
      try {
        // In slices, so that requests keep being answered from the index served meanwhile.
        index = await loadIndex(this.path, { sliceMs: LOAD_SLICE_MS, signal: controller.signal })
        // In a turn of its own, and before the swap: not in the first request after it.
        await new Promise((resolve) => setImmediate(resolve))
        controller.signal.throwIfAborted()
        prepareForSearch(index)
      } catch (error) {
        if (!controller.signal.aborted) throw error
        this.#log(
          `index load of build ${manifest.buildId} abandoned, still serving build ${serving}: ${(controller.signal.reason as Error).message}`,
          'info',
        )
        return false
      } finally {
        this.#loading = undefined
      }
      this.#current = index
      this.#servedWarm = false
      this.#loadedAt = new Date()
      const ms = Math.round(performance.now() - started)
      this.#log(
        `index reloaded: build ${this.buildId} (${index.articleCount} articles, ${index.paragraphCount} paragraphs, built ${index.manifest?.builtAt ?? 'at an unknown time'}) in ${ms} ms`,
        'info',
      )
      this.#onReload('reloaded')
      return true
    } catch (error) {
      this.#onReload('failed')
      this.#log(
        `index reload failed, still serving build ${serving}: ${(error as Error).message ?? String(error)}`,
        'warn',
      )
      return false
    }
  }
}
