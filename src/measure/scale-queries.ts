// The scale section's query set: the hard cases at a large size. Drawn from the corpus itself,
// deterministically (no randomness beyond the corpus's own order), so ×1 and ×10 get the same
// queries. Pure.
import { isStopWord } from '../analysis/analyzer.ts'
import { tokenize } from '../analysis/tokenize.ts'
import type { SortOrder } from '../search/date-order.ts'
import type { SearchRequest } from '../search/types.ts'
import { mulberry32, oneEdit } from './random.ts'

export const SCALE_KINDS = [
  'word',
  'pair',
  'prefix',
  'typo',
  'phrase',
  'exclusion',
  'category',
  'newest',
  'range',
] as const
export type ScaleKind = (typeof SCALE_KINDS)[number]

/** A query of the scale section, asked as `/search` asks it. */
export interface ScaleQuery {
  kind: ScaleKind
  text: string
  /** The last word is a prefix (search as you type). */
  prefix: boolean
  /** `newest`: ordered by date. */
  sort?: SortOrder
  /** `range`: within these months (`YYYY-MM`, inclusive). */
  from?: string
  to?: string
}

/** The request `/search` makes of a scale query: page 1 of 10, grouped, with everything it shows. */
export function scaleRequest(query: ScaleQuery): SearchRequest {
  return {
    q: query.text,
    prefix: query.prefix,
    ...(query.sort !== undefined && { sort: query.sort }),
    ...(query.from !== undefined && { from: query.from }),
    ...(query.to !== undefined && { to: query.to }),
  }
}

/** How many of the most frequent words are searched, alone and in pairs. */
export const FREQUENT_WORDS = 50
/** Queries of each of the other kinds. */
const OTHERS_PER_KIND = 20

const LETTERS_ONLY = /^\p{L}{2,}$/u

/**
 * The queries: the `FREQUENT_WORDS` most frequent non-stop words (by paragraphs holding them)
 * alone and paired with each other; as-you-type prefixes of them (3 letters, and a second word
 * being typed after a whole one); one-edit typos of the longer ones; their most frequent
 * adjacent pairs as phrases; a word minus another; a word or nothing within a category; a word
 * or a pair newest first; and a word or a pair within a range of months that holds half the
 * corpus's `dates` (the articles' dates, in any order; none: no range queries).
 */
export function scaleQueries(
  paragraphs: readonly string[],
  categories: readonly string[],
  dates: readonly string[] = [],
  seed = 7,
): ScaleQuery[] {
  const wordCounts = new Map<string, number>()
  const pairCounts = new Map<string, number>()
  for (const text of paragraphs) {
    const seen = new Set<string>()
    const tokens = tokenize(text)
    tokens.forEach((token, i) => {
      const word = token.text.toLowerCase()
      if (!LETTERS_ONLY.test(word) || isStopWord(word)) return
      if (!seen.has(word)) {
        seen.add(word)
        wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1)
      }
      const next = tokens[i + 1]?.text.toLowerCase()
      if (next !== undefined && next !== word && LETTERS_ONLY.test(next) && !isStopWord(next)) {
        const pair = `${word} ${next}`
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1)
      }
    })
  }
  const byCount = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
  const words = byCount(wordCounts).slice(0, FREQUENT_WORDS)
  const phrases = byCount(pairCounts).slice(0, OTHERS_PER_KIND)
  const random = mulberry32(seed)
  const queries: ScaleQuery[] = []
  const add = (kind: ScaleKind, text: string, prefix = false, more: Partial<ScaleQuery> = {}) =>
    queries.push({ kind, text, prefix, ...more })
  const sorted = [...dates].sort()
  const month = (share: number) => sorted[Math.floor(share * (sorted.length - 1))]?.slice(0, 7)
  const nth = (i: number) => words[i % words.length] as string
  for (const word of words) add('word', word)
  words.forEach((word, i) => {
    add('pair', `${word} ${nth(i + 1 + (i % 7))}`)
  })
  for (let i = 0; i < OTHERS_PER_KIND; i++) {
    const word = nth(i)
    const other = nth(i + 3)
    add('prefix', i % 2 === 0 ? word.slice(0, 3) : `${word} ${other.slice(0, 3)}`, true)
    const long = words.filter((w) => w.length >= 5)
    add('typo', oneEdit(random, long[i % long.length] as string))
    add('phrase', `"${phrases[i % phrases.length]}"`)
    add('exclusion', `${word} -${other}`)
    const category = categories[i % categories.length]
    if (category !== undefined)
      add('category', i % 2 === 0 ? `${word} category:${category}` : `category:${category}`)
    const pair = i % 2 === 0 ? word : `${word} ${other}`
    add('newest', pair, false, { sort: 'newest' })
    // Months holding the middle half of the dates, shifted a little from query to query.
    const from = month((i % 4) / 16 + 0.125)
    const to = month((i % 4) / 16 + 0.625)
    if (from !== undefined && to !== undefined) add('range', pair, false, { from, to })
  }
  return queries
}
