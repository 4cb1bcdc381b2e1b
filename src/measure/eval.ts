// Runs the contenders, and newsdex through an engine, over a relevance collection and scores
// their rankings query by query.
import type { Article } from '../articles/types.ts'
import type { Engine } from '../engine/engine.ts'
import type { Collection, CollectionDocument, CollectionQuery } from './collections.ts'
import type { Contender } from './contender.ts'
import { evaluateRanking, type Metrics, meanMetrics, relevantCount } from './metrics.ts'
import { rankThroughEngine } from './newsdex-contender.ts'

/** How many results each contender (or engine) is asked for per query: trec_eval's usual run depth. */
export const DEFAULT_DEPTH = 1000

/** A test document as newsdex reads an article: the title, and the text as its only paragraph. */
export function toArticle(doc: CollectionDocument): Article {
  return { id: doc.id, title: doc.title, paragraphs: [{ index: 0, text: doc.text }], file: doc.id }
}

/**
 * What the evaluation ranks with: a contender built in this process (newsdex on the embedded
 * engine, lunr, MiniSearch), or an engine of the seam (`--engine URL`) that the collection is
 * written into, replacing what it held, and that newsdex ranks through.
 */
export type Evaluated = Contender | Engine

/** How an evaluated contender or engine is named in the tables: `newsdex (sphinx)` for an engine. */
export function evaluatedName(evaluated: Evaluated): string {
  return 'view' in evaluated ? `newsdex (${evaluated.kind})` : evaluated.name
}

export interface RankingResult {
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
  /** Each contender's or engine's figures, in the order given (`engines` in the JSON report). */
  engines: RankingResult[]
}

export interface EvaluateOptions {
  /** Results asked of each contender or engine per query; the same for all. */
  depth?: number
  /** Told when each starts building and when it has finished. */
  onProgress?: (message: string) => void
}

/** The queries that can be scored: those with at least one relevant judgment, in file order. */
export function judgedQueries(collection: Collection): CollectionQuery[] {
  return collection.queries.filter((query) => {
    const judgments = collection.judgments.get(query.id)
    return judgments !== undefined && relevantCount(judgments) > 0
  })
}

/** Builds each of `evaluated` on the collection's documents and scores its ranking for every judged query. */
export async function evaluateCollection(
  collection: Collection,
  evaluated: readonly Evaluated[],
  options: EvaluateOptions = {},
): Promise<CollectionResult> {
  const depth = options.depth ?? DEFAULT_DEPTH
  const progress = options.onProgress ?? (() => {})
  const queries = judgedQueries(collection)
  const results: RankingResult[] = []
  const articles = collection.documents.map(toArticle)
  // Each document is one paragraph, so paragraph n is document n.
  const articleOf = (paragraph: number) => collection.documents[paragraph]?.id ?? ''
  for (const entry of evaluated) {
    const name = evaluatedName(entry)
    progress(`${collection.name}: building ${name}…`)
    const built = performance.now()
    const rank = await ranker(entry, articles, articleOf)
    const searched = performance.now()
    const perQuery = new Map<string, Metrics>()
    for (const query of queries) {
      const judgments = collection.judgments.get(query.id) ?? new Map<string, number>()
      const ranking = (await rank(query.text, depth)).slice(0, depth)
      perQuery.set(query.id, evaluateRanking(ranking, judgments))
    }
    const done = performance.now()
    const result: RankingResult = {
      name,
      metrics: meanMetrics([...perQuery.values()]),
      perQuery,
      buildMs: searched - built,
      searchMs: done - searched,
    }
    progress(
      `${collection.name}: ${name} built in ${seconds(result.buildMs)}, ` +
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

/** Builds a contender (or writes into an engine) and gives how to ask it for a ranking. */
async function ranker(
  evaluated: Evaluated,
  articles: readonly Article[],
  articleOf: (paragraph: number) => string,
): Promise<(text: string, k: number) => Promise<string[]>> {
  if ('view' in evaluated) {
    await evaluated.replaceAll(articles)
    return (text, k) => rankThroughEngine(evaluated, text, k)
  }
  const index = evaluated.build(articles)
  return (text, k) => evaluated.rank(index, text, k, articleOf)
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
