// The bench's query set: drawn from the corpus's own paragraphs by a seeded PRNG, so that every
// run (and every contender) gets exactly the same queries. Pure.
import { type Word, wordsOf } from './corpus-words.ts'
import { mulberry32, oneEdit, pick, type Random } from './random.ts'

export const QUERY_KINDS = ['word', 'two-words', 'three-words', 'prefix', 'typo', 'phrase'] as const
export type QueryKind = (typeof QUERY_KINDS)[number]

export interface BenchQuery {
  kind: QueryKind
  /** What newsdex is given: a phrase in quotes. */
  text: string
  /** The same words as plain text, for the baselines, which have no phrases. */
  plain: string
  /** Search as you type: the (last) word is a prefix. */
  prefix: boolean
  /** A word with one edit: engines that have to be told to tolerate typos are told. */
  typo: boolean
}

/** `count` distinct positions of `length`, in ascending order. */
function positions(random: Random, length: number, count: number): number[] {
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(Math.floor(random() * length))
  return [...chosen].sort((a, b) => a - b)
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
