import type { Article } from '../articles/types.ts'
import type { IndexChange, NewsIndex } from '../index/news-index.ts'
import type { DateFacet } from '../search/date-facet.ts'

/** One shard of a distributed engine, as `/healthz` reports it. */
export interface ShardHealth {
  /** `host:port/index`. */
  name: string
  state: 'up' | 'down'
  /** Paragraphs it holds; null when it did not answer. */
  paragraphs: number | null
}

/** What an engine holds and whether all of it answers. */
export interface EngineHealth {
  engine: 'embedded' | 'sphinx'
  articles: number
  paragraphs: number
  /** Each shard (distributed engines only). */
  shards?: ShardHealth[]
}

/**
 * What a query needs of the collection, for the search library to run on: the whole index
 * (embedded), or the articles that can match it with the collection's statistics (sphinx).
 * `missing` names the shards that did not answer: the view is then partial.
 */
export interface QueryView {
  index: NewsIndex
  missing: string[]
  /**
   * Set when the view holds only the query's best candidates by the engine's own ranking
   * (`ViewRequest.depth`): the collection's totals, which a search on the view cannot count.
   */
  bounded?: BoundedTotals
}

/** What the engine counted for a query whose view holds only its best candidates. */
export interface BoundedTotals {
  /** Articles the view holds: newsdex ranked these. */
  candidates: number
  /** Articles and paragraphs matching the query in the whole collection. */
  articles: number
  paragraphs: number
  /** The facets over every matching article, as the search counts them on a whole index. */
  facets: EngineFacets
}

/** A query's facets, counted by the engine: matching articles per category and per period. */
export interface EngineFacets {
  category: Record<string, number>
  date: DateFacet
}

/** What to fetch a view for: the query text (as typed, prefix or not), and articles by id. */
export interface ViewRequest {
  q: string
  prefix?: boolean
  /** Articles the view must hold whatever the query (an article page). Defaults to none. */
  articles?: readonly string[]
  /**
   * How many results the caller reads (page × size), in relevance order with no date range:
   * an engine may then read only the query's best candidates for them, rather than every
   * article that matches. Defaults to every match.
   */
  depth?: number
  /**
   * An article whose related articles the caller lists (search/related.ts): the view then
   * holds it and the articles sharing its terms (the best `depth`, default 20, by the engine's
   * ranking, when more do); `q` is planned against the lexicon but not searched.
   */
  related?: string
  /** Caps on terms and expansions, as the search will apply them. */
  maxTerms?: number
  maxPrefixExpansions?: number
  maxTypoExpansions?: number
}

/**
 * The seam between newsdex and where its paragraphs are indexed. Query parsing, analysis,
 * expansion, ranking and snippets stay above it (search/), written once: an engine gives each
 * query a `NewsIndex` to run on, and takes whole builds and one-article updates.
 */
export interface Engine {
  readonly kind: 'embedded' | 'sphinx'
  /** The index a query runs on. Rejects with `EngineUnavailableError` when nothing answers. */
  view(request: ViewRequest): Promise<QueryView>
  /** Replaces everything the engine holds with `articles` (a full build). */
  replaceAll(articles: readonly Article[]): Promise<void>
  /** Removes `change.removed`, then adds `change.added` (an incremental update). */
  update(change: IndexChange): Promise<void>
  /** Every article held: id → `articleDigest` (see sync.ts), for incremental updates. */
  digests(): Promise<Map<string, string>>
  /** Articles and paragraphs held, and per shard whether it answers. */
  health(): Promise<EngineHealth>
  /** The last counts known, without asking the engine (for page footers). */
  counts(): { articles: number; paragraphs: number; builtAt?: string }
  close(): Promise<void>
}

/** No part of the engine answered in time: the server says 503 `engine_unavailable`. */
export class EngineUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EngineUnavailableError'
  }
}
