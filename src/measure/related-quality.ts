import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { relatedArticles } from '../search/related.ts'

/** How well related articles keep to their article's subject, by labels people gave. */
export interface RelatedAgreement {
  /** Articles asked for their related articles (those with a label). */
  articles: number
  /** Related articles offered, over all of them. */
  offered: number
  /** Mean, over the articles, of the share of their related articles that share a label. */
  share: number
  /** Related-articles time per article, in ms. */
  p50Ms: number
  p99Ms: number
}

/**
 * Asks every labelled article of `index` for its `size` related articles and averages the share
 * that share one of its labels (a BBC category, a Reuters topic). An article with no related
 * articles counts as 0, so offering nothing is never better than offering something.
 */
export function relatedAgreement(
  index: NewsIndex,
  labelsOf: (article: Article) => readonly string[],
  size = 5,
): RelatedAgreement {
  let articles = 0
  let offered = 0
  let shares = 0
  const times: number[] = []
  for (const article of index.articles()) {
    const labels = new Set(labelsOf(article))
    if (labels.size === 0) continue
    const started = performance.now()
    const related = relatedArticles(index, article.id, { size }) ?? []
    times.push(performance.now() - started)
    articles++
    offered += related.length
    if (related.length === 0) continue
    const agreeing = related.filter((item) => {
      const other = index.article(item.id)
      return other !== undefined && labelsOf(other).some((label) => labels.has(label))
    })
    shares += agreeing.length / related.length
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return {
    articles,
    offered,
    share: articles === 0 ? 0 : shares / articles,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  }
}
