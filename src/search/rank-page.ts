import type { TermPostings } from '../index/impact-postings.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { articleColumns } from './article-columns.ts'
import { type ArticlePageRequest, rankArticles } from './article-page.ts'
import type { RankedPage } from './group.ts'
import { paragraphsHolding } from './phrase-postings.ts'
import type { QueryPlan } from './plan.ts'
import { defaultRankingOptions, impactParameters } from './score.ts'

/** The impacts the typed path reads: those of the default ranking, one object for the cache. */
export const DEFAULT_IMPACTS = impactParameters(defaultRankingOptions)
const { k1 } = defaultRankingOptions

/** Phrases a query may have for `rankPage`: each is a bit of a paragraph's mark. */
const MAX_PHRASES = 30

/**
 * Whether `rankPage` answers this query: every word, phrase and exclusion unscoped (a `title:`
 * or `heading:` scope needs per-field postings, which the typed postings fold together).
 */
export function rankPageApplies(plan: QueryPlan): boolean {
  const { parsed, words } = plan
  return (
    (words.length > 0 || parsed.categories.length > 0) &&
    parsed.phrases.length <= MAX_PHRASES &&
    words.every((word) => word.field === undefined) &&
    [...parsed.phrases, ...parsed.excludedPhrases, ...parsed.excludedWords].every(
      (part) => part.field === undefined,
    )
  )
}

/**
 * The first `request.count` articles for a query under the default ranking, with exact totals
 * and facets, the same as scoring every match into objects and grouping them (rank-exhaustive.ts;
 * a property test holds them to it) at a fraction of the cost: scores accumulate in typed arrays
 * over typed postings, the matching paragraphs are listed in id order, and article-page.ts
 * groups, counts and ranks them in typed arrays.
 */
export function rankPage(
  index: NewsIndex,
  plan: QueryPlan,
  request: Omit<ArticlePageRequest, 'wordCount' | 'categories'>,
): RankedPage {
  const size = index.nextParagraphId
  const s = scratchFor(size)
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const total = index.paragraphs.size
  const { parsed } = plan
  let markedCount = 0
  const mark = (ids: ArrayLike<number>, bit: number) => {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number
      if (s.marks[id] === 0) s.marked[markedCount++] = id
      s.marks[id] = (s.marks[id] as number) | bit
    }
  }
  // A paragraph must hold every phrase (a bit each) and none of the exclusions (bit 0). These
  // are found first, so that scoring passes over the paragraphs they rule out.
  parsed.phrases.forEach((phrase, i) => {
    mark(paragraphsHolding(index, postings, phrase, size), 1 << (i + 1))
  })
  const phrasesWanted = (2 ** (parsed.phrases.length + 1) - 2) | 0
  for (const word of parsed.excludedWords) mark(postings.get(word.term, size)?.ids ?? [], 1)
  for (const phrase of parsed.excludedPhrases)
    mark(paragraphsHolding(index, postings, phrase, size), 1)

  // Without phrases or exclusions every paragraph is wanted, and no mark need be read.
  const wanted = markedCount === 0 && phrasesWanted === 0 ? -1 : phrasesWanted
  let touchedCount = 0
  let listsRead = 0
  for (const word of plan.words) {
    const lists: { list: TermPostings; factor: number; exact: number }[] = []
    for (const expansion of word.expansions) {
      const list = postings.get(expansion.term, size)
      if (list === undefined) continue
      const df = list.ids.length
      // A distributed engine's view gives the collection's frequency, not the candidates'.
      const frequency = index.paragraphs.documentFrequency(expansion.term, df)
      const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
      const factor = word.count * expansion.weight * idf * (k1 + 1)
      lists.push({ list, factor, exact: expansion.exact ? EXACT : 0 })
    }
    listsRead += lists.length
    if (lists.length === 1) {
      const { list, factor, exact } = lists[0] as (typeof lists)[number]
      touchedCount = addList(s, list, factor, exact !== 0, wanted, touchedCount)
      continue
    }
    // A word with several expansions scores its best one in each paragraph.
    let wordCount = 0
    for (const { list, factor, exact } of lists) {
      const { ids, impacts, own } = list
      const df = ids.length
      for (let i = 0; i < df; i++) {
        const id = ids[i] as number
        if (wanted >= 0 && s.marks[id] !== wanted) continue
        const score = factor * (impacts[i] as number)
        let flag = s.wordFlag[id] as number
        if (flag === 0) {
          s.wordTouched[wordCount++] = id
          s.wordBest[id] = score
          flag = SEEN
        } else if ((s.wordBest[id] as number) < score) s.wordBest[id] = score
        s.wordFlag[id] = flag | exact | (own[i] === 1 ? OWN : 0)
      }
    }
    for (let i = 0; i < wordCount; i++) {
      const id = s.wordTouched[i] as number
      const flag = s.wordFlag[id] as number
      s.wordFlag[id] = 0
      if (s.words[id] === 0) {
        s.touched[touchedCount++] = id
        s.touchedBits[id >>> 5] = (s.touchedBits[id >>> 5] as number) | (1 << (id & 31))
      }
      s.score[id] = (s.score[id] as number) + (s.wordBest[id] as number)
      s.words[id] = (s.words[id] as number) + 1
      if (flag & EXACT) s.exact[id] = (s.exact[id] as number) + 1
      if (flag & OWN) s.own[id] = 1
    }
  }
  // The matching paragraphs, in id order. Title words are indexed with every paragraph, but a
  // paragraph matching only through its title is left to its article's lead.
  const { lead } = articleColumns(index)
  const { own } = s
  const matching = s.matching
  let matches = 0
  if (plan.words.length === 0) {
    for (let id = 0; id < size; id++) if (s.marks[id] === phrasesWanted) matching[matches++] = id
  } else if (listsRead === 1) {
    // One list touched them in id order already.
    for (let i = 0; i < touchedCount; i++) {
      const id = s.touched[i] as number
      if (own[id] === 1 || lead[id] === 1) matching[matches++] = id
    }
  } else {
    // Several lists touched them out of order: read them in order from a bit a paragraph, a
    // 32nd of the reads of a sweep over every id, and no sort (a pair of common words touches
    // a third of a million paragraphs).
    const bits = s.touchedBits
    const slots = (size + 31) >>> 5
    for (let slot = 0; slot < slots; slot++) {
      let word = bits[slot] as number
      if (word === 0) continue
      const base = slot << 5
      while (word !== 0) {
        const low = word & -word
        word ^= low
        const id = base + 31 - Math.clz32(low)
        if (own[id] === 1 || lead[id] === 1) matching[matches++] = id
      }
    }
  }
  // Every field always present, in one order: one shape, so rankArticles's optimised code is
  // not thrown away whenever a query has a date range and the one before had none.
  const pageRequest: ArticlePageRequest = {
    count: request.count,
    spread: request.spread,
    wordCount: plan.words.length,
    sort: request.sort,
    collapse: request.collapse,
    range: request.range,
    categories: parsed.categories,
  }
  const ranked = rankArticles(index, matching, matches, s, pageRequest)
  for (let i = 0; i < touchedCount; i++) {
    const id = s.touched[i] as number
    s.score[id] = 0
    s.touchedBits[id >>> 5] = 0
    s.words[id] = 0
    s.exact[id] = 0
    s.own[id] = 0
  }
  for (let i = 0; i < markedCount; i++) s.marks[s.marked[i] as number] = 0
  return ranked
}

