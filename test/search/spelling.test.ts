// Did-you-mean: a respelling is offered only when it finds more, or finds every word.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import { match } from '../../src/search/match.ts'
import { didYouMean, respelling } from '../../src/search/spelling.ts'
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
