// What the bench and the evaluation measure side by side: a contender builds an index from
// articles, saves and loads it, ranks free text (the evaluation) and answers the kinds of query
// whose latency the bench times. newsdex is one, through its engine seam (newsdex-contender.ts);
// lunr and MiniSearch are the baselines it is measured against (baselines.ts). Engines are the
// seam's alone (src/engine/engine.ts): a contender is not one.
import type { Article } from '../articles/types.ts'
import type { BenchQuery } from './queries.ts'
import type { SavedContender } from './query-timing.ts'

export function paragraphCount(articles: readonly Article[]): number {
  return articles.reduce((sum, article) => sum + article.paragraphs.length, 0)
}

/** A way of querying a built index; returns how many results it found. */
export interface Searcher<I> {
  name: string
  run: (index: I, query: BenchQuery) => number
}

/** Something measured beside the others: how to build, save and load its index, and query it. */
export interface Contender<I = unknown> {
  name: string
  /** Builds from articles; whatever the index keeps of them counts as its memory. */
  build: (articles: readonly Article[]) => I
  /** Writes the index to `file`; returns its size in bytes. */
  save: (index: I, file: string) => Promise<number>
  /** Reads the index back from `file`, as a starting server would. */
  load: (file: string) => Promise<I>
  /**
   * Ids of the best `k` articles for free text, best first, with the contender's default
   * options. `articleOf` names the article of a paragraph number (in `paragraphDocs` order), for
   * the libraries that index paragraphs.
   */
  rank: (
    index: I,
    text: string,
    k: number,
    articleOf: (paragraph: number) => string,
  ) => Promise<string[]>
  /** The ways of querying it whose latency the bench times. */
  searchers: Searcher<I>[]
}

/** A searcher bound to its built index. */
export interface BoundSearcher {
  name: string
  run: (query: BenchQuery) => number
}

export function bind<I>(contender: Contender<I>, index: I): BoundSearcher[] {
  return contender.searchers.map((searcher) => ({
    name: searcher.name,
    run: (query: BenchQuery) => searcher.run(index, query),
  }))
}

/** A contender whose index is saved at `file`, for the query workers (see query-timing.ts). */
export function savedContender(contender: Contender, file: string): SavedContender {
  return {
    contender: contender.name,
    file,
    searchers: contender.searchers.map((searcher) => searcher.name),
  }
}
