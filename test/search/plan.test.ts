// A query made ready to score: distinct words with their counts and expansions, and the marks.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import { planQuery } from '../../src/search/plan.ts'
import { article } from '../helpers/articles.ts'

const index = buildIndex([
  article('a', 'Oil report', 'Oil prices rose at the harbour.', 'The harbourmaster spoke.'),
])

/** The plan's words as `text field count: terms`, in query order. */
function words(q: string, prefix = false): string[] {
  return planQuery(index, q, { prefix }).words.map(
    (w) => `${w.text} ${w.field ?? '-'} ${w.count}: ${w.expansions.map((e) => e.term).join(',')}`,
  )
}

describe('planQuery', () => {
  it('counts a word asked for twice once, with its count', () => {
    assert.deepEqual(words('oil prices oil'), ['oil - 2: oil', 'prices - 1: price'])
  })

  it('keeps a word restricted to a field apart from the same word anywhere', () => {
    assert.deepEqual(words('oil title:oil'), ['oil - 1: oil', 'oil title 1: oil'])
  })

  it('scores a phrase’s words as exact words and counts them with the same typed words', () => {
    assert.deepEqual(words('"oil prices" oil'), ['oil - 2: oil', 'oil prices - 1: price'])
  })

  it('keeps a word the index lacks, with no expansions, so no paragraph is complete without it', () => {
    assert.deepEqual(words('oil zebra'), ['oil - 1: oil', 'zebra - 1: '])
  })

  it('keeps an unknown phrase word with no expansions rather than correcting it', () => {
    assert.deepEqual(words('"oil prises"'), ['oil prises - 1: oil', 'oil prises - 1: '])
  })

  it('marks every stem the words expanded to, and the phrases', () => {
    const plan = planQuery(index, '"oil prices" harbour', { prefix: true })
    assert.deepEqual([...plan.marks.terms].sort(), ['harbour', 'harbourmast'])
    assert.deepEqual(plan.marks.phrases, [['oil', 'price']])
  })

  it('scores nothing for excluded words, which stay in the parsed query', () => {
    const plan = planQuery(index, 'oil -harbour')
    assert.deepEqual(words('oil -harbour'), ['oil - 1: oil'])
    assert.deepEqual(
      plan.parsed.excludedWords.map((w) => w.term),
      ['harbour'],
    )
  })
})
