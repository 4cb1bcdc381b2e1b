import type { Article } from '../articles/types.ts'
import { NewsIndex } from './news-index.ts'

/** Builds an in-memory index over `articles` (ids must be unique), near-copies from `nearCopyThreshold`. */
export function buildIndex(
  articles: readonly Article[],
  onProgress?: (paragraphs: number) => void,
  nearCopyThreshold?: number,
): NewsIndex {
  const index = new NewsIndex(undefined, undefined, undefined, undefined, nearCopyThreshold)
  index.apply({ removed: [], added: articles }, onProgress)
  return index
}
