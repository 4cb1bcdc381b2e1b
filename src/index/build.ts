import type { Article } from '../articles/types.ts'
import type { PackedArticle } from './article-analysis.ts'
import { IndexBuilder } from './index-builder.ts'
import type { NearCopyThreshold } from './near-copies.ts'
import type { NewsIndex } from './news-index.ts'

/**
 * Builds an in-memory index over `articles` (ids must be unique), near-copies from
 * `nearCopyThreshold` (default `0.8`; `null` looks for none), taking the analyses `analysisOf`
 * has (made by build workers) and analysing the others here. The index is the one
 * `NewsIndex.apply` makes of the same articles, made without MiniSearch (index-builder.ts).
 */
export function buildIndex(
  articles: readonly Article[],
  onProgress?: (paragraphs: number) => void,
  nearCopyThreshold?: NearCopyThreshold,
  analysisOf?: (article: Article) => PackedArticle | undefined,
): NewsIndex {
  const builder = new IndexBuilder(nearCopyThreshold)
  for (const article of articles) {
    builder.add(article, analysisOf?.(article))
    onProgress?.(builder.paragraphs)
  }
  return builder.finish()
}
