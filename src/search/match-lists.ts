// Matches listed straight from the postings, in id order, with their scores: for a query of one
// list or two words of one list each (most queries), with no accumulator a million long
// scattered into and gathered back.
import type { ScoredList, Scratch } from './match-scratch.ts'

/**
 * The matches of a query with one list, in id order: its postings whose mark is `wanted` (all
 * when -1), found in their own text or as their article's lead; returns how many.
 */
export function listSingle(
  s: Scratch,
  scored: ScoredList,
  lead: Uint8Array,
  wanted: number,
): number {
  const { ids, impacts, own } = scored.list
  const { factor } = scored
  const exact = scored.exact === 0 ? 0 : 1
  const { marks, matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  let matches = 0
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number
    if (wanted >= 0 && marks[id] !== wanted) continue
    const owned = own[i] as number
    if (owned !== 1 && lead[id] !== 1) continue
    matchIds[matches] = id
    // As accumulating it would: 0 + factor × impact.
    matchScore[matches] = factor * (impacts[i] as number)
    matchWords[matches] = 1
    matchExact[matches] = exact
    matchOwn[matches++] = owned
  }
  return matches
}

/**
 * The matches of a query of two words with one list each: the two lists merged by id, each
 * paragraph scored as accumulating the first word then the second would (0 + a, then + b),
 * among the postings whose mark is `wanted` (all when -1); returns how many.
 */
export function listPair(
  s: Scratch,
  first: ScoredList,
  second: ScoredList,
  lead: Uint8Array,
  wanted: number,
): number {
  // Every array and factor in a local: read through their objects, the loop ran a fifth slower.
  const { ids: idsA, impacts: impactsA, own: ownA } = first.list
  const { ids: idsB, impacts: impactsB, own: ownB } = second.list
  const factorA = first.factor
  const factorB = second.factor
  const exactA = first.exact === 0 ? 0 : 1
  const exactB = second.exact === 0 ? 0 : 1
  const { marks, matchIds, matchScore, matchWords, matchExact, matchOwn } = s
  let matches = 0
  let i = 0
  let j = 0
  const endA = idsA.length
  const endB = idsB.length
  while (i < endA || j < endB) {
    const idA = i < endA ? (idsA[i] as number) : 0x7fffffff
    const idB = j < endB ? (idsB[j] as number) : 0x7fffffff
    const id = Math.min(idA, idB)
    let score = 0
    let words = 0
    let exact = 0
    let owned = 0
    if (idA === id) {
      score = factorA * (impactsA[i] as number)
      words = 1
      exact = exactA
      owned = ownA[i++] as number
    }
    if (idB === id) {
      score += factorB * (impactsB[j] as number)
      words++
      exact += exactB
      owned |= ownB[j++] as number
    }
    if (wanted >= 0 && marks[id] !== wanted) continue
    if (owned !== 1 && lead[id] !== 1) continue
    matchIds[matches] = id
    matchScore[matches] = score
    matchWords[matches] = words
    matchExact[matches] = exact
    matchOwn[matches++] = owned
  }
  return matches
}
