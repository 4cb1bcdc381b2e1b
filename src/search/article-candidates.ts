// The articles that may enter a page, one per matching article: kept in typed arrays while the
// matches are grouped, ordered as the page asks (relevance or date), and the first of them picked.
import type { ArticleColumns } from './article-columns.ts'
import type { SortOrder } from './date-order.ts'
import { insertBounded, selects } from './top.ts'

/**
 * Per candidate article: its number, its best match's place, rank class (see `RankClasses`), score, and
 * its run of the matching paragraphs.
 */
export interface Candidates {
  article: Int32Array
  best: Int32Array
  rank: Float64Array
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
      rank: new Float64Array(capacity),
      score: new Float64Array(capacity),
      start: new Int32Array(capacity),
      end: new Int32Array(capacity),
    }
  }
  return shared
}

/**
 * The page's order before scores, as one number a candidate, higher first: `groupOrder` puts a
 * complete article (its best paragraph holds every word) first, then more words matched as
 * typed; `dateOrder` puts complete first, then by date (undated last), then exact words. Every
 * such rule before the score is folded into this number, so that ordering a candidate is
 * comparing two numbers and the score (then the id order): most articles of a common word are
 * turned away from a page of ten by that comparison alone, with no call.
 */
export class RankClasses {
  readonly #perExact: number
  readonly #complete: number
  readonly #byDate: -1 | 0 | 1
  readonly #dates: number

  constructor(wordCount: number, sort: SortOrder, dates: number) {
    this.#byDate = sort === 'newest' ? -1 : sort === 'oldest' ? 1 : 0
    this.#dates = dates
    // Exact words go from 0 to wordCount; date keys from 0 (undated) to the number of dates.
    this.#perExact = wordCount + 1
    this.#complete = (dates + 1) * this.#perExact
  }

  /** A candidate's class from its best paragraph (complete or not, its exact words) and date. */
  of(complete: boolean, exact: number, date: number): number {
    const byDate = this.#byDate
    const dateKey = byDate === 0 || date < 0 ? 0 : byDate < 0 ? date + 1 : this.#dates - date
    return complete ? this.#complete + dateKey * this.#perExact + exact : dateKey * this.#perExact
  }
}

/** The page's order over candidates: rank class, score, then id order (`compareOrder`). */
export function comparator(
  columns: ArticleColumns,
  c: Candidates,
): (a: number, b: number) => number {
  const { order } = columns
  const { article, rank, score } = c
  // Candidates are distinct articles: their order by id is `compareOrder`'s answer.
  return (a, b) =>
    (rank[b] as number) - (rank[a] as number) ||
    (score[b] as number) - (score[a] as number) ||
    (order[article[a] as number] as number) - (order[article[b] as number] as number)
}

/** The candidates `shown` keeps, the first `count` of them in the order `before` gives. */
export function firstCandidates(
  c: Candidates,
  candidates: number,
  count: number,
  shown: (k: number) => boolean,
  before: (a: number, b: number) => number,
): number[] {
  const first: number[] = []
  if (count <= 0) return first
  if (!selects(count, candidates)) {
    for (let k = 0; k < candidates; k++) if (shown(k)) first.push(k)
    return first.sort(before).slice(0, count)
  }
  const { rank, score } = c
  // The last kept candidate's class and score: one below it is turned away without a call.
  let lastRank = Number.NEGATIVE_INFINITY
  let lastScore = Number.NEGATIVE_INFINITY
  for (let k = 0; k < candidates; k++) {
    const r = rank[k] as number
    if (r < lastRank || (r === lastRank && (score[k] as number) < lastScore)) continue
    if (!shown(k) || !insertBounded(first, k, count, before)) continue
    if (first.length === count) {
      const last = first[count - 1] as number
      lastRank = rank[last] as number
      lastScore = score[last] as number
    }
  }
  return first
}
