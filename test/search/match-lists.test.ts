import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { listPair, listSingle } from '../../src/search/match-lists.ts'
import { type ScoredList, scratchFor } from '../../src/search/match-scratch.ts'
import { listUnion } from '../../src/search/union-lists.ts'
import { listWords, mergesCheaply, mergeWord, plainWord } from '../../src/search/word-lists.ts'

// The typed path lists a query's matches four ways (one list read directly, two words merged,
// one or two words of several expansions each merged into one list first, else merged block by
// block of ids); each must give what scoring every
// paragraph by hand gives: in id order, the sum of each word's best expansion (added word by
// word from 0), the words and exact words matched, and whether one matched in the paragraph's
// own text, for the paragraphs whose mark is wanted and that match in their text or lead.

const SIZE = 150 // several 32-bit slots, and ids on both sides of each slot's last bit

interface Case {
  words: ScoredList[][]
  lead: Uint8Array
  marks: Int32Array
  wanted: number
}

const list = fc
  .record({
    ids: fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { minLength: 1, maxLength: 60 }),
    factor: fc.double({ min: 0.1, max: 10, noNaN: true }),
    exact: fc.constantFrom(0, 2),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ ids, factor, exact, seed }): ScoredList => {
    const sorted = Int32Array.from(ids).sort()
    return {
      term: `t${seed}`,
      list: {
        ids: sorted,
        impacts: Float32Array.from(sorted, (id) => ((id * seed) % 97) / 100),
        own: Uint8Array.from(sorted, (id) => ((id + seed) % 3 === 0 ? 0 : 1)),
      },
      factor,
      exact,
    }
  })

const aCase: fc.Arbitrary<Case> = fc.record({
  words: fc.array(fc.array(list, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  lead: fc.uint8Array({ min: 0, max: 1, minLength: SIZE, maxLength: SIZE }),
  marks: fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: SIZE, maxLength: SIZE })
    .map((m) => Int32Array.from(m)),
  wanted: fc.constantFrom(-1, 0, 2),
})

interface Match {
  id: number
  score: number
  words: number
  exact: number
  own: number
}

/** Every paragraph scored by hand. */
function byHand({ words, lead, marks, wanted }: Case): Match[] {
  const found: Match[] = []
  for (let id = 0; id < SIZE; id++) {
    if (wanted >= 0 && marks[id] !== wanted) continue
    const match = { id, score: 0, words: 0, exact: 0, own: 0 }
    for (const lists of words) {
      let best: number | undefined
      let exact = false
      for (const { list: l, factor, exact: e } of lists) {
        const at = l.ids.indexOf(id)
        if (at < 0) continue
        const score = factor * (l.impacts[at] as number)
        if (best === undefined || score > best) best = score
        if (e !== 0) exact = true
        if (l.own[at] === 1) match.own = 1
      }
      if (best === undefined) continue
      match.score += best
      match.words++
      if (exact) match.exact++
    }
    if (match.words > 0 && (match.own === 1 || lead[id] === 1)) found.push(match)
  }
  return found
}

function listed(matches: number): Match[] {
  const s = scratchFor(SIZE)
  return Array.from({ length: matches }, (_, at) => ({
    id: s.matchIds[at] as number,
    score: s.matchScore[at] as number,
    words: s.matchWords[at] as number,
    exact: s.matchExact[at] as number,
    own: s.matchOwn[at] as number,
  }))
}

function withMarks(marks: Int32Array, run: () => Match[]): Match[] {
  const s = scratchFor(SIZE)
  s.marks.set(marks)
  const result = run()
  s.marks.fill(0, 0, SIZE)
  return result
}

describe('listing a query’s matches', () => {
  it('merged block by block of ids and read back in order, as scoring each paragraph gives', () => {
    // Blocks smaller than the ids, of sizes that do and do not divide them, and one holding all.
    fc.assert(
      fc.property(aCase, fc.constantFrom(7, 32, 64, 1024), (c, block) => {
        const got = withMarks(c.marks, () =>
          listed(listUnion(scratchFor(SIZE), c.words, c.lead, c.wanted, SIZE, block)),
        )
        assert.deepEqual(got, byHand(c))
      }),
      { numRuns: 400 },
    )
  })

  it('read straight from one list, or two words’ lists merged, as scoring each paragraph gives', () => {
    fc.assert(
      fc.property(aCase, fc.boolean(), (c, pair) => {
        const words = pair ? [[c.words[0]?.[0]], [c.words.at(-1)?.at(-1)]] : [[c.words[0]?.[0]]]
        const direct = { ...c, words: words as ScoredList[][] }
        const [first, second] = direct.words.flat()
        const got = withMarks(c.marks, () =>
          listed(
            second === undefined
              ? listSingle(scratchFor(SIZE), first as ScoredList, c.lead, c.wanted)
              : listPair(scratchFor(SIZE), first as ScoredList, second, c.lead, c.wanted),
          ),
        )
        assert.deepEqual(got, byHand(direct))
      }),
      { numRuns: 300 },
    )
  })

  it('merged word by word, one or two words of several expansions, as scoring each paragraph gives', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const words = c.words.slice(0, 2)
        const got = withMarks(c.marks, () => {
          const [first, second] = words.map((lists, slot) =>
            lists.length === 1 ? plainWord(lists[0] as ScoredList, slot) : mergeWord(lists, slot),
          )
          return listed(
            listWords(
              scratchFor(SIZE),
              first as NonNullable<typeof first>,
              second,
              c.lead,
              c.wanted,
            ),
          )
        })
        assert.deepEqual(got, byHand({ ...c, words }))
      }),
      { numRuns: 400 },
    )
  })

  it('merges a word one list at a time only when that copies each posting a few times', () => {
    const ofLength = (n: number): ScoredList => ({
      term: `t${n}`,
      list: { ids: new Int32Array(n), impacts: new Float32Array(n), own: new Uint8Array(n) },
      factor: 1,
      exact: 0,
    })
    // One large completion and small ones (a prefix like `mar`): each posting copied about once.
    assert.equal(
      mergesCheaply([ofLength(10_000), ...Array.from({ length: 20 }, () => ofLength(20))]),
      true,
    )
    // Many large completions (a prefix like `co`): the merged list would be copied again and again.
    assert.equal(mergesCheaply(Array.from({ length: 20 }, () => ofLength(10_000))), false)
  })
})
