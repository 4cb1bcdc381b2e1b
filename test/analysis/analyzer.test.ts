import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyze, analyzeWord, normalizeWord } from '../../src/analysis/analyzer.ts'
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
