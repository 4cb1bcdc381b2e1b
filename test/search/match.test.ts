// The order of paragraphs before grouping: complete matches first, exact before expanded, then score.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildIndex } from '../../src/index/build.ts'
import {
  compareParagraphs,
  findMatching,
  isComplete,
  match,
  rankOrder,
} from '../../src/search/match.ts'
import type { ScoredParagraph } from '../../src/search/score.ts'
import { article } from '../helpers/articles.ts'

const scored = (id: number, score: number, words: number, exact = words): ScoredParagraph => ({
  id,
  score,
  words,
  exact,
  own: words,
})

describe('compareParagraphs', () => {
  it('puts a complete match first whatever the scores', () => {
    const complete = scored(1, 0.1, 2)
    const partial = scored(2, 9, 1)
    assert.ok(compareParagraphs(complete, partial, 2) < 0)
    assert.ok(compareParagraphs(partial, complete, 2) > 0)
  })

  it('among complete matches puts more exact words first, then the higher score', () => {
    const exact = scored(1, 0.1, 2, 2)
    const expanded = scored(2, 5, 2, 1)
    const higher = scored(3, 0.2, 2, 2)
    const ranked = [expanded, exact, higher].sort((a, b) => compareParagraphs(a, b, 2))
    assert.deepEqual(
      ranked.map((p) => p.id),
      [3, 1, 2],
    )
  })

  it('ranks partial matches by score alone', () => {
    const fewer = scored(1, 3, 1, 1)
    const more = scored(2, 2, 2, 0)
    assert.ok(compareParagraphs(fewer, more, 3) < 0)
  })

  it('takes the article’s own score when given', () => {
    assert.ok(compareParagraphs(scored(1, 1, 1), scored(2, 2, 1), 1, -1) < 0)
  })
})

describe('isComplete', () => {
  it('needs every distinct word of the query', () => {
    assert.equal(isComplete(scored(1, 1, 2), 2), true)
    assert.equal(isComplete(scored(1, 1, 1), 2), false)
  })
})

// A vocabulary small enough that random articles share words and queries find some of them.
const WORDS = ['oil', 'price', 'tanker', 'harbour', 'strike', 'minister', 'grain', 'export']
const texts = fc.array(fc.subarray(WORDS, { minLength: 1 }), { minLength: 1, maxLength: 4 })
const corpus = fc
  .array(texts, { minLength: 1, maxLength: 6 })
  .map((articles) =>
    buildIndex(
      articles.map((paragraphs, i) =>
        article(`a${i}`, `Report ${i}`, ...paragraphs.map((words) => words.join(' '))),
      ),
    ),
  )

