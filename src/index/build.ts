import type { Article } from '../articles/types.ts'
import type { NearCopyThreshold } from './near-copies.ts'
import { NewsIndex } from './news-index.ts'

/**
 * Builds an in-memory index over `articles` (ids must be unique), near-copies from
 * `nearCopyThreshold` (default `0.8`; `null` looks for none).
 */
export function buildIndex(
  articles: readonly Article[],
  onProgress?: (paragraphs: number) => void,
  nearCopyThreshold?: NearCopyThreshold,
): NewsIndex {
  const index = new NewsIndex(undefined, undefined, undefined, undefined, nearCopyThreshold)
  index.apply({ removed: [], added: articles }, onProgress)
  return index
}
