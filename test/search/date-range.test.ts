// Date ranges as `from`/`to` and `from:`/`to:` give them, and which article dates fall inside.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  ALL_TIME,
  DateRangeError,
  dateInRange,
  intersectRanges,
  parseDateRange,
  parseRangeEnd,
} from '../../src/search/date-range.ts'

const iso = (ms: number) => new Date(ms).toISOString()

describe('parseRangeEnd', () => {
  it('starts `from` at the first instant of its period and ends `to` at the last', () => {
    assert.equal(iso(parseRangeEnd('1987', 'from')), '1987-01-01T00:00:00.000Z')
    assert.equal(iso(parseRangeEnd('1987', 'to')), '1987-12-31T23:59:59.999Z')
    assert.equal(iso(parseRangeEnd('1987-03', 'to')), '1987-03-31T23:59:59.999Z')
    assert.equal(iso(parseRangeEnd('1988-02', 'to')), '1988-02-29T23:59:59.999Z')
    assert.equal(iso(parseRangeEnd('1987-12', 'to')), '1987-12-31T23:59:59.999Z')
    assert.equal(iso(parseRangeEnd('1987-03-05', 'from')), '1987-03-05T00:00:00.000Z')
    assert.equal(iso(parseRangeEnd('1987-03-05', 'to')), '1987-03-05T23:59:59.999Z')
    assert.equal(iso(parseRangeEnd('1987-03-05T12:30', 'to')), '1987-03-05T12:30:59.999Z')
    assert.equal(iso(parseRangeEnd('1987-03-05T12:30:15', 'to')), '1987-03-05T12:30:15.999Z')
    assert.equal(iso(parseRangeEnd('1987-03-05T12:30:15.25Z', 'to')), '1987-03-05T12:30:15.250Z')
  })

  it('reads a datetime without a zone as UTC and honours a stated offset', () => {
    assert.equal(iso(parseRangeEnd('1987-03-05T12:30:00', 'from')), '1987-03-05T12:30:00.000Z')
    assert.equal(
      iso(parseRangeEnd('1987-03-05T12:30:00+01:00', 'from')),
      '1987-03-05T11:30:00.000Z',
    )
    assert.equal(iso(parseRangeEnd('1987-03-05 12:30-0500', 'from')), '1987-03-05T17:30:00.000Z')
  })

  it('rejects what is not a date, naming the parameter', () => {
    for (const bad of [
      '',
      '87',
      '1987-3',
      '1987-13',
      '1987-02-29',
      '1987-04-31',
      'March 1987',
      '1987-03-05T24:00',
      '1987-03-05T10:60',
      '1987-03-05T10:00+25:00',
      '1987-03-05T',
      '1987/03',
    ]) {
      assert.throws(
        () => parseRangeEnd(bad, 'to'),
        (error: unknown) =>
          error instanceof DateRangeError &&
          error.parameter === 'to' &&
          /^`to` /.test(error.message),
        bad,
      )
    }
  })
})

describe('parseDateRange', () => {
  it('leaves an end open when it is not given', () => {
    assert.deepEqual(parseDateRange(undefined, undefined), ALL_TIME)
    assert.equal(parseDateRange('1987', undefined).toMs, Infinity)
    assert.equal(parseDateRange(undefined, '1987').fromMs, -Infinity)
  })

  it('takes a single period as both ends', () => {
    const march = parseDateRange('1987-03', '1987-03')
    assert.equal(iso(march.fromMs), '1987-03-01T00:00:00.000Z')
    assert.equal(iso(march.toMs), '1987-03-31T23:59:59.999Z')
  })

  it('rejects a `from` after `to`', () => {
    assert.throws(
      () => parseDateRange('1987-04', '1987-03'),
      (error: unknown) => error instanceof DateRangeError && error.parameter === 'from',
    )
  })
})

describe('dateInRange', () => {
  const march = parseDateRange('1987-03', '1987-03')

  it('keeps datetimes inside, both ends included', () => {
    assert.equal(dateInRange('1987-03-01T00:00:00.000Z', march), true)
    assert.equal(dateInRange('1987-03-31T23:59:59.999Z', march), true)
    assert.equal(dateInRange('1987-02-28T23:59:59.999Z', march), false)
    assert.equal(dateInRange('1987-04-01T00:00:00.000Z', march), false)
  })

  it('keeps a day alone when any of the day is inside', () => {
    assert.equal(dateInRange('1987-03-31', march), true)
    assert.equal(dateInRange('1987-04-01', march), false)
    const afternoon = parseDateRange('1987-03-05T12:00', '1987-03-05T13:00')
    assert.equal(dateInRange('1987-03-05', afternoon), true)
    assert.equal(dateInRange('1987-03-06', afternoon), false)
  })

  it('leaves undated articles out of every range', () => {
    assert.equal(dateInRange(null, march), false)
    assert.equal(dateInRange(undefined, ALL_TIME), false)
  })

  it('intersects ranges, an empty intersection holding nothing', () => {
    const both = intersectRanges(
      parseDateRange('1987', undefined),
      parseDateRange(undefined, '1987-03'),
    )
    assert.equal(iso(both.fromMs), '1987-01-01T00:00:00.000Z')
    assert.equal(iso(both.toMs), '1987-03-31T23:59:59.999Z')
    const none = intersectRanges(
      parseDateRange('1988', undefined),
      parseDateRange(undefined, '1987'),
    )
    assert.equal(dateInRange('1987-12-31', none), false)
    assert.equal(dateInRange('1988-01-01', none), false)
  })

  it('agrees with the range read from the date itself, as a property', () => {
    const instant = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(instant, instant, instant, (a, b, x) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const range = parseDateRange(lo.toISOString(), hi.toISOString())
        const day = x.toISOString().slice(0, 10)
        // A day-only value as `from` and `to` is the whole day, and so is the day-only date.
        assert.equal(dateInRange(day, parseDateRange(day, day)), true)
        assert.equal(
          dateInRange(x.toISOString(), range),
          x.getTime() >= lo.getTime() && x.getTime() <= hi.getTime(),
        )
      }),
    )
  })
})
