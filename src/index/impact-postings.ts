import { FIELDS } from './paragraph-index.ts'
import type { PostingRuns } from './posting-table.ts'

/**
 * The BM25F parameters an impact is computed with: the default ranking's (see
 * `defaultRankingOptions` in search/score.ts, which passes them here).
 */
export interface ImpactParameters {
  k1: number
  /** Per field id, in `FIELDS` order. */
  b: readonly number[]
  weights: readonly number[]
}

/**
 * One term's postings in typed arrays: paragraph ids ascending, and per posting its impact and
 * whether the term is in the paragraph's own text or heading (1) or only in its article's title
 * or subtitle (0: such a paragraph matches only if it is the lead). The impact is the term's
 * BM25F weight in the paragraph before idf: term frequencies combined across fields (weighted,
 * length-normalised) and saturated, `tf / (k1 + tf)`, rounded to float32, so a paragraph's score
 * for the term is `factor × impact`.
 */
export interface TermPostings {
  ids: Int32Array
  impacts: Float32Array
  own: Uint8Array
}

/** A term's frequency in each field of one paragraph, and the paragraph's field lengths. */
export type PostingVisitor = (
  paragraphId: number,
  fieldId: number,
  tf: number,
  fieldLengths: readonly number[],
) => void

/** Where postings come from: the MiniSearch paragraph index (visiting fields in `FIELDS` order). */
export interface PostingSource {
  forEachPosting(term: string, visit: PostingVisitor): void
  /** The same postings in typed arrays, when the source holds them so (a loaded index). */
  postingRuns?(term: string): PostingRuns | undefined
  readonly averageFieldLengths: readonly number[]
}

/** The saturated, float32-rounded BM25 weight of a combined term frequency (see `TermPostings`). */
export function saturate(tf: number, k1: number): number {
  return Math.fround(tf / (k1 + tf))
}

/** A term's weighted, length-normalised frequency in one field, as BM25F combines them. */
export function fieldFrequency(
  tf: number,
  fieldId: number,
  fieldLengths: readonly number[],
  averages: readonly number[],
  parameters: ImpactParameters,
): number {
  return lengthFrequency(tf, fieldId, fieldLengths[fieldId] ?? 0, averages, parameters)
}

/** `fieldFrequency` given the paragraph's length in that one field. */
function lengthFrequency(
  tf: number,
  fieldId: number,
  length: number,
  averages: readonly number[],
  parameters: ImpactParameters,
): number {
  const b = parameters.b[fieldId] ?? 0
  const norm = 1 - b + (b * length) / (averages[fieldId] || 1)
  return ((parameters.weights[fieldId] ?? 1) * tf) / norm
}

/** Field ids up to this one (text, heading) belong to the paragraph itself. */
export const OWN_FIELDS = FIELDS.indexOf('heading')

/**
 * Per-term typed postings beside MiniSearch's Maps. MiniSearch stays the index that is built
 * and updated (its add and remove are exact); these are what a search reads: iterating a Map of
 * Maps per posting cost about 5 µs per matching paragraph, a typed array a few nanoseconds. Each
 * term's arrays are made from MiniSearch's postings the first time a search asks for it and
 * kept; any change to the index (which moves the average field lengths, and so every impact)
 * drops them all (NewsIndex makes a new one).
 */
export class ImpactPostings {
  readonly #source: PostingSource
  readonly parameters: ImpactParameters
  readonly #terms = new Map<string, TermPostings | null>()
  #frequency = new Float64Array(0)
  #own = new Uint8Array(0)

  constructor(source: PostingSource, parameters: ImpactParameters) {
    this.#source = source
    this.parameters = parameters
  }

  /** A term's postings; undefined when no paragraph holds it. */
  get(term: string, paragraphIds: number): TermPostings | undefined {
    let postings = this.#terms.get(term)
    if (postings === undefined) {
      postings = this.#derive(term, paragraphIds)
      this.#terms.set(term, postings)
    }
    return postings ?? undefined
  }

  /** Whether the term's postings are made already (or known to be none). */
  has(term: string): boolean {
    return this.#terms.has(term)
  }

