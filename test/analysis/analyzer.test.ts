import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  analyze,
  analyzeWord,
  normalizeWord,
  readsInCapitals,
} from '../../src/analysis/analyzer.ts'
import { tokenize } from '../../src/analysis/tokenize.ts'

describe('tokenize', () => {
  it('gives each word with offsets into the original text', () => {
    const text = 'Iran’s “red line”, non-negotiable.'
    const tokens = tokenize(text)
    assert.deepEqual(
      tokens.map((t) => t.text),
      ['Iran’s', 'red', 'line', 'non', 'negotiable'],
    )
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text)
  })

  it('keeps letters of any script and combining marks inside words', () => {
    assert.deepEqual(
      tokenize('Café Zürich naïve Ελλάδα 2004').map((t) => t.text),
      ['Café', 'Zürich', 'naïve', 'Ελλάδα', '2004'],
    )
    assert.deepEqual(
      tokenize('Cafe\u0301 ok').map((t) => t.text),
      ['Cafe\u0301', 'ok'],
    )
  })

  it('finds nothing in punctuation, emoji or an empty string', () => {
    assert.deepEqual(tokenize(''), [])
    assert.deepEqual(tokenize('— … "" 🙂🙂 -'), [])
  })
})

describe('normalizeWord', () => {
  it('folds case and diacritics', () => {
    assert.equal(normalizeWord('Café'), 'cafe')
    assert.equal(normalizeWord('ZÜRICH'), 'zurich')
  })

  it('treats straight and curly apostrophes alike and drops a possessive', () => {
    assert.equal(normalizeWord('Iran’s'), 'iran')
    assert.equal(normalizeWord("Iran's"), 'iran')
    assert.equal(normalizeWord('don’t'), normalizeWord("don't"))
  })
})

describe('analyzer', () => {
  it('drops lunr stop words from the indexed terms but keeps their positions', () => {
    assert.deepEqual(
      analyze('The missile and the line').flatMap((t) => (t.term === null ? [] : [t.term])),
      ['missil', 'line'],
    )
    const tokens = analyze('a red line')
    assert.deepEqual(
      tokens.map((t) => t.term),
      [null, 'red', 'line'],
    )
  })

  it('stems with lunr so word forms meet: negotiating finds negotiations', () => {
    assert.equal(analyzeWord('negotiating').term, analyzeWord('negotiations').term)
    assert.equal(analyzeWord('Missiles').term, analyzeWord('missile').term)
  })

  it('makes a query for Iran’s and the text Iran’s the same term', () => {
    assert.equal(analyzeWord("Iran's").term, analyzeWord('Iran’s').term)
    assert.equal(analyzeWord('Iran’s').term, analyzeWord('Iran').term)
  })

  it('keeps the unstemmed word for prefixes and completions', () => {
    const [token] = analyze('Negotiations')
    assert.equal(token?.word, 'negotiations')
    assert.equal(token?.term, 'negoti')
  })
})

/** `text=word/term` for each token, so a test reads as what the analyzer made of each word. */
const readings = (text: string, inCapitals?: boolean) =>
  analyze(text, inCapitals).map((t) => `${t.text}=${t.word}/${t.term ?? '-'}`)

