// A phrase of two frequent words reads its next-word list (pair-postings.ts) rather than every
// paragraph's text: the page, totals and facets must stay those of exhaustive scoring, and the
// list must follow the index when it changes.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { MIN_PAIR_CANDIDATES } from '../../src/search/pair-postings.ts'
import { answers, assertSame } from '../helpers/exhaustive.ts'
import { seededBelow } from '../helpers/seeded.ts'

const WORDS = ['oil', 'prices', 'rose', 'fell', 'crude', 'the', 'of']

/** Enough articles that "oil prices" has more candidates than a pair needs for its list. */
function corpus(): Article[] {
  const next = seededBelow(7)
  const sentence = () => {
    // Both words in every paragraph, in either order, apart or together.
    const words = Array.from({ length: 3 + next(5) }, () => WORDS[next(WORDS.length)] as string)
    words.splice(next(words.length + 1), 0, 'oil')
    words.splice(next(words.length + 1), 0, 'prices')
    return words.join(' ')
  }
  const articles = Math.ceil(MIN_PAIR_CANDIDATES / 3) + 10
  return Array.from({ length: articles }, (_, i) => ({
    id: `a/${String(i).padStart(5, '0')}`,
    file: `${i}.txt`,
    // Some titles hold the phrase: their articles match through the lead alone.
    title: next(5) === 0 ? 'Oil prices' : 'Prices and oil',
    category: ['crude', 'ship', 'acq'][next(3)] as string,
    date: `1987-0${1 + next(9)}-1${next(10)}`,
    paragraphs: Array.from({ length: 3 + next(2) }, (_, index) => ({ index, text: sentence() })),
  }))
}

describe('next-word lists for phrases of frequent words', () => {
  const index = buildIndex(corpus())

  it('give the exhaustive page, totals and facets, asked twice', () => {
    for (const q of ['"oil prices"', '"prices oil"', 'crude "oil prices"', 'rose -"oil prices"']) {
      for (const sort of ['relevance', 'newest'] as const) {
        const first = assertSame(index, { q, sort })
        assert.ok(first.total.articles > 0, q)
        // The second time reads the list kept from the first.
        assert.deepEqual(answers(assertSame(index, { q, sort })), answers(first), q)
      }
    }
  })

  it('follow the index when an article is added or removed', () => {
    const q = '"oil prices"'
    const before = assertSame(index, { q })
    index.add({
      id: 'z/new',
      file: 'new.txt',
      title: 'Tanker',
      paragraphs: [{ index: 0, text: 'oil prices oil prices oil prices' }],
    })
    const added = assertSame(index, { q })
    assert.equal(added.total.paragraphs, before.total.paragraphs + 1)
    assert.equal(added.total.articles, before.total.articles + 1)
    index.remove('z/new')
    assert.deepEqual(answers(assertSame(index, { q })), answers(before))
  })
})
