import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  averagePrecision,
  evaluateRanking,
  METRICS,
  type Metrics,
  meanMetrics,
  ndcgAt,
  precisionAt,
  recallAt,
  reciprocalRank,
  relevantCount,
} from '../../src/measure/metrics.ts'

function close(actual: number, expected: number, message?: string): void {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} ≠ ${expected}`)
}

// Binary judgments (CISI-like): a, c, f and x are relevant (x is never retrieved), R = 4.
const binary = new Map([
  ['a', 1],
  ['c', 1],
  ['f', 1],
  ['x', 1],
])
// Ranks:     1    2    3    4    5    6    7    8    9    10   11   12
const ranking = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']

// Graded judgments (Cranfield-like, gain = 5 − grade): a grade 1 → 4, f grade 2 → 3,
// x grade 3 → 2, c grade 4 → 1; b was judged −1 → 0 (judged, not relevant). R = 4.
const graded = new Map([
  ['a', 4],
  ['f', 3],
  ['x', 2],
  ['c', 1],
  ['b', 0],
])
// Ranks:         1    2    3    4    5    6
const gradedRanking = ['b', 'c', 'd', 'a', 'e', 'f']

describe('hand-computed rankings', () => {
  it('average precision: precision at each relevant retrieved, over all relevant judged', () => {
    // Relevant at ranks 1, 3, 6: (1/1 + 2/3 + 3/6) / 4 = (1 + 0.6667 + 0.5) / 4 = 13/24.
    close(averagePrecision(ranking, binary), 13 / 24)
    // Graded: relevant (gain > 0) at ranks 2, 4, 6; b (gain 0) is not: (1/2 + 2/4 + 3/6) / 4 = 0.375.
    close(averagePrecision(gradedRanking, graded), 0.375)
  })

  it('P@10: relevant in the top 10 over 10, however many were retrieved', () => {
    // a, c, f in the top 10 → 3/10.
    close(precisionAt(ranking, binary, 10), 0.3)
    // Only 6 retrieved, 3 relevant → still 3/10, not 3/6.
    close(precisionAt(gradedRanking, graded, 10), 0.3)
  })

  it('Recall@100: relevant in the top 100 over all relevant judged', () => {
    // 3 of 4 (x never retrieved).
    close(recallAt(ranking, binary, 100), 0.75)
    // A relevant document at rank 101 is past the cut: 1 of 4 (a at rank 1 only).
    const long = ['a', ...Array.from({ length: 99 }, (_, i) => `n${i}`), 'c']
    assert.equal(long.indexOf('c'), 100)
    close(recallAt(long, binary, 100), 0.25)
  })

  it('MRR: 1 over the rank of the first relevant document, 0 when none is retrieved', () => {
    close(reciprocalRank(ranking, binary), 1)
    // b at rank 1 is judged but gain 0; c at rank 2 is the first relevant → 1/2.
    close(reciprocalRank(gradedRanking, graded), 0.5)
    close(reciprocalRank(['b', 'd', 'e'], binary), 0)
  })

  it('nDCG@10 binary: log2(rank + 1) discount, ideal from every relevant judged', () => {
    // DCG  = 1/log2(2) + 1/log2(4) + 1/log2(7)              (ranks 1, 3, 6)
    //      = 1 + 0.5 + 0.3562071871 = 1.8562071871
    // IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) + 1/log2(5)  (4 relevant at ranks 1..4)
    //      = 1 + 0.6309297536 + 0.5 + 0.4306765581 = 2.5616063117
    // nDCG = 1.8562071871 / 2.5616063117 = 0.7246263…
    const dcg = 1 + 1 / Math.log2(4) + 1 / Math.log2(7)
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4) + 1 / Math.log2(5)
    close(ndcgAt(ranking, binary, 10), dcg / idcg)
    assert.ok(Math.abs(ndcgAt(ranking, binary, 10) - 0.7246263) < 1e-6)
  })

  it('nDCG@10 graded: the gains as they are (linear), ideal sorted by gain', () => {
    // DCG  = 0 (b) + 1/log2(3) (c) + 0 (d) + 4/log2(5) (a) + 0 (e) + 3/log2(7) (f)
    //      = 0.6309297536 + 1.7227062322 + 1.0686215613 = 3.4222575471
    // IDCG = 4/log2(2) + 3/log2(3) + 2/log2(4) + 1/log2(5)
    //      = 4 + 1.8927892607 + 1 + 0.4306765581 = 7.3234658188
    // nDCG = 3.4222575471 / 7.3234658188 = 0.4673003…
    const dcg = 1 / Math.log2(3) + 4 / Math.log2(5) + 3 / Math.log2(7)
    const idcg = 4 + 3 / Math.log2(3) + 2 / Math.log2(4) + 1 / Math.log2(5)
    close(ndcgAt(gradedRanking, graded, 10), dcg / idcg)
    assert.ok(Math.abs(ndcgAt(gradedRanking, graded, 10) - 0.4673) < 1e-4)
  })

  it('nDCG@10 ignores what is past rank 10 and caps the ideal at 10', () => {
    // 12 relevant documents ranked 1..12: the top 10 is the ideal top 10 → 1.
    const all = new Map(ranking.map((id) => [id, 1]))
    close(ndcgAt(ranking, all, 10), 1)
    // Only a relevant at rank 11: nothing in the top 10.
    close(ndcgAt(['b', 'd', 'e', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'a'], binary, 10), 0)
  })

  it('evaluateRanking gives every metric under its report name', () => {
    const metrics = evaluateRanking(ranking, binary)
    assert.deepEqual(Object.keys(metrics).sort(), METRICS.map((m) => m.key).sort())
    close(metrics.map, 13 / 24)
    close(metrics['p@10'], 0.3)
    close(metrics['recall@100'], 0.75)
    close(metrics.mrr, 1)
  })

  it('counts a document retrieved twice only once', () => {
    // [a, a, c] is read as [a, c]: AP = (1/1 + 2/2) / 4 = 0.5, not (1 + 2/2 + 3/3) / 4.
    const metrics = evaluateRanking(['a', 'a', 'c'], binary)
    close(metrics.map, 0.5)
    close(metrics['p@10'], 0.2)
    close(metrics['recall@100'], 0.5)
  })

  it('scores an empty ranking 0 everywhere', () => {
    for (const value of Object.values(evaluateRanking([], binary))) assert.equal(value, 0)
  })

  it('averages metrics over queries', () => {
    const one: Metrics = { map: 1, 'ndcg@10': 0.5, 'p@10': 0.2, 'recall@100': 1, mrr: 1 }
    const two: Metrics = { map: 0, 'ndcg@10': 0.25, 'p@10': 0, 'recall@100': 0.5, mrr: 0.5 }
    assert.deepEqual(meanMetrics([one, two]), {
      map: 0.5,
      'ndcg@10': 0.375,
      'p@10': 0.1,
      'recall@100': 0.75,
      mrr: 0.75,
    })
    assert.deepEqual(meanMetrics([]), { map: 0, 'ndcg@10': 0, 'p@10': 0, 'recall@100': 0, mrr: 0 })
  })
})

describe('metric properties', () => {
  const docs = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''))
  const judgmentsArb = fc
    .dictionary(docs, fc.integer({ min: 0, max: 4 }), { minKeys: 1 })
    .map((record) => new Map(Object.entries(record)))
    .filter((judgments) => relevantCount(judgments) > 0)

  it('keeps every metric within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(docs, { maxLength: 40 }), judgmentsArb, (ranking, judgments) => {
        for (const value of Object.values(evaluateRanking(ranking, judgments))) {
          assert.ok(value >= 0 && value <= 1, `${value}`)
        }
      }),
    )
  })

  it('scores the ideal ranking (relevant by gain, best first) 1 on MAP, nDCG, recall and MRR', () => {
    fc.assert(
      fc.property(judgmentsArb, (judgments) => {
        const ideal = [...judgments]
          .filter(([, gain]) => gain > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([id]) => id)
        const metrics = evaluateRanking(ideal, judgments)
        close(metrics.map, 1)
        close(metrics['ndcg@10'], 1)
        close(metrics['recall@100'], 1)
        close(metrics.mrr, 1)
        close(metrics['p@10'], Math.min(ideal.length, 10) / 10)
      }),
    )
  })
})
