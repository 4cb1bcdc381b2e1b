// The articles that may enter a page, one per matching article: kept in typed arrays while the
// matches are grouped, ordered as the page asks (relevance or date), and the first of them picked.
import type { ArticleColumns } from './article-columns.ts'
import type { ArticlePageRequest, ParagraphScores } from './article-page.ts'

/** Up to this many articles wanted, each enters its place as it comes; a deeper page sorts once. */
const SELECT_LIMIT = 64

/** Per candidate article: its number, best paragraph, score, and its run of `paragraphs`. */
export interface Candidates {
  article: Int32Array
  best: Int32Array
  score: Float64Array
  start: Int32Array
  end: Int32Array
}

let shared: Candidates | undefined

/** Reused from search to search (search is synchronous): one place per article. */
export function candidatesFor(articles: number): Candidates {
  if (shared === undefined || shared.article.length < articles) {
    const capacity = Math.max(articles, 1024)
    shared = {
      article: new Int32Array(capacity),
      best: new Int32Array(capacity),
      score: new Float64Array(capacity),
      start: new Int32Array(capacity),
      end: new Int32Array(capacity),
    }
  }
  return shared
}

/**
 * The page's order over candidates: `groupOrder` (relevance), or `dateOrder` for newest and
 * oldest, read from the columns rather than from objects.
 */
export function comparator(
  columns: ArticleColumns,
  c: Candidates,
  { words, exact }: ParagraphScores,
  request: ArticlePageRequest,
): (a: number, b: number) => number {
  const { wordCount } = request
  const byDate = request.sort === 'newest' ? -1 : request.sort === 'oldest' ? 1 : 0
  const { date, order } = columns
  return (a, b) => {
    const bestA = c.best[a] as number
    const bestB = c.best[b] as number
    const completeA = (words[bestA] as number) >= wordCount
    if (completeA !== (words[bestB] as number) >= wordCount) return completeA ? -1 : 1
    if (byDate !== 0) {
      const dateA = date[c.article[a] as number] as number
      const dateB = date[c.article[b] as number] as number
      if (dateA !== dateB) {
        if (dateA < 0) return 1
        if (dateB < 0) return -1
        return dateA < dateB ? -byDate : byDate
      }
    }
    const byExact = completeA ? (exact[bestB] as number) - (exact[bestA] as number) : 0
    // Candidates are distinct articles: their order by id is `compareOrder`'s answer.
    return (
      byExact ||
      (c.score[b] as number) - (c.score[a] as number) ||
      (order[c.article[a] as number] as number) - (order[c.article[b] as number] as number)
    )
  }
}

/** The candidates `shown` keeps, the first `count` of them in the order `before` gives. */
export function firstCandidates(
  candidates: number,
  count: number,
  shown: (k: number) => boolean,
  before: (a: number, b: number) => number,
): number[] {
  const first: number[] = []
  if (count <= 0) return first
  if (count > SELECT_LIMIT) {
    for (let k = 0; k < candidates; k++) if (shown(k)) first.push(k)
    return first.sort(before).slice(0, count)
  }
  for (let k = 0; k < candidates; k++) {
    if (first.length === count && before(k, first[count - 1] as number) >= 0) continue
    if (!shown(k)) continue
    let low = 0
    let high = first.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (before(k, first[middle] as number) < 0) high = middle
      else low = middle + 1
    }
    first.splice(low, 0, k)
    if (first.length > count) first.pop()
  }
  return first
}
