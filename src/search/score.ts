import type { NewsIndex } from '../index/news-index.ts'
import { FIELDS, type Field } from '../index/paragraph-index.ts'
import type { Expansion } from './expand.ts'

/** Field ids up to this one (text, heading) belong to the paragraph itself. */
const OWN_FIELDS = FIELDS.indexOf('heading')

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
 * text is not counted as two words), and idf = ln(1 + (N − df + ½)/(df + ½)).
 */
export function scoreParagraphs(
  index: NewsIndex,
  words: readonly ScoringWord[],
  options: RankingOptions = defaultRankingOptions,
): Map<number, ScoredParagraph> {
  const { k1 } = options
  const weights = FIELDS.map((field) => options.weights[field])
  const b = FIELDS.map((field) => options.b[field])
  const averages = index.paragraphs.averageFieldLengths
  const total = index.paragraphs.size
  const scored = new Map<number, ScoredParagraph>()

  for (const word of words) {
    const onlyField = word.field === undefined ? -1 : FIELDS.indexOf(word.field)
    const best = new Map<number, { score: number; exact: boolean; own: boolean }>()
    for (const expansion of word.expansions) {
      const frequency = new Map<number, number>()
      const own = new Set<number>()
      index.paragraphs.forEachPosting(expansion.term, (id, fieldId, tf, lengths) => {
        if (onlyField !== -1 && fieldId !== onlyField) return
        if (fieldId <= OWN_FIELDS) own.add(id)
        const average = averages[fieldId] || 1
        const norm = 1 - (b[fieldId] ?? 0) + ((b[fieldId] ?? 0) * (lengths[fieldId] ?? 0)) / average
        frequency.set(id, (frequency.get(id) ?? 0) + ((weights[fieldId] ?? 1) * tf) / norm)
      })
      const df = frequency.size
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5))
      const factor = word.count * expansion.weight * idf * (k1 + 1)
      for (const [id, tf] of frequency) {
        const score = (factor * tf) / (k1 + tf)
        const known = best.get(id)
        if (known === undefined) best.set(id, { score, exact: expansion.exact, own: own.has(id) })
        else {
          known.score = Math.max(known.score, score)
          known.exact ||= expansion.exact
          known.own ||= own.has(id)
        }
      }
    }
    for (const [id, { score, exact, own }] of best) {
      const paragraph = scored.get(id)
      if (paragraph === undefined) {
        scored.set(id, { id, score, words: 1, exact: exact ? 1 : 0, own: own ? 1 : 0 })
      } else {
        paragraph.score += score
        paragraph.words++
        if (exact) paragraph.exact++
        if (own) paragraph.own++
      }
    }
  }
  return scored
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
