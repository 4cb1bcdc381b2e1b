import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseQuery } from '../../src/search/query.ts'

const terms = (q: string, prefix = false) => parseQuery(q, { prefix }).words.map((w) => w.term)

describe('parseQuery', () => {
  it('analyses plain words like the text, dropping stop words but saying so', () => {
    const query = parseQuery('The negotiations with Iran’s missiles')
    assert.deepEqual(
      query.words.map((w) => w.term),
      ['negoti', 'iran', 'missil'],
    )
    assert.deepEqual(query.ignored, ['The', 'with'])
  })

  it('keeps repeated words, since long queries repeat what matters', () => {
    assert.deepEqual(terms('oil prices oil'), ['oil', 'price', 'oil'])
  })

  it('reads quoted phrases, closing an unbalanced quote at the end', () => {
    assert.deepEqual(parseQuery('"red line" talks').phrases[0]?.terms, ['red', 'line'])
    assert.deepEqual(parseQuery('"red line').phrases[0]?.terms, ['red', 'line'])
  })

  it('keeps a stop word inside a phrase as a gap, and trims it at the ends', () => {
    assert.deepEqual(parseQuery('"the line of fire"').phrases[0]?.terms, ['line', null, 'fire'])
  })

  it('reads exclusions of words and phrases', () => {
    const query = parseQuery('Shamkhani -Jazeera -"prime minister"')
    assert.deepEqual(
      query.excludedWords.map((w) => w.term),
      ['jazeera'],
    )
    assert.deepEqual(query.excludedPhrases[0]?.terms, ['prime', 'minist'])
  })

  it('reads acronyms and numbers with their dots, commas, percent and currency sign', () => {
    assert.deepEqual(terms('U.S. dollar'), ['u.s', 'dollar'])
    assert.deepEqual(terms('US us UK title:U.K.'), ['u.s', 'uk', 'uk'])
    assert.deepEqual(terms('16.2bn $40 4,900,000 3.5%'), ['16.2bn', '40', '4900000', '3.5%'])
    assert.deepEqual(parseQuery('"1.5 billion"').phrases[0]?.terms, ['1.5', 'billion'])
    assert.deepEqual(parseQuery('"U.S. dollar"').phrases[0]?.terms, ['u.s', 'dollar'])
    const excluded = parseQuery('dollar -U.S. -4,900')
    assert.deepEqual(
      excluded.excludedWords.map((w) => w.term),
      ['u.s', '4900'],
    )
    assert.deepEqual(terms('U.S', true), ['u.s'])
  })

  it('reads a query typed in capitals as one text, as a headline in capitals is indexed', () => {
    const headline = parseQuery('US TRADE DEFICIT WIDENS')
    assert.deepEqual(
      headline.words.map((w) => w.term),
      ['trade', 'deficit', 'widen'],
    )
    assert.deepEqual(headline.ignored, ['US'])
    assert.deepEqual(terms('US trade deficit'), ['u.s', 'trade', 'deficit'])
    assert.deepEqual(terms('US UK EU'), ['u.s', 'uk', 'eu'])
  })

  it('reads field restrictions and category filters', () => {
    const query = parseQuery('title:iran heading:opposition category:Sport')
    assert.deepEqual(
      query.words.map((w) => [w.term, w.field]),
      [
        ['iran', 'title'],
        ['opposit', 'heading'],
      ],
    )
    assert.deepEqual(query.categories, ['sport'])
  })

  it('treats an unknown field or a time as words, and an empty field as nothing', () => {
    assert.deepEqual(terms('10:30 foo:bar'), ['10', '30', 'foo', 'bar'])
    assert.deepEqual(parseQuery('title:').words, [])
    assert.deepEqual(parseQuery('-').words, [])
  })

  it('makes only the last word a prefix, and only while it is being typed', () => {
    const typing = parseQuery('iran negot', { prefix: true })
    assert.deepEqual(
      typing.words.map((w) => w.prefix),
      [false, true],
    )
    assert.equal(parseQuery('iran negot ', { prefix: true }).words.at(-1)?.prefix, false)
    assert.equal(parseQuery('iran negot', { prefix: false }).words.at(-1)?.prefix, false)
  })

  it('keeps a stop word being typed as a prefix ("an" may become "analysis")', () => {
    assert.deepEqual(terms('an', true), ['an'])
  })

  it('caps the number of terms, listing the rest as ignored', () => {
    const query = parseQuery('alpha beta gamma delta', { maxTerms: 2 })
    assert.deepEqual(
      query.words.map((w) => w.text),
      ['alpha', 'beta'],
    )
    assert.deepEqual(query.ignored, ['gamma', 'delta'])
  })
})

describe('from: and to: in a query', () => {
  const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : undefined)
  const range = (q: string) => {
    const parsed = parseQuery(q)
    return parsed.dateRange && [iso(parsed.dateRange.fromMs), iso(parsed.dateRange.toMs)]
  }

  it('reads a date range as the parameters do, both ends inclusive, not as words', () => {
    const parsed = parseQuery('iran from:1987-03 to:1987-04')
    assert.deepEqual(
      parsed.words.map((w) => w.term),
      ['iran'],
    )
    assert.deepEqual(parsed.ignored, [])
    assert.deepEqual(range('iran from:1987-03 to:1987-04'), [
      '1987-03-01T00:00:00.000Z',
      '1987-04-30T23:59:59.999Z',
    ])
    assert.deepEqual(range('FROM:"1987-03-05"'), ['1987-03-05T00:00:00.000Z', undefined])
    assert.equal(parseQuery('iran').dateRange, undefined)
  })

  it('narrows the range with each further word', () => {
    assert.deepEqual(range('from:1986 from:1987-06 to:1988 to:1987-12-31'), [
      '1987-06-01T00:00:00.000Z',
      '1987-12-31T23:59:59.999Z',
    ])
  })

  it('reports a date it cannot read in `ignored`, with why, and never throws', () => {
    const parsed = parseQuery('oil from:1987-13 to:soon -from:1987')
    assert.deepEqual(
      parsed.words.map((w) => w.term),
      ['oil'],
    )
    assert.deepEqual(parsed.ignored, [
      'from:1987-13 (not a date)',
      'to:soon (not a date)',
      '-from:1987 (a date range cannot be left out)',
    ])
    assert.equal(parsed.dateRange, undefined)
  })

  it('reports a range that ends before it starts, and searches all dates', () => {
    const parsed = parseQuery('from:1988 oil to:1987')
    assert.deepEqual(parsed.ignored, ['from:1988 to:1987 (from is after to)'])
    assert.equal(parsed.dateRange, undefined)
    assert.deepEqual(
      parsed.words.map((w) => w.term),
      ['oil'],
    )
  })

  it('searches nothing for an empty from:, and leaves other colons as text', () => {
    assert.deepEqual(terms('from: oil'), ['oil'])
    assert.deepEqual(terms('fromage:bleu 10:30'), ['fromag', 'bleu', '10', '30'])
  })
})
