import lunr from 'lunr'
import { type Token, tokenize } from './tokenize.ts'

/**
 * Bumped whenever a change here would make a saved index disagree with new queries: an index
 * built by another analyzer version refuses to load and asks for a rebuild.
 */
export const ANALYZER_VERSION = 2

/** A token after analysis. */
export interface AnalyzedToken extends Token {
  /** Normalised surface form (`iran’s` → `iran`): what completions and prefixes work on. */
  word: string
  /** The indexed term (stem), or `null` for a stop word. */
  term: string | null
}

/** What snippets and phrases need of a token: where it stands and its term. */
export type TermSpan = Pick<AnalyzedToken, 'start' | 'end' | 'term'>

/** What one surface word analyses to. */
export interface WordAnalysis {
  word: string
  term: string | null
}

const APOSTROPHES = /['’ʼ]/g
const POSSESSIVE = /['’ʼ]s$/
const MARKS = /\p{M}/gu

/**
 * Lower-cases, folds diacritics (`Café` → `cafe`), drops a possessive `'s` and any other
 * apostrophe, so that every spelling of a word meets in one form.
 */
export function normalizeWord(surface: string): string {
  return surface
    .toLowerCase()
    .replace(POSSESSIVE, '')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(APOSTROPHES, '')
    .normalize('NFC')
}

/** lunr's English stop-word list. */
export function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word, {})) === undefined
}

/** lunr's Porter stemmer. */
export function stem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString()
}

const STARTS_WITH_DIGIT = /^\p{N}/u
const DOT = /\./g
const COMMA = /,/g
const LOWER = /\p{Ll}/u
const LETTERS = /\p{L}/gu

/**
 * Whether a word as written is in capitals: two letters or more and none in lower case (`US`,
 * `U.S.`, `OPEC`, `MP3`; not `A`, `PhD` or `MPs`). A possessive does not count.
 */
function isCapitals(surface: string): boolean {
  return capitalLetters(surface) >= 2
}

/** How many letters a word in capitals has; 0 for a word with a lower-case letter. */
function capitalLetters(surface: string): number {
  const bare = surface.replace(POSSESSIVE, '')
  return LOWER.test(bare) ? 0 : (bare.match(LETTERS)?.length ?? 0)
}

/**
 * The term of an acronym whose letters spell a stop word (`US`, `U.S.` → `u.s`; `IT`, `WHO`,
 * `a.m.`): its letters joined by dots, which no word can spell, so that it is searchable and
 * never the pronoun `us`.
 */
function dotted(letters: string): string {
  return [...letters].join('.')
}

/** Analyses a word read as written, in running text. */
function analyzeSurface(surface: string): WordAnalysis {
  const normalized = normalizeWord(surface)
  if (normalized === '') return { word: '', term: null }
  // A number is its digits as written, thousands separators dropped, never stemmed.
  if (STARTS_WITH_DIGIT.test(normalized)) {
    const number = normalized.replace(COMMA, '')
    return { word: number, term: number }
  }
  // Only an acronym (dotted, or in capitals) has dots or reads differently from its lower case.
  const dottedAcronym = normalized.includes('.')
  if (!dottedAcronym && !isCapitals(surface)) return analyzeLowerCase(normalized)
  const letters = dottedAcronym ? normalized.replace(DOT, '') : normalized
  if (isStopWord(letters)) {
    const term = dotted(letters)
    return { word: term, term }
  }
  return { word: letters, term: stem(letters) }
}

/** A word as lower-case text spells it: a stop word (no term) or its stem. */
function analyzeLowerCase(word: string): WordAnalysis {
  return { word, term: isStopWord(word) ? null : stem(word) }
}

/** What the analyzer knows of a surface word, in both readings. */
export interface CachedWord {
  /** Read in running text: a capital word is an acronym. */
  inText: WordAnalysis
  /** Read in text set in capitals: a capital word without dots is an ordinary word. */
  inCapitals: WordAnalysis
  shape: Shape
}

