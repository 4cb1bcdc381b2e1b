import type { Article } from '../../articles/types.ts'
import { type ArticleAnalysis, analyseArticle } from '../../index/article-analysis.ts'

/** An article read from its shard, and its analysis, as a query's view indexes it. */
export interface ReadArticle {
  article: Article
  analysis: ArticleAnalysis
}

/**
 * Articles most queries' views hold, kept between queries: `DEFAULT_CAPACITY` of them, about
 * 50 KB each with their analysis on BBC's articles, so that a candidate read by an earlier
 * query is neither read from its shard's string attributes nor analysed again.
 */
export const DEFAULT_CAPACITY = 1000

/**
 * The articles last read, by key, least recently used first out; for one state of the
 * collection (`stamp`): a write anywhere empties it, so it never serves an article's old text.
 */
export class ArticleCache {
  readonly #capacity: number
  #entries = new Map<number, ReadArticle>()
  #stamp: string | undefined

  constructor(capacity = DEFAULT_CAPACITY) {
    this.#capacity = capacity
  }

  /** The cached articles among `keys` in the state `stamp`, and the keys it lacks. */
  take(stamp: string, keys: readonly number[]): { found: ReadArticle[]; unknown: number[] } {
    if (stamp !== this.#stamp) {
      this.#entries = new Map()
      this.#stamp = stamp
    }
    const found: ReadArticle[] = []
    const unknown: number[] = []
    for (const key of keys) {
      const entry = this.#entries.get(key)
      if (entry === undefined) unknown.push(key)
      else {
        // Most recently used last: the first entry is the one to drop.
        this.#entries.delete(key)
        this.#entries.set(key, entry)
        found.push(entry)
      }
    }
    return { found, unknown }
  }

  /** Analyses an article read in the state `stamp`, and keeps it unless the state changed. */
  put(stamp: string, key: number, article: Article): ReadArticle {
    const entry = { article, analysis: analyseArticle(article) }
    if (stamp !== this.#stamp || this.#capacity === 0) return entry
    this.#entries.set(key, entry)
    if (this.#entries.size > this.#capacity) {
      this.#entries.delete(this.#entries.keys().next().value as number)
    }
    return entry
  }
}
