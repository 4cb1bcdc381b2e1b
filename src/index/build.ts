import type { Article } from '../articles/types.ts'
import { NewsIndex } from './news-index.ts'

/** Builds an in-memory index over `articles` (ids must be unique). */
export function buildIndex(
  articles: readonly Article[],
  onProgress?: (paragraphs: number) => void,
): NewsIndex {
  const index = new NewsIndex()
  index.apply({ removed: [], added: articles }, onProgress)
  return index
}
