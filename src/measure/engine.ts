// The one seam every measured engine sits behind, for the bench and the evaluation alike: build
// from articles, save and load, rank free text (the evaluation), and the ways of querying it
// whose latency the bench times. The libraries index one document per paragraph.
import type { Article } from '../articles/types.ts'
import type { BenchQuery } from './queries.ts'
import type { SavedEngine } from './query-timing.ts'

/** One document per paragraph, as MiniSearch and lunr index it: the article title and the text. */
export interface ParagraphDoc {
  id: number
  title: string
  text: string
}

/** The corpus as one document per paragraph, numbered in order: what the libraries index. */
export function paragraphDocs(articles: readonly Article[]): ParagraphDoc[] {
  const docs: ParagraphDoc[] = []
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      docs.push({ id: docs.length, title: article.title, text: paragraph.text })
    }
  }
  return docs
}

export function paragraphCount(articles: readonly Article[]): number {
  return articles.reduce((sum, article) => sum + article.paragraphs.length, 0)
}

/** A way of querying a built index; returns how many results it found. */
export interface Searcher<I> {
  name: string
  run: (index: I, query: BenchQuery) => number
}

/** An engine under measurement: how to build, save and load its index, and how to query it. */
export interface Engine<I = unknown> {
  name: string
  /** Builds from articles; whatever the engine keeps of them counts as its memory. */
  build: (articles: readonly Article[]) => I
  /** Writes the index to `file`; returns its size in bytes. */
  save: (index: I, file: string) => Promise<number>
  /** Reads the index back from `file`, as a starting server would. */
  load: (file: string) => Promise<I>
  /**
   * Ids of the best `k` articles for free text, best first, with the engine's default options.
   * `articleOf` names the article of a paragraph number (in `paragraphDocs` order), for the
   * engines that index paragraphs.
   */
  rank: (index: I, text: string, k: number, articleOf: (paragraph: number) => string) => string[]
  /** The ways of querying it whose latency the bench times. */
  searchers: Searcher<I>[]
}

/** The first `k` distinct articles of ranked paragraphs. */
export function articlesOfParagraphs(
  paragraphs: Iterable<number>,
  k: number,
  articleOf: (paragraph: number) => string,
): string[] {
  const ids = new Set<string>()
  for (const paragraph of paragraphs) {
    if (ids.size >= k) break
    ids.add(articleOf(paragraph))
  }
  return [...ids]
}

/** A searcher bound to its built index. */
export interface BoundSearcher {
  name: string
  run: (query: BenchQuery) => number
}

export function bind<I>(engine: Engine<I>, index: I): BoundSearcher[] {
  return engine.searchers.map((searcher) => ({
    name: searcher.name,
    run: (query: BenchQuery) => searcher.run(index, query),
  }))
}

/** An engine whose index is saved at `file`, for the query workers (see query-timing.ts). */
export function savedEngine(engine: Engine, file: string): SavedEngine {
  return { engine: engine.name, file, searchers: engine.searchers.map((searcher) => searcher.name) }
}