describe('match', () => {
  it('literally: the complete match first, then the partial ones by score', () => {
    const index = buildIndex([
      article('a', 'One', 'Oil oil oil oil oil everywhere.'),
      article('b', 'Two', 'The oil tanker docked.'),
      article('c', 'Three', 'A tanker.'),
    ])
    const found = match(index, 'oil tanker')
    assert.equal(found.matched, 'all')
    assert.equal(found.wordCount, 2)
    assert.deepEqual(
      found.paragraphs.map((p) => index.articleOf(p.id)?.id),
      ['b', 'a', 'c'],
    )
  })

  it('says only some words matched when no paragraph holds them all', () => {
    const index = buildIndex([article('a', 'One', 'Oil.'), article('b', 'Two', 'Tanker.')])
    assert.equal(match(index, 'oil tanker').matched, 'some')
  })

  it('keeps a paragraph that matches through its title only when it is the lead', () => {
    const index = buildIndex([
      article('a', 'Harbour strike', 'Dockers walked out.', 'Talks go on.'),
    ])
    assert.deepEqual(
      match(index, 'harbour').paragraphs.map((p) => p.id),
      [0],
    )
  })

  it('never ranks a complete match below a partial one', () => {
    const queries = fc.subarray(WORDS, { minLength: 1, maxLength: 3 })
    fc.assert(
      fc.property(corpus, queries, (index, words) => {
        const { paragraphs, wordCount } = match(index, words.join(' '))
        const firstPartial = paragraphs.findIndex((p) => !isComplete(p, wordCount))
        if (firstPartial === -1) return
        assert.ok(paragraphs.slice(firstPartial).every((p) => !isComplete(p, wordCount)))
      }),
      { numRuns: 200 },
    )
  })

  it('ranks in the same order as sorting findMatching’s paragraphs by rankOrder', () => {
    fc.assert(
      fc.property(corpus, fc.subarray(WORDS, { minLength: 1, maxLength: 3 }), (index, words) => {
        const q = words.join(' ')
        const unranked = findMatching(index, q)
        const sorted = [...unranked.paragraphs].sort(rankOrder(index, unranked.wordCount))
        assert.deepEqual(match(index, q).paragraphs, sorted)
      }),
      { numRuns: 100 },
    )
  })

  it('ranks an exact match above its prefix completions and typo corrections', () => {
    // The exact word is said once in a long paragraph; its completion (another stem) and a
    // near spelling are rarer and repeated, so on BM25 alone they would outscore it.
    const pairs = [
      ['harbour', 'harbourmaster'],
      ['strike', 'strikebreaker'],
      ['tanker', 'tankerman'],
      ['market', 'marketplace'],
    ] as const
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 4 }),
        ([word, completion], repeats, others) => {
          const filler = 'talks resumed after the long weekend of protests'
          const index = buildIndex([
            article('exact', 'One', `${filler} ${word} ${filler}`),
            ...Array.from({ length: others }, (_, i) =>
              article(`also${i}`, 'More', `${word} ${filler}`),
            ),
            article('prefix', 'Two', Array(repeats).fill(completion).join(' ')),
            article(
              'typo',
              'Three',
              Array(repeats)
                .fill(`${word.slice(0, -1)}x`)
                .join(' '),
            ),
          ])
          const ids = (prefix: boolean) =>
            match(index, word, { prefix }).paragraphs.map((p) => index.articleOf(p.id)?.id)
          const asYouType = ids(true)
          assert.equal(asYouType.length, others + 2, `${asYouType}`)
          assert.equal(asYouType.at(-1), 'prefix')
          assert.ok(!asYouType.includes('typo'), 'a known word is never widened to its typos')
          assert.deepEqual(ids(false).sort(), asYouType.slice(0, -1).sort())
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('match: phrases, exclusions and categories', () => {
  const ids = (index: ReturnType<typeof buildIndex>, q: string) =>
    match(index, q).paragraphs.map((p) => index.articleOf(p.id)?.id)

  it('requires a phrase: a paragraph holding its words apart is left out', () => {
    const index = buildIndex([
      article('together', 'One', 'The red line was drawn.'),
      article('apart', 'Two', 'A red car crossed the line.'),
    ])
    assert.deepEqual(ids(index, '"red line"'), ['together'])
    assert.deepEqual(ids(index, 'red line').sort(), ['apart', 'together'])
  })

  it('leaves out the paragraphs holding an excluded word or phrase, not their article', () => {
    const index = buildIndex([
      article('a', 'One', 'Oil prices rose.', 'The oil tanker docked.'),
      article('b', 'Two', 'Oil tanker docked late.'),
    ])
    assert.deepEqual(
      match(index, 'oil -tanker').paragraphs.map((p) => p.id),
      [0],
    )
    assert.deepEqual(
      match(index, 'oil -"tanker docked"').paragraphs.map((p) => p.id),
      [0],
    )
  })

  it('narrows to a category, counting the facets over every category', () => {
    const index = buildIndex([
      { ...article('s', 'One', 'Oil on the pitch.'), category: 'sport' },
      { ...article('b1', 'Two', 'Oil prices rose.'), category: 'business' },
      { ...article('b2', 'Three', 'Oil prices fell.'), category: 'business' },
    ])
    const found = match(index, 'oil category:sport')
    assert.deepEqual(
      found.paragraphs.map((p) => index.articleOf(p.id)?.id),
      ['s'],
    )
    assert.deepEqual(found.facets, { sport: 1, business: 2 })
  })
})
