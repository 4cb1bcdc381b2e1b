import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { DEFAULT_IMPACTS } from './rank-page.ts'
import { defaultRankingOptions, type ScoringWord } from './score.ts'
import { encodeId } from './search.ts'

/** An article related to another, as `/articles/:id/related` gives it. */
export interface RelatedArticle {
  id: string
  title: string
  url: string
  /** The article's date, or `null` when it has none. */
  date: string | null
  category: string | null
  score: number
}

export interface RelatedOptions {
  /** How many related articles. Defaults to `5`. */
  size?: number
  /** How many of the article's most distinctive terms make the query. Defaults to `30`. */
  maxQueryTerms?: number
}

/** A term in fewer paragraphs than this says nothing about what else is related. */
const MIN_DOCUMENT_FREQUENCY = 2

/**
 * The articles most like one article, as Lucene's MoreLikeThis finds them: its most distinctive
 * terms (each term's count in the article times its idf over the paragraphs) make a query, each
 * term asked for 1 + ln(count) times, and the paragraphs are scored with search's BM25F. An
 * article ranks by its best paragraph alone: letting further paragraphs add to it, as search
 * does, favoured long articles and cost 0.03 of the category agreement on BBC (`npm run eval`).
 * Never the article itself nor a near-copy of it (exact copies are indexed once, so they are not
 * there to find). Undefined for an unknown article.
 */
export function relatedArticles(
  index: NewsIndex,
  id: string,
  options: RelatedOptions = {},
): RelatedArticle[] | undefined {
  const article = index.article(id)
  if (article === undefined) return undefined
  const size = options.size ?? 5
  const words = distinctiveTerms(index, article, options.maxQueryTerms ?? 30)
  if (words.length === 0 || size <= 0) return []

  const left = new Set([id, ...index.nearCopies.copiesOf(id)])
  const best = new Map<Article, number>()
  const scores = paragraphScores(index, words)
  for (const [paragraph, score] of scores) {
    const other = index.articleOf(paragraph)
    if (other === undefined || left.has(other.id)) continue
    if ((best.get(other) ?? 0) < score) best.set(other, score)
  }
  return [...best]
    .sort(([a, scoreA], [b, scoreB]) => scoreB - scoreA || (a.id < b.id ? -1 : 1))
    .slice(0, size)
    .map(([other, score]) => ({
      id: other.id,
      title: other.title,
      url: `/articles/${encodeId(other.id)}`,
      date: other.date ?? null,
      category: other.category ?? null,
      score: Math.round(score * 1000) / 1000,
    }))
}

/**
 * Each matching paragraph's BM25F score for the words, as search scores them, read from the
 * typed postings search keeps (walking MiniSearch's maps cost the related list its speed).
 */
function paragraphScores(index: NewsIndex, words: readonly ScoringWord[]): Map<number, number> {
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const { k1 } = defaultRankingOptions
  const size = index.nextParagraphId
  const total = index.paragraphs.size
  const scores = new Map<number, number>()
  for (const word of words) {
    for (const expansion of word.expansions) {
      const list = postings.get(expansion.term, size)
      if (list === undefined) continue
      const { ids, impacts } = list
      const df = ids.length
      const frequency = index.paragraphs.documentFrequency(expansion.term, df)
      const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
      const factor = word.count * expansion.weight * idf * (k1 + 1)
      for (let i = 0; i < df; i++) {
        const paragraph = ids[i] as number
        scores.set(paragraph, (scores.get(paragraph) ?? 0) + factor * (impacts[i] as number))
      }
    }
  }
  return scores
}

/** The article's terms weighted by count × idf, the `most` best, as scoring words. */
function distinctiveTerms(index: NewsIndex, article: Article, most: number): ScoringWord[] {
  const counts = new Map<string, number>()
  const count = (term: string | null) => {
    if (term !== null) counts.set(term, (counts.get(term) ?? 0) + 1)
  }
  for (const { term } of index.titleTokens(article.id) ?? []) count(term)
  const first = index.firstParagraphOf(article.id) ?? 0
  for (let position = 0; position < article.paragraphs.length; position++) {
    for (const { term } of index.textTokens(first + position) ?? []) count(term)
  }
  const total = index.paragraphs.size
  const weighted: { term: string; tf: number; weight: number }[] = []
  for (const [term, tf] of counts) {
    const df = index.paragraphs.textFrequency(term)
    if (df < MIN_DOCUMENT_FREQUENCY) continue
    weighted.push({ term, tf, weight: tf * Math.log(1 + (total - df + 0.5) / (df + 0.5)) })
  }
  return weighted
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, most)
    .map(({ term, tf }) => ({
      text: term,
      expansions: [{ term, weight: 1, exact: true }],
      count: 1 + Math.log(tf),
    }))
}
