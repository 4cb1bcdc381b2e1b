import type { ImpactPostings } from '../index/impact-postings.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { articleColumns, wantedCategories } from './article-columns.ts'
import { type ArticlePageRequest, rankArticles } from './article-page.ts'
import type { RankedPage } from './group.ts'
import { keptWord } from './kept-words.ts'
import { listPair, listSingle } from './match-lists.ts'
import { EXACT, type ScoredList, type Scratch, scratchFor } from './match-scratch.ts'
import { paragraphsHolding } from './phrase-postings.ts'
import type { QueryPlan } from './plan.ts'
import { defaultRankingOptions, impactParameters, type ScoringWord } from './score.ts'
import { listUnion } from './union-lists.ts'
import { listWords, mergesCheaply, plainWord, type WordList } from './word-lists.ts'

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
  request: Omit<ArticlePageRequest, 'wordCount' | 'categories' | 'everyArticle'>,
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
  const words = plan.words.map((word) => scoredLists(index, postings, word, size, total))
  const { lead } = articleColumns(index)
  const single = words.flat()
  const present = words.filter((lists) => lists.length > 0)
  let matches: number
  const everyArticle = plan.words.length === 0 && wanted === -1
  if (everyArticle) {
    // `category:` alone: every paragraph matches, but only the wanted categories' articles
    // can be shown or counted, so only theirs are listed (the facet counts the rest).
    matches = listCategories(s, index, parsed.categories)
    s.matchScore.fill(0, 0, matches)
    s.matchWords.fill(0, 0, matches)
    s.matchExact.fill(0, 0, matches)
    s.matchOwn.fill(0, 0, matches)
  } else if (plan.words.length === 0) {
    matches = 0
    for (let id = 0; id < size; id++) if (s.marks[id] === phrasesWanted) s.matchIds[matches++] = id
    s.matchScore.fill(0, 0, matches)
    s.matchWords.fill(0, 0, matches)
    s.matchExact.fill(0, 0, matches)
    s.matchOwn.fill(0, 0, matches)
  } else if (single.length === 1) {
    // One list (most words): its postings are the matches, in id order, scored as they are
    // listed; nothing is scattered into arrays a million long and gathered back.
    matches = listSingle(s, single[0] as ScoredList, lead, wanted)
  } else if (single.length === 2 && words.every((lists) => lists.length <= 1)) {
    // Two words of one list each (most pairs): the two merged, as directly.
    matches = listPair(s, single[0] as ScoredList, single[1] as ScoredList, lead, wanted)
  } else if (present.length === 0) {
    // No word the index holds: nothing matches.
    matches = 0
  } else if (present.length <= 2 && present.every((lists) => mergesCheaply(lists))) {
    // One or two words, one of several expansions (a prefix's completions, a typo's
    // spellings): each word's lists merged into one, then listed as two lists are.
    const [first, second] = present.map((lists, slot) =>
      lists.length === 1 ? plainWord(lists[0] as ScoredList, slot) : keptWord(index, lists, slot),
    )
    matches = listWords(s, first as WordList, second, lead, wanted)
  } else {
    // Three words or more, or a short prefix of many common completions: merged block by
    // block of ids.
    matches = listUnion(s, present, lead, wanted, size)
  }
  for (let i = 0; i < markedCount; i++) s.marks[s.marked[i] as number] = 0
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
    everyArticle,
  }
  const { matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  const found = { ids: matchIds, score: matchScore, words: matchWords, exact: matchExact }
  return rankArticles(index, matches, { ...found, own: matchOwn }, pageRequest)
}

/** The paragraphs of the articles of these categories (lower case; `''` for none), by article. */
function listCategories(s: Scratch, index: NewsIndex, names: readonly string[]): number {
  const columns = articleColumns(index)
  const { entries, category } = columns
  const wanted = wantedCategories(columns, names)
  let matches = 0
  for (let a = 0; a < entries.length; a++) {
    const kind = category[a] as number
    if (wanted !== undefined && !(kind < 0 ? wanted.none : wanted.kinds[kind] === 1)) continue
    const { first, paragraphCount } = entries[a] as (typeof entries)[number]
    for (let id = first; id < first + paragraphCount; id++) s.matchIds[matches++] = id
  }
  return matches
}

/** A query word's lists: one per expansion the index holds. */
function scoredLists(
  index: NewsIndex,
  postings: ImpactPostings,
  word: ScoringWord,
  size: number,
  total: number,
): ScoredList[] {
  const lists: ScoredList[] = []
  for (const expansion of word.expansions) {
    const list = postings.get(expansion.term, size)
    if (list === undefined) continue
    const df = list.ids.length
    // A distributed engine's view gives the collection's frequency, not the candidates'.
    const frequency = index.paragraphs.documentFrequency(expansion.term, df)
    const idf = Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
    const factor = word.count * expansion.weight * idf * (k1 + 1)
    lists.push({ term: expansion.term, list, factor, exact: expansion.exact ? EXACT : 0 })
  }
  return lists
}
