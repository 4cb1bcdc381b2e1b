import { analyze, readsInCapitals } from '../analysis/analyzer.ts'
import { type DateRange, parseRangeEnd, type RangeEnd } from './date-range.ts'
import { DEFAULT_LIMITS } from './limits.ts'
import type { PhraseTerms } from './phrase.ts'

/** Fields a word or phrase can be restricted to with `field:`. */
export type QueryField = 'title' | 'heading'

/** A word of the query, analysed. */
export interface QueryWord {
  /** As typed, e.g. `Iran's`. */
  text: string
  /** Normalised surface form, what prefixes and typos are matched on. */
  word: string
  /** Analysed term (stem). For a prefix that is a stop word, the word itself. */
  term: string
  field?: QueryField
  /** The last word, typed as you go: matches words that begin with it. */
  prefix: boolean
}

export interface QueryPhrase {
  text: string
  /** Terms in order, `null` for a stop word inside; never starts or ends with `null`. */
  terms: PhraseTerms
  field?: QueryField
}

export interface ParsedQuery {
  /** Positive words, repeats kept: a long query repeats its important words. */
  words: QueryWord[]
  phrases: QueryPhrase[]
  excludedWords: QueryWord[]
  excludedPhrases: QueryPhrase[]
  /** `category:` filters, lower case; an article in any of them passes. */
  categories: string[]
  /**
   * What was typed but not searched: stop words, words past the term cap, and `from:`/`to:`
   * words that are not dates, each with why (`from:1987-13 (not a date)`).
   */
  ignored: string[]
  /**
   * The instants the `from:`/`to:` words allow, each end inclusive as the `from`/`to` parameters
   * read them (see date-range.ts); several of either narrow it. Absent when there are none.
   */
  dateRange?: DateRange
}

export interface ParseOptions {
  /** Treat the last word as a prefix (search as you type). Defaults to `false`. */
  prefix?: boolean
  /** At most this many terms are searched; the rest are reported as ignored. Defaults to `64`. */
  maxTerms?: number
}

// One piece of a query: an optional `-`, an optional `field:`, then a "phrase" (the closing quote
// may be missing) or a bare word. Whatever is not matched is white space.
const PIECE = /(-?)(?:([\p{L}]+):)?(?:"([^"]*)"?|([^\s"]+))/gu
const FIELDS = new Set(['title', 'heading', 'category', 'from', 'to'])
// `title:` with nothing after it searches nothing rather than the word "title".
const EMPTY_FIELD = /^(?:title|heading|category|from|to):$/iu

/** Parses a query. Never throws: whatever cannot be understood is searched as plain words. */
export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const maxTerms = options.maxTerms ?? DEFAULT_LIMITS.maxTerms
  const query: ParsedQuery = {
    words: [],
    phrases: [],
    excludedWords: [],
    excludedPhrases: [],
    categories: [],
    ignored: [],
  }
  const endsInWord = options.prefix === true && /[^\s"]$/u.test(input)
  const text = input.normalize('NFC')
  const pieces = [...text.matchAll(PIECE)]
  // The query is read as one text: typed in capitals (a pasted wire headline), its capital
  // words are ordinary words, as they were where the headline was indexed; a short `US` is
  // an acronym.
  const inCapitals = readsInCapitals(text)
  let terms = 0
  const budget = (count: number, text: string): boolean => {
    if (terms + count > maxTerms) {
      query.ignored.push(text)
      return false
    }
    terms += count
    return true
  }

  pieces.forEach((piece, i) => {
    const [whole, minus = '', fieldName, phraseText, bareText] = piece
    const negated = minus === '-'
    let field = fieldName?.toLowerCase()
    let wordText = bareText
    if (field !== undefined && !FIELDS.has(field)) {
      // `10:30` or `http://…` is text, not a field.
      field = undefined
      wordText = phraseText === undefined ? whole.slice(minus.length) : undefined
    }
    if (field === 'from' || field === 'to') {
      readRangeEnd(query, field, whole, (phraseText ?? bareText ?? '').trim(), negated)
      return
    }
    if (field === 'category') {
      const category = (phraseText ?? bareText ?? '').trim().toLowerCase()
      if (category !== '' && !negated) query.categories.push(category)
      return
    }
    const restrict = field as QueryField | undefined
    if (phraseText !== undefined && wordText === undefined) {
      const phrase = toPhrase(phraseText, restrict, inCapitals)
      if (phrase === undefined) return
      if (!budget(phrase.terms.filter((t) => t !== null).length, phraseText)) return
      ;(negated ? query.excludedPhrases : query.phrases).push(phrase)
      return
    }
    if (wordText === undefined || EMPTY_FIELD.test(wordText)) return
    const tokens = analyze(wordText, inCapitals)
    const lastPiece = i === pieces.length - 1 && endsInWord && !negated
    tokens.forEach((token, t) => {
      const prefix = lastPiece && t === tokens.length - 1
      const term = token.term ?? (prefix ? token.word : null)
      if (term === null || term === '') {
        query.ignored.push(token.text)
        return
      }
      if (!budget(1, token.text)) return
      const word: QueryWord = { text: token.text, word: token.word, term, prefix }
      if (restrict !== undefined) word.field = restrict
      ;(negated ? query.excludedWords : query.words).push(word)
    })
  })
  const range = query.dateRange
  if (range !== undefined && range.fromMs > range.toMs) {
    query.ignored.push(`${dateWords(text)} (from is after to)`)
    delete query.dateRange
  }
  return query
}

/**
 * A `from:`/`to:` word narrows the query's date range. One that is not a date, or negated
 * (`-from:` means nothing), is not searched as text either: it is reported in `ignored`, with why.
 */
function readRangeEnd(
  query: ParsedQuery,
  end: RangeEnd,
  written: string,
  value: string,
  negated: boolean,
): void {
  if (value === '') return
  if (negated) {
    query.ignored.push(`${written} (a date range cannot be left out)`)
    return
  }
  let instant: number
  try {
    instant = parseRangeEnd(value, end)
  } catch {
    query.ignored.push(`${written} (not a date)`)
    return
  }
  const range = query.dateRange ?? { fromMs: -Infinity, toMs: Infinity }
  if (end === 'from') range.fromMs = Math.max(range.fromMs, instant)
  else range.toMs = Math.min(range.toMs, instant)
  query.dateRange = range
}

/** The `from:`/`to:` words of a query, as typed. */
function dateWords(text: string): string {
  return [...text.matchAll(/(?:^|\s)((?:from|to):\S*)/giu)].map((m) => m[1]).join(' ')
}

function toPhrase(
  text: string,
  field: QueryField | undefined,
  inCapitals: boolean,
): QueryPhrase | undefined {
  const terms: PhraseTerms = analyze(text, inCapitals).map((token) => token.term)
  while (terms.length > 0 && terms[0] === null) terms.shift()
  while (terms.length > 0 && terms.at(-1) === null) terms.pop()
  if (terms.length === 0) return undefined
  const phrase: QueryPhrase = { text, terms }
  if (field !== undefined) phrase.field = field
  return phrase
}
