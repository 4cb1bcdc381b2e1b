// BM25F as scoreParagraphs computes it, on indexes small enough to work out by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildIndex } from '../../src/index/build.ts'
import { planQuery } from '../../src/search/plan.ts'
import {
  defaultRankingOptions,
  paragraphsWith,
  type ScoringWord,
  scoreParagraphs,
} from '../../src/search/score.ts'
import { article } from '../helpers/articles.ts'

// Three paragraphs. Text lengths after analysis (stop words out): p0 `oil price rose` 3,
// p1 `gas fell` 2, p2 `oil oil` 2 (`everywhere` is a stop word); the average is 7/3.
const index = buildIndex([
  article('a', 'Harbour', 'Oil prices rose.', 'Gas fell.'),
  article('b', 'Market', 'Oil oil everywhere.'),
])

const exact = (term: string, count = 1, weight = 1): ScoringWord => ({
  text: term,
  expansions: [{ term, weight, exact: weight === 1 }],
  count,
})

// idf = ln(1 + (N − df + ½)/(df + ½)); a text match adds tf/(1 − b + b·len/avg), saturated
// as f/(k1 + f) in single precision, times idf·(k1 + 1). k1 = 3, b = 0.75.
const idf = (df: number) => Math.log(1 + (3 - df + 0.5) / (df + 0.5))
const term = (tf: number, length: number) => {
  const f = tf / (0.25 + (0.75 * length) / (7 / 3))
  return 4 * Math.fround(f / (3 + f))
}

describe('scoreParagraphs', () => {
  it('gives the BM25F scores worked out by hand', () => {
    const scored = scoreParagraphs(index, [exact('oil'), exact('price')])
    assert.deepEqual(
      scored.map(({ id, words, exact, own }) => ({ id, words, exact, own })),
      [
        { id: 0, words: 2, exact: 2, own: 2 },
        { id: 2, words: 1, exact: 1, own: 1 },
      ],
    )
    // p0: oil (df 2) and price (df 1), once each in 3 words; p2: oil twice in 2 words.
    assert.ok(Math.abs((scored[0]?.score ?? 0) - 1.249948341303158) < 1e-12)
    assert.ok(Math.abs((scored[1]?.score ?? 0) - 0.8036703094794384) < 1e-12)
    assert.ok(
      Math.abs((scored[0]?.score ?? 0) - (idf(2) * term(1, 3) + idf(1) * term(1, 3))) < 1e-9,
    )
    assert.ok(Math.abs((scored[1]?.score ?? 0) - idf(2) * term(2, 2)) < 1e-9)
  })

  it('weighs a title match by the title weight, and marks it as not the paragraph’s own', () => {
    const scored = scoreParagraphs(index, [exact('harbour')])
    // Both paragraphs of article a carry its title (length 1, average 1: no normalisation).
    const f = defaultRankingOptions.weights.title
    const expected = idf(2) * 4 * Math.fround(f / (3 + f))
    assert.deepEqual(
      scored.map(({ id, own }) => ({ id, own })),
      [
        { id: 0, own: 0 },
        { id: 1, own: 0 },
      ],
    )
    for (const paragraph of scored) assert.ok(Math.abs(paragraph.score - expected) < 1e-9)
  })

  it('scores only the field a word is restricted to', () => {
    assert.deepEqual(scoreParagraphs(index, [{ ...exact('harbour'), field: 'text' }]), [])
    assert.equal(scoreParagraphs(index, [{ ...exact('harbour'), field: 'title' }]).length, 2)
  })

  it('multiplies by how often the query asks for a word and by the expansion’s weight', () => {
    const [once] = scoreParagraphs(index, [exact('price')])
    const [twice] = scoreParagraphs(index, [exact('price', 2)])
    const [typo] = scoreParagraphs(index, [exact('price', 1, 0.5)])
    assert.ok(once !== undefined && twice !== undefined && typo !== undefined)
    assert.equal(twice.score, 2 * once.score)
    assert.equal(typo.score, 0.5 * once.score)
    assert.equal(typo.exact, 0)
  })

  it('takes the best of a word’s expansions, not their sum', () => {
    const both: ScoringWord = {
      text: 'oi',
      expansions: [
        { term: 'oil', weight: 0.8, exact: false },
        { term: 'price', weight: 0.8, exact: false },
      ],
      count: 1,
    }
    const [p0] = scoreParagraphs(index, [both])
    const [oil] = scoreParagraphs(index, [exact('oil', 1, 0.8)])
    const [price] = scoreParagraphs(index, [exact('price', 1, 0.8)])
    assert.equal(p0?.words, 1)
    assert.equal(p0?.score, Math.max(oil?.score ?? 0, price?.score ?? 0))
  })

  it('leaves its scratch space clean: the same query scores the same twice', () => {
    const words = planQuery(index, 'oil prices harbour').words
    assert.deepEqual(scoreParagraphs(index, words), scoreParagraphs(index, words))
  })

  it('never lowers a score for a higher term frequency, other things equal', () => {
    // Paragraphs of one length, differing only in how many of their words are `oil`.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 8 }),
        (counts) => {
          const length = 12
          const built = buildIndex(
            counts.map((count, i) =>
              article(
                `p${i}`,
                'Report',
                [...Array(count).fill('oil'), ...Array(length - count).fill(`filler${i}`)].join(
                  ' ',
                ),
              ),
            ),
          )
          const scores = new Map(
            scoreParagraphs(built, [exact('oil')]).map((p) => [p.id, p.score] as const),
          )
          for (let i = 0; i < counts.length; i++) {
            for (let j = 0; j < counts.length; j++) {
              if ((counts[i] as number) > (counts[j] as number)) {
                assert.ok((scores.get(i) as number) >= (scores.get(j) as number), `${counts}`)
              }
            }
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('paragraphsWith', () => {
  it('finds the paragraphs holding a term, in any field or in the one given', () => {
    assert.deepEqual([...paragraphsWith(index, 'oil')].sort(), [0, 2])
    assert.deepEqual([...paragraphsWith(index, 'harbour')].sort(), [0, 1])
    assert.deepEqual([...paragraphsWith(index, 'harbour', 'text')], [])
    assert.deepEqual([...paragraphsWith(index, 'unknown')], [])
  })
})
