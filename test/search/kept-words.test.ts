// A prefix of many completions is merged once and kept per index state (kept-words.ts): the page,
// totals and facets must stay those of exhaustive scoring, asked again and after the index
// changes, and a changed index must never read a list kept before the change.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { keptWord, MIN_KEPT_POSTINGS } from '../../src/search/kept-words.ts'
import type { ScoredList } from '../../src/search/match-scratch.ts'
import { DEFAULT_IMPACTS } from '../../src/search/rank-page.ts'
import { answers, assertSame } from '../helpers/exhaustive.ts'
import { seededBelow } from '../helpers/seeded.ts'

const WORDS = ['oil', 'prices', 'rose', 'fell', 'crude', 'the', 'of']
// One common completion and rarer ones, as a typed prefix has them.
const RARE = ['march', 'marks', 'margin', 'marine', 'maritime', 'marble']
const PARAGRAPHS = 4

/** Enough articles that the completions of `mar` hold more postings than are kept. */
function corpus(): Article[] {
  const next = seededBelow(11)
  const sentence = () => {
    const words = Array.from({ length: 3 + next(5) }, () => WORDS[next(WORDS.length)] as string)
    words.splice(next(words.length + 1), 0, 'market')
    if (next(3) === 0) words.splice(next(words.length + 1), 0, RARE[next(RARE.length)] as string)
    return words.join(' ')
  }
  const articles = Math.ceil(MIN_KEPT_POSTINGS / PARAGRAPHS) + 10
  return Array.from({ length: articles }, (_, i) => ({
    id: `a/${String(i).padStart(5, '0')}`,
    file: `${i}.txt`,
    title: next(4) === 0 ? 'Markets' : 'Oil report',
    category: ['crude', 'ship', 'acq'][next(3)] as string,
    date: `1987-0${1 + next(9)}-1${next(10)}`,
    paragraphs: Array.from({ length: PARAGRAPHS }, (_, index) => ({ index, text: sentence() })),
  }))
}

/** The typed lists of these terms the index holds (some are stemmed), scored as a prefix's might be. */
function listsOf(index: NewsIndex, terms: readonly string[], factor: number): ScoredList[] {
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const lists = terms.flatMap((term, i) => {
    const list = postings.get(term, index.nextParagraphId)
    return list === undefined ? [] : [{ term, list, factor: factor / (i + 1), exact: 0 }]
  })
  assert.ok(lists.length >= 3, 'the completions are indexed')
  return lists
}

describe('kept words of many expansions', () => {
  const index = buildIndex(corpus())

  it('give the exhaustive page, totals and facets, asked twice', () => {
    for (const q of ['mar', 'oil mar', 'crude mar', '-rose mar']) {
      for (const sort of ['relevance', 'newest'] as const) {
        const first = assertSame(index, { q, prefix: true, sort })
        assert.ok(first.total.articles > 0, q)
        assert.deepEqual(answers(assertSame(index, { q, prefix: true, sort })), answers(first), q)
      }
    }
  })

  it('are merged once for an index state, and again after it changes', () => {
    const terms = ['market', ...RARE]
    const kept = keptWord(index, listsOf(index, terms, 2), 0)
    assert.ok(kept.length >= MIN_KEPT_POSTINGS * 0.9)
    assert.equal(keptWord(index, listsOf(index, terms, 2), 0), kept, 'read back while unchanged')
    // Other factors (another query's weights) are another list.
    assert.notEqual(keptWord(index, listsOf(index, terms, 3), 0), kept)
    index.add({
      id: 'z/kept',
      file: 'kept.txt',
      title: 'Tanker',
      paragraphs: [{ index: 0, text: 'market march' }],
    })
    const changed = keptWord(index, listsOf(index, terms, 2), 0)
    assert.notEqual(changed, kept)
    assert.equal(changed.length, kept.length + 1)
    index.remove('z/kept')
  })

  it('follow the index when an article is added or removed', () => {
    const request = { q: 'mar', prefix: true }
    const before = assertSame(index, request)
    index.add({
      id: 'z/new',
      file: 'new.txt',
      title: 'Marzipan',
      paragraphs: [{ index: 0, text: 'marzipan marzipan marzipan maritime' }],
    })
    const added = assertSame(index, request)
    assert.equal(added.total.articles, before.total.articles + 1)
    assert.ok(added.results.some((r) => r.article.id === 'z/new'))
    index.remove('z/new')
    assert.deepEqual(answers(assertSame(index, request)), answers(before))
  })
})
