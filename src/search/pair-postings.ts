// Next-word (biword) postings for the pairs of frequent words that phrases ask for (Williams,
// Zobel & Bahle, "Fast phrase querying with combined indexes", 2004), kept per index state.

import type { NewsIndex } from '../index/news-index.ts'
import { KeptPerState } from './kept-per-state.ts'

/**
 * Pairs held by fewer paragraphs than this are checked as they come: reading their text costs
 * less than a list would hold. A phrase of two frequent words (`"mln dlrs"`: 85,000 paragraphs
 * hold both words at a million paragraphs) costs tens of milliseconds to check.
 */
export const MIN_PAIR_CANDIDATES = 4096

/** Ids kept over all pairs of one index state, at most (4 bytes each: 32 MB); the oldest pairs make room. */
const MAX_KEPT_IDS = 8 << 20

const kept = new KeptPerState<Int32Array>(MAX_KEPT_IDS, (ids) => ids.length)

/** The next-word list of `first second` if it is kept for the index's present state. */
export function keptPair(index: NewsIndex, first: string, second: string): Int32Array | undefined {
  return kept.get(index.articleNumbers(), `${first} ${second}`)
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
  const key = `${first} ${second}`
  let list = kept.get(numbers, key)
  if (list === undefined) {
    list = Int32Array.from(check(candidates))
    kept.keep(numbers, key, list)
  }
  return list
}
