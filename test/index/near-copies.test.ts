import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { estimatedSimilarity, shingles, signature, wordHash } from '../../src/index/minhash.ts'
import { NearCopies } from '../../src/index/near-copies.ts'

const signatureOf = (words: readonly string[]) => signature(shingles(words.map(wordHash)))

/** A family of texts: a few originals, and variants of them with a few words changed. */
const collection = fc
  .array(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 20, maxLength: 120 }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((originals) =>
    fc
      .array(
        fc.record({
          from: fc.nat({ max: originals.length - 1 }),
          changes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3000 })), {
            maxLength: 12,
          }),
        }),
        { minLength: 1, maxLength: 14 },
      )
      .map((variants) =>
        variants.map(({ from, changes }, n) => {
          const words = (originals[from] as number[]).map((w) => `w${w}`)
          for (const [at, word] of changes) words[at % words.length] = `v${word}`
          return { id: `a${n}`, signature: signatureOf(words) }
        }),
      ),
  )

/**
 * The pairs of articles in one group when pairs whose estimate reaches `threshold` are linked,
 * by brute force: every pair compared, then the links closed under transitivity.
 */
function bruteForceGrouped(
  items: readonly { id: string; signature: Uint16Array | undefined }[],
  threshold: number,
): Set<string> {
  const group = new Map(items.map((item) => [item.id, item.id]))
  const root = (id: string): string => {
    const parent = group.get(id) as string
    return parent === id ? id : root(parent)
  }
  for (const a of items)
    for (const b of items)
      if (a.signature && b.signature && estimatedSimilarity(a.signature, b.signature) >= threshold)
        group.set(root(a.id), root(b.id))
  return pairsOf(
    items.map((item) => item.id),
    (id) => root(id),
  )
}

/** Every pair `a b` (a < b) of ids with the same group key. */
function pairsOf(ids: readonly string[], key: (id: string) => string): Set<string> {
  const pairs = new Set<string>()
  for (const a of ids) for (const b of ids) if (a < b && key(a) === key(b)) pairs.add(`${a} ${b}`)
  return pairs
}

function grouped(copies: NearCopies, ids: readonly string[]): Set<string> {
  return pairsOf(ids, (id) => [id, ...copies.copiesOf(id)].sort()[0] as string)
}

