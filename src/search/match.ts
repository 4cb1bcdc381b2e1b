import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { excludedParagraphs, paragraphsWithPhrase } from './filter.ts'
import { type PlanOptions, planQuery, type QueryPlan } from './plan.ts'
import {
  defaultRankingOptions,
  type RankingOptions,
  type ScoredParagraph,
  scoreParagraphs,
} from './score.ts'

export interface MatchOptions extends PlanOptions {
  ranking?: RankingOptions
}

/** The paragraphs that answer a query, before grouping: how they matched and which facets they fill. */
export interface Matching {
  plan: QueryPlan
  /** Whether some paragraph holds every word (then those rank first). */
  matched: 'all' | 'some'
  /** Ranked best first by `match` (see `rankOrder`); in no particular order from `findMatching`. */
  paragraphs: ScoredParagraph[]
  facets: Record<string, number>
  /** How many distinct words the query searched: a paragraph with all of them is complete. */
  wordCount: number
}

const EMPTY_FACETS = {}

/** Which paragraphs answer `q`, ranked: the part of a search before grouping, paging and snippets. */
export function match(index: NewsIndex, q: string, options: MatchOptions = {}): Matching {
  const matching = findMatching(index, q, options)
  matching.paragraphs.sort(rankOrder(index, matching.wordCount))
  return matching
}

/**
 * Which paragraphs answer `q`, unranked. Ranking thousands of paragraphs is much of what a
 * common word costs, and a search shows one page: it ranks only what it shows.
 */
export function findMatching(index: NewsIndex, q: string, options: MatchOptions = {}): Matching {
  return matchPlan(index, planQuery(index, q, options), options.ranking)
}

/** `findMatching` for a query already planned. */
export function matchPlan(
  index: NewsIndex,
  plan: QueryPlan,
  ranking: RankingOptions = defaultRankingOptions,
  inRange?: (article: Article) => boolean,
): Matching {
  const { parsed, words } = plan
  let candidates: ScoredParagraph[]
  if (words.length > 0) {
    // Title words are indexed with every paragraph so BM25F can weigh them, but a paragraph that
    // matches only through its title would flood the results: the article's lead stands for it.
    candidates = scoreParagraphs(index, words, ranking).filter(
      (paragraph) => paragraph.own > 0 || index.isLead(paragraph.id),
    )
  } else if (parsed.categories.length > 0) {
    candidates = [...index.articleTable()].flatMap(({ article, first }) =>
      article.paragraphs.map((_, position) => ({
        id: first + position,
        score: 0,
        words: 0,
        exact: 0,
        own: 0,
      })),
    )
  } else {
    return { plan, matched: 'all', paragraphs: [], facets: EMPTY_FACETS, wordCount: 0 }
  }

  for (const phrase of parsed.phrases) {
    const holding = paragraphsWithPhrase(index, phrase)
    candidates = candidates.filter((paragraph) => holding.has(paragraph.id))
  }
  if (parsed.excludedWords.length > 0 || parsed.excludedPhrases.length > 0) {
    const excluded = excludedParagraphs(index, parsed.excludedWords, parsed.excludedPhrases)
    candidates = candidates.filter((paragraph) => !excluded.has(paragraph.id))
  }

  if (inRange !== undefined) {
    candidates = candidates.filter((paragraph) => {
      const article = index.articleOf(paragraph.id)
      return article !== undefined && inRange(article)
    })
  }
  const facets = categoryCounts(index, candidates)
  const wanted = new Set(parsed.categories)
  if (wanted.size > 0) {
    candidates = candidates.filter((paragraph) =>
      wanted.has(index.articleOf(paragraph.id)?.category?.toLowerCase() ?? ''),
    )
  }
  const wordCount = words.length
  const matched =
    candidates.length === 0 || candidates.some((p) => isComplete(p, wordCount)) ? 'all' : 'some'
  return { plan, matched, paragraphs: candidates, facets, wordCount }
}

/** The ranking of paragraphs, best first: `compareParagraphs`, then a fixed order for ties. */
export function rankOrder(
  index: NewsIndex,
  wordCount: number,
): (a: ScoredParagraph, b: ScoredParagraph) => number {
  return (a, b) => compareParagraphs(a, b, wordCount) || index.compareOrder(a.id, b.id)
}

/** Whether a paragraph holds every word of the query. */
export function isComplete(paragraph: ScoredParagraph, wordCount: number): boolean {
  return paragraph.words >= wordCount
}

/**
 * Paragraphs holding every word rank first, and among them an exact match always outranks a
 * prefix or typo one whatever their idf (MiniSearch #263, #299); then the partial matches, by
 * score. Partial matches are ranked rather than dropped: on the relevance collections dropping
 * them cost 0.02 nDCG@10 and more in MAP, since long queries rarely have every word in one place.
 * Articles are compared the same way by their best paragraph, with their own score as `byScore`.
 */
export function compareParagraphs(
  a: ScoredParagraph,
  b: ScoredParagraph,
  wordCount: number,
  byScore = b.score - a.score,
): number {
  const completeA = isComplete(a, wordCount)
  const completeB = isComplete(b, wordCount)
  if (completeA !== completeB) return completeA ? -1 : 1
  return (completeA ? b.exact - a.exact : 0) || byScore
}

function categoryCounts(
  index: NewsIndex,
  paragraphs: readonly ScoredParagraph[],
): Record<string, number> {
  const seen = new Set<Article>()
  const counts: Record<string, number> = {}
  for (const paragraph of paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article === undefined || seen.has(article)) continue
    seen.add(article)
    if (article.category !== undefined)
      counts[article.category] = (counts[article.category] ?? 0) + 1
  }
  return counts
}
