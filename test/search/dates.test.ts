import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { defaultRankingOptions } from '../../src/search/score.ts'
import { search } from '../../src/search/search.ts'
import type { SearchRequest, SearchResponse } from '../../src/search/types.ts'

const WORDS = ['oil', 'prices', 'bank', 'rates', 'tokyo', 'stock', 'trade', 'crude']

/** Articles over two years, some undated, each with a few of the words. */
function corpus(): Article[] {
  const articles: Article[] = []
  for (let i = 0; i < 60; i++) {
    const words = WORDS.filter((_, w) => (i + w) % 3 !== 0).slice(0, 2 + (i % 4))
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0')
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0')
    const date =
      i % 10 === 9
        ? undefined
        : i % 2 === 0
          ? `${1987 + (i % 2)}-${month}-${day}`
          : `${1986 + (i % 3)}-${month}-${day}T${String(i % 24).padStart(2, '0')}:15:00.000Z`
    articles.push({
      id: `wire/${String(i).padStart(2, '0')}`,
      file: `${i}.txt`,
      title: `Report ${i} on ${words[0]}`,
      category: i % 2 === 0 ? 'markets' : 'economy',
      paragraphs: [
        { index: 0, text: `${words.join(' ')} in the report number ${i}.` },
        { index: 1, text: `More on ${words.slice(1).join(' and ')} from the desk.` },
      ],
      ...(date !== undefined && { date }),
    })
  }
  return articles
}

const index = buildIndex(corpus())
const dateOf = (id: string) => index.article(id)?.date ?? null

function pages(request: SearchRequest, count = 3): SearchResponse[] {
  return Array.from({ length: count }, (_, i) => search(index, { ...request, page: i + 1 }))
}

describe('searching by time', () => {
  it('sort=newest gives complete matches by date, newest first, across pages; undated last', () => {
    const results = pages({ q: 'oil prices', sort: 'newest', size: 5 }).flatMap((r) => r.results)
    const complete = results.filter((r) => r.missing === undefined)
    const dates = complete.map((r) => r.article.date)
    const dated = dates.filter((date) => date !== null) as string[]
    assert.ok(dated.length >= 5)
    assert.deepEqual(dated, [...dated].sort().reverse(), 'non-increasing')
    assert.deepEqual(
      dates.slice(dated.length),
      dates.filter((d) => d === null),
      'undated last',
    )
    // Partial matches never come before a complete one.
    const firstPartial = results.findIndex((r) => r.missing !== undefined)
    if (firstPartial !== -1) assert.ok(results.slice(firstPartial).every((r) => r.missing))
  })

  it('sort=oldest is the other way, and relevance stays the default', () => {
    const oldest = search(index, { q: 'oil', sort: 'oldest', size: 50 }).results
    const dated = oldest.map((r) => r.article.date).filter((d) => d !== null) as string[]
    assert.deepEqual(dated, [...dated].sort())
    const { tookMs: _a, ...byDefault } = search(index, { q: 'oil' })
    const { tookMs: _b, ...byRelevance } = search(index, { q: 'oil', sort: 'relevance' })
    assert.deepEqual(byDefault, byRelevance)
  })

  it('keeps a range’s results inside it, undated ones out, from parameters or query words', () => {
    for (const request of [
      { q: 'oil', from: '1987-03', to: '1987-08' },
      { q: 'oil from:1987-03 to:1987-08' },
      { q: 'oil to:1987-08', from: '1987-03' },
    ]) {
      const response = search(index, { ...request, size: 50 })
      assert.ok(response.results.length > 0, JSON.stringify(request))
      for (const result of response.results) {
        const date = dateOf(result.article.id) as string
        assert.ok(date >= '1987-03' && date < '1987-09', `${result.article.id} ${date}`)
      }
    }
    const all = search(index, { q: 'oil', size: 50 })
    const inRange = search(index, { q: 'oil', from: '1987-03', to: '1987-08', size: 50 })
    assert.ok(inRange.total.articles < all.total.articles)
    assert.equal(inRange.facets.date?.undated, 0)
  })

  it('counts the result by date: buckets and undated add up to the articles, 5 to 60 buckets', () => {
    for (const q of ['oil', 'bank rates', 'tokyo', 'crude -oil', 'category:markets']) {
      const response = search(index, { q, collapse: false })
      const facet = response.facets.date
      assert.ok(facet, q)
      const sum = facet.buckets.reduce((total, bucket) => total + bucket.count, facet.undated)
      assert.equal(sum, response.total.articles, q)
      assert.ok(facet.buckets.length <= 60, q)
      const keys = facet.buckets.map((bucket) => bucket.key)
      assert.deepEqual(keys, [...keys].sort(), `${q}: in time order`)
    }
    const oil = search(index, { q: 'oil' }).facets.date
    assert.equal(oil?.interval, 'month')
    assert.match(oil?.buckets[0]?.key ?? '', /^\d{4}-\d{2}$/)
  })

  it('answers the same on the typed and the exhaustive path', () => {
    const exhaustive = { ranking: { ...defaultRankingOptions } }
    fc.assert(
      fc.property(
        fc.constantFrom(
          'oil',
          'oil prices',
          'bank -rates',
          '"oil prices"',
          'tok',
          'category:economy crude',
        ),
        fc.constantFrom('relevance', 'newest', 'oldest') as fc.Arbitrary<SearchRequest['sort']>,
        fc.option(fc.constantFrom('1986', '1987-02', '1987-06-15'), { nil: undefined }),
        fc.option(fc.constantFrom('1987', '1987-09', '1988-01-01T00:00'), { nil: undefined }),
        fc.integer({ min: 1, max: 3 }),
        (q, sort, from, to, page) => {
          const request: SearchRequest = {
            q,
            sort,
            page,
            size: 4,
            prefix: q === 'tok',
            ...(from !== undefined && { from }),
            ...(to !== undefined && { to }),
          }
          const { tookMs: _a, ...fast } = search(index, request)
          const { tookMs: _b, ...slow } = search(index, request, exhaustive)
          assert.deepEqual(fast, slow)
        },
      ),
      { numRuns: 200 },
    )
  })
})
