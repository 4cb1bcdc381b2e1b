import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { HttpError } from '../../src/server/errors.ts'
import { MAX_QUERY_LENGTH, parseQueryText, parseSearchParams } from '../../src/server/params.ts'

function rejects(params: Record<string, unknown>, name: string): void {
  assert.throws(
    () => parseSearchParams(params),
    (error: unknown) =>
      error instanceof HttpError &&
      error.status === 400 &&
      error.code === 'bad_parameter' &&
      error.message.includes(`\`${name}\``),
    JSON.stringify(params),
  )
}

describe('parseSearchParams', () => {
  it('reads every parameter', () => {
    assert.deepEqual(
      parseSearchParams({ q: 'red line', page: '2', size: '50', prefix: '1', group: 'false' }),
      { q: 'red line', page: 2, size: 50, prefix: true, group: false },
    )
    assert.deepEqual(parseSearchParams({ prefix: 'true', group: '0' }), {
      q: '',
      prefix: true,
      group: false,
    })
  })

  it('leaves out what is not given, and ignores unknown parameters', () => {
    assert.deepEqual(parseSearchParams({}), { q: '' })
    assert.deepEqual(parseSearchParams({ q: 'x', utm: ['a', 'b'], other: { a: 1 } }), { q: 'x' })
  })

  it('applies defaults that the request can override', () => {
    assert.deepEqual(parseSearchParams({ q: 'x' }, { prefix: true }), { q: 'x', prefix: true })
    assert.deepEqual(parseSearchParams({ q: 'x', prefix: 'false' }, { prefix: true }), {
      q: 'x',
      prefix: false,
    })
  })

  it('rejects a repeated parameter', () => {
    for (const name of ['q', 'page', 'size', 'prefix', 'group'])
      rejects({ [name]: ['1', '1'] }, name)
  })

  it('rejects a value that is not a string', () => {
    rejects({ q: { a: 'b' } }, 'q')
    rejects({ page: 2 }, 'page')
  })

  it('rejects a page that is not a whole number from 1', () => {
    for (const page of [
      '0',
      '-1',
      '1.5',
      '1e3',
      ' 2',
      '2 ',
      '+2',
      '0x10',
      '',
      'abc',
      '9007199254740992',
    ])
      rejects({ page }, 'page')
    assert.equal(parseSearchParams({ page: '007' }).page, 7)
  })

  it('rejects a size outside 1..50', () => {
    for (const size of ['0', '51', '100', '1.0', '', 'ten']) rejects({ size }, 'size')
    assert.equal(parseSearchParams({ size: '1' }).size, 1)
  })

  it('accepts only true, false, 1, 0 for flags', () => {
    for (const value of ['yes', 'no', 'TRUE', 'on', '', '2']) {
      rejects({ prefix: value }, 'prefix')
      rejects({ group: value }, 'group')
    }
  })

  it('rejects a query longer than 512 characters', () => {
    assert.equal(parseQueryText({ q: 'a'.repeat(MAX_QUERY_LENGTH) }).length, MAX_QUERY_LENGTH)
    rejects({ q: 'a'.repeat(MAX_QUERY_LENGTH + 1) }, 'q')
  })

  it('either returns a request or throws a 400, for any input', () => {
    const value = fc.oneof(
      fc.string(),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.constant(undefined),
      fc.dictionary(fc.string(), fc.string()),
    )
    fc.assert(
      fc.property(
        fc.record(
          { q: value, page: value, size: value, prefix: value, group: value },
          {
            requiredKeys: [],
          },
        ),
        (params) => {
          try {
            const request = parseSearchParams(params)
            assert.equal(typeof request.q, 'string')
            if (request.page !== undefined)
              assert.ok(Number.isSafeInteger(request.page) && request.page >= 1)
            if (request.size !== undefined) assert.ok(request.size >= 1 && request.size <= 50)
          } catch (error) {
            assert.ok(error instanceof HttpError && error.status === 400)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('reads sort, from and to, keeping the dates as written', () => {
    assert.deepEqual(
      parseSearchParams({ q: 'x', sort: 'newest', from: '1987-03', to: '1987-04-15' }),
      {
        q: 'x',
        sort: 'newest',
        from: '1987-03',
        to: '1987-04-15',
      },
    )
    assert.deepEqual(parseSearchParams({ sort: 'oldest', to: '1987-03-05T12:00:00+01:00' }), {
      q: '',
      sort: 'oldest',
      to: '1987-03-05T12:00:00+01:00',
    })
    // A form whose date boxes are left empty sends them empty: no range.
    assert.deepEqual(parseSearchParams({ q: 'x', from: '', to: ' ' }), { q: 'x' })
  })

  it('rejects a bad sort, a malformed date, and a range the wrong way round', () => {
    rejects({ sort: 'date' }, 'sort')
    rejects({ sort: ['newest', 'oldest'] }, 'sort')
    for (const bad of ['1987-13', '87', 'March 1987', '1987-02-29', '1987-03-05T25:00']) {
      rejects({ from: bad }, 'from')
      rejects({ to: bad }, 'to')
    }
    rejects({ from: '1987-04', to: '1987-03' }, 'from')
    rejects({ from: ['1987', '1988'] }, 'from')
  })
})
