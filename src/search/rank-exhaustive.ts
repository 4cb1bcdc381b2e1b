import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { dateFacet } from './date-facet.ts'
import {
  foldStories,
  type Group,
  type GroupingOptions,
  groupByArticle,
  type RankedPage,
} from './group.ts'
import { type Matching, matchPlan } from './match.ts'
import type { QueryPlan } from './plan.ts'
import type { RankingOptions } from './score.ts'
import { firstInOrder } from './top.ts'

/**
 * The page the way every ranking can give it: every match scored into objects, grouped by
 * article (or not, `grouped` false), folded into stories and ordered as `options` say, with the
 * first `count` kept. For what the typed path (rank-page.ts) does not answer: field scopes and
 * other ranking options (the evaluation's tuning); a property test holds the two to the same
 * answers where both apply.
 */
export function rankExhaustive(
  index: NewsIndex,
  plan: QueryPlan,
  ranking: RankingOptions,
  count: number,
  grouped: boolean,
  options: Omit<GroupingOptions, 'order'> & {
    order: (a: Group, b: Group) => number
  },
): { ranked: RankedPage; matching: Matching } {
  const found = matchPlan(index, plan, ranking, options.admits)
  const groups = grouped
    ? groupByArticle(index, found.paragraphs, found.wordCount, ranking.articleSpread)
    : found.paragraphs.map((paragraph) => ({
        best: paragraph,
        paragraphs: [paragraph],
        score: paragraph.score,
      }))
  const { storyOf, order } = options
  const articleOf = (group: Group) => index.articleOf(group.best.id)
  const shownOnce = storyOf === undefined ? groups : foldStories(groups, order, storyOf, articleOf)
  const articles = new Set<Article>()
  for (const paragraph of found.paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article !== undefined) articles.add(article)
  }
  const dates: string[] = []
  for (const article of articles) if (article.date !== undefined) dates.push(article.date)
  return {
    matching: found,
    ranked: {
      // Only the groups up to the page shown are ranked.
      groups: firstInOrder(shownOnce, count, order),
      articles: articles.size,
      paragraphs: found.paragraphs.length,
      results: shownOnce.length,
      facets: found.facets,
      dates: dateFacet(dates, articles.size - dates.length),
      matched: found.matched,
    },
  }
}
