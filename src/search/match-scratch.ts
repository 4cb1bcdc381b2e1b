// The typed path's scratch arrays, indexed by paragraph id: the marks phrases and exclusions
// leave, and the matching paragraphs listed in id order with their scores (rank-page.ts).
import type { TermPostings } from '../index/impact-postings.ts'

/** One expansion's postings and what a posting's impact is multiplied by to score it. */
export interface ScoredList {
  /** The expansion's term: its list's name. */
  term: string
  list: TermPostings
  factor: number
  exact: number
}

/** A list's `exact` when its expansion is the word as typed. */
export const EXACT = 2

/**
 * Arrays indexed by paragraph id or match, reused from query to query (search is synchronous)
 * and marks left zeroed: allocating them per query would cost more than the query.
 */
export interface Scratch {
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
  if (shared === undefined || shared.matchIds.length < size) {
    const capacity = Math.max(size, 1024)
    shared = {
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
