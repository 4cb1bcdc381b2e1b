// Acronyms and numbers as the news writes them, searched and marked end to end (issue 18).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { analyze } from '../../src/analysis/analyzer.ts'
import { buildIndex } from '../../src/index/build.ts'
import { parseQuery } from '../../src/search/query.ts'
import { search } from '../../src/search/search.ts'
import { markHtml } from '../../src/search/snippet.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { article } from '../helpers/articles.ts'

const index = buildIndex([
  article('bp', 'BP profits rise', 'BP made a profit of $16.2bn last year, up from $13bn.'),
  article('dollar', 'Dollar slips', 'The U.S. dollar fell 1.5% against the euro on Friday.'),
  article('economy', 'Growth', 'The US economy grew 3.5% as exports reached 4,900,000 tonnes.'),
  article(
    'letters',
    'Letters',
    'Tell us what you think of the U-turn at M&S, where shirts cost $40.',
  ),
  article('budget', 'Budget', 'The plan costs 1.5 billion euros over 5 years.'),
  article('wire', 'U.S. TRADE DEFICIT WIDENS AS IT FALLS', 'The deficit widened in March.'),
  article('europe', 'Talks', 'The U.K. and the EU agreed; UK officials met E.U. envoys at 10 a.m.'),
])

const run = (q: string, prefix = false) => search(index, { q, prefix })
const ids = (response: SearchResponse) => response.results.map((r) => r.article.id).sort()
/** Every mark of every snippet and title, as `id: text`. */
const marks = (response: SearchResponse) =>
  response.results.flatMap((r) =>
    [r.article.titleHtml, ...r.paragraphs.map((p) => p.snippet)].flatMap((html) =>
      [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => `${r.article.id}: ${m[1]}`),
    ),
  )

describe('searching acronyms', () => {
  it('US and U.S. find each other, in text and in a title set in capitals, and mark them whole', () => {
    for (const q of ['US', 'U.S.', 'u.s.', 'U.S']) {
      const response = run(q)
      assert.deepEqual(ids(response), ['dollar', 'economy', 'wire'], q)
      assert.deepEqual(marks(response).sort(), ['dollar: U.S.', 'economy: US', 'wire: U.S.'], q)
    }
  })

  it('neither finds the pronoun us, U-turn or M&S, and a typed us stays the pronoun', () => {
    assert.ok(!ids(run('US')).includes('letters'))
    const pronoun = run('us')
    assert.deepEqual(ids(pronoun), [])
    assert.deepEqual(pronoun.ignored, ['us'])
  })

  it('UK and U.K., EU and E.U., a.m. find their forms', () => {
    assert.deepEqual(marks(run('UK')), ['europe: U.K.', 'europe: UK'])
    assert.deepEqual(marks(run('u.k.')), ['europe: U.K.', 'europe: UK'])
    assert.deepEqual(marks(run('E.U.')), ['europe: EU', 'europe: E.U.'])
    assert.deepEqual(marks(run('a.m.')), ['europe: a.m.'])
  })

  it('reads a title set in capitals as words: TRADE DEFICIT is marked, IT is not an acronym there', () => {
    const response = run('trade deficit')
    assert.equal(
      response.results[0]?.article.titleHtml,
      'U.S. <mark>TRADE</mark> <mark>DEFICIT</mark> WIDENS AS IT FALLS',
    )
    assert.deepEqual(ids(run('IT')), [])
  })

  it('finds a phrase over an acronym, and leaves out an excluded one', () => {
    for (const q of ['"U.S. dollar"', '"US dollar"']) {
      assert.deepEqual(marks(run(q)), ['dollar: U.S. dollar'], q)
    }
    const response = run('U.S. dollar')
    assert.equal(response.matched, 'all')
    assert.equal(response.results[0]?.article.id, 'dollar')
    assert.deepEqual(ids(run('euro -U.S.')), ['budget'])
  })

  it('completes an acronym being typed', () => {
    assert.deepEqual(ids(run('U.S', true)), ['dollar', 'economy', 'wire'])
  })
})

describe('searching numbers', () => {
  it('16.2bn finds and marks "$16.2bn" whole, leaving the currency sign out', () => {
    const response = run('16.2bn')
    assert.deepEqual(ids(response), ['bp'])
    assert.equal(
      response.results[0]?.paragraphs[0]?.snippet,
      'BP made a profit of $<mark>16.2bn</mark> last year, up from $13bn.',
    )
    assert.deepEqual(ids(run('16.2')), [])
    assert.deepEqual(ids(run('16.3bn')), [], 'a number is never a typo of another')
  })

  it('1.5 billion marks 1.5, and a phrase over it is one mark', () => {
    assert.deepEqual(marks(run('1.5 billion')), ['budget: 1.5', 'budget: billion'])
    assert.deepEqual(marks(run('"1.5 billion"')), ['budget: 1.5 billion'])
    assert.deepEqual(ids(run('"5 billion"')), [])
  })

  it('meets thousands with or without separators, and keeps a percent and a currency amount', () => {
    assert.deepEqual(marks(run('4,900,000')), ['economy: 4,900,000'])
    assert.deepEqual(marks(run('4900000')), ['economy: 4,900,000'])
    assert.deepEqual(marks(run('3.5%')), ['economy: 3.5%'])
    assert.deepEqual(marks(run('1.5%')), ['dollar: 1.5%'])
    assert.deepEqual(marks(run('$40')), ['letters: 40'])
  })
})

/** Words the news writes, in every form the analyzer tells apart, with no two a typo apart. */
const FORMS = [
  'U.S.',
  'US',
  'us',
  'u.s.',
  'U-turn',
  'M&S',
  'UK',
  'U.K.',
  'uk',
  'IT',
  'it',
  'TRADE',
  'DEFICIT',
  'deficit',
  '$16.2bn',
  '16.2bn',
  '16.2',
  '1.5',
  'billion',
  '4,900,000',
  '4900000',
  '3.5%',
  'in 1987.',
  'a.m.',
  'AM',
  'E.ON',
]

describe('searching text that mixes acronyms and numbers (property)', () => {
  it('finds a text exactly when it holds a query word, and marks exactly those words, whole', () => {
    const words = (max: number) =>
      fc.array(fc.constantFrom(...FORMS), { minLength: 1, maxLength: max })
    const separator = fc.constantFrom(' ', ', ', '. ', ' (', ') ')
    const text = fc.tuple(words(12), separator).map(([list, between]) => list.join(between).trim())
    fc.assert(
      fc.property(text, words(3), (text, query) => {
        const q = query.join(' ')
        const index = buildIndex([article('a', text, text)])
        const response = search(index, { q })
        const terms = new Set(parseQuery(q).words.map((w) => w.term))
        const tokens = analyze(text)
        const expected = tokens
          .filter((t) => t.term !== null && terms.has(t.term))
          .map((t): [number, number] => [t.start, t.end])
        const [result] = response.results
        assert.equal(result !== undefined, expected.length > 0, 'found iff it holds a query word')
        if (result === undefined) return
        assert.equal(result.article.titleHtml, markHtml(text, expected))
        assert.deepEqual(result.paragraphs[0]?.highlights, expected)
        assert.equal(result.paragraphs[0]?.text, text)
      }),
      { numRuns: 300 },
    )
  })
})
