// Ahead of need, between requests: the typed postings of an index's frequent terms, which the
// first search of each would otherwise derive (tens of ms for a query of frequent words at a
// million paragraphs). A server runs it after a load and after each swap.
import type { NewsIndex } from '../index/news-index.ts'
import { DEFAULT_IMPACTS } from './rank-page.ts'

/**
 * Terms held by fewer paragraphs' texts than this are left to their first search: deriving one
 * costs well under a millisecond there (about 50 ns a posting), and warming every term would
 * hold every posting twice (Reuters ×10: 21M postings, 190 MB; its 385 terms past this bound
 * hold 9.8M of them, 90 MB).
 */
export const MIN_WARM_POSTINGS = 8192

/** What a warm-up did. */
export interface WarmUp {
  /** Terms whose typed postings it derived (those a search had derived already not counted). */
  terms: number
  /** Their postings. */
  postings: number
  /** Whether it went through every frequent term (false: abandoned, or the index changed). */
  finished: boolean
  ms: number
}

export interface WarmUpOptions {
  /** How long it holds the event loop at most between two turns of it, in ms. Defaults to 5. */
  sliceMs?: number
  /** Terms held by fewer paragraphs' texts are left out. Defaults to `MIN_WARM_POSTINGS`. */
  minPostings?: number
  /** Stops it at the next slice (a newer index is being loaded). */
  signal?: AbortSignal
}

/**
 * Derives the typed postings (under the default ranking) of every term held by at least
 * `minPostings` paragraphs' texts, the most frequent first, in slices of `sliceMs`
 * between which the event loop turns (a request waits a slice at most, and one term: about
 * 10 ms for the most frequent term at a million paragraphs). Stops, unfinished, when `signal`
 * aborts or the index changes (its derived postings are then dropped anyway). Never rejects.
 */
export async function warmUp(index: NewsIndex, options: WarmUpOptions = {}): Promise<WarmUp> {
  const sliceMs = options.sliceMs ?? 5
  const minPostings = options.minPostings ?? MIN_WARM_POSTINGS
  const started = performance.now()
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const done = { terms: 0, postings: 0, finished: false }
  let since = performance.now()
  const stopped = async (): Promise<boolean> => {
    if (performance.now() - since >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve))
      since = performance.now()
    }
    return options.signal?.aborted === true || index.impactPostings(DEFAULT_IMPACTS) !== postings
  }
  const frequent: [term: string, count: number][] = []
  const terms = index.termNumbers.terms()
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i] as string
    const count = index.paragraphs.textFrequency(term)
    if (count >= minPostings) frequent.push([term, count])
    if (i % 1024 === 1023 && (await stopped())) return { ...done, ms: performance.now() - started }
  }
  frequent.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const size = index.nextParagraphId
  for (const [term] of frequent) {
    if (await stopped()) return { ...done, ms: performance.now() - started }
    if (postings.has(term)) continue
    done.terms++
    done.postings += postings.get(term, size)?.ids.length ?? 0
  }
  return { ...done, finished: true, ms: performance.now() - started }
}
