import type { Article } from '../articles/types.ts'
import { NewsIndex } from './news-index.ts'

/** Builds an in-memory index over `articles` (ids must be unique). */
export function buildIndex(
  articles: Iterable<Article>,
  onProgress?: (paragraphs: number) => void,
): NewsIndex {
  const index = new NewsIndex()
  let paragraphs = 0
  for (const article of articles) {
    index.add(article)
    paragraphs += article.paragraphs.length
    onProgress?.(paragraphs)
  }
  return index
}
