import type { Article } from '../articles/types.ts'
import { type IndexChange, NewsIndex } from '../index/news-index.ts'
import type { Engine, EngineHealth, QueryView } from './engine.ts'
import { articleDigest } from './sync.ts'

/**
 * The embedded engine: the MiniSearch index in this process (the default). Every query runs on
 * the whole index; `current` is read per call, so a server's reloaded index is used at once.
 */
export class EmbeddedEngine implements Engine {
  readonly kind = 'embedded'
  readonly #current: () => NewsIndex
  #own: NewsIndex | undefined

  /** Over an index, or a function giving the one to use now (a server's live index). */
  constructor(index: NewsIndex | (() => NewsIndex)) {
    if (index instanceof NewsIndex) this.#own = index
    this.#current = typeof index === 'function' ? index : () => this.#own as NewsIndex
  }

  get current(): NewsIndex {
    return this.#current()
  }

  view(): Promise<QueryView> {
    return Promise.resolve({ index: this.#current(), missing: [] })
  }

  replaceAll(articles: readonly Article[]): Promise<void> {
    const index = new NewsIndex()
    for (const article of articles) index.add(article)
    this.#own = index
    return Promise.resolve()
  }

  update(change: IndexChange): Promise<void> {
    this.#current().apply(change)
    return Promise.resolve()
  }

  digests(): Promise<Map<string, string>> {
    const articles = this.#current().articles()
    return Promise.resolve(new Map(articles.map((article) => [article.id, articleDigest(article)])))
  }

  counts(): { articles: number; paragraphs: number; builtAt?: string } {
    const index = this.#current()
    const builtAt = index.manifest?.builtAt
    return {
      articles: index.articleCount,
      paragraphs: index.paragraphCount,
      ...(builtAt !== undefined && { builtAt }),
    }
  }

  health(): Promise<EngineHealth> {
    return Promise.resolve({ engine: 'embedded', ...this.counts() })
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
