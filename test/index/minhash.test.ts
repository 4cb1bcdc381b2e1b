import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  estimatedSimilarity,
  jaccard,
  MIN_SHINGLES,
  SHINGLE_WORDS,
  SIGNATURE_BINS,
  shingles,
  signature,
  wordHash,
  wordSignature,
} from '../../src/index/minhash.ts'
import { mulberry32 as random } from '../../src/measure/random.ts'

const hashes = (text: string) => text.split(' ').map(wordHash)

describe('wordHash', () => {
  it('is FNV-1a, as a signed 32-bit integer', () => {
    assert.equal(wordHash('') >>> 0, 0x811c9dc5)
    assert.equal(wordHash('a') >>> 0, 0xe40c292c)
    assert.equal(wordHash('foobar') >>> 0, 0xbf9cf968)
    assert.equal(wordHash('a'), wordHash('a') | 0)
  })
})

describe('shingles', () => {
  it('gives each run of three words once, sorted', () => {
    const repeated = shingles(hashes('a b c a b c'))
    assert.equal(repeated.length, 3) // abc, bca, cab; abc again is not counted twice
    assert.deepEqual(
      [...repeated],
      [...repeated].sort((x, y) => x - y),
    )
    assert.equal(shingles(hashes('a b c d')).length, 2)
  })

  it('makes a text shorter than a shingle one shingle, and nothing of no words', () => {
    assert.equal(shingles(hashes('a b')).length, 1)
    assert.equal(shingles([]).length, 0)
  })

  it('depends on the order of the words', () => {
    assert.notDeepEqual([...shingles(hashes('a b c'))], [...shingles(hashes('c b a'))])
  })
})

describe('signature', () => {
  const words = (count: number, next: () => number) =>
    Array.from({ length: count }, () => `w${Math.floor(next() * 5000)}`)

  it('is the same for the same text and none for a text too short to compare', () => {
    const text = hashes('the quick brown fox jumps over the lazy dog and runs far away')
    const a = signature(shingles(text))
    assert.ok(a)
    assert.equal(a.length, SIGNATURE_BINS)
    assert.deepEqual(a, signature(shingles(text)))
    assert.equal(estimatedSimilarity(a, a), 1)
    // Exactly MIN_SHINGLES shingles are enough; one word fewer is not.
    const enough = Array.from({ length: MIN_SHINGLES + SHINGLE_WORDS - 1 }, (_, i) => `w${i}`)
    assert.ok(signature(shingles(enough.map(wordHash))))
    assert.equal(signature(shingles(enough.slice(1).map(wordHash))), undefined)
  })

  it('estimates the Jaccard similarity of the shingles within a few hundredths on average', () => {
    const next = random(7)
    let error = 0
    let worst = 0
    const pairs = 300
    for (let pair = 0; pair < pairs; pair++) {
      // A text and a variant with a share of its words replaced, inserted or cut.
      const base = words(40 + Math.floor(next() * 300), next)
      const variant = base.flatMap((word) => {
        const roll = next()
        if (roll < 0.03 * (pair % 8)) return [`x${Math.floor(next() * 5000)}`]
        if (roll < 0.04 * (pair % 8)) return []
        return [word]
      })
      const a = shingles(base.map(wordHash))
      const b = shingles(variant.map(wordHash))
      const exact = jaccard(a, b)
      const estimate = estimatedSimilarity(signature(a) as Uint16Array, signature(b) as Uint16Array)
      error += Math.abs(estimate - exact)
      worst = Math.max(worst, Math.abs(estimate - exact))
    }
    assert.ok(error / pairs < 0.04, `mean error ${error / pairs}`)
    assert.ok(worst < 0.2, `worst error ${worst}`)
  })

  it('tells unrelated texts apart', () => {
    const next = random(11)
    const a = signature(shingles(words(200, next).map(wordHash))) as Uint16Array
    const b = signature(shingles(words(200, next).map(wordHash))) as Uint16Array
    assert.ok(estimatedSimilarity(a, b) < 0.1)
  })
})

describe('jaccard', () => {
  it('is the share of shingles two sets have in common', () => {
    assert.equal(jaccard(Uint32Array.of(1, 2, 3), Uint32Array.of(2, 3, 4)), 0.5)
    assert.equal(jaccard(Uint32Array.of(1), Uint32Array.of(2)), 0)
    assert.equal(jaccard(new Uint32Array(0), new Uint32Array(0)), 1)
  })
})

describe('wordSignature', () => {
  it('is the signature of the sorted distinct shingles, however often the text repeats itself', () => {
    // Few distinct words, so that texts repeat shingles and sit on both sides of MIN_SHINGLES:
    // a saved signature must not depend on which of the two ways made it.
    const text = fc.array(
      fc.integer({ min: 0, max: 6 }).map((n) => wordHash(`w${n}`)),
      {
        maxLength: 40,
      },
    )
    fc.assert(
      fc.property(text, (words) => {
        assert.deepEqual(wordSignature(words), signature(shingles(words)))
      }),
      { numRuns: 2000 },
    )
  })
})
