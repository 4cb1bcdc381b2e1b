// The matches of a query of three words or more (any of them with several expansions) in id
// order, block by block of ids: each word's best expansion and the paragraph's sum are kept in
// arrays the size of a block, which stay in the processor's cache, where arrays a million long
// were swept once a list and missed it at nearly every posting.
import type { ScoredList, Scratch } from './match-scratch.ts'

/** Ids a block: its per-paragraph arrays take about 350 KB, within a core's cache. */
export const BLOCK = 16384

/** Per paragraph of a block (its id less the block's first), reused and left zeroed. */
interface BlockArrays {
  score: Float64Array
  words: Uint8Array
  exact: Uint8Array
  own: Uint8Array
  wordBest: Float64Array
  wordFlag: Uint8Array
  wordTouched: Int32Array
  /** Bit `at & 31` of slot `at >>> 5` set for each paragraph a word touched in the block. */
  bits: Int32Array
}

let arrays: BlockArrays | undefined

function blockArrays(block: number): BlockArrays {
  if (arrays === undefined || arrays.score.length !== block) {
    arrays = {
      score: new Float64Array(block),
      words: new Uint8Array(block),
      exact: new Uint8Array(block),
      own: new Uint8Array(block),
      wordBest: new Float64Array(block),
      wordFlag: new Uint8Array(block),
      wordTouched: new Int32Array(block),
      bits: new Int32Array((block >>> 5) + 1),
    }
  }
  return arrays
}

// Per-paragraph flags while scoring one word.
const SEEN = 1
const EXACT = 2
const OWN = 4

/**
 * The matches of a query whose words have these lists, in id order, into `s`'s match arrays:
 * each paragraph scored as the sum of each word's best expansion (added word by word from 0),
 * with the words and exact words it holds and whether one is in its own text, for the
 * paragraphs whose mark is `wanted` (all when -1) that match in their own text or as their
 * article's lead. Returns how many. `block` is for tests: blocks of a few ids.
 */
export function listUnion(
  s: Scratch,
  words: readonly (readonly ScoredList[])[],
  lead: Uint8Array,
  wanted: number,
  size: number,
  block = BLOCK,
): number {
  const {
    score,
    words: held,
    exact,
    own: owned,
    wordBest,
    wordFlag,
    wordTouched,
    bits,
  } = blockArrays(block)
  const { marks, matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  const cursors = words.map((lists) => new Int32Array(lists.length))
  let matches = 0
  let low = firstId(words, cursors)
  while (low < size) {
    // The block holding the lowest id not yet read; blocks no list reaches are skipped.
    low -= low % block
    const high = Math.min(low + block, size)
    for (let w = 0; w < words.length; w++) {
      const lists = words[w] as readonly ScoredList[]
      const cursor = cursors[w] as Int32Array
      if (lists.length === 1) {
        // A word of one list (most words): added straight in, as its best expansion would be.
        const { list, factor } = lists[0] as ScoredList
        const { ids, impacts, own } = list
        const isExact = (lists[0] as ScoredList).exact !== 0
        let i = cursor[0] as number
        for (; i < ids.length; i++) {
          const id = ids[i] as number
          if (id >= high) break
          if (wanted >= 0 && marks[id] !== wanted) continue
          const at = id - low
          if (held[at] === 0) bits[at >>> 5] = (bits[at >>> 5] as number) | (1 << (at & 31))
          score[at] = (score[at] as number) + factor * (impacts[i] as number)
          held[at] = (held[at] as number) + 1
          if (isExact) exact[at] = (exact[at] as number) + 1
          if (own[i] === 1) owned[at] = 1
        }
        cursor[0] = i
        continue
      }
      let touched = 0
      for (let l = 0; l < lists.length; l++) {
        const { list, factor } = lists[l] as ScoredList
        const { ids, impacts, own } = list
        const exactFlag = (lists[l] as ScoredList).exact === 0 ? 0 : EXACT
        let i = cursor[l] as number
        for (; i < ids.length; i++) {
          const id = ids[i] as number
          if (id >= high) break
          if (wanted >= 0 && marks[id] !== wanted) continue
          const at = id - low
          const value = factor * (impacts[i] as number)
          let flag = wordFlag[at] as number
          if (flag === 0) {
            wordTouched[touched++] = at
            wordBest[at] = value
            flag = SEEN
          } else if ((wordBest[at] as number) < value) wordBest[at] = value
          wordFlag[at] = flag | exactFlag | (own[i] === 1 ? OWN : 0)
        }
        cursor[l] = i
      }
      for (let t = 0; t < touched; t++) {
        const at = wordTouched[t] as number
        const flag = wordFlag[at] as number
        wordFlag[at] = 0
        if (held[at] === 0) bits[at >>> 5] = (bits[at >>> 5] as number) | (1 << (at & 31))
        score[at] = (score[at] as number) + (wordBest[at] as number)
        held[at] = (held[at] as number) + 1
        if (flag & EXACT) exact[at] = (exact[at] as number) + 1
        if (flag & OWN) owned[at] = 1
      }
    }
    // The block's paragraphs in id order, read from a bit each; the block's arrays zeroed.
    const slots = (high - low + 31) >>> 5
    for (let slot = 0; slot < slots; slot++) {
      let set = bits[slot] as number
      if (set === 0) continue
      bits[slot] = 0
      const base = slot << 5
      while (set !== 0) {
        const lowest = set & -set
        set ^= lowest
        const at = base + 31 - Math.clz32(lowest)
        const id = low + at
        const ownText = owned[at] as number
        if (ownText === 1 || lead[id] === 1) {
          matchIds[matches] = id
          matchScore[matches] = score[at] as number
          matchWords[matches] = held[at] as number
          matchExact[matches] = exact[at] as number
          matchOwn[matches++] = ownText
        }
        score[at] = 0
        held[at] = 0
        exact[at] = 0
        owned[at] = 0
      }
    }
    low = Math.max(high, firstId(words, cursors))
  }
  return matches
}

/** The lowest id any list holds at or after its cursor; `0x7fffffff` when all are read. */
function firstId(words: readonly (readonly ScoredList[])[], cursors: Int32Array[]): number {
  let first = 0x7fffffff
  words.forEach((lists, w) => {
    const cursor = cursors[w] as Int32Array
    lists.forEach(({ list }, l) => {
      const at = cursor[l] as number
      if (at < list.ids.length && (list.ids[at] as number) < first) first = list.ids[at] as number
    })
  })
  return first
}
