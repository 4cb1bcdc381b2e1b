// What an index holds of its articles, and how they change: the records `NewsIndex` keeps per
// article and paragraph, and the change an incremental build applies to it.
import type { Article, Paragraph } from '../articles/types.ts'

/** A paragraph of the index, with the article it belongs to. */
export interface IndexedParagraph {
  article: Article
  paragraph: Paragraph
}

/**
 * A change to an index's articles: the ids to remove, then the articles to add, in order (an
 * updated article is in both). An incremental build makes one; it is applied to an index in
 * memory, or saved beside the index's tables and applied when the index is next loaded.
 */
export interface IndexChange {
  removed: readonly string[]
  added: readonly Article[]
}

/**
 * An article as the index holds it: its first paragraph id, its paragraph count (without
 * reading its paragraphs, which a loaded article decodes when first read: see
 * article-lines.ts), and the tokens of its title and of each paragraph's text, packed (see
 * token-table.ts), one per paragraph.
 */
export interface ArticleEntry {
  readonly article: Article
  readonly first: number
  readonly paragraphCount: number
  readonly titleTokens: Uint8Array
  readonly tokens: readonly Uint8Array[]
}

/**
 * The articles numbered for typed arrays: `articleOf[paragraphId]` is the article's number in
 * `entries` (-1 for a removed paragraph).
 */
export interface ArticleNumbers {
  articleOf: Int32Array
  entries: ArticleEntry[]
}

/** The articles `entries` numbered in that order, for paragraph ids below `next`. */
export function numberArticles(entries: ArticleEntry[], next: number): ArticleNumbers {
  const articleOf = new Int32Array(next).fill(-1)
  entries.forEach((entry, number) => {
    articleOf.fill(number, entry.first, entry.first + entry.paragraphCount)
  })
  return { articleOf, entries }
}
