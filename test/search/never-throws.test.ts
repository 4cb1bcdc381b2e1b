import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { readArticles } from '../../src/articles/read.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { parseQuery } from '../../src/search/query.ts'
import { search } from '../../src/search/search.ts'
import { suggest } from '../../src/search/suggest.ts'

let index: NewsIndex
before(async () => {
  index = buildIndex((await readArticles('index-data/articles')).articles)
})

// Query soup: the characters that mean something in the language, words from the article,
// and arbitrary Unicode (lone surrogates, controls, combining marks, emoji, RTL).
const operators = fc.constantFrom(
  '"',
  '-',
  ':',
  'title:',
  'heading:',
  'category:',
  ' ',
  '*',
  '\u0000',
)
const words = fc.constantFrom('Iran', 'missiles', 'red', 'line', 'the', 'negot', 'Ali', 'نفط', '🙂')
const soup = fc
  .array(fc.oneof(operators, words, fc.string({ unit: 'binary', maxLength: 12 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''))

describe('no query can make the library throw', () => {
  it('parses, searches and suggests any string', () => {
    fc.assert(
      fc.property(
        soup,
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -5, max: 100 }),
        (q, prefix, group, page) => {
          parseQuery(q, { prefix })
          const response = search(index, { q, prefix, group, page, size: 50 })
          assert.ok(response.results.length <= 50)
          suggest(index, q)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('answers 10,000 characters of emoji and a query of thousands of terms', () => {
    assert.equal(search(index, { q: '🙂'.repeat(5000) }).total.articles, 0)
    const long = search(index, { q: 'Iran missiles '.repeat(700) })
    assert.ok(long.total.articles > 0)
    assert.ok((long.ignored?.length ?? 0) > 0, 'terms past the cap are reported')
  })
})
