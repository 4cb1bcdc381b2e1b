import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { analyze } from '../../src/analysis/analyzer.ts'
import { holdsPhrase } from '../../src/index/packed-phrase.ts'
import { TermNumbers } from '../../src/index/term-numbers.ts'
import { packTokens } from '../../src/index/token-table.ts'
import { findPhrase } from '../../src/search/phrase.ts'

describe('holdsPhrase', () => {
  it('finds no phrase made only of stop words', () => {
    const numbers = new TermNumbers()
    assert.equal(holdsPhrase(packTokens(analyze('of the people'), numbers), [null, null]), false)
  })

  it('hold a phrase exactly where the analysed text does', () => {
    const numbers = new TermNumbers()
    const words = fc.constantFrom(
      'red',
      'line',
      'lines',
      'the',
      'of',
      'a',
      'Iran’s',
      'talks',
      '“',
      ',',
    )
    const text = fc.array(words, { maxLength: 40 }).map((parts) => parts.join(' '))
    const phrase = fc.array(
      fc.option(fc.constantFrom('red', 'line', 'talk', 'iran', 'unseen'), { nil: null }),
      {
        minLength: 1,
        maxLength: 4,
      },
    )
    fc.assert(
      fc.property(text, phrase, (text, phrase) => {
        const packed = packTokens(analyze(text), numbers)
        const phraseNumbers = phrase.map((term) =>
          term === null ? null : (numbers.find(term) ?? -1),
        )
        assert.equal(
          holdsPhrase(packed, phraseNumbers),
          findPhrase(analyze(text), phrase).length > 0,
        )
      }),
      { numRuns: 500 },
    )
  })
})
