// Runs engines over a relevance collection and scores their rankings query by query.
import type { Collection, CollectionQuery } from './collections.ts'
import type { Engine } from './engines.ts'
import { evaluateRanking, type Metrics, meanMetrics, relevantCount } from './metrics.ts'

/** How many results each engine is asked for per query: trec_eval's usual run depth. */
export const DEFAULT_DEPTH = 1000

/** An engine whose answers take a round trip (newsdex through `--engine`). */
export type AsyncEngine = Omit<Engine, 'search'> & {
  search(query: string, k: number): Promise<string[]>
}

/** Makes a fresh, empty engine: every collection gets its own. */
export type EngineFactory = () => Engine | AsyncEngine

export interface EngineResult {
  name: string
  /** The mean of each metric over the evaluated queries. */
  metrics: Metrics
  /** Query id → its metrics. */
  perQuery: Map<string, Metrics>
  buildMs: number
  searchMs: number
}

export interface CollectionResult {
  collection: string
  documents: number
  /** How many queries were evaluated: those with at least one relevant judgment. */
  queries: number
  engines: EngineResult[]
}

export interface EvaluateOptions {
  /** Results asked of each engine per query; the same for every engine. */
  depth?: number
  /** Told when an engine starts building and when it has finished. */
  onProgress?: (message: string) => void
}

/** The queries that can be scored: those with at least one relevant judgment, in file order. */
export function judgedQueries(collection: Collection): CollectionQuery[] {
  return collection.queries.filter((query) => {
    const judgments = collection.judgments.get(query.id)
    return judgments !== undefined && relevantCount(judgments) > 0
  })
}

/** Builds each engine on the collection's documents and scores its ranking for every judged query. */
export async function evaluateCollection(
  collection: Collection,
  engines: readonly EngineFactory[],
  options: EvaluateOptions = {},
): Promise<CollectionResult> {
  const depth = options.depth ?? DEFAULT_DEPTH
  const progress = options.onProgress ?? (() => {})
  const queries = judgedQueries(collection)
  const results: EngineResult[] = []
  for (const make of engines) {
    const engine = make()
    progress(`${collection.name}: building ${engine.name}…`)
    const built = performance.now()
    await engine.build(collection.documents)
    const searched = performance.now()
    const perQuery = new Map<string, Metrics>()
    for (const query of queries) {
      const judgments = collection.judgments.get(query.id) ?? new Map<string, number>()
      const ranking = (await engine.search(query.text, depth)).slice(0, depth)
      perQuery.set(query.id, evaluateRanking(ranking, judgments))
    }
    const done = performance.now()
    const result: EngineResult = {
      name: engine.name,
      metrics: meanMetrics([...perQuery.values()]),
      perQuery,
      buildMs: searched - built,
      searchMs: done - searched,
    }
    progress(
      `${collection.name}: ${engine.name} built in ${seconds(result.buildMs)}, ` +
        `${queries.length} queries in ${seconds(result.searchMs)}`,
    )
    results.push(result)
  }
  return {
    collection: collection.name,
    documents: collection.documents.length,
    queries: queries.length,
    engines: results,
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
