import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { firstInOrder } from '../../src/search/top.ts'

describe('firstInOrder', () => {
  it('gives what sorting all and taking the first would give', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { maxLength: 400 }),
        fc.integer({ min: -2, max: 120 }),
        (items, count) => {
          const byValue = (a: number, b: number) => a - b
          const expected = [...items].sort(byValue).slice(0, Math.max(0, count))
          assert.deepEqual(firstInOrder(items, count, byValue), expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('leaves the items as they were', () => {
    const items = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 11, 10, 13, 12, 15, 14, 17, 16, 19, 18]
    const copy = [...items]
    assert.deepEqual(
      firstInOrder(items, 3, (a, b) => a - b),
      [0, 1, 2],
    )
    assert.deepEqual(items, copy)
  })
})
