// Next-word (biword) postings for the pairs of frequent words that phrases ask for (Williams,
// Zobel & Bahle, "Fast phrase querying with combined indexes", 2004), kept per index state.

import type { NewsIndex } from '../index/news-index.ts'

/**
 * Pairs held by fewer paragraphs than this are checked as they come: reading their text costs
 * less than a list would hold. A phrase of two frequent words (`"mln dlrs"`: 85,000 paragraphs
 * hold both words at a million paragraphs) costs tens of milliseconds to check.
 */
export const MIN_PAIR_CANDIDATES = 4096

/** Ids kept over all pairs of one index state, at most (4 bytes each: 32 MB). */
const MAX_KEPT_IDS = 8 << 20

/** Per index state (its article numbering, dropped on any change): each pair's list. */
const cache = new WeakMap<object, { lists: Map<string, Int32Array>; kept: number }>()

/** The next-word list of `first second` if it is kept for the index's present state. */
export function keptPair(index: NewsIndex, first: string, second: string): Int32Array | undefined {
  return cache.get(index.articleNumbers())?.lists.get(`${first} ${second}`)
}

/**
 * The paragraphs holding the two-word phrase `first second` (terms, unscoped) in any field,
 * ascending, as `check` finds them among `candidates` (every paragraph holding both terms in
 * any field, ascending): found the first time the pair is asked for and kept while the index is
 * unchanged, with the fields folded together as the typed postings fold them. Undefined for a
 * pair with fewer candidates than `MIN_PAIR_CANDIDATES`: the caller checks those itself.
 */
export function pairHolders(
  index: NewsIndex,
  first: string,
  second: string,
  candidates: Int32Array,
  check: (candidates: Int32Array) => ArrayLike<number>,
): Int32Array | undefined {
  if (candidates.length < MIN_PAIR_CANDIDATES) return undefined
  const numbers = index.articleNumbers()
  let state = cache.get(numbers)
  if (state === undefined) {
    state = { lists: new Map(), kept: 0 }
    cache.set(numbers, state)
  }
  const key = `${first} ${second}`
  let list = state.lists.get(key)
  if (list === undefined) {
    list = Int32Array.from(check(candidates))
    // The oldest pairs make room: a bounded memory, whatever phrases are asked.
    for (const [oldest, ids] of state.lists) {
      if (state.kept + list.length <= MAX_KEPT_IDS) break
      state.lists.delete(oldest)
      state.kept -= ids.length
    }
    if (state.kept + list.length <= MAX_KEPT_IDS) {
      state.lists.set(key, list)
      state.kept += list.length
    }
  }
  return list
}
