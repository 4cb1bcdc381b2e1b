// A query word of several expansions (a prefix's completions, a typo's spellings) as one list:
// its expansions merged two at a time, smallest first, into paragraphs in id order with the
// best expansion's score. Merging reads and writes in order; a prefix's largest completions
// join last, so each posting is copied about twice. Then one or two words are listed as
// matches as directly as one or two plain lists are (match-lists.ts).
import type { ScoredList, Scratch } from './match-scratch.ts'

/** A word's paragraphs in id order: its best expansion's score, and flags (see below). */
export interface WordList {
  ids: Int32Array
  score: Float64Array
  /** `EXACT_FLAG` when an expansion as typed is in the paragraph, `OWN_FLAG` when one is in its own text. */
  flags: Uint8Array
  length: number
}

const EXACT_FLAG = 1
const OWN_FLAG = 2

/** Two buffers a word, reused (search is synchronous); merges go from one to the other. */
const buffers: WordList[] = []

function buffer(place: number, capacity: number): WordList {
  let found = buffers[place]
  if (found === undefined || found.ids.length < capacity) {
    const size = Math.max(capacity, 1024)
    found = {
      ids: new Int32Array(size),
      score: new Float64Array(size),
      flags: new Uint8Array(size),
      length: 0,
    }
    buffers[place] = found
  }
  return found
}

/**
 * Postings copied on average, at most, for merging one by one, smallest first, to beat the
 * block merge of union-lists.ts (measured at Reuters ×10: `mar`, 36 completions, copies each
 * posting 2.5 times and merges faster; `co`, 39 completions of which many are common, 10.8 times
 * and three times slower).
 */
const MAX_COPIES = 3

/** Whether merging these lists one by one, smallest first, copies each posting few times. */
export function mergesCheaply(lists: readonly ScoredList[]): boolean {
  const sizes = lists.map(({ list }) => list.ids.length).sort((a, b) => a - b)
  let held = 0
  let copies = 0
  for (const size of sizes) {
    held += size
    copies += held
  }
  return copies <= MAX_COPIES * held
}

/**
 * The word of these lists as one list: per paragraph the largest `factor × impact` of its
 * expansions (as accumulating them would keep it), and whether one is as typed or in its own
 * text. `slot` (0 or 1) picks the buffers, so that two words can be held at once.
 */
export function mergeWord(lists: readonly ScoredList[], slot: number): WordList {
  const sorted = [...lists].sort((a, b) => a.list.ids.length - b.list.ids.length)
  let total = 0
  for (const { list } of sorted) total += list.ids.length
  let into = buffer(2 * slot, total)
  let from = buffer(2 * slot + 1, total)
  into.length = 0
  for (const scored of sorted) {
    const swap = from
    from = into
    into = swap
    mergeInto(into, from, scored)
  }
  return into
}

/** `into` := `from` merged with one expansion's postings. */
function mergeInto(into: WordList, from: WordList, scored: ScoredList): void {
  const { ids, impacts, own } = scored.list
  const { factor } = scored
  const exact = scored.exact === 0 ? 0 : EXACT_FLAG
  const { ids: fromIds, score: fromScore, flags: fromFlags } = from
  const { ids: intoIds, score: intoScore, flags: intoFlags } = into
  let i = 0
  let j = 0
  let n = 0
  const endFrom = from.length
  const endList = ids.length
  while (i < endFrom && j < endList) {
    const a = fromIds[i] as number
    const b = ids[j] as number
    if (a < b) {
      intoIds[n] = a
      intoScore[n] = fromScore[i] as number
      intoFlags[n++] = fromFlags[i++] as number
    } else {
      const score = factor * (impacts[j] as number)
      const flags = exact | (own[j++] === 1 ? OWN_FLAG : 0)
      intoIds[n] = b
      if (a === b) {
        const held = fromScore[i] as number
        // The larger score, as accumulating keeps the best expansion.
        intoScore[n] = Math.max(held, score)
        intoFlags[n++] = (fromFlags[i++] as number) | flags
      } else {
        intoScore[n] = score
        intoFlags[n++] = flags
      }
    }
  }
  for (; i < endFrom; i++, n++) {
    intoIds[n] = fromIds[i] as number
    intoScore[n] = fromScore[i] as number
    intoFlags[n] = fromFlags[i] as number
  }
  for (; j < endList; j++, n++) {
    intoIds[n] = ids[j] as number
    intoScore[n] = factor * (impacts[j] as number)
    intoFlags[n] = exact | (own[j] === 1 ? OWN_FLAG : 0)
  }
  into.length = n
}

/** A word of one expansion as a `WordList` (to be listed beside a merged word). */
export function plainWord(scored: ScoredList, slot: number): WordList {
  const { ids, impacts, own } = scored.list
  const into = buffer(2 * slot, ids.length)
  const exact = scored.exact === 0 ? 0 : EXACT_FLAG
  for (let i = 0; i < ids.length; i++) {
    into.ids[i] = ids[i] as number
    into.score[i] = scored.factor * (impacts[i] as number)
    into.flags[i] = exact | (own[i] === 1 ? OWN_FLAG : 0)
  }
  into.length = ids.length
  return into
}

/**
 * The matches of a query of one or two words given as `WordList`s, in id order, into `s`'s
 * match arrays, as accumulating the first word then the second would score them (0 + a, then
 * + b), among the paragraphs whose mark is `wanted` (all when -1) that match in their own text
 * or as the lead; returns how many.
 */
export function listWords(
  s: Scratch,
  first: WordList,
  second: WordList | undefined,
  lead: Uint8Array,
  wanted: number,
): number {
  const { marks, matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  const b = second ?? first
  const { ids: idsA, score: scoreA, flags: flagsA } = first
  const { ids: idsB, score: scoreB, flags: flagsB } = b
  const endA = first.length
  const endB = second === undefined ? 0 : second.length
  let matches = 0
  let i = 0
  let j = 0
  while (i < endA || j < endB) {
    const idA = i < endA ? (idsA[i] as number) : 0x7fffffff
    const idB = j < endB ? (idsB[j] as number) : 0x7fffffff
    const id = Math.min(idA, idB)
    let score = 0
    let words = 0
    let flags = 0
    let exact = 0
    if (idA === id) {
      score = scoreA[i] as number
      words = 1
      flags = flagsA[i++] as number
      exact = flags & EXACT_FLAG
    }
    if (idB === id) {
      const other = flagsB[j] as number
      score += scoreB[j++] as number
      words++
      flags |= other
      exact += other & EXACT_FLAG
    }
    if (wanted >= 0 && marks[id] !== wanted) continue
    const owned = flags & OWN_FLAG ? 1 : 0
    if (owned !== 1 && lead[id] !== 1) continue
    matchIds[matches] = id
    matchScore[matches] = score
    matchWords[matches] = words
    matchExact[matches] = exact
    matchOwn[matches++] = owned
  }
  return matches
}
