import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { search } from '../../src/search/search.ts'
import type { SearchRequest } from '../../src/search/types.ts'
import { assertSame } from '../helpers/exhaustive.ts'

const VOCABULARY = [
  'oil',
  'oils',
  'price',
  'prices',
  'bank',
  'banker',
  'rates',
  'rate',
  'trade',
  'trader',
  'tokyo',
  'stock',
  'market',
  'interest',
]
const CATEGORIES = ['acq', 'earn', 'crude', undefined]
// Days alone and datetimes, sharing days, so that date order ties and facet buckets merge; two
// stand on the ends of ranges below (12:00 on 2 March, the last instant of March).
const DATES = [
  '1987-03-02',
  '1987-03-02T10:00:00.000Z',
  '1987-03-02T12:00:00.000Z',
  '1987-03-31T23:59:59.999Z',
  '1987-03-30',
  '1987-04-01T08:00:00.000Z',
  '1987-10-19',
  '1988-01-04T12:00:00.000Z',
  undefined,
]

const sentence = fc
  .array(fc.constantFrom(...VOCABULARY, 'the', 'of', 'and'), { minLength: 1, maxLength: 12 })
  .map((words) => words.join(' '))

const corpusOf = (minLength: number, maxLength: number) =>
  fc
    .array(
      fc.record({
        title: sentence,
        category: fc.constantFrom(...CATEGORIES),
        date: fc.constantFrom(...DATES),
        paragraphs: fc.array(sentence, { minLength: 1, maxLength: 5 }),
        heading: fc.option(sentence, { nil: undefined }),
        copies: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength, maxLength },
    )
    .map((records) =>
      // Copies under another title (near-copies, as a wire story is re-run): a query of words
      // not in the titles scores them alike, so their order is decided by id, which is not the
      // order they are numbered in.
      records.flatMap((record, i) =>
        Array.from({ length: record.copies + 1 }, (_, copy) => ({
          ...record,
          id: copy === 0 ? `${record.category ?? 'top'}` : `copy${copy}`,
          title: copy === 0 ? record.title : `${record.title} wire${copy}`,
          i,
        })),
      ),
    )
    .map((records) =>
      records.map(
        (record, n): Article => ({
          id: `${record.id}/${String(record.i).padStart(2, '0')}`,
          file: `${n}.txt`,
          title: record.title,
          ...(record.category !== undefined && { category: record.category }),
          ...(record.date !== undefined && { date: record.date }),
          paragraphs: record.paragraphs.map((text, index) => ({
            index,
            text,
            ...(index > 0 && record.heading !== undefined && { heading: record.heading }),
          })),
        }),
      ),
    )

const corpus = corpusOf(1, 25)

const word = fc.constantFrom(...VOCABULARY)
const query = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  fc.tuple(word, word, word).map((words) => words.join(' ')),
  word.map((w) => w.slice(0, 3)),
  word.map((w) => `${w.slice(0, -1)}x${w.slice(-1)}`),
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  fc.tuple(word, word).map(([a, b]) => `${a} -${b}`),
  fc.tuple(word, word).map(([a, b]) => `${a} -"${b} ${a}"`),
  fc.tuple(word, fc.constantFrom('acq', 'earn', 'crude')).map(([a, c]) => `${a} category:${c}`),
  fc.constantFrom('acq', 'earn', 'crude').map((c) => `category:${c}`),
  fc.tuple(word, word).map(([a, b]) => `${a} from:1987-03 ${b} to:1987-04`),
)

/** How results are ordered and narrowed: by date either way, within a range, folded or not. */
const arrangement = fc
  .record({
    sort: fc.constantFrom(undefined, 'relevance', 'newest', 'oldest'),
    range: fc.constantFrom(
      {},
      { from: '1987-03-02' },
      { to: '1987-03' },
      { from: '1987-03-02T12:00', to: '1987-03-02' },
      { from: '1987-04', to: '1987-10-19' },
      { from: '1987', to: '1988' },
    ),
    collapse: fc.constantFrom(undefined, true, false),
  })
  .map(({ sort, range, collapse }) => ({
    ...(sort !== undefined && { sort }),
    ...(collapse !== undefined && { collapse }),
    ...range,
  })) as fc.Arbitrary<Pick<SearchRequest, 'sort' | 'from' | 'to' | 'collapse'>>