describe('acronyms', () => {
  it('keeps a dotted acronym whole, with its final dot and a possessive', () => {
    assert.deepEqual(
      tokenize('U.S. dollar, the U.K.’s view, U.N and E.U. at 10 a.m.').map((t) => t.text),
      ['U.S.', 'dollar', 'the', 'U.K.’s', 'view', 'U.N', 'and', 'E.U.', 'at', '10', 'a.m.'],
    )
    assert.deepEqual(
      tokenize('grew in the U.S. Prices fell').map((t) => [t.text, t.start, t.end]),
      [
        ['grew', 0, 4],
        ['in', 5, 7],
        ['the', 8, 11],
        ['U.S.', 12, 16],
        ['Prices', 17, 23],
        ['fell', 24, 28],
      ],
    )
  })

  it('never makes an acronym of single letters in other words', () => {
    assert.deepEqual(
      tokenize('a U-turn at M&S, E.ON, U.Sx, George W. Bush').map((t) => t.text),
      ['a', 'U', 'turn', 'at', 'M', 'S', 'E', 'ON', 'U', 'Sx', 'George', 'W', 'Bush'],
    )
  })

  it('reads an acronym as its letters, stemmed like any word, so UK, U.K. and uk meet', () => {
    assert.deepEqual(readings('UK U.K. uk OPEC opec EU E.U. J.K.'), [
      'UK=uk/uk',
      'U.K.=uk/uk',
      'uk=uk/uk',
      'OPEC=opec/opec',
      'opec=opec/opec',
      'EU=eu/eu',
      'E.U.=eu/eu',
      'J.K.=jk/jk',
    ])
  })

  it('gives an acronym that spells a stop word its dotted form, never the stop word', () => {
    assert.deepEqual(readings('The US told us: U.S. jobs, US’s debt, IT firms, WHO and a.m.'), [
      'The=the/-',
      'US=u.s/u.s',
      'told=told/told',
      'us=us/-',
      'U.S.=u.s/u.s',
      'jobs=jobs/job',
      'US’s=u.s/u.s',
      'debt=debt/debt',
      'IT=i.t/i.t',
      'firms=firms/firm',
      'WHO=w.h.o/w.h.o',
      'and=and/-',
      'a.m.=a.m/a.m',
    ])
  })

  it('reads the lone letters of U-turn and M&S as letters', () => {
    assert.deepEqual(readings('U-turn M&S'), ['U=u/u', 'turn=turn/turn', 'M=m/m', 'S=s/s'])
  })

  it('reads capital words in text set in capitals as words, dotted forms still as acronyms', () => {
    assert.equal(readsInCapitals('U.S. TRADE DEFICIT WIDENS AS IT FALLS'), true)
    assert.deepEqual(readings('U.S. TRADE DEFICIT WIDENS AS IT FALLS'), [
      'U.S.=u.s/u.s',
      'TRADE=trade/trade',
      'DEFICIT=deficit/deficit',
      'WIDENS=widens/widen',
      'AS=as/-',
      'IT=it/-',
      'FALLS=falls/fall',
    ])
    assert.deepEqual(readings('US TRADE DEFICIT WIDENS'), [
      'US=us/-',
      'TRADE=trade/trade',
      'DEFICIT=deficit/deficit',
      'WIDENS=widens/widen',
    ])
  })

  it('reads a text of short capital words, or one mostly in lower case, as running text', () => {
    assert.equal(readsInCapitals('US'), false)
    assert.equal(readsInCapitals('US OIL'), false)
    assert.equal(readsInCapitals('US TRADE DEFICIT'), false)
    assert.equal(readsInCapitals('US UK EU IMF'), false)
    assert.equal(readsInCapitals('NATO OPEC and the US'), false)
    assert.equal(readsInCapitals('WHO says US and UK lag on vaccines'), false)
    assert.deepEqual(readings('US'), ['US=u.s/u.s'])
    assert.deepEqual(readings('US OIL'), ['US=u.s/u.s', 'OIL=oil/oil'])
    assert.deepEqual(readings('US', true), ['US=us/-'])
  })

  it('analyses a word alike with or without its cache, in either reading', () => {
    assert.deepEqual(analyzeWord('US'), { word: 'u.s', term: 'u.s' })
    assert.deepEqual(analyzeWord('US', true), { word: 'us', term: null })
    assert.deepEqual(analyzeWord('US'), { word: 'u.s', term: 'u.s' })
    assert.deepEqual(analyzeWord('U.S.', true), { word: 'u.s', term: 'u.s' })
  })
})

describe('numbers', () => {
  it('keeps decimals, thousands, units, scales and percents in one word; a currency sign apart', () => {
    assert.deepEqual(
      tokenize('$16.2bn, £1.5m or 4,900,000 (3.5%) for $40 in 1987. Rates 1.2.3 and 10km').map(
        (t) => t.text,
      ),
      [
        '16.2bn',
        '1.5m',
        'or',
        '4,900,000',
        '3.5%',
        'for',
        '40',
        'in',
        '1987',
        'Rates',
        '1.2.3',
        'and',
        '10km',
      ],
    )
    const text = 'BP made $16.2bn.'
    const [, , number] = tokenize(text)
    assert.deepEqual(number, { text: '16.2bn', start: 9, end: 15 })
  })

  it('ends a number at a dot or comma that no digit follows, and groups thousands by three', () => {
    assert.deepEqual(
      tokenize('In 1987, 2,000 rose by 1.5. Then 1,2345 and 12,34').map((t) => t.text),
      ['In', '1987', '2,000', 'rose', 'by', '1.5', 'Then', '1', '2345', 'and', '12', '34'],
    )
  })

  it('drops thousands separators, keeps the decimal point and the unit, and never stems', () => {
    assert.deepEqual(readings('4,900,000 4900000 1.5 16.2BN 3.5% 1980s 2nd'), [
      '4,900,000=4900000/4900000',
      '4900000=4900000/4900000',
      '1.5=1.5/1.5',
      '16.2BN=16.2bn/16.2bn',
      '3.5%=3.5%/3.5%',
      '1980s=1980s/1980s',
      '2nd=2nd/2nd',
    ])
  })
})
