import { analyze } from '../analysis/analyzer.ts'
import type { Lexicon } from '../index/lexicon.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { articlesUpTo } from './article-count.ts'
import { allowedEdits } from './expand.ts'
import { matchPlan } from './match.ts'
import { type PlanOptions, planQuery, type QueryPlan } from './plan.ts'
import { rankPage, rankPageApplies } from './rank-page.ts'
import { defaultRankingOptions } from './score.ts'

/** How well the query as typed did. */
export interface Outcome {
  articles: number
  matched: 'all' | 'some'
}

/**
 * A respelling of `q` that does better than `outcome`, or undefined. Each word the text does
 * not use (or barely uses) is replaced by its most frequent neighbour within the allowed edits;
 * the respelling is offered only if it finds more articles, or matches every word where the
 * query as typed matched only some. `options` caps the respelt query's terms and expansions as
 * they capped the query's.
 */
export function didYouMean(
  index: NewsIndex,
  q: string,
  outcome: Outcome,
  options: PlanOptions = {},
): string | undefined {
  const respelled = respelling(index.lexicon, q)
  if (respelled === undefined) return undefined
  const plan = planQuery(index, respelled, { ...options, prefix: false })
  return improves(index, plan, outcome) ? respelled : undefined
}

/**
 * Whether the respelt query finds more articles than `outcome`, or finds every word where the
 * query as typed found only some. Counting stops as soon as it finds more; the whole match is
 * read only when the answer turns on whether some paragraph holds every word.
 */
function improves(index: NewsIndex, plan: QueryPlan, outcome: Outcome): boolean {
  const counted = articlesUpTo(index, plan, outcome.articles)
  if (counted !== undefined) {
    if (counted > outcome.articles) return true
    if (outcome.matched === 'all' || counted === 0) return false
    // Every paragraph found holds the one word.
    if (plan.words.length === 1) return true
  }
  let found: { articles: number; matched: 'all' | 'some' }
  if (rankPageApplies(plan)) {
    const ranked = rankPage(index, plan, {
      count: 0,
      spread: defaultRankingOptions.articleSpread,
      sort: 'relevance',
      collapse: false,
    })
    found = { articles: ranked.articles, matched: ranked.matched }
  } else {
    const matching = matchPlan(index, plan)
    const articles = new Set(matching.paragraphs.map((p) => index.articleOf(p.id)))
    found = { articles: articles.size, matched: matching.matched }
  }
  return (
    found.articles > outcome.articles ||
    (outcome.matched === 'some' && found.matched === 'all' && found.articles > 0)
  )
}

/**
 * The query with each word the text does not use (or barely uses) replaced by its most frequent
 * neighbour within the allowed edits, or undefined when no word has one.
 */
export function respelling(lexicon: Lexicon, q: string): string | undefined {
  let changed = false
  let respelled = ''
  let cursor = 0
  // Words as the lexicon holds them: `U.S.` and `US` are `u.s`, `4,900` is `4900`.
  for (const token of analyze(q)) {
    const { word } = token
    const known = lexicon.get(word)
    const edits = Math.max(1, allowedEdits(word.length))
    if (word.length < 3 || (known !== undefined && known.count > 1) || /\p{N}/u.test(word)) continue
    const [best] = lexicon
      .near(word, edits, 8)
      .filter(
        ([candidate, entry]) =>
          candidate !== word && entry.term !== null && entry.count > (known?.count ?? 0),
      )
    if (best === undefined) continue
    respelled += q.slice(cursor, token.start) + best[1].display
    cursor = token.end
    changed = true
  }
  return changed ? respelled + q.slice(cursor) : undefined
}
