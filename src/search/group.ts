import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import type { DateFacet } from './date-facet.ts'
import { compareParagraphs, rankOrder } from './match.ts'
import type { ScoredParagraph } from './score.ts'

/** An article's matching paragraphs: the best leads, each further one adds a little. */
export interface Group {
  best: ScoredParagraph
  /** Matching paragraphs, best first. */
  paragraphs: ScoredParagraph[]
  score: number
  /** The near-copy story the article belongs to, when folding near-copies and it has one. */
  story?: string
}

/** An article's near-copy story, or undefined when it is a story of its own. */
export type StoryOf = (article: Article) => string | undefined

/** One page's worth of ranked articles, and the counts over every match. */
export interface RankedPage {
  /** The first articles, best first, as many as asked for. */
  groups: Group[]
  articles: number
  paragraphs: number
  /** What the pages run over: the articles, or their stories when near-copies are folded. */
  results: number
  facets: Record<string, number>
  /** The counted articles by date. */
  dates: DateFacet
  matched: 'all' | 'some'
}

/** What the exhaustive path keeps and counts, beyond the default ranking's page. */
export interface GroupingOptions {
  /** Near-copies fold into one result a story. Defaults to none. */
  storyOf?: StoryOf
  /** The order of the page. Defaults to `groupOrder` (relevance). */
  order?: (a: Group, b: Group) => number
  /** Only articles for which this holds are counted at all (a date range). Defaults to all. */
  admits?: (article: Article) => boolean
}

/**
 * An article's score: its best paragraph's, plus `spread` × each further one's, added in
 * paragraph order (both paths add in the same order, so their scores agree to the last bit).
 */
function groupScore(best: ScoredParagraph, byId: readonly ScoredParagraph[], spread: number) {
  let score = best.score
  for (const paragraph of byId) if (paragraph !== best) score += spread * paragraph.score
  return score
}

/**
 * Groups paragraphs by article (the exhaustive path). The groups come in no particular order
 * (see `groupOrder`); each group's paragraphs are ranked.
 */
export function groupByArticle(
  index: NewsIndex,
  paragraphs: readonly ScoredParagraph[],
  wordCount: number,
  spread: number,
): Group[] {
  const byArticle = new Map<Article, ScoredParagraph[]>()
  for (const paragraph of paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article === undefined) continue
    const held = byArticle.get(article)
    if (held === undefined) byArticle.set(article, [paragraph])
    else held.push(paragraph)
  }
  const rank = rankOrder(index, wordCount)
  const groups: Group[] = []
  for (const held of byArticle.values()) {
    held.sort((a, b) => a.id - b.id)
    const ranked = [...held].sort(rank)
    const best = ranked[0] as ScoredParagraph
    groups.push({ best, paragraphs: ranked, score: groupScore(best, held, spread) })
  }
  return groups
}

/**
 * The groups with one article a story: the best-ranked of each story's articles (the exhaustive
 * path's counterpart of article-page.ts's folding). Groups keep their order otherwise.
 */
export function foldStories(
  groups: readonly Group[],
  order: (a: Group, b: Group) => number,
  storyOf: StoryOf,
  articleOf: (group: Group) => Article | undefined,
): Group[] {
  const best = new Map<string, Group>()
  const folded: Group[] = []
  for (const group of groups) {
    const article = articleOf(group)
    const story = article === undefined ? undefined : storyOf(article)
    if (story === undefined) {
      folded.push(group)
      continue
    }
    group.story = story
    const rival = best.get(story)
    if (rival === undefined || order(group, rival) < 0) best.set(story, group)
  }
  return [...folded, ...best.values()]
}

/**
 * Articles rank by their best paragraph's standing (complete, exact), then by their score, where
 * more matches add a little; then in a fixed order.
 */
export function groupOrder(index: NewsIndex, wordCount: number): (a: Group, b: Group) => number {
  return (a, b) =>
    compareParagraphs(a.best, b.best, wordCount, b.score - a.score) ||
    index.compareOrder(a.best.id, b.best.id)
}
