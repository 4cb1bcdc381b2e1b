// A word of many expansions merged once and kept per index state: the short prefixes people
// type (`mar`, `ban`, `co`) have dozens of completions, and merging them is most of their query.
// Lucene keeps such clauses' matches in its query cache, and Elasticsearch can index prefixes
// (`index_prefixes`) for the same reason.
import type { NewsIndex } from '../index/news-index.ts'
import { KeptPerState } from './kept-per-state.ts'
import type { ScoredList } from './match-scratch.ts'
import { mergeWord, type WordList } from './word-lists.ts'

/**
 * Words whose expansions hold fewer postings than this are merged as they come: merging them
 * costs less than a tenth of a millisecond.
 */
export const MIN_KEPT_POSTINGS = 8192

/** Entries kept over all words of one index state, at most (13 bytes each: 52 MB); the oldest words make room. */
const MAX_KEPT_ENTRIES = 4 << 20

const kept = new KeptPerState<WordList>(MAX_KEPT_ENTRIES, (list) => list.length)

/**
 * `mergeWord(lists, slot)`, kept for the index's present state when its expansions hold
 * `MIN_KEPT_POSTINGS` or more: the next query of the word (the next keystroke's, or the next
 * reader's) reads the kept list. The key is each expansion's term, factor and exactness, which
 * with the postings decide the merged list.
 */
export function keptWord(index: NewsIndex, lists: readonly ScoredList[], slot: number): WordList {
  let postings = 0
  for (const { list } of lists) postings += list.ids.length
  if (postings < MIN_KEPT_POSTINGS) return mergeWord(lists, slot)
  const numbers = index.articleNumbers()
  const key = lists.map(({ term, factor, exact }) => `${term} ${factor} ${exact}`).join('\n')
  const found = kept.get(numbers, key)
  if (found !== undefined) return found
  const merged = mergeWord(lists, slot)
  const word: WordList = {
    ids: merged.ids.slice(0, merged.length),
    score: merged.score.slice(0, merged.length),
    flags: merged.flags.slice(0, merged.length),
    length: merged.length,
  }
  kept.keep(numbers, key, word)
  return word
}
