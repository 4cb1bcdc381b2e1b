// Query latency: every query on every searcher, the searchers taking turns. Each contender answers
// in a worker thread of its own, with only its index in that thread's heap, as in a server: in
// one heap holding every contender's index (lunr's alone is 250 MB), a minor garbage collection
// took 3–4 ms, landed on whichever contender was running, and decided every contender's p99.
import { Worker } from 'node:worker_threads'
import type { BenchQuery } from './queries.ts'

/** Queries timed per searcher in chunks, the searchers' order rotating, so noise spreads evenly. */
const CHUNK = 50

/** What a query worker is given (see query-worker.ts). */
export interface QueryWorkerInput {
  contender: string
  /** The contender's saved index, loaded as a starting server would. */
  file: string
  queries: readonly BenchQuery[]
  warmup: readonly BenchQuery[]
}

/** A request to a query worker, answered with each query's time in µs. */
export interface ChunkRequest {
  searcher: string
  start: number
  end: number
}

/** A contender to time apart: its saved index and the searchers it serves. */
export interface SavedContender {
  contender: string
  file: string
  searchers: readonly string[]
}

/**
 * The worker's module. Compiled (dist/), it is plain JavaScript beside this file; run through
 * tsx, workers do not inherit tsx's hooks, so the worker registers them, then loads the module.
 */
function workerEntry(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./query-worker.js', import.meta.url)
  const api = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./query-worker.ts', import.meta.url).href
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(entry)})`
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}

/** A worker holding one contender's index. */
class QueryWorker {
  readonly #worker: Worker
  readonly ready: Promise<void>

  constructor(input: QueryWorkerInput) {
    this.#worker = new Worker(workerEntry(), { workerData: input })
    this.ready = this.#reply().then(() => undefined)
  }

  time(request: ChunkRequest): Promise<number[]> {
    const reply = this.#reply()
    this.#worker.postMessage(request)
    return reply as Promise<number[]>
  }

  close(): Promise<number> {
    return this.#worker.terminate()
  }

  #reply(): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: unknown) => {
        this.#worker.off('error', onError)
        resolve(message)
      }
      const onError = (error: Error) => {
        this.#worker.off('message', onMessage)
        reject(error)
      }
      this.#worker.once('message', onMessage)
      this.#worker.once('error', onError)
    })
  }
}

/**
 * Times every query on every searcher of `contenders`, in µs, each in a worker of its own
 * that loads its saved index and answers `warmup` first (another seed's queries, so the measured
 * ones are not already answered once). Per round, returns each searcher's query times in
 * `queries` order. One worker runs at a time; the others wait.
 */
export async function timeQueriesApart(
  contenders: readonly SavedContender[],
  queries: readonly BenchQuery[],
  warmup: readonly BenchQuery[],
  rounds = 1,
): Promise<Map<string, number[]>[]> {
  const workers = new Map<string, QueryWorker>()
  try {
    for (const { contender, file, searchers } of contenders) {
      const worker = new QueryWorker({ contender, file, queries, warmup })
      await worker.ready
      for (const searcher of searchers) workers.set(searcher, worker)
    }
    const names = [...workers.keys()]
    const all: Map<string, number[]>[] = []
    for (let round = 0; round < rounds; round++) {
      const times = new Map(names.map((name) => [name, new Array<number>(queries.length)]))
      for (let start = 0, chunk = 0; start < queries.length; start += CHUNK, chunk++) {
        const end = Math.min(queries.length, start + CHUNK)
        for (let k = 0; k < names.length; k++) {
          const searcher = names[(k + chunk + round) % names.length] as string
          const worker = workers.get(searcher) as QueryWorker
          const row = times.get(searcher) as number[]
          const chunkTimes = await worker.time({ searcher, start, end })
          chunkTimes.forEach((us, i) => {
            row[start + i] = us
          })
        }
      }
      all.push(times)
    }
    return all
  } finally {
    await Promise.all([...new Set(workers.values())].map((worker) => worker.close()))
  }
}
