import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { FIELDS } from '../index/paragraph-index.ts'
import { type Dated, dateOrder } from './date-order.ts'
import { dateInRange, requestDateRange } from './date-range.ts'
import { type Group, groupOrder, type RankedPage, type StoryOf } from './group.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import { isComplete, type Matching, type MatchOptions } from './match.ts'
import { planQuery } from './plan.ts'
import { rankExhaustive } from './rank-exhaustive.ts'
import { rankPage, rankPageApplies } from './rank-page.ts'
import { defaultRankingOptions, type ScoredParagraph } from './score.ts'
import { findMatches, makeSnippet, markHtml } from './snippet.ts'
import { didYouMean } from './spelling.ts'
import type {
  ParagraphHit,
  SearchRequest,
  SearchResponse,
  SearchResult,
  SimilarArticle,
} from './types.ts'

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
  const prefix = request.prefix === true
  const plan = planQuery(index, request.q, { ...options, prefix })
  const ranking = options.ranking ?? defaultRankingOptions
  const grouped = request.group !== false
  const wanted = page * size
  // Near-copies fold into one result a story, unless asked not to (or not grouping).
  const storyOf: StoryOf | undefined =
    grouped && request.collapse !== false
      ? (article) => index.nearCopies.storyOf(article.id)
      : undefined
  const relevance = groupOrder(index, plan.words.length)
  const order =
    request.sort === 'newest' || request.sort === 'oldest'
      ? dateOrder(request.sort, datedGroup(index, plan.words.length), relevance)
      : relevance
  const range = requestDateRange(request, plan.parsed.dateRange)
  let ranked: RankedPage
  let matching: Pick<Matching, 'plan' | 'wordCount'> = { plan, wordCount: plan.words.length }
  if (grouped && ranking === defaultRankingOptions && rankPageApplies(plan)) {
    // The typed path: the same page, counts and facets without an object per match.
    ranked = rankPage(index, plan, {
      count: wanted,
      spread: ranking.articleSpread,
      sort: request.sort ?? 'relevance',
      collapse: storyOf !== undefined,
      ...(range !== undefined && { range }),
    })
  } else {
    const admits =
      range === undefined ? undefined : (article: Article) => dateInRange(article.date, range)
    const exhaustive = rankExhaustive(index, plan, ranking, wanted, grouped, {
      order,
      ...(storyOf !== undefined && { storyOf }),
      ...(admits !== undefined && { admits }),
    })
    ranked = exhaustive.ranked
    matching = exhaustive.matching
  }
  const shown = ranked.groups.slice((page - 1) * size)
  const perArticle = grouped ? (options.paragraphsPerArticle ?? 3) : 1
  const results = shown.map((group) => present(index, matching, group, perArticle))
  if (storyOf !== undefined) {
    for (const result of results) {
      const similar = similarTo(index, result.article.id)
      if (similar.length > 0) result.similar = similar
    }
  }

  const response: SearchResponse = {
    query: request.q,
    page,
    size,
    total: { articles: ranked.articles, paragraphs: ranked.paragraphs, results: ranked.results },
    tookMs: 0,
    matched: ranked.matched,
    facets: { category: ranked.facets, date: ranked.dates },
    results,
  }
  if (plan.parsed.ignored.length > 0) response.ignored = plan.parsed.ignored
  const { articles } = response.total
  // A short query that matched only in part is worth respelling; a pasted paragraph is not.
  const short = plan.words.length <= MAX_RESPELLED_WORDS
  if (articles < 3 || (response.matched === 'some' && short)) {
    const outcome = { articles, matched: response.matched }
    const suggestion = didYouMean(index, request.q, outcome, options)
    if (suggestion !== undefined) response.didYouMean = suggestion
  }
  response.tookMs = Math.round((performance.now() - started) * 100) / 100
  return response
}

type Planned = Pick<Matching, 'plan' | 'wordCount'>

/** The typed words a paragraph lacks, in the fields each may match. */
function missingWords(index: NewsIndex, matching: Planned, paragraph: ScoredParagraph): string[] {
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
  matching: Planned,
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

/** What ordering by date needs of a group: its article's date, and whether it is complete. */
function datedGroup(index: NewsIndex, wordCount: number): (group: Group) => Dated {
  return (group) => ({
    date: index.articleOf(group.best.id)?.date,
    complete: isComplete(group.best, wordCount),
  })
}

/** The other articles of an article's near-copy story. */
function similarTo(index: NewsIndex, id: string): SimilarArticle[] {
  return index.nearCopies.copiesOf(id).flatMap((other) => {
    const article = index.article(other)
    if (article === undefined) return []
    return [
      {
        id: article.id,
        title: article.title,
        url: `/articles/${encodeId(article.id)}`,
        date: article.date ?? null,
      },
    ]
  })
}

/** Characters `encodeURIComponent` leaves as they are, and the `/` between segments. */
const URL_SAFE = /^[\w.~\-/]*$/

/**
 * Ids are URL-safe already; each segment is encoded anyway so a hand-made id cannot break a
 * link. A page at a million paragraphs links a hundred ids (each result's near-copies), so a
 * safe one is returned as it is.
 */
export function encodeId(id: string): string {
  return URL_SAFE.test(id) ? id : id.split('/').map(encodeURIComponent).join('/')
}

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, Math.trunc(value))) : low
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000
}
