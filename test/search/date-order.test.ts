// Ordering by date: complete matches first, by date, undated last; relevance breaks ties.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { dateOrder } from '../../src/search/date-order.ts'

interface Item {
  name: string
  date: string | null
  complete: boolean
  /** Position in the relevance order. */
  rank: number
}

const byRank = (a: Item, b: Item) => a.rank - b.rank
const items: Item[] = [
  { name: 'partial-new', date: '1987-10-19', complete: false, rank: 0 },
  { name: 'complete-undated', date: null, complete: true, rank: 1 },
  { name: 'complete-old', date: '1987-02-26T15:01:01.790Z', complete: true, rank: 2 },
  { name: 'complete-new', date: '1987-10-19T09:00:00.000Z', complete: true, rank: 3 },
  { name: 'complete-new-day', date: '1987-10-19', complete: true, rank: 4 },
  { name: 'partial-undated', date: null, complete: false, rank: 5 },
  { name: 'partial-old', date: '1987-01-02', complete: false, rank: 6 },
  { name: 'complete-old-twin', date: '1987-02-26T15:01:01.790Z', complete: true, rank: 7 },
]

function sorted(sort: 'newest' | 'oldest'): string[] {
  return [...items].sort(dateOrder(sort, (item) => item, byRank)).map((item) => item.name)
}

describe('dateOrder', () => {
  it('newest: complete matches newest first, then partial ones, undated last in each', () => {
    assert.deepEqual(sorted('newest'), [
      'complete-new',
      'complete-new-day',
      'complete-old',
      'complete-old-twin',
      'complete-undated',
      'partial-new',
      'partial-old',
      'partial-undated',
    ])
  })

  it('oldest: complete matches oldest first, then partial ones, undated still last', () => {
    assert.deepEqual(sorted('oldest'), [
      'complete-old',
      'complete-old-twin',
      'complete-new-day',
      'complete-new',
      'complete-undated',
      'partial-old',
      'partial-new',
      'partial-undated',
    ])
  })

  it('is a consistent order: sorting any shuffle gives the same list', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(items, { minLength: items.length }),
        fc.constantFrom('newest', 'oldest' as const),
        (shuffled, sort) => {
          const compare = dateOrder(sort, (item: Item) => item, byRank)
          assert.deepEqual(
            [...shuffled].sort(compare).map((item) => item.name),
            sorted(sort),
          )
        },
      ),
    )
  })
})
