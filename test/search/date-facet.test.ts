// The date facet: buckets by year, month or day, chosen from the span; the sums hold.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  chooseInterval,
  dateFacet,
  FEWEST_BUCKETS,
  MOST_BUCKETS,
  spanBuckets,
} from '../../src/search/date-facet.ts'

describe('dateFacet', () => {
  it('counts by day over a short span, in time order, datetimes and days alike', () => {
    const dates = [
      '1987-03-09T10:00:00.000Z',
      '1987-03-02',
      '1987-03-09',
      '1987-03-02T23:59:59.999Z',
      '1987-03-20',
    ]
    assert.deepEqual(dateFacet(dates, 2), {
      interval: 'day',
      buckets: [
        { key: '1987-03-02', count: 2 },
        { key: '1987-03-09', count: 2 },
        { key: '1987-03-20', count: 1 },
      ],
      undated: 2,
    })
  })

  it('counts by month over months and by year over decades', () => {
    const months = dateFacet(['1987-02-26', '1987-10-19', '1987-10-20', '1987-06-01'], 0)
    assert.equal(months.interval, 'month')
    assert.deepEqual(months.buckets, [
      { key: '1987-02', count: 1 },
      { key: '1987-06', count: 1 },
      { key: '1987-10', count: 2 },
    ])
    const years = dateFacet(['1960-01-01', '2024-03-05T17:30:00.000Z', '1999-12-31'], 0)
    assert.equal(years.interval, 'year')
    assert.deepEqual(
      years.buckets.map((b) => b.key),
      ['1960', '1999', '2024'],
    )
  })

  it('gives no buckets when nothing is dated', () => {
    assert.deepEqual(dateFacet([], 4), { interval: 'day', buckets: [], undated: 4 })
  })

  it('chooses the nearest interval when none gives 5 to 60 buckets', () => {
    assert.equal(chooseInterval('1987-03-01', '1987-03-01'), 'day')
    assert.equal(chooseInterval('1987-01-01', '1987-03-02'), 'day') // 61 days, 3 months
    assert.equal(chooseInterval('1987-01-01', '1987-04-10'), 'month') // 100 days, 4 months
    assert.equal(chooseInterval('1900-01-01', '2024-01-01'), 'year') // 125 years
  })

  const isoDate = fc
    .date({
      min: new Date('1950-01-01T00:00:00Z'),
      max: new Date('2030-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .chain((date) => fc.constantFrom(date.toISOString(), date.toISOString().slice(0, 10)))

  it('counts every article once: buckets plus undated is the total', () => {
    fc.assert(
      fc.property(fc.array(isoDate, { maxLength: 200 }), fc.nat(50), (dates, undated) => {
        const facet = dateFacet(dates, undated)
        const counted = facet.buckets.reduce((sum, bucket) => sum + bucket.count, 0)
        assert.equal(counted + facet.undated, dates.length + undated)
        assert.ok(facet.buckets.every((bucket) => bucket.count > 0))
        const keys = facet.buckets.map((bucket) => bucket.key)
        assert.deepEqual(keys, [...keys].sort())
        assert.equal(new Set(keys).size, keys.length)
      }),
    )
  })

  it('spans 5 to 60 buckets whenever some interval allows it', () => {
    fc.assert(
      fc.property(fc.array(isoDate, { minLength: 1, maxLength: 50 }), (dates) => {
        const facet = dateFacet(dates, 0)
        const sorted = [...dates].sort()
        const first = sorted[0] as string
        const last = sorted.at(-1) as string
        const fits = (count: number) => count >= FEWEST_BUCKETS && count <= MOST_BUCKETS
        const possible = (['day', 'month', 'year'] as const).some((i) =>
          fits(spanBuckets(first, last, i)),
        )
        if (possible) assert.ok(fits(spanBuckets(first, last, facet.interval)), facet.interval)
        // Each key is the date cut to the interval.
        const length = { year: 4, month: 7, day: 10 }[facet.interval]
        assert.ok(facet.buckets.every((bucket) => bucket.key.length === length))
      }),
    )
  })
})
