// The ISO 8601 dates most files give are read without chrono, to the same result: a reading
// that differed would change dates, sorts and date ranges depending on how a date was written.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { readDate, readWrittenDate } from '../../src/articles/date.ts'

const two = (n: number) => String(n).padStart(2, '0')

/** ISO dates and times, valid or not by a little: days past a month's end, hour 24, second 60. */
const isoText = fc
  .record({
    year: fc.integer({ min: 990, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    time: fc.option(
      fc.record({
        hour: fc.integer({ min: 0, max: 24 }),
        minute: fc.integer({ min: 0, max: 60 }),
        second: fc.integer({ min: 0, max: 60 }),
        fraction: fc.option(fc.stringMatching(/^\d{1,3}$/)),
      }),
    ),
  })
  .map(({ year, month, day, time }) => {
    const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`
    if (time === null) return date
    const fraction = time.fraction === null ? '' : `.${time.fraction}`
    return `${date}T${two(time.hour)}:${two(time.minute)}:${two(time.second)}${fraction}Z`
  })

describe('readDate on ISO 8601', () => {
  it('reads as chrono reads, valid dates and invalid ones alike', () => {
    fc.assert(
      fc.property(isoText, (text) => {
        assert.deepEqual(readDate(text), readWrittenDate(text), text)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads the wire form to the millisecond, and refuses a day that does not exist', () => {
    assert.deepEqual(readDate('1987-04-03T11:37:03.5Z'), { date: '1987-04-03T11:37:03.500Z' })
    assert.deepEqual(readDate(' 1988-02-29 '), { date: '1988-02-29' })
    assert.ok('reason' in readDate('1987-02-29'))
  })
})
