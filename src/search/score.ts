import {
  fieldFrequency,
  type ImpactParameters,
  OWN_FIELDS,
  saturate,
} from '../index/impact-postings.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { FIELDS, type Field } from '../index/paragraph-index.ts'
import type { Expansion } from './expand.ts'

/**
 * BM25F settings, chosen with `npm run eval`: on CISI and Cranfield every setting with k1 from 2
 * to 4, text b from .6 to .9 and a title weight of 2 or 3 beat lunr, so the defaults sit in the
 * middle of that plateau rather than on the best cell of either collection.
 */
export interface RankingOptions {
  /** Term-frequency saturation. Defaults to `3`. */
  k1: number
  /** Length normalisation per field, 0 (none) to 1 (full). */
  b: Record<Field, number>
  /** How much an occurrence in each field counts, relative to the paragraph text. */
  weights: Record<Field, number>
  /** How much each further matching paragraph adds to an article's score, relative to its best. */
  articleSpread: number
}

export const defaultRankingOptions: RankingOptions = {
  k1: 3,
  b: { text: 0.75, heading: 0.5, title: 0.5, subtitle: 0.5 },
  weights: { text: 1, heading: 1.5, title: 2.5, subtitle: 1.5 },
  articleSpread: 0.1,
}

/** The ranking options as the index's impacts take them, per field id. */
export function impactParameters(options: RankingOptions): ImpactParameters {
  return {
    k1: options.k1,
    b: FIELDS.map((field) => options.b[field]),
    weights: FIELDS.map((field) => options.weights[field]),
  }
}

/** A query word ready to score: its expansions, the field it must be in, how often it was asked for. */
export interface ScoringWord {
  /** As typed (its first occurrence), to say which words a result lacks. */
  text: string
  expansions: Expansion[]
  field?: Field
  /** Query-term frequency: long queries repeat their important words. */
  count: number
}

/** A paragraph's score for a query, and how fully it matched. */
export interface ScoredParagraph {
  id: number
  score: number
  /** How many distinct query words it matched. */
  words: number
  /** How many of those it matched as typed (not through a prefix or a typo). */
  exact: number
  /** How many it matched in its own text or heading, rather than only in its article's title. */
  own: number
}

/**
 * BM25F over the paragraph index: per query word, the best of its expansions, each with
 * term frequencies combined across fields before saturation (so a word in the title and the
 * text is not counted as two words), and idf = ln(1 + (N − df + ½)/(df + ½)). The paragraphs
 * come in the order they were first matched.
 */
export function scoreParagraphs(
  index: NewsIndex,
  words: readonly ScoringWord[],
  options: RankingOptions = defaultRankingOptions,
): ScoredParagraph[] {
  const { k1 } = options
  const parameters = impactParameters(options)
  const averages = index.paragraphs.averageFieldLengths
  const total = index.paragraphs.size
  const scored: ScoredParagraph[] = []
  const scratch = scratchFor(index.nextParagraphId)
  const { frequency, best, flags, touched, wordTouched, slot } = scratch

  for (const word of words) {
    const onlyField = word.field === undefined ? -1 : FIELDS.indexOf(word.field)
    let wordCount = 0
    for (const expansion of word.expansions) {
      let count = 0
      index.paragraphs.forEachPosting(expansion.term, (id, fieldId, tf, lengths) => {
        if (onlyField !== -1 && fieldId !== onlyField) return
        if (frequency[id] === 0) touched[count++] = id
        frequency[id] =
          (frequency[id] as number) + fieldFrequency(tf, fieldId, lengths, averages, parameters)
        if (fieldId <= OWN_FIELDS) flags[id] = (flags[id] as number) | OWN_NOW
      })
      // df counts the paragraphs holding the term in any (allowed) field.
      const df =
        onlyField === -1 ? index.paragraphs.documentFrequency(expansion.term, count) : count
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5))
      const factor = word.count * expansion.weight * idf * (k1 + 1)
      for (let i = 0; i < count; i++) {
        const id = touched[i] as number
        const tf = frequency[id] as number
        frequency[id] = 0
        const score = factor * saturate(tf, k1)
        let flag = flags[id] as number
        if ((flag & SEEN) === 0) {
          wordTouched[wordCount++] = id
          best[id] = score
          flag |= SEEN
        } else if ((best[id] as number) < score) best[id] = score
        if (expansion.exact) flag |= EXACT
        if (flag & OWN_NOW) flag = (flag | OWN) & ~OWN_NOW
        flags[id] = flag
      }
    }
    for (let i = 0; i < wordCount; i++) {
      const id = wordTouched[i] as number
      const flag = flags[id] as number
      flags[id] = 0
      const exact = flag & EXACT ? 1 : 0
      const own = flag & OWN ? 1 : 0
      const at = slot[id] as number
      if (at === 0) {
        slot[id] = scored.push({ id, score: best[id] as number, words: 1, exact, own })
      } else {
        const paragraph = scored[at - 1] as ScoredParagraph
        paragraph.score += best[id] as number
        paragraph.words++
        paragraph.exact += exact
        paragraph.own += own
      }
    }
  }
  for (const { id } of scored) slot[id] = 0
  return scored
}

// Per-paragraph flags while scoring one word.
const SEEN = 1
const EXACT = 2
const OWN = 4
const OWN_NOW = 8

/**
 * Accumulators indexed by paragraph id, reused from query to query: scoring a common word
 * visits thousands of postings, and maps allocated per term made garbage collection a large
 * share of a search. Search is synchronous, so one set serves every call; each is left zeroed.
 */
interface Scratch {
  frequency: Float64Array
  best: Float64Array
  flags: Uint8Array
  touched: Int32Array
  wordTouched: Int32Array
  /** Where a paragraph stands in the result, plus one (0: not there yet). */
  slot: Int32Array
}

let shared: Scratch | undefined

function scratchFor(size: number): Scratch {
  if (shared === undefined || shared.frequency.length < size) {
    const capacity = Math.max(size, 1024)
    shared = {
      frequency: new Float64Array(capacity),
      best: new Float64Array(capacity),
      flags: new Uint8Array(capacity),
      touched: new Int32Array(capacity),
      wordTouched: new Int32Array(capacity),
      slot: new Int32Array(capacity),
    }
  }
  return shared
}

/** Paragraphs holding `term` (in `field`, when given): for exclusions and phrase candidates. */
export function paragraphsWith(index: NewsIndex, term: string, field?: Field): Set<number> {
  const onlyField = field === undefined ? -1 : FIELDS.indexOf(field)
  const found = new Set<number>()
  index.paragraphs.forEachPosting(term, (id, fieldId) => {
    if (onlyField === -1 || fieldId === onlyField) found.add(id)
  })
  return found
}