describe('the typed page ranking', () => {
  it('gives the exhaustive ranking’s page, scores, totals and facets on random corpora', () => {
    fc.assert(
      fc.property(
        corpus,
        query,
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(1, 2, 4, 50),
        arrangement,
        (articles, q, prefix, page, size, arranged) => {
          assertSame(buildIndex(articles), { q, prefix, page, size, ...arranged })
        },
      ),
      { numRuns: 600 },
    )
  })

  it('agrees on deep pages, where every article is kept and sorted once', () => {
    fc.assert(
      fc.property(
        corpusOf(60, 120),
        query,
        fc.constantFrom(2, 3),
        arrangement,
        (articles, q, page, arranged) => {
          assertSame(buildIndex(articles), { q, page, size: 50, ...arranged })
        },
      ),
      { numRuns: 30 },
    )
  })

  it('agrees when near-copies fold into one result a story, on every page', () => {
    // Long paragraphs, so copies have shingles enough to compare; each copy has a new title and
    // its own category, so that a story's articles rank and facet differently.
    const long = fc
      .array(fc.constantFrom(...VOCABULARY), { minLength: 20, maxLength: 40 })
      .map((words) => words.join(' '))
    const stories = fc
      .array(
        fc.record({
          paragraphs: fc.array(long, { minLength: 1, maxLength: 3 }),
          copies: fc.nat(3),
        }),
        {
          minLength: 1,
          maxLength: 12,
        },
      )
      .map((records) =>
        records.flatMap(({ paragraphs, copies }, i) =>
          Array.from(
            { length: copies + 1 },
            (_, c): Article => ({
              id: `${CATEGORIES[c % 3]}/${i}-${c}`,
              file: `${i}-${c}.txt`,
              title: `${VOCABULARY[(i + c) % VOCABULARY.length]} report ${c}`,
              category: CATEGORIES[c % 3] as string,
              ...(DATES[(i + c) % DATES.length] !== undefined && {
                date: DATES[(i + c) % DATES.length] as string,
              }),
              paragraphs: paragraphs.map((text, index) => ({ index, text })),
            }),
          ),
        ),
      )
    fc.assert(
      fc.property(
        stories,
        query,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(1, 2, 50),
        arrangement,
        (articles, q, page, size, arranged) => {
          const index = buildIndex(articles)
          assertSame(index, { q, page, size, ...arranged })
          const folded = search(index, { q, size: 50 })
          const stories = folded.results.map(
            (r) => index.nearCopies.storyOf(r.article.id) ?? r.article.id,
          )
          assert.equal(new Set(stories).size, stories.length, 'one result a story')
          assert.equal(folded.total.results, folded.results.length)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('agrees after articles are removed and added', () => {
    fc.assert(
      fc.property(corpus, corpus, query, (first, second, q) => {
        const index = buildIndex(first)
        for (const article of first.slice(0, Math.ceil(first.length / 2))) index.remove(article.id)
        for (const article of second) {
          const id = `new/${article.id}`
          if (index.article(id) === undefined) index.add({ ...article, id })
        }
        assertSame(index, { q })
      }),
      { numRuns: 100 },
    )
  })

  it('agrees when removals leave a field with a negative average length (MiniSearch keeps a running average)', () => {
    const oil = (id: string, heading?: string): Article => ({
      id,
      file: `${id}.txt`,
      title: 'oil',
      category: 'acq',
      paragraphs: [
        { index: 0, text: 'oil' },
        ...(heading === undefined ? [] : [{ index: 1, text: 'oil', heading }]),
      ],
    })
    const index = buildIndex([oil('a'), oil('b', 'oil stock'), oil('c')])
    index.remove('a')
    index.remove('b')
    index.add(oil('d', 'stock and'))
    assert.ok((index.paragraphs.averageFieldLengths[1] as number) < 0)
    assertSame(index, { q: 'stock oil oil' })
  })

  it('finds a phrase that only a heading or a subtitle holds, in words no text or title has', () => {
    const index = buildIndex([
      {
        id: 'a',
        file: 'a.txt',
        title: 'Oil report',
        subtitle: 'Quarterly tanker tallies',
        paragraphs: [
          { index: 0, text: 'Prices fell.' },
          { index: 1, text: 'Output rose.', heading: 'Refinery margins' },
        ],
      },
    ])
    // The heading's paragraph; the subtitle's article, through its lead (as a title's).
    for (const [q, paragraph] of [
      ['"refinery margins"', 1],
      ['"tanker tallies"', 0],
    ] as const) {
      const response = search(index, { q })
      assert.deepEqual(
        response.results.map((r) => r.paragraphs.map((p) => p.index)),
        [[paragraph]],
        q,
      )
      assertSame(index, { q })
    }
  })

  it('ranks articles by their best paragraph, counts every match, and keeps a title-only match to the lead', () => {
    const index = buildIndex([
      {
        id: 'a',
        file: 'a.txt',
        title: 'Oil report',
        category: 'crude',
        paragraphs: [
          { index: 0, text: 'Prices fell.' },
          { index: 1, text: 'Nothing here.' },
          { index: 2, text: 'Oil prices rose again, oil traders said.' },
        ],
      },
      {
        id: 'b',
        file: 'b.txt',
        title: 'Markets',
        category: 'earn',
        paragraphs: [{ index: 0, text: 'Oil and more oil.' }],
      },
    ])
    const response = search(index, { q: 'oil prices' })
    assert.deepEqual(
      response.results.map((r) => [r.article.id, r.matches, r.paragraphs.map((p) => p.index)]),
      [
        ['a', 2, [0, 2]],
        ['b', 1, [0]],
      ],
    )
    assert.deepEqual(response.total, { articles: 2, paragraphs: 3, results: 2 })
    assert.deepEqual(response.facets.category, { crude: 1, earn: 1 })
    assert.equal(response.results[1]?.missing?.[0], 'prices')
    assertSame(index, { q: 'oil prices' })
  })
})
