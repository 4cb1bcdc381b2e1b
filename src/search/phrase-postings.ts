// Which paragraphs hold a phrase, for the typed path (rank-page.ts): its words' typed postings
// intersected, then checked over the packed tokens or a next-word list.
import type { ImpactPostings, TermPostings } from '../index/impact-postings.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { phraseHolders } from './filter.ts'
import { keptPair, pairHolders } from './pair-postings.ts'
import type { QueryPhrase } from './query.ts'

/**
 * The paragraphs holding an unscoped phrase, ascending: those holding all its words in any
 * field (`postings`, paragraph ids below `size`), checked; a pair of frequent words is read
 * from its next-word list.
 */
export function paragraphsHolding(
  index: NewsIndex,
  postings: ImpactPostings,
  phrase: QueryPhrase,
  size: number,
): ArrayLike<number> {
  const [first, second] = phrase.terms
  const pair = phrase.terms.length === 2 && typeof first === 'string' && typeof second === 'string'
  // A kept next-word list answers at once: the words' postings need not be intersected.
  const kept = pair ? keptPair(index, first, second) : undefined
  if (kept !== undefined) return kept
  const candidates = holdingAll(postings, phrase, size)
  const check = (ids: Int32Array) => phraseHolders(index, phrase, ids)
  if (pair) {
    const holders = pairHolders(index, first as string, second as string, candidates, check)
    if (holders !== undefined) return holders
  }
  return check(candidates)
}

/** The paragraphs holding every word of a phrase: its terms' typed postings intersected. */
function holdingAll(postings: ImpactPostings, phrase: QueryPhrase, size: number): Int32Array {
  let found: Int32Array | undefined
  const lists = phrase.terms
    .filter((term): term is string => term !== null)
    .map((term) => postings.get(term, size))
  if (lists.some((list) => list === undefined)) return new Int32Array(0)
  for (const list of (lists as TermPostings[]).sort((a, b) => a.ids.length - b.ids.length)) {
    found = found === undefined ? list.ids : intersect(found, list.ids)
  }
  return found ?? new Int32Array(0)
}

/**
 * The ids in both ascending lists, `few` the shorter: each looked up by galloping from the last
 * place found, so a short list costs a few steps an id and lists of like length a merge.
 */
function intersect(few: Int32Array, many: Int32Array): Int32Array {
  const both = new Int32Array(few.length)
  let count = 0
  let low = 0
  const end = many.length
  for (let i = 0; i < few.length && low < end; i++) {
    const id = few[i] as number
    // Gallop to a bound past `id`, then search between the last two steps.
    let step = 1
    let high = low
    while (high < end && (many[high] as number) < id) {
      low = high + 1
      high += step
      step *= 2
    }
    if (high > end) high = end
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((many[middle] as number) < id) low = middle + 1
      else high = middle
    }
    if (many[low] === id) both[count++] = id
  }
  return both.slice(0, count)
}
