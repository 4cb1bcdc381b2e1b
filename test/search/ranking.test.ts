import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import { search } from '../../src/search/search.ts'
import { article } from '../helpers/articles.ts'

const ids = (index: ReturnType<typeof buildIndex>, q: string, prefix = false) =>
  search(index, { q, prefix }).results.map((r) => r.article.id)

describe('ranking', () => {
  it('ranks an exact match above a rarer prefix completion', () => {
    const index = buildIndex([
      article(
        'a',
        'One',
        `A long paragraph that mentions the train once among ${'many other words '.repeat(8)}`,
      ),
      article('b', 'Two', 'Trainers trainers trainers.'),
      article('c', 'Three', 'Nothing to see.'),
    ])
    assert.deepEqual(ids(index, 'train', true), ['a', 'b'])
  })

  it('does not dilute a known word with its near spellings', () => {
    const index = buildIndex([article('a', 'One', 'A house.'), article('b', 'Two', 'A horse.')])
    assert.deepEqual(ids(index, 'house'), ['a'])
    assert.deepEqual(ids(index, 'housse'), ['a'])
  })

  it('lets a typo match only words within the allowed edits', () => {
    const index = buildIndex([
      article('a', 'One', 'Negotiations resumed.'),
      article('b', 'Two', 'A cat.'),
    ])
    assert.deepEqual(ids(index, 'negotaitions'), ['a'])
    assert.deepEqual(ids(index, 'cta'), [], 'words under five letters get no typo matches')
  })

  it('ranks articles holding every word before partial matches, and names what is missing', () => {
    const index = buildIndex([
      article('partial', 'Oil', 'Oil oil oil oil prices.'),
      article('complete', 'Report', 'Oil exports fell as the pipeline closed.'),
    ])
    const response = search(index, { q: 'oil pipeline' })
    assert.equal(response.matched, 'all')
    assert.deepEqual(
      response.results.map((r) => r.article.id),
      ['complete', 'partial'],
    )
    assert.deepEqual(response.results[1]?.missing, ['pipeline'])
    assert.equal(response.results[0]?.missing, undefined)
  })

  it('weighs a title match, but shows a title-only article by its first paragraph alone', () => {
    const index = buildIndex([
      article('titled', 'Pipeline deal signed', 'The agreement was signed.', 'Work starts soon.'),
      article('body', 'Energy news', 'A pipeline is planned.', 'More later.'),
    ])
    const response = search(index, { q: 'pipeline' })
    const titled = response.results.find((r) => r.article.id === 'titled')
    assert.equal(titled?.matches, 1)
    assert.equal(titled?.paragraphs[0]?.index, 0)
    assert.match(titled?.article.titleHtml ?? '', /<mark>Pipeline<\/mark>/)
  })

  it('groups paragraphs by article, best first, with the count of matches', () => {
    const index = buildIndex([
      article('a', 'Budget', 'Tax rises.', 'No tax here? Tax, tax.', 'Unrelated.', 'Tax cuts.'),
    ])
    const [result] = search(index, { q: 'tax' }).results
    assert.equal(result?.matches, 3)
    assert.equal(result?.paragraphs[0]?.index, 1)
    assert.equal(search(index, { q: 'tax', group: false }).results.length, 3)
  })

  it('pages through articles and counts facets over the whole result', () => {
    const articles = Array.from({ length: 25 }, (_, i) => ({
      ...article(`${i % 2 ? 'sport' : 'tech'}/${i}`, `Story ${i}`, `Match report number ${i}.`),
      category: i % 2 ? 'sport' : 'tech',
    }))
    const index = buildIndex(articles)
    const first = search(index, { q: 'report', size: 10 })
    const third = search(index, { q: 'report', size: 10, page: 3 })
    assert.equal(first.total.articles, 25)
    assert.equal(third.results.length, 5)
    assert.deepEqual(first.facets.category, { sport: 12, tech: 13 })
    const sport = search(index, { q: 'report category:sport' })
    assert.equal(sport.total.articles, 12)
    assert.deepEqual(sport.facets.category, { sport: 12, tech: 13 }, 'facets ignore the filter')
    assert.equal(search(index, { q: 'category:sport', size: 50 }).results.length, 12)
  })
})