  #derive(term: string, paragraphIds: number): TermPostings | null {
    const runs = this.#source.postingRuns?.(term)
    if (runs !== undefined) return this.#merge(runs)
    if (this.#frequency.length < paragraphIds) {
      this.#frequency = new Float64Array(paragraphIds)
      this.#own = new Uint8Array(paragraphIds)
    }
    const touched = this.#visit(term)
    if (touched.length === 0) return null
    const frequency = this.#frequency
    const own = this.#own
    const ids = touched.sort()
    const impacts = new Float32Array(ids.length)
    const owned = new Uint8Array(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      impacts[i] = saturate(frequency[id] as number, this.parameters.k1)
      owned[i] = own[id] as number
      frequency[id] = 0
      own[id] = 0
    }
    return { ids, impacts, own: owned }
  }

  /**
   * Sums a term's weighted frequencies per paragraph into `#frequency` (and marks `#own`) from
   * the source's visits; returns the paragraphs touched, in no order.
   */
  #visit(term: string): Int32Array {
    const frequency = this.#frequency
    const own = this.#own
    const parameters = this.parameters
    const averages = this.#source.averageFieldLengths
    const touched: number[] = []
    this.#source.forEachPosting(term, (id, fieldId, tf, lengths) => {
      if (frequency[id] === 0) touched.push(id)
      frequency[id] =
        (frequency[id] as number) + fieldFrequency(tf, fieldId, lengths, averages, parameters)
      if (fieldId <= OWN_FIELDS) own[id] = 1
    })
    return Int32Array.from(touched)
  }

  /**
   * `#visit`'s sums from typed arrays, with the same arithmetic in the same order, in one pass:
   * the term's per-field runs (each ascending) merged, a paragraph's fields summed in field
   * order. No scratch array over every paragraph, no sort: the first search of a frequent term
   * after a load derives its postings here (Reuters ×10: 177k postings for `mln`).
   */
  #merge(runs: PostingRuns): TermPostings | null {
    const { starts, ids, tfs, fieldLength, rowOf } = runs
    const fields = FIELDS.length
    const total = (starts[fields] as number) - (starts[0] as number)
    if (total === 0) return null
    const { k1 } = this.parameters
    const averages = this.#source.averageFieldLengths
    // Per field: where its run is, its weight, b and average length (as `lengthFrequency`).
    const at = Int32Array.from({ length: fields }, (_, f) => starts[f] as number)
    const end = Int32Array.from({ length: fields }, (_, f) => starts[f + 1] as number)
    const weight = FIELDS.map((_, f) => this.parameters.weights[f] ?? 1)
    const b = FIELDS.map((_, f) => this.parameters.b[f] ?? 0)
    const average = FIELDS.map((_, f) => averages[f] || 1)
    const merged = new Int32Array(total)
    const impacts = new Float32Array(total)
    const owned = new Uint8Array(total)
    let count = 0
    for (;;) {
      let id = 0x7fffffff
      for (let f = 0; f < fields; f++) {
        const i = at[f] as number
        if (i < (end[f] as number) && (ids[i] as number) < id) id = ids[i] as number
      }
      if (id === 0x7fffffff) break
      let frequency = 0
      let own = 0
      const row = (rowOf[id] as number) * fields
      for (let f = 0; f < fields; f++) {
        const i = at[f] as number
        if (i >= (end[f] as number) || ids[i] !== id) continue
        const bf = b[f] as number
        const length = fieldLength[row + f] as number
        const norm = 1 - bf + (bf * length) / (average[f] as number)
        frequency += ((weight[f] as number) * (tfs[i] as number)) / norm
        if (f <= OWN_FIELDS) own = 1
        at[f] = i + 1
      }
      merged[count] = id
      impacts[count] = saturate(frequency, k1)
      owned[count++] = own
    }
    if (count === total) return { ids: merged, impacts, own: owned }
    return {
      ids: merged.slice(0, count),
      impacts: impacts.slice(0, count),
      own: owned.slice(0, count),
    }
  }
}
