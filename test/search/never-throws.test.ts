import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { readArticles } from '../../src/articles/read.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { markArticle } from '../../src/search/article.ts'
import { parseQuery } from '../../src/search/query.ts'
import { search } from '../../src/search/search.ts'
import { suggest } from '../../src/search/suggest.ts'
import { anyQuery } from '../hardening/arbitraries.ts'

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

  it('answers any string up to 10,000 code units, lone surrogates included, under any caps', () => {
    const number = fc.oneof(
      fc.integer({ min: -5, max: 2000 }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e12, 0.5, 1e12, 2 ** 53),
    )
    const caps = fc.record(
      {
        maxTerms: fc.integer({ min: 1, max: 100 }),
        maxPrefixExpansions: fc.integer({ min: 1, max: 100 }),
        maxTypoExpansions: fc.integer({ min: 1, max: 20 }),
        maxSize: fc.integer({ min: 1, max: 100 }),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(
        anyQuery,
        fc.boolean(),
        fc.boolean(),
        number,
        number,
        caps,
        (q, prefix, group, page, size, limits) => {
          const parsed = parseQuery(q, { prefix, ...limits })
          const terms =
            parsed.words.length +
            parsed.excludedWords.length +
            [...parsed.phrases, ...parsed.excludedPhrases].reduce(
              (sum, phrase) => sum + phrase.terms.filter((term) => term !== null).length,
              0,
            )
          assert.ok(terms <= (limits.maxTerms ?? 64), `${terms} terms searched`)
          const response = search(index, { q, prefix, group, page, size }, limits)
          assert.ok(response.size >= 1 && response.size <= (limits.maxSize ?? 50))
          assert.ok(Number.isSafeInteger(response.page) && response.page >= 1)
          assert.ok(response.results.length <= response.size)
          assert.equal(response.query, q)
          assert.doesNotThrow(() => JSON.stringify(response))
          suggest(index, q, limits)
          assert.ok(markArticle(index, 'iran-missiles-red-line', q, { ...limits, prefix }))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('answers 10,000 characters of emoji and a query of thousands of terms', () => {
    assert.equal(search(index, { q: '🙂'.repeat(5000) }).total.articles, 0)
    const long = search(index, { q: 'Iran missiles '.repeat(700) })
    assert.ok(long.total.articles > 0)
    assert.ok((long.ignored?.length ?? 0) > 0, 'terms past the cap are reported')
  })
})
