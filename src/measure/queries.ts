// The bench's query set: drawn from the corpus's own paragraphs by a seeded PRNG, so that every
// run (and every engine) gets exactly the same queries. Pure.
import { isStopWord } from '../analysis/analyzer.ts'
import { tokenize } from '../analysis/tokenize.ts'

export const QUERY_KINDS = ['word', 'two-words', 'three-words', 'prefix', 'typo', 'phrase'] as const
export type QueryKind = (typeof QUERY_KINDS)[number]

export interface BenchQuery {
  kind: QueryKind
  /** What newsdex is given: a phrase in quotes. */
  text: string
  /** The same words as plain text, for the engines without phrases. */
  plain: string
  /** Search as you type: the (last) word is a prefix. */
  prefix: boolean
  /** A word with one edit: engines that have to be told to tolerate typos are told. */
  typo: boolean
}

/** mulberry32: a tiny, fast, seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

const LETTERS_ONLY = /^\p{L}+$/u

/** A word worth searching: letters only, two or more of them, not a stop word. */
function usable(word: string): boolean {
  return word.length >= 2 && LETTERS_ONLY.test(word) && !isStopWord(word)
}

interface Word {
  word: string
  /** Whether only white space separates it from the next token. */
  joinsNext: boolean
  /** Whether the next token is usable too. */
  nextUsable: boolean
  next: string
}

/** The usable words of a paragraph, lower-cased, in order, with what follows each. */
function wordsOf(text: string): Word[] {
  const tokens = tokenize(text)
  const words: Word[] = []
  tokens.forEach((token, i) => {
    const word = token.text.toLowerCase()
    if (!usable(word)) return
    const following = tokens[i + 1]
    const next = following?.text.toLowerCase() ?? ''
    words.push({
      word,
      joinsNext: following !== undefined && /^\s+$/u.test(text.slice(token.end, following.start)),
      nextUsable: following !== undefined && usable(next),
      next,
    })
  })
  return words
}