/**
 * Adds a word with one expansion (most words) straight to the accumulators, `factor × impact`
 * a paragraph, as the general path would add its best expansion, for the paragraphs whose
 * mark is `wanted` (all when it is -1); returns the new count of touched paragraphs.
 */
function addList(
  s: Scratch,
  { ids, impacts, own }: TermPostings,
  factor: number,
  exact: boolean,
  wanted: number,
  touchedCount: number,
): number {
  let touched = touchedCount
  const { marks, score, words, touchedBits: bits } = s
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number
    if (wanted >= 0 && marks[id] !== wanted) continue
    if (words[id] === 0) {
      s.touched[touched++] = id
      bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31))
    }
    score[id] = (score[id] as number) + factor * (impacts[i] as number)
    words[id] = (words[id] as number) + 1
    if (exact) s.exact[id] = (s.exact[id] as number) + 1
    if (own[i] === 1) s.own[id] = 1
  }
  return touched
}

// Per-paragraph flags while scoring one word.
const SEEN = 1
const EXACT = 2
const OWN = 4

/**
 * Accumulators indexed by paragraph id, reused from query to query (search is synchronous) and
 * left zeroed: allocating them per query would cost more than the query.
 */
interface Scratch {
  score: Float64Array
  words: Uint8Array
  exact: Uint8Array
  own: Uint8Array
  wordBest: Float64Array
  wordFlag: Uint8Array
  wordTouched: Int32Array
  touched: Int32Array
  /** Bit `id & 31` of slot `id >>> 5` set for each touched paragraph, until listed in order. */
  touchedBits: Int32Array
  /** The matching paragraphs, in id order. */
  matching: Int32Array
  /** Bit 0: excluded; bit i: holds the i-th phrase. */
  marks: Int32Array
  /** The paragraphs with a mark, to clear them after. */
  marked: Int32Array
}

let shared: Scratch | undefined

function scratchFor(size: number): Scratch {
  if (shared === undefined || shared.score.length < size) {
    const capacity = Math.max(size, 1024)
    shared = {
      score: new Float64Array(capacity),
      words: new Uint8Array(capacity),
      exact: new Uint8Array(capacity),
      own: new Uint8Array(capacity),
      wordBest: new Float64Array(capacity),
      wordFlag: new Uint8Array(capacity),
      wordTouched: new Int32Array(capacity),
      touched: new Int32Array(capacity),
      touchedBits: new Int32Array((capacity >>> 5) + 1),
      matching: new Int32Array(capacity),
      marks: new Int32Array(capacity),
      marked: new Int32Array(capacity),
    }
  }
  return shared
}
