import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { type FileOutcome, type ReadOptions, readFile } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import type { FormList, PackedAnalyses, PackedArticle } from './article-analysis.ts'

/** Files sent to a worker at once: a message each would cost more than a small file's read. */
const BATCH_FILES = 32

/**
 * Batches a worker is given ahead: with one, a worker idled from its reply until the main
 * thread, busy indexing, got round to sending the next.
 */
const BATCHES_AHEAD = 2

/** A batch of files for a worker to read. */
export interface WorkerRequest {
  batch: number
  files: { file: string; path: string }[]
}

/**
 * A worker's answer: per file of the batch, its outcome; and the analyses of the batch's
 * articles, file after file, in one pack (a pack a file cost a message part and a lookup of
 * every distinct word per file), whose `forms` are the forms new since its last answer.
 */
export interface WorkerReply {
  batch: number
  outcomes: FileOutcome[]
  analyses: PackedAnalyses
}

/** The default number of build workers: one per core. */
export function defaultWorkerCount(): number {
  return availableParallelism()
}

interface Pending {
  file: string
  path: string
  resolve: (outcome: FileOutcome) => void
  reject: (error: unknown) => void
}

/** How a build uses worker threads. */
export interface BuildWorkerOptions {
  /** How many. Defaults to one per core (`availableParallelism`). */
  count?: number
  /**
   * Fewer files than this are read on the main thread, since starting workers costs more than
   * they would save. Defaults to `200`.
   */
  minFiles?: number
}

/**
 * Worker threads that read, parse and analyse files for a build, so that a full build uses
 * every core: `readFile` is `ReadOptions.readFile`, and `analysisOf` gives the packed analysis
 * of an article it read (once: the index takes it, and it is dropped). The files asked for in one
 * turn of the event loop are queued; when they are enough, workers start and are sent them in
 * batches, each to whichever worker is free. `close` ends the workers.
 */
export class BuildWorkers {
  readonly #count: number
  readonly #minFiles: number
  readonly #readOptions: ReadOptions
  readonly #workers: Worker[] = []
  /** A worker once for each more batch it can be given. */
  readonly #idle: Worker[] = []
  readonly #queue: Pending[] = []
  readonly #batches = new Map<number, Pending[]>()
  readonly #analyses = new WeakMap<Article, PackedArticle>()
  /** Each worker's forms, as its answers have given them. */
  readonly #forms = new Map<Worker, FormList>()
  #nextBatch = 0
  #scheduled = false
  #failure: unknown

  constructor(
    options: BuildWorkerOptions,
    readOptions: Pick<ReadOptions, 'boilerplate' | 'maxFileBytes'>,
  ) {
    this.#count = Math.max(1, options.count ?? defaultWorkerCount())
    this.#minFiles = options.minFiles ?? 200
    this.#readOptions = {
      ...(readOptions.boilerplate !== undefined && { boilerplate: readOptions.boilerplate }),
      ...(readOptions.maxFileBytes !== undefined && { maxFileBytes: readOptions.maxFileBytes }),
    }
  }

  readonly readFile = (file: string, path: string): Promise<FileOutcome> =>
    new Promise((resolve, reject) => {
      if (this.#failure !== undefined) {
        reject(this.#failure)
        return
      }
      this.#queue.push({ file, path, resolve, reject })
      if (!this.#scheduled) {
        this.#scheduled = true
        setImmediate(() => this.#start())
      }
    })

  /** Starts the workers for a queue long enough, or reads a short one here. */
  #start(): void {
    if (this.#workers.length > 0 || this.#queue.length >= this.#minFiles) {
      if (this.#workers.length === 0) this.#spawn()
      this.#dispatch()
      return
    }
    this.#scheduled = false
    for (const { file, path, resolve, reject } of this.#queue.splice(0))
      readFile(file, path, this.#readOptions).then(resolve, reject)
  }

  #spawn(): void {
    for (let i = 0; i < this.#count; i++) {
      const worker = new Worker(workerEntry(), {
        workerData: this.#readOptions,
      })
      worker.on('message', (reply: WorkerReply) => this.#answered(worker, reply))
      worker.on('error', (error) => this.#fail(error))
      this.#workers.push(worker)
      this.#forms.set(worker, { texts: [], words: [], terms: [] })
      for (let ahead = 0; ahead < BATCHES_AHEAD; ahead++) this.#idle.push(worker)
    }
  }

  readonly analysisOf = (article: Article): PackedArticle | undefined => {
    const found = this.#analyses.get(article)
    this.#analyses.delete(article)
    return found
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()))
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && this.#idle.length > 0) {
      const worker = this.#idle.pop() as Worker
      const pending = this.#queue.splice(0, BATCH_FILES)
      const batch = this.#nextBatch++
      this.#batches.set(batch, pending)
      const request: WorkerRequest = {
        batch,
        files: pending.map(({ file, path }) => ({ file, path })),
      }
      worker.postMessage(request)
    }
  }

  #answered(worker: Worker, { batch, outcomes, analyses }: WorkerReply): void {
    const pending = this.#batches.get(batch) ?? []
    this.#batches.delete(batch)
    const forms = this.#forms.get(worker) as FormList
    const added = analyses.forms
    for (let i = 0; i < added.texts.length; i++) {
      forms.texts.push(added.texts[i] as string)
      forms.words.push(added.words[i] as string)
      forms.terms.push(added.terms[i] ?? null)
    }
    analyses.forms = forms
    let n = 0
    outcomes.forEach((outcome, i) => {
      if ('articles' in outcome.parsed) {
        for (const article of outcome.parsed.articles)
          this.#analyses.set(article, { packed: analyses, n: n++ })
      }
      pending[i]?.resolve(outcome)
    })
    this.#idle.push(worker)
    this.#dispatch()
  }

  #fail(error: unknown): void {
    this.#failure = error
    for (const pending of [...this.#batches.values()].flat().concat(this.#queue.splice(0)))
      pending.reject(error)
    this.#batches.clear()
  }
}

/**
 * The worker's module. Compiled (dist/), it is plain JavaScript beside this file; run through
 * tsx, workers do not inherit tsx's hooks, so the worker registers them, then loads the module.
 */
function workerEntry(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./build-worker.js', import.meta.url)
  const api = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./build-worker.ts', import.meta.url).href
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry)})`
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}
