// The typed path's scratch arrays, indexed by paragraph id: scores accumulated over the typed
// postings, and the matching paragraphs listed in id order with their scores (rank-page.ts).
import type { TermPostings } from '../index/impact-postings.ts'

/** One expansion's postings and what a posting's impact is multiplied by to score it. */
export interface ScoredList {
  list: TermPostings
  factor: number
  exact: number
}

/**
 * The matches of a query with several lists, in id order, from the accumulators: read from a
 * bit a touched paragraph, a 32nd of the reads of sweeping every id, and no sort (a pair of
 * common words touches a third of a million paragraphs). Returns how many.
 */
export function listTouched(s: Scratch, lead: Uint8Array, size: number): number {
  const { touchedBits: bits, own, matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  let matches = 0
  const slots = (size + 31) >>> 5
  for (let slot = 0; slot < slots; slot++) {
    let word = bits[slot] as number
    if (word === 0) continue
    const base = slot << 5
    while (word !== 0) {
      const low = word & -word
      word ^= low
      const id = base + 31 - Math.clz32(low)
      const owned = own[id] as number
      if (owned !== 1 && lead[id] !== 1) continue
      matchIds[matches] = id
      matchScore[matches] = s.score[id] as number
      matchWords[matches] = s.words[id] as number
      matchExact[matches] = s.exact[id] as number
      matchOwn[matches++] = owned
    }
  }
  return matches
}

/** Zeroes the accumulators of the first `touchedCount` touched paragraphs, for the next query. */
export function clearTouched(s: Scratch, touchedCount: number): void {
  for (let i = 0; i < touchedCount; i++) {
    const id = s.touched[i] as number
    s.score[id] = 0
    s.touchedBits[id >>> 5] = 0
    s.words[id] = 0
    s.exact[id] = 0
    s.own[id] = 0
  }
}

/**
 * Adds a word to the accumulators: with one expansion (most words) `factor × impact` a
 * paragraph; with several, the best of them in each paragraph. Only the paragraphs whose mark
 * is `wanted` (all when -1); returns the new count of touched paragraphs.
 */
export function addWord(
  s: Scratch,
  lists: ScoredList[],
  wanted: number,
  touchedCount: number,
): number {
  if (lists.length === 1) {
    const { list, factor, exact } = lists[0] as ScoredList
    return addList(s, list, factor, exact !== 0, wanted, touchedCount)
  }
  let touched = touchedCount
  let wordCount = 0
  for (const { list, factor, exact } of lists) {
    const { ids, impacts, own } = list
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (wanted >= 0 && s.marks[id] !== wanted) continue
      const score = factor * (impacts[i] as number)
      let flag = s.wordFlag[id] as number
      if (flag === 0) {
        s.wordTouched[wordCount++] = id
        s.wordBest[id] = score
        flag = SEEN
      } else if ((s.wordBest[id] as number) < score) s.wordBest[id] = score
      s.wordFlag[id] = flag | exact | (own[i] === 1 ? OWN : 0)
    }
  }
  for (let i = 0; i < wordCount; i++) {
    const id = s.wordTouched[i] as number
    const flag = s.wordFlag[id] as number
    s.wordFlag[id] = 0
    if (s.words[id] === 0) {
      s.touched[touched++] = id
      s.touchedBits[id >>> 5] = (s.touchedBits[id >>> 5] as number) | (1 << (id & 31))
    }
    s.score[id] = (s.score[id] as number) + (s.wordBest[id] as number)
    s.words[id] = (s.words[id] as number) + 1
    if (flag & EXACT) s.exact[id] = (s.exact[id] as number) + 1
    if (flag & OWN) s.own[id] = 1
  }
  return touched
}

/**
 * Adds a word with one expansion (most words) straight to the accumulators, `factor × impact`
 * a paragraph, as the general path would add its best expansion, for the paragraphs whose
 * mark is `wanted` (all when it is -1); returns the new count of touched paragraphs.
 */
function addList(
  s: Scratch,
  { ids, impacts, own }: TermPostings,
  factor: number,
  exact: boolean,
  wanted: number,
  touchedCount: number,
): number {
  let touched = touchedCount
  const { marks, score, words, touchedBits: bits } = s
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number
    if (wanted >= 0 && marks[id] !== wanted) continue
    if (words[id] === 0) {
      s.touched[touched++] = id
      bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31))
    }
    score[id] = (score[id] as number) + factor * (impacts[i] as number)
    words[id] = (words[id] as number) + 1
    if (exact) s.exact[id] = (s.exact[id] as number) + 1
    if (own[i] === 1) s.own[id] = 1
  }
  return touched
}

// Per-paragraph flags while scoring one word.
const SEEN = 1
export const EXACT = 2
const OWN = 4

/**
 * Accumulators indexed by paragraph id, reused from query to query (search is synchronous) and
 * left zeroed: allocating them per query would cost more than the query.
 */
export interface Scratch {
  score: Float64Array
  words: Uint8Array
  exact: Uint8Array
  own: Uint8Array
  wordBest: Float64Array
  wordFlag: Uint8Array
  wordTouched: Int32Array
  touched: Int32Array
  /** Bit `id & 31` of slot `id >>> 5` set for each touched paragraph, until listed in order. */
  touchedBits: Int32Array
  /** The matching paragraphs, in id order, and their scores (see `MatchedParagraphs`). */
  matchIds: Int32Array
  matchScore: Float64Array
  matchWords: Uint8Array
  matchExact: Uint8Array
  matchOwn: Uint8Array
  /** Bit 0: excluded; bit i: holds the i-th phrase. */
  marks: Int32Array
  /** The paragraphs with a mark, to clear them after. */
  marked: Int32Array
}

let shared: Scratch | undefined

/** The scratch arrays, zeroed, for paragraph ids below `size`: one set, grown when needed. */
export function scratchFor(size: number): Scratch {
  if (shared === undefined || shared.score.length < size) {
    const capacity = Math.max(size, 1024)
    shared = {
      score: new Float64Array(capacity),
      words: new Uint8Array(capacity),
      exact: new Uint8Array(capacity),
      own: new Uint8Array(capacity),
      wordBest: new Float64Array(capacity),
      wordFlag: new Uint8Array(capacity),
      wordTouched: new Int32Array(capacity),
      touched: new Int32Array(capacity),
      touchedBits: new Int32Array((capacity >>> 5) + 1),
      matchIds: new Int32Array(capacity),
      matchScore: new Float64Array(capacity),
      matchWords: new Uint8Array(capacity),
      matchExact: new Uint8Array(capacity),
      matchOwn: new Uint8Array(capacity),
      marks: new Int32Array(capacity),
      marked: new Int32Array(capacity),
    }
  }
  return shared
}
