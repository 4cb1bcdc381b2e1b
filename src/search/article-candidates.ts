// The articles that may enter a page, one per matching article: kept in typed arrays while the
// matches are grouped, ordered as the page asks (relevance or date), and the first of them picked.
// An article with no paragraph holding every word is deferred: it ranks below every complete
// one, so it becomes a candidate only when the complete ones leave room on the page.
import type { ArticleColumns } from './article-columns.ts'
import type { SortOrder } from './date-order.ts'
import { insertBounded, SELECT_LIMIT, selects } from './top.ts'

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

/**
 * The matching paragraphs in id order (rank-page.ts lists them), each with its score and how it
 * matched, at the same place in each array: an article's matches come together, and grouping
 * reads them in order rather than at their ids, scattered over arrays a million long.
 */
export interface MatchedParagraphs {
  ids: Int32Array
  score: Float64Array
  /** Distinct query words matched. */
  words: Uint8Array
  /** Of those, matched as typed. */
  exact: Uint8Array
  /** 1 when a word matched in the paragraph's own text or heading, not only its title. */
  own: Uint8Array
}

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

/** What making a candidate reads and writes (see `addCandidate`). */
export interface CandidateMaking {
  found: MatchedParagraphs
  c: Candidates
  classes: RankClasses
  before: (a: number, b: number) => number
  /** Per story: its best candidate; -1 for a story not met yet, -2 met with no candidate. */
  storyBest: Int32Array
  story: Int32Array
  collapse: boolean
  spread: number
  wordCount: number
}

/**
 * Makes candidate `k` of an article's matches (places `start` to `end` of `found`), and keeps
 * it as its story's best if it ranks first; returns whether its best paragraph is complete.
 */
export function addCandidate(
  { found, c, classes, before, storyBest, story, collapse, spread, wordCount }: CandidateMaking,
  k: number,
  start: number,
  end: number,
  article: number,
  day: number,
): boolean {
  const { words, exact, score } = found
  const best = bestParagraph(found, start, end, wordCount)
  const bestComplete = (words[best] as number) >= wordCount
  // As groupScore adds them: the best, then each further one in paragraph order.
  let total = score[best] as number
  for (let at = start; at < end; at++) if (at !== best) total += spread * (score[at] as number)
  c.article[k] = article
  c.best[k] = best
  c.rank[k] = classes.of(bestComplete, exact[best] as number, day)
  c.score[k] = total
  c.start[k] = start
  c.end[k] = end
  const own = collapse ? (story[article] as number) : -1
  if (own >= 0) {
    const rival = storyBest[own] as number
    if (rival < 0 || before(k, rival) < 0) storyBest[own] = k
  }
  return bestComplete
}

/** The runs of matches of articles with no complete paragraph, reused (search is synchronous). */
export interface PartialRuns {
  start: Int32Array
  end: Int32Array
}

let partialRuns: PartialRuns = { start: new Int32Array(1024), end: new Int32Array(1024) }

/** The runs kept for deferred articles, with room for one more beyond their first `count`. */
export function deferredRuns(count: number): PartialRuns {
  if (count < partialRuns.start.length) return partialRuns
  const grown = { start: new Int32Array(count * 2), end: new Int32Array(count * 2) }
  grown.start.set(partialRuns.start)
  grown.end.set(partialRuns.end)
  partialRuns = grown
  return grown
}

/** Whether one of the matches from place `start` to `end` holds every word of the query. */
export function holdsComplete(
  words: Uint8Array,
  start: number,
  end: number,
  wordCount: number,
): boolean {
  for (let at = start; at < end; at++) if ((words[at] as number) >= wordCount) return true
  return false
}

/**
 * The best of an article's matches (places `start` to `end`), as `compareParagraphs` ranks
 * them: complete first, then more exact words, then score; ties keep the lower id (the earlier
 * match).
 */
function bestParagraph(
  { words, exact, score }: MatchedParagraphs,
  start: number,
  end: number,
  wordCount: number,
): number {
  let best = start
  let bestComplete = (words[best] as number) >= wordCount
  for (let at = start + 1; at < end; at++) {
    const atComplete = (words[at] as number) >= wordCount
    if (atComplete !== bestComplete) {
      if (atComplete) {
        best = at
        bestComplete = true
      }
      continue
    }
    const byExact = atComplete ? (exact[at] as number) - (exact[best] as number) : 0
    if (byExact > 0 || (byExact === 0 && (score[at] as number) > (score[best] as number))) best = at
  }
  return best
}
