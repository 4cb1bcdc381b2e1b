import type { NewsIndex } from '../index/news-index.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import type { QueryWord } from './query.ts'

/** A stem a query word may match, and how much a match through it is worth. */
export interface Expansion {
  term: string
  /** 1 for the word itself; less for a prefix completion or a typo correction. */
  weight: number
  exact: boolean
}

export interface ExpansionOptions {
  /** Most words a prefix expands to (the most frequent). Defaults to `50`. */
  maxPrefixExpansions?: number
  /** Most words a typo expands to. Defaults to `8`. */
  maxTypoExpansions?: number
}

/** Weight of a word that the typed prefix completes to. */
const PREFIX_WEIGHT = 0.8
/** Weight of a word one edit away; two edits weigh half as much again. */
const TYPO_WEIGHT = 0.5
/** A prefix shorter than this matches nothing rather than everything. */
const MIN_PREFIX = 2
const HAS_DIGIT = /\p{N}/u

/** How many edits a word of this length may be away from a typo of it: 1 from 5 letters, 2 from 9. */
export function allowedEdits(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0
}

/**
 * The stems a query word matches: the word itself when the index has it; for a prefix, the
 * words beginning with it; for a word the text never uses, its near spellings. Typos are only
 * tried for unknown words, so a correct word is never diluted by its neighbours.
 */
export function expandWord(
  index: NewsIndex,
  word: QueryWord,
  options: ExpansionOptions = {},
): Expansion[] {
  const byTerm = new Map<string, Expansion>()
  const offer = (expansion: Expansion) => {
    const known = byTerm.get(expansion.term)
    if (known === undefined || known.weight < expansion.weight)
      byTerm.set(expansion.term, expansion)
  }
  if (!word.prefix || word.word.length >= MIN_PREFIX) {
    if (index.paragraphs.has(word.term)) offer({ term: word.term, weight: 1, exact: true })
  }
  if (word.prefix && word.word.length >= MIN_PREFIX) {
    for (const [, entry] of index.lexicon.withPrefix(
      word.word,
      options.maxPrefixExpansions ?? DEFAULT_LIMITS.maxPrefixExpansions,
    )) {
      if (entry.term !== null) offer({ term: entry.term, weight: PREFIX_WEIGHT, exact: false })
    }
  }
  // A word with a digit is never a typo of another: 16.3bn is not 16.2bn.
  const edits = HAS_DIGIT.test(word.word) ? 0 : allowedEdits(word.word.length)
  if (byTerm.size === 0 && edits > 0 && index.lexicon.get(word.word) === undefined) {
    for (const [, entry, distance] of index.lexicon.near(
      word.word,
      edits,
      options.maxTypoExpansions ?? DEFAULT_LIMITS.maxTypoExpansions,
    )) {
      if (entry.term !== null)
        offer({ term: entry.term, weight: TYPO_WEIGHT / distance, exact: false })
    }
  }
  return [...byTerm.values()]
}
