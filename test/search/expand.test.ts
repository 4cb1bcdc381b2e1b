// What a query word matches: itself, its prefix completions, or (only when unknown) its typos.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import { allowedEdits, expandWord } from '../../src/search/expand.ts'
import { parseQuery } from '../../src/search/query.ts'
import { article } from '../helpers/articles.ts'

const index = buildIndex([
  article('a', 'Report', 'Negotiations on the harbour resumed.', 'The harbourmaster spoke.'),
  article('b', 'More', 'Harbours and harbourmasters, harbourmasters again.', 'Oil at 16.2bn.'),
  article('c', 'Last', 'Negotiators met the harbourmaster.'),
])

/** The expansions of the query's one word, as `term weight exact`, sorted. */
function expansions(q: string, prefix = false, options = {}): string[] {
  const [word] = parseQuery(q, { prefix }).words
  assert.ok(word !== undefined)
  return expandWord(index, word, options)
    .map((e) => `${e.term} ${e.weight} ${e.exact}`)
    .sort()
}

describe('allowedEdits', () => {
  it('allows no typo under 5 letters, one from 5, two from 9', () => {
    assert.deepEqual([1, 4, 5, 8, 9, 20].map(allowedEdits), [0, 0, 1, 1, 2, 2])
  })
})

describe('expandWord', () => {
  it('matches a known word as itself only, without its near spellings', () => {
    assert.deepEqual(expansions('harbour'), ['harbour 1 true'])
  })

  it('adds the words a prefix completes to, weighed below the word itself', () => {
    assert.deepEqual(expansions('harbour', true), ['harbour 1 true', 'harbourmast 0.8 false'])
    assert.deepEqual(expansions('harbourm', true), ['harbourmast 0.8 false'])
  })

  it('keeps the most frequent completions when capped', () => {
    // negotiations (1) and negotiators (1) tie on count: the cap keeps the first in word order.
    assert.deepEqual(expansions('nego', true, { maxPrefixExpansions: 1 }), ['negoti 0.8 false'])
    assert.deepEqual(expansions('harb', true, { maxPrefixExpansions: 1 }), [
      'harbourmast 0.8 false',
    ])
  })

  it('matches nothing for a one-letter prefix', () => {
    assert.deepEqual(expansions('h', true), [])
  })

  it('corrects an unknown word to words within the allowed edits, by half per edit', () => {
    assert.deepEqual(expansions('harbor'), ['harbour 0.5 false'])
    assert.deepEqual(expansions('harbr'), [], 'five letters: one edit, and harbour is two away')
    assert.deepEqual(expansions('harbormaste'), ['harbourmast 0.25 false'])
    assert.deepEqual(expansions('hrbr'), [], 'four letters: no typos')
  })

  it('never takes a word with a digit for a typo of another', () => {
    assert.deepEqual(expansions('16.3bn'), [])
  })
})
