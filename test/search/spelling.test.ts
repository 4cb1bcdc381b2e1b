// Did-you-mean: a respelling is offered only when it finds more, or finds every word.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { articlesUpTo } from '../../src/search/article-count.ts'
import { findMatching, match } from '../../src/search/match.ts'
import { planQuery } from '../../src/search/plan.ts'
import { didYouMean, type Outcome, respelling } from '../../src/search/spelling.ts'
import { article } from '../helpers/articles.ts'

const index = buildIndex([
  article('a', 'Talks', 'Negotiations resumed in Geneva on oil.', 'Negotiations stalled on oil.'),
  article('b', 'More talks', 'The negotiations on oil went on.'),
  article('c', 'A typo', 'Negotiatons, wrote the clerk, on 16.2bn.'),
  article('d', 'Prices', 'Oil prices rose.'),
])

/** The suggestion for `q`, given how `q` itself did. */
function suggestion(q: string): string | undefined {
  const found = match(index, q)
  const articles = new Set(found.paragraphs.map((p) => index.articleOf(p.id))).size
  return didYouMean(index, q, { articles, matched: found.matched })
}

describe('didYouMean', () => {
  it('respells a rare misspelling as its frequent neighbour, keeping the rest as typed', () => {
    assert.equal(suggestion('Negotiatons  on OIL'), 'negotiations  on OIL')
  })

  it('respells a short word that search itself does not correct, as the text writes it', () => {
    // Three letters allow no typo in search, one edit here.
    assert.equal(suggestion('negotiations oyl'), 'negotiations oil')
    assert.equal(suggestion('genva'), undefined, 'search already found Geneva through the typo')
  })

  it('offers nothing when the query does as well as any respelling', () => {
    assert.equal(suggestion('negotiations oil'), undefined)
    assert.equal(suggestion('prices'), undefined)
  })

  it('offers nothing for short words, numbers, or words with no neighbour', () => {
    assert.equal(suggestion('oi'), undefined)
    assert.equal(suggestion('16.3bn'), undefined)
    assert.equal(suggestion('zebra'), undefined)
  })
})

describe('respelling', () => {
  it('replaces a word only by a neighbour more frequent than itself', () => {
    const even = buildIndex([article('a', 'Banks', 'The tanker and the banker.')])
    assert.equal(respelling(even.lexicon, 'tanker'), undefined, 'as rare as its neighbour')
    const uneven = buildIndex([article('a', 'Banks', 'The tanker and the banker, banker.')])
    assert.equal(respelling(uneven.lexicon, 'tanker'), 'banker')
  })
  it('keeps a word the text uses more than once, however frequent its neighbours', () => {
    const index = buildIndex([article('a', 'Banks', 'Tanker, tanker; banker, banker, banker.')])
    assert.equal(respelling(index.lexicon, 'tanker'), undefined)
  })
})

// Did-you-mean counts a respelling's articles over typed postings and stops once it knows the
// answer; these hold it to the count of every match scored into objects (`findMatching`).
const WORDS = ['oil', 'oils', 'price', 'prices', 'trade', 'trader', 'stock', 'market', 'the']
const randomCorpus = fc
  .array(
    fc.record({
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
      category: fc.constantFrom('acq', 'Crude', undefined),
      paragraphs: fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 20 },
  )
  .map((records) =>
    records.map(
      (record, i): Article => ({
        ...article(`a${i}`, record.title.join(' '), ...record.paragraphs.map((p) => p.join(' '))),
        ...(record.category !== undefined && { category: record.category }),
      }),
    ),
  )
const typed = fc.constantFrom('oil', 'pric', 'prixe', 'trade', 'stokc', 'markt', 'zebra', 'the')
const randomQuery = fc
  .tuple(
    fc.array(typed, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', ' category:acq', ' category:crude'),
  )
  .map(([words, category]) => words.join(' ') + category)

/** The articles `findMatching` finds for `q`, and whether some paragraph holds every word. */
function found(index: NewsIndex, q: string): Outcome {
  const matching = findMatching(index, q)
  const articles = new Set(matching.paragraphs.map((p) => index.articleOf(p.id))).size
  return { articles, matched: matching.matched }
}

describe('counting a respelling’s articles', () => {
  it('counts the articles every match scored would find, up to one past the limit', () => {
    fc.assert(
      fc.property(randomCorpus, randomQuery, fc.nat(6), (articles, q, limit) => {
        const index = buildIndex(articles)
        const { articles: all } = found(index, q)
        const plan = planQuery(index, q)
        // Stop words alone search nothing: no count is offered.
        const expected = plan.words.length === 0 ? undefined : all > limit ? limit + 1 : all
        assert.equal(articlesUpTo(index, plan, limit), expected, q)
      }),
      { numRuns: 300 },
    )
  })

  it('offers a respelling exactly when it finds more, or every word where the query found some', () => {
    fc.assert(
      fc.property(randomCorpus, randomQuery, (articles, q) => {
        const index = buildIndex(articles)
        const outcome = found(index, q)
        const respelt = respelling(index.lexicon, q)
        let expected: string | undefined
        if (respelt !== undefined) {
          const better = found(index, respelt)
          const gains =
            better.articles > outcome.articles ||
            (outcome.matched === 'some' && better.matched === 'all' && better.articles > 0)
          if (gains) expected = respelt
        }
        assert.equal(didYouMean(index, q, outcome), expected, q)
      }),
      { numRuns: 300 },
    )
  })
})
