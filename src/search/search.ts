import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { FIELDS } from '../index/paragraph-index.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import {
  compareParagraphs,
  findMatching,
  isComplete,
  type Matching,
  type MatchOptions,
  rankOrder,
} from './match.ts'
import { defaultRankingOptions, type ScoredParagraph } from './score.ts'
import { findMatches, makeSnippet, markHtml } from './snippet.ts'
import { didYouMean } from './spelling.ts'
import { firstInOrder } from './top.ts'
import type { ParagraphHit, SearchRequest, SearchResponse, SearchResult } from './types.ts'

/** Longest query (in distinct words) offered a respelling when it matched only in part. */
const MAX_RESPELLED_WORDS = 4

export interface SearchOptions extends MatchOptions {
  /** Largest page size honoured. Defaults to `50`. */
  maxSize?: number
  /** Best paragraphs shown per article. Defaults to `3`. */
  paragraphsPerArticle?: number
}

/**
 * Runs a query: ranked paragraphs grouped by article (or flat), one page of them with
 * snippets, totals and category facets. Never throws on any query text.
 */
export function search(
  index: NewsIndex,
  request: SearchRequest,
  options: SearchOptions = {},
): SearchResponse {
  const started = performance.now()
  const size = clamp(request.size ?? 10, 1, options.maxSize ?? DEFAULT_LIMITS.maxSize)
  const page = clamp(request.page ?? 1, 1, Number.MAX_SAFE_INTEGER)
  const matching = findMatching(index, request.q, { ...options, prefix: request.prefix === true })
  const ranking = options.ranking ?? defaultRankingOptions
  const groups =
    request.group === false
      ? matching.paragraphs.map((paragraph) => ({
          best: paragraph,
          paragraphs: [paragraph],
          score: paragraph.score,
        }))
      : groupByArticle(index, matching, ranking.articleSpread)
  // Only the groups up to the page shown are ranked.
  const shown = firstInOrder(groups, page * size, groupOrder(index, matching.wordCount)).slice(
    (page - 1) * size,
  )
  const perArticle = request.group === false ? 1 : (options.paragraphsPerArticle ?? 3)
  const results = shown.map((group) => present(index, matching, group, perArticle))

  const response: SearchResponse = {
    query: request.q,
    page,
    size,
    total: {
      articles: request.group === false ? countArticles(index, matching.paragraphs) : groups.length,
      paragraphs: matching.paragraphs.length,
    },
    tookMs: 0,
    matched: matching.matched,
    facets: { category: matching.facets },
    results,
  }
  if (matching.plan.parsed.ignored.length > 0) response.ignored = matching.plan.parsed.ignored
  const { articles } = response.total
  // A short query that matched only in part is worth respelling; a pasted paragraph is not.
  const short = matching.wordCount <= MAX_RESPELLED_WORDS
  if (articles < 3 || (response.matched === 'some' && short)) {
    const outcome = { articles, matched: response.matched }
    const suggestion = didYouMean(index, request.q, outcome, options)
    if (suggestion !== undefined) response.didYouMean = suggestion
  }
  response.tookMs = Math.round((performance.now() - started) * 100) / 100
  return response
}

interface Group {
  best: ScoredParagraph
  /** Matching paragraphs, best first. */
  paragraphs: ScoredParagraph[]
  score: number
}

/**
 * Groups paragraphs by article: the best paragraph leads, each further one adds a little. The
 * groups come in no particular order (see `groupOrder`); each group's paragraphs are ranked.
 */
function groupByArticle(index: NewsIndex, matching: Matching, spread: number): Group[] {
  const byArticle = new Map<Article, ScoredParagraph[]>()
  for (const paragraph of matching.paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article === undefined) continue
    const paragraphs = byArticle.get(article)
    if (paragraphs === undefined) byArticle.set(article, [paragraph])
    else paragraphs.push(paragraph)
  }
  const rank = rankOrder(index, matching.wordCount)
  const groups: Group[] = []
  for (const paragraphs of byArticle.values()) {
    sortInPlace(paragraphs, rank)
    const best = paragraphs[0] as ScoredParagraph
    let score = best.score
    for (let i = 1; i < paragraphs.length; i++)
      score += spread * (paragraphs[i] as ScoredParagraph).score
    groups.push({ best, paragraphs, score })
  }
  return groups
}

/**
 * Sorts a group's few paragraphs by insertion: Array.prototype.sort copies its array first, and
 * a common word has hundreds of groups to sort.
 */
function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): void {
  if (items.length > 16) {
    items.sort(compare)
    return
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T
    let j = i - 1
    while (j >= 0 && compare(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T
      j--
    }
    items[j + 1] = item
  }
}

/**
 * Articles rank by their best paragraph's standing (complete, exact), then by their score, where
 * more matches add a little; then in a fixed order.
 */
function groupOrder(index: NewsIndex, wordCount: number): (a: Group, b: Group) => number {
  return (a, b) =>
    compareParagraphs(a.best, b.best, wordCount, b.score - a.score) ||
    index.compareOrder(a.best.id, b.best.id)
}

/** The typed words a paragraph lacks, in the fields each may match. */
function missingWords(index: NewsIndex, matching: Matching, paragraph: ScoredParagraph): string[] {
  if (isComplete(paragraph, matching.wordCount)) return []
  return matching.plan.words
    .filter((word) => {
      const fields = word.field === undefined ? undefined : [FIELDS.indexOf(word.field)]
      return !word.expansions.some((e) => index.paragraphs.holds(paragraph.id, e.term, fields))
    })
    .map((word) => word.text)
}

function present(
  index: NewsIndex,
  matching: Matching,
  group: Group,
  perArticle: number,
): SearchResult {
  const { plan } = matching
  const article = index.articleOf(group.best.id) as Article
  const url = `/articles/${encodeId(article.id)}`
  const paragraphs: ParagraphHit[] = group.paragraphs.slice(0, perArticle).flatMap((scored) => {
    const paragraph = index.paragraph(scored.id)?.paragraph
    if (paragraph === undefined) return []
    const tokens = index.textTokens(scored.id)
    const snippet = makeSnippet(paragraph.text, plan.marks, tokens && { tokens })
    const hit: ParagraphHit = {
      index: paragraph.index,
      score: round(scored.score),
      snippet: snippet.snippet,
      text: snippet.text,
      highlights: snippet.highlights,
      url: `${url}#p${paragraph.index}`,
    }
    if (paragraph.heading !== undefined) hit.heading = paragraph.heading
    return [hit]
  })
  const result: SearchResult = {
    article: {
      id: article.id,
      title: article.title,
      titleHtml: markHtml(
        article.title,
        findMatches(article.title, plan.marks, index.titleTokens(article.id)),
      ),
      ...(article.subtitle !== undefined && { subtitle: article.subtitle }),
      ...(article.category !== undefined && { category: article.category }),
      date: article.date ?? null,
      url,
    },
    score: round(group.score),
    matches: group.paragraphs.length,
    paragraphs,
  }
  const missing = missingWords(index, matching, group.best)
  if (missing.length > 0) result.missing = missing
  return result
}

function countArticles(index: NewsIndex, paragraphs: readonly ScoredParagraph[]): number {
  return new Set(paragraphs.map((paragraph) => index.articleOf(paragraph.id))).size
}

/** Ids are URL-safe already; each segment is encoded anyway so a hand-made id cannot break a link. */
export function encodeId(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/')
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.trunc(value))) : low
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}
