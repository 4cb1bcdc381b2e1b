// The articles that may enter a page, one per matching article: kept in typed arrays while the
// matches are grouped (page-order.ts orders them), and the page's made into groups. An article
// with no paragraph holding every word is deferred: it ranks below every complete one, so it
// becomes a candidate only when the complete ones leave room on the page.
import type { NewsIndex } from '../index/news-index.ts'
import type { ArticleColumns } from './article-columns.ts'
import type { Group } from './group.ts'
import { rankOrder } from './match.ts'
import type { RankClasses } from './page-order.ts'
import type { ScoredParagraph } from './score.ts'

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

/** A page article as the exhaustive path gives it: its matching paragraphs ranked. */
export function pageGroup(
  index: NewsIndex,
  columns: ArticleColumns,
  c: Candidates,
  k: number,
  { ids, score, words, exact, own }: MatchedParagraphs,
  request: { wordCount: number; collapse: boolean },
): Group {
  const bestAt = c.best[k] as number
  const scored = (at: number): ScoredParagraph => ({
    id: ids[at] as number,
    score: score[at] as number,
    words: words[at] as number,
    exact: exact[at] as number,
    own: own[at] as number,
  })
  const best = scored(bestAt)
  const held: ScoredParagraph[] = []
  for (let at = c.start[k] as number; at < (c.end[k] as number); at++) {
    held.push(at === bestAt ? best : scored(at))
  }
  const group: Group = {
    best,
    paragraphs: held.sort(rankOrder(index, request.wordCount)),
    score: c.score[k] as number,
  }
  const story = columns.story[c.article[k] as number] as number
  if (request.collapse && story >= 0) group.story = columns.stories[story] as string
  return group
}