/**
 * How a word is written, to tell a text set in capitals: 2 in capitals with four letters or more
 * (`TRADE`, `NATO`), 1 in capitals with two or three (`US`, `AS`), -1 with a lower-case
 * letter, 0 otherwise (`A`, `2004`).
 */
export type Shape = 2 | 1 | -1 | 0

// Stemming dominates indexing time and news text repeats its words, so analyses are memoised
// by surface word, both readings at once. The cache is bounded so that a stream of random
// queries cannot grow it without limit.
const CACHE_LIMIT = 200_000
const cache = new Map<string, CachedWord>()

/**
 * Both readings of a surface word and its shape, memoised: what `analyze` reads each token by,
 * for a caller that packs tokens as numbers without making them (analysis-packer.ts).
 */
export function lookUp(surface: string): CachedWord {
  let cached = cache.get(surface)
  if (cached === undefined) {
    const inText = analyzeSurface(surface)
    const capitals = isCapitals(surface)
    const inCapitals =
      capitals && !surface.includes('.') && !STARTS_WITH_DIGIT.test(surface)
        ? analyzeLowerCase(normalizeWord(surface))
        : inText
    const letters = capitalLetters(surface)
    const shape = letters >= 4 ? 2 : letters >= 2 ? 1 : LOWER.test(surface) ? -1 : 0
    cached = { inText, inCapitals, shape }
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(surface, cached)
  }
  return cached
}

/**
 * Analyses one surface word: its normalised form and its term (null for a stop word). A word in
 * capitals is an acronym unless `inCapitals` says the text around it is set in capitals (see
 * `readsInCapitals`). Defaults to running text.
 */
export function analyzeWord(surface: string, inCapitals = false): WordAnalysis {
  const cached = lookUp(surface)
  return inCapitals ? cached.inCapitals : cached.inText
}

/** Tallies a text's words by how they are written. */
export class CaseTally {
  #capitals = 0
  #longCapitals = 0
  #lowerCase = 0

  add(shape: Shape): void {
    if (shape > 0) this.#capitals++
    if (shape === 2) this.#longCapitals++
    else if (shape === -1) this.#lowerCase++
  }

  /**
   * Acronyms are mostly short and shouted words mostly long, so it takes three words in capitals
   * of four letters or more (`US OIL`, `US UK EU` and `NATO and US` are running text), and more
   * words in capitals than in lower case.
   */
  get setInCapitals(): boolean {
    return this.#longCapitals >= 3 && this.#capitals > this.#lowerCase
  }
}

/**
 * Whether a text is set in capitals, like the wire headline `U.S. TRADE DEFICIT WIDENS AS IT
 * FALLS`: at least three words in capitals of four letters or more, and more words in capitals
 * than words with a lower-case letter. There a word in capitals is read as the word it spells
 * (`AS` and `IT` are stop words) and only dotted forms are acronyms; in running text, and in a
 * short text such as `US`, `US OIL` or `US TRADE DEFICIT`, a word in capitals is an acronym.
 */
export function readsInCapitals(text: string): boolean {
  const tally = new CaseTally()
  for (const { text: surface } of tokenize(text)) tally.add(lookUp(surface).shape)
  return tally.setInCapitals
}

/**
 * Tokens of `text` with their analysis; stop words are kept (with `term: null`) so positions
 * stay true. `inCapitals` is whether the text is read as set in capitals; by default the text
 * decides for itself (`readsInCapitals`). A query passes it so that its pieces are read as one
 * text.
 */
export function analyze(text: string, inCapitals?: boolean): AnalyzedToken[] {
  const tally = new CaseTally()
  // Built field by field: object spread here made indexing eight times slower.
  const tokens = tokenize(text).map(({ text, start, end }): AnalyzedToken => {
    const cached = lookUp(text)
    tally.add(cached.shape)
    const { word, term } = inCapitals === true ? cached.inCapitals : cached.inText
    return { text, start, end, word, term }
  })
  // Rare (wire headlines): read again, from the cache, as set in capitals.
  if (inCapitals === undefined && tally.setInCapitals) {
    for (const token of tokens) {
      const { word, term } = lookUp(token.text).inCapitals
      token.word = word
      token.term = term
    }
  }
  return tokens
}