/** `count` distinct positions of `length`, in ascending order. */
function positions(random: Random, length: number, count: number): number[] {
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(Math.floor(random() * length))
  return [...chosen].sort((a, b) => a - b)
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'

/** One random edit of `word`: a letter deleted, inserted, replaced, or two neighbours swapped. */
export function oneEdit(random: Random, word: string): string {
  for (;;) {
    const i = Math.floor(random() * word.length)
    const letter = pick(random, [...ALPHABET])
    let edited: string
    switch (Math.floor(random() * 4)) {
      case 0:
        edited = word.slice(0, i) + word.slice(i + 1)
        break
      case 1:
        edited = word.slice(0, i) + letter + word.slice(i)
        break
      case 2:
        edited = word.slice(0, i) + letter + word.slice(i + 1)
        break
      default: {
        const j = Math.min(i, word.length - 2)
        edited = word.slice(0, j) + word.charAt(j + 1) + word.charAt(j) + word.slice(j + 2)
      }
    }
    if (edited !== word) return edited
  }
}

/** Makes one query of `kind` from a paragraph's words, or undefined when it has too few. */
function queryFrom(random: Random, kind: QueryKind, words: Word[]): BenchQuery | undefined {
  const plainQuery = (text: string, prefix = false, typo = false): BenchQuery => ({
    kind,
    text,
    plain: text,
    prefix,
    typo,
  })
  switch (kind) {
    case 'word':
      return words.length === 0 ? undefined : plainQuery(pick(random, words).word)
    case 'two-words':
    case 'three-words': {
      const count = kind === 'two-words' ? 2 : 3
      const distinct = new Set(words.map((w) => w.word))
      if (distinct.size < count) return undefined
      for (;;) {
        const chosen = positions(random, words.length, count).map((i) => words[i]?.word as string)
        if (new Set(chosen).size === count) return plainQuery(chosen.join(' '))
      }
    }
    case 'prefix': {
      const long = words.filter((w) => w.word.length >= 4)
      if (long.length === 0) return undefined
      const { word } = pick(random, long)
      const length = Math.min(3 + Math.floor(random() * 3), word.length - 1)
      return plainQuery(word.slice(0, length), true)
    }
    case 'typo': {
      const long = words.filter((w) => w.word.length >= 5)
      if (long.length === 0) return undefined
      return plainQuery(oneEdit(random, pick(random, long).word), false, true)
    }
    case 'phrase': {
      const pairs = words.filter((w) => w.joinsNext && w.nextUsable && w.next !== w.word)
      if (pairs.length === 0) return undefined
      const { word, next } = pick(random, pairs)
      return {
        kind,
        text: `"${word} ${next}"`,
        plain: `${word} ${next}`,
        prefix: false,
        typo: false,
      }
    }
  }
}

export interface QuerySetOptions {
  seed?: number
  /** Queries of each kind. Defaults to 200. */
  perKind?: number
}

export const DEFAULT_SEED = 20050101
export const DEFAULT_PER_KIND = 200

/**
 * `perKind` queries of every kind, kind after kind, each from a paragraph drawn at random (so
 * common words come up as often as readers would meet them). The same paragraphs and seed give
 * the same queries. A kind the corpus cannot supply (a tiny corpus with no two adjacent words)
 * has fewer queries, never an endless search.
 */
export function generateQueries(
  paragraphs: readonly string[],
  options: QuerySetOptions = {},
): BenchQuery[] {
  const random = mulberry32(options.seed ?? DEFAULT_SEED)
  const perKind = options.perKind ?? DEFAULT_PER_KIND
  const queries: BenchQuery[] = []
  if (paragraphs.length === 0) return queries
  const cache = new Map<number, Word[]>()
  const wordsAt = (i: number): Word[] => {
    let words = cache.get(i)
    if (words === undefined) {
      words = wordsOf(paragraphs[i] as string)
      cache.set(i, words)
    }
    return words
  }
  for (const kind of QUERY_KINDS) {
    let made = 0
    for (let attempt = 0; made < perKind && attempt < perKind * 50; attempt++) {
      const query = queryFrom(random, kind, wordsAt(Math.floor(random() * paragraphs.length)))
      if (query === undefined) continue
      queries.push(query)
      made++
    }
  }
  return queries
}

/** The first `perKind` queries of each kind, in the set's order: a smaller set of the same queries. */
export function firstOfEachKind(queries: readonly BenchQuery[], perKind: number): BenchQuery[] {
  const taken = new Map<QueryKind, number>()
  return queries.filter((query) => {
    const count = taken.get(query.kind) ?? 0
    taken.set(query.kind, count + 1)
    return count < perKind
  })
}

/** A query meant to be slow: each should still be answered well under the target. */
export interface PathologicalQuery {
  name: string
  text: string
  /** Search as you type (prefix mode), as the search page does. */
  prefix: boolean
}

/** The usable words of the corpus, sorted (so the draw is the same whatever the read order). */
export function vocabulary(paragraphs: readonly string[]): string[] {
  const words = new Set<string>()
  for (const text of paragraphs) for (const w of wordsOf(text)) words.add(w.word)
  return [...words].sort()
}

const EMOJI = [
  '😀',
  '🎉',
  '🚀',
  '🔥',
  '❤️',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇬🇧',
  '🧑🏿‍💻',
  '✨',
  '🙈',
  '1️⃣',
  '🫠',
]

/** Cuts or leaves `text` at `length` UTF-16 units. */
function fit(text: string, length: number): string {
  return text.slice(0, length)
}

/**
 * The slow cases: 512 characters of random corpus words; 64 short prefixes in prefix mode;
 * a soup of `"` and `-` (phrases and exclusions opened and never closed); 10,000 emoji
 * (code points); the two-letter prefix that begins the most words, in prefix mode.
 */
export function pathologicalQueries(
  paragraphs: readonly string[],
  seed = DEFAULT_SEED,
): PathologicalQuery[] {
  const random = mulberry32(seed ^ 0x5eed)
  const words = vocabulary(paragraphs)
  const word = () => (words.length === 0 ? 'news' : pick(random, words))

  let randomWords = ''
  while (randomWords.length < 512) randomWords += `${word()} `
  const prefixes = Array.from({ length: 64 }, () => word().slice(0, 2 + Math.floor(random() * 2)))

  const soupPieces = [
    () => '"',
    () => '-',
    () => ' ',
    () => '-"',
    () => '"-',
    () => '--',
    () => `-${word()}`,
    () => `"${word()}`,
    () => `${word()}"`,
    () => `"${word()} ${word()}"`,
    () => `-"${word()} -${word()}`,
  ]
  let soup = ''
  while (soup.length < 512) soup += pick(random, soupPieces)()

  let emoji: string[] = []
  while (emoji.length < 10_000) emoji = emoji.concat([...pick(random, EMOJI)])

  const starts = new Map<string, number>()
  for (const w of words) starts.set(w.slice(0, 2), (starts.get(w.slice(0, 2)) ?? 0) + 1)
  let twoLetters = 'th'
  let most = 0
  for (const [start, count] of starts) {
    if (start.length === 2 && count > most) {
      twoLetters = start
      most = count
    }
  }

  return [
    { name: '512 chars of random words', text: fit(randomWords, 512), prefix: false },
    { name: '64 short prefixes', text: prefixes.join(' '), prefix: true },
    { name: '`"` and `-` soup', text: fit(soup, 512), prefix: false },
    { name: '10,000 emoji', text: emoji.slice(0, 10_000).join(''), prefix: false },
    { name: `2-letter prefix "${twoLetters}"`, text: twoLetters, prefix: true },
  ]
}
