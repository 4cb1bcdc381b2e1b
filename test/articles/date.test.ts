import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { firstDate, isDateLine, readDate } from '../../src/articles/date.ts'

/** The date read from `written`, or the reason it was not. */
function read(written: string): string {
  const reading = readDate(written)
  return 'date' in reading ? reading.date : `! ${reading.reason}`
}

describe('readDate', () => {
  // Far from UTC, so that a date read in the machine's zone instead of UTC shows.
  const zone = process.env.TZ
  before(() => {
    process.env.TZ = 'Pacific/Kiritimati'
  })
  after(() => {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  })

  it('reads the forms people write; a day alone stays a day', () => {
    assert.equal(read('26 Feb 1987'), '1987-02-26')
    assert.equal(read('February 26, 1987'), '1987-02-26')
    assert.equal(read('Feb. 26, 1987'), '1987-02-26')
    assert.equal(read('1987-02-26'), '1987-02-26')
    assert.equal(read('Thursday, 5 November 2026'), '2026-11-05')
  })

  it('reads RFC 2822, ISO 8601 and the wire form, to the millisecond, in UTC', () => {
    assert.equal(read('Thu, 26 Feb 1987 15:01:01 GMT'), '1987-02-26T15:01:01.000Z')
    assert.equal(read('1987-02-26T15:01:01.790Z'), '1987-02-26T15:01:01.790Z')
    assert.equal(read('26-FEB-1987 15:01:01.79'), '1987-02-26T15:01:01.790Z')
    assert.equal(read('4-JUN-1991 08:30:00.5'), '1991-06-04T08:30:00.500Z')
    assert.equal(read('1987-02-26 15:01'), '1987-02-26T15:01:00.000Z')
  })

  it('honours a stated offset or zone, and reads UTC when there is none', () => {
    assert.equal(read('Thu, 26 Feb 1987 15:01:01 +0100'), '1987-02-26T14:01:01.000Z')
    assert.equal(read('2024-03-01T00:30:00+02:00'), '2024-02-29T22:30:00.000Z')
    assert.equal(read('March 5, 2024 10:00 PM EST'), '2024-03-06T03:00:00.000Z')
    assert.equal(read('2024-03-01T00:30:00'), '2024-03-01T00:30:00.000Z')
  })

  it('recovers a date written before junk, and says what it left out', () => {
    assert.deepEqual(readDate('14-JUN-1990 09:12:44.07&#5;&#5;&#5;Q RM'), {
      date: '1990-06-14T09:12:44.070Z',
      ignored: '&#5;&#5;&#5;Q RM',
    })
    assert.deepEqual(readDate('2-JUN-1990  07:01:00.50'), { date: '1990-06-02T07:01:00.500Z' })
    assert.deepEqual(readDate('5-JUL-1990 00:00:00.00    # guessed by the archivist'), {
      date: '1990-07-05T00:00:00.000Z',
      ignored: '# guessed by the archivist',
    })
  })

  it('reads a date with an impossible time of day as that day', () => {
    assert.deepEqual(readDate('30-JUN-1990 713:05:10.33'), {
      date: '1990-06-30',
      ignored: '713:05:10.33',
    })
  })

  it('gives a reason for what is not a whole date', () => {
    assert.equal(read(''), '! it is empty')
    assert.equal(read('sometime last spring'), '! no date found in it')
    assert.equal(read('yesterday'), '! no date found in it')
    assert.equal(
      read('the day after'),
      '! "the day after" is relative to when it was written, not a date',
    )
    assert.equal(read('2024-02-30'), '! no date found in it')
    assert.equal(read('March 1987'), '! no date found in it')
    assert.equal(read('Feb 26'), '! "Feb 26" has no year')
    assert.equal(read('15:01'), '! "15:01" is not a whole date (day, month and year)')
  })
})

describe('isDateLine', () => {
  it('is a date and nothing else, bar punctuation', () => {
    assert.equal(isDateLine('26 February 1987'), true)
    assert.equal(isDateLine('— 26 February 1987 —'), true)
    assert.equal(isDateLine('1987-02-26 15:01 UTC'), true)
    assert.equal(isDateLine('LONDON, 26 February 1987 (Reuters)'), false)
    assert.equal(isDateLine('The vote is on 26 February 1987.'), false)
  })
})

describe('firstDate', () => {
  it('takes the first candidate that reads, else keeps the first as written', () => {
    assert.deepEqual(firstDate([undefined, ' soon ', '1 May 2020', '2 May 2020']), {
      written: '1 May 2020',
      reading: { date: '2020-05-01' },
    })
    assert.deepEqual(firstDate(['soon', 'later']), {
      written: 'soon',
      reading: { reason: 'no date found in it' },
    })
    assert.equal(firstDate([undefined, '  ']), undefined)
  })
})
