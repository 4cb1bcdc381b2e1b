import type { Article } from '../articles/types.ts'
import type { ArticleAnalysis } from './article-analysis.ts'
import type { NearCopyThreshold } from './near-copies.ts'
import { NewsIndex } from './news-index.ts'

/**
 * Builds an in-memory index over `articles` (ids must be unique), near-copies from
 * `nearCopyThreshold` (default `0.8`; `null` looks for none), taking the analyses `analysisOf`
 * has (made by build workers).
 */
export function buildIndex(
  articles: readonly Article[],
  onProgress?: (paragraphs: number) => void,
  nearCopyThreshold?: NearCopyThreshold,
  analysisOf?: (article: Article) => ArticleAnalysis | undefined,
): NewsIndex {
  const index = new NewsIndex(undefined, undefined, undefined, undefined, nearCopyThreshold)
  index.apply({ removed: [], added: articles }, onProgress, analysisOf)
  return index
}
