// The page's order over candidate articles (rank class, score, then id order) and how its first
// articles are picked: kept as grouping goes, turning away an article below the page's last
// with two comparisons, or, for a deep page, sorted once at the end.
import type { Candidates } from './article-candidates.ts'
import type { ArticleColumns } from './article-columns.ts'
import type { SortOrder } from './date-order.ts'
import { insertBounded, SELECT_LIMIT, selects } from './top.ts'

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

/**
 * Whether grouping keeps the page as it goes (`enterPage`), turning away each article ranked
 * below its last with two comparisons: a common word has a hundred thousand articles for a page
 * of ten. A deep page keeps every candidate and sorts them (`firstCandidates`).
 */
export function runsPage(count: number): boolean {
  return count > 0 && count <= SELECT_LIMIT
}

/**
 * Puts candidate `k`, now its story's best, into the running page, in place of `displaced`
 * (its story's former best, or -1) if the page holds it; returns whether `k` entered. Each
 * story is on the page at most once, so the page's last only rises: an article below it
 * would be below every later page too.
 */
export function enterPage(
  page: number[],
  k: number,
  displaced: number,
  count: number,
  before: (a: number, b: number) => number,
): boolean {
  if (displaced >= 0) {
    const at = page.indexOf(displaced)
    if (at >= 0) page.splice(at, 1)
  }
  return insertBounded(page, k, count, before)
}