describe('NearCopies', () => {
  it('groups a text with its variants and leaves a different text alone', () => {
    const base = Array.from({ length: 80 }, (_, i) => `w${i}`)
    const corrected = base.map((w, i) => (i === 40 ? 'w999' : w))
    const longer = [...base, ...Array.from({ length: 8 }, (_, i) => `x${i}`)]
    const other = Array.from({ length: 80 }, (_, i) => `y${i}`)
    const copies = new NearCopies()
    copies.add('original', signatureOf(base))
    copies.add('corrected', signatureOf(corrected))
    copies.add('longer', signatureOf(longer))
    copies.add('other', signatureOf(other))
    assert.deepEqual(copies.groups(), [['corrected', 'longer', 'original']])
    assert.deepEqual(copies.copiesOf('original'), ['corrected', 'longer'])
    assert.deepEqual(copies.copiesOf('other'), [])
  })

  it('splits a group when the article holding it together goes', () => {
    // a ~ b and b ~ c, but a and c are too far apart: b links them.
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`)
    const b = words.map((w, i) => (i % 20 === 0 ? `b${i}` : w))
    const c = b.map((w, i) => (i % 20 === 10 ? `c${i}` : w))
    const copies = new NearCopies(0.7)
    copies.add('a', signatureOf(words))
    copies.add('b', signatureOf(b))
    copies.add('c', signatureOf(c))
    assert.equal(copies.groups().length, 1)
    copies.remove('b')
    assert.deepEqual(
      copies.groups(),
      estimatedSimilarity(signatureOf(words) as Uint16Array, signatureOf(c) as Uint16Array) >= 0.7
        ? [['a', 'c']]
        : [],
    )
  })

  it('groups only through pairs at the threshold, and finds every pair clearly above it', () => {
    fc.assert(
      fc.property(collection, (items) => {
        const copies = new NearCopies(0.8)
        for (const { id, signature } of items) copies.add(id, signature)
        const ids = items.map((item) => item.id)
        const found = grouped(copies, ids)
        for (const pair of found) assert.ok(bruteForceGrouped(items, 0.8).has(pair), pair)
        // 101 agreeing bins out of 120 leave at most 19 bins to spoil 20 bands: one band is whole.
        for (const pair of bruteForceGrouped(items, 101 / 120)) assert.ok(found.has(pair), pair)
      }),
      { numRuns: 150 },
    )
  })

  it('ends the same whatever order articles were added and removed in', () => {
    fc.assert(
      fc.property(
        collection,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer(),
        (items, removals, seed) => {
          const removed = new Set(
            removals.map((n) => (items[n % items.length] as { id: string }).id),
          )
          const incremental = new NearCopies()
          const shuffled = [...items].sort((a, b) => hash(a.id, seed) - hash(b.id, seed) || 0)
          for (const { id, signature } of shuffled) incremental.add(id, signature)
          for (const id of removed) incremental.remove(id)
          const full = new NearCopies()
          for (const { id, signature } of items) if (!removed.has(id)) full.add(id, signature)
          assert.deepEqual(incremental.groups(), full.groups())
        },
      ),
      { numRuns: 150 },
    )
  })

  it('ends the same when articles come and go in turns, removed ones coming back', () => {
    // Adds after removals reuse what the removed left (their slots, their places in buckets).
    const step = fc.tuple(fc.boolean(), fc.nat())
    fc.assert(
      fc.property(collection, fc.array(step, { minLength: 1, maxLength: 40 }), (items, steps) => {
        const churned = new NearCopies()
        const held = new Map<string, Uint16Array | undefined>()
        for (const [adding, n] of steps) {
          const { id, signature } = items[n % items.length] as (typeof items)[number]
          if (adding) {
            churned.add(id, signature)
            held.set(id, signature)
          } else {
            churned.remove(id)
            held.delete(id)
          }
        }
        const full = new NearCopies()
        for (const [id, signature] of held) full.add(id, signature)
        assert.deepEqual(churned.groups(), full.groups())
        // A churned index saved and loaded, then churned again, still agrees.
        const ids = [...held.keys()]
        const restored = new NearCopies()
        restored.restore(ids, churned.snapshot(ids))
        for (const { id, signature } of items.slice(0, 3)) {
          restored.remove(id)
          restored.add(`${id}'`, signature)
          full.remove(id)
          full.add(`${id}'`, signature)
        }
        assert.deepEqual(restored.groups(), full.groups())
      }),
      { numRuns: 200 },
    )
  })

  it('restores a snapshot to the same groups, stories and copies, and updates it alike', () => {
    fc.assert(
      fc.property(collection, fc.array(fc.nat(), { maxLength: 4 }), (items, removals) => {
        const original = new NearCopies()
        for (const { id, signature } of items) original.add(id, signature)
        // Saved and loaded in another order than added, as a load numbers articles.
        const ids = items.map((item) => item.id).reverse()
        const restored = new NearCopies()
        restored.restore(ids, original.snapshot(ids))
        const seen = (copies: NearCopies) => ({
          groups: copies.groups(),
          stories: ids.map((id) => copies.storyOf(id)),
          copies: ids.map((id) => copies.copiesOf(id)),
        })
        assert.deepEqual(seen(restored), seen(original))
        // The first update makes the restored links live: a removal must split groups alike.
        for (const n of removals) {
          const id = ids[n % ids.length] as string
          original.remove(id)
          restored.remove(id)
        }
        assert.deepEqual(seen(restored), seen(original))
      }),
      { numRuns: 150 },
    )
  })

  it('refuses a threshold outside (0, 1]', () => {
    assert.throws(() => new NearCopies(0), /threshold/)
    assert.throws(() => new NearCopies(1.5), /threshold/)
  })
})

function hash(id: string, seed: number): number {
  return wordHash(`${seed}:${id}`)
}

describe('NearCopies with exact similarity', () => {
  it('decides pairs near the threshold by the exact similarity, and trusts clear estimates', () => {
    const base = Array.from({ length: 60 }, (_, i) => `w${i}`)
    const copy = [...base]
    const signatureA = signatureOf(base)
    const asked: string[] = []
    // An exact similarity that disagrees with the estimate: only consulted near the threshold.
    const exact = (similarity: number) => (a: string, b: string) => {
      asked.push(`${a} ${b}`)
      return similarity
    }
    const identical = new NearCopies(0.8, exact(0))
    identical.add('a', signatureA)
    identical.add('b', signatureOf(copy))
    assert.deepEqual(identical.groups(), [['a', 'b']], 'an estimate of 1 is trusted')
    assert.deepEqual(asked, [])

    const near = base.map((w, i) => (i === 20 || i === 40 ? `x${i}` : w))
    const estimate = estimatedSimilarity(
      signatureA as Uint16Array,
      signatureOf(near) as Uint16Array,
    )
    assert.ok(Math.abs(estimate - 0.8) < 0.1, `the variant is near the threshold: ${estimate}`)
    for (const [similarity, groups] of [
      [0.79, []],
      [0.8, [['a', 'near']]],
    ] as const) {
      const copies = new NearCopies(0.8, exact(similarity))
      copies.add('a', signatureA)
      copies.add('near', signatureOf(near))
      assert.deepEqual(copies.groups(), groups)
    }
    assert.deepEqual(asked, ['near a', 'near a'])
  })
})
