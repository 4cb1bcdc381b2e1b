import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { analyze } from '../../src/analysis/analyzer.ts'
import { TermNumbers } from '../../src/index/term-numbers.ts'
import { packTokens, unpackTokens } from '../../src/index/token-table.ts'

const spans = (text: string) => analyze(text).map(({ start, end, term }) => ({ start, end, term }))

describe('packed tokens', () => {
  it('unpack to exactly what the analyzer gave, for any text', () => {
    const numbers = new TermNumbers()
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        assert.deepEqual(unpackTokens(packTokens(analyze(text), numbers), numbers), spans(text))
      }),
      { numRuns: 300 },
    )
  })

  it('keep offsets and lengths past what one byte holds', () => {
    const numbers = new TermNumbers()
    const text = `${' '.repeat(3_000_000)}start ${'x'.repeat(70_000)} the end`
    const tokens = unpackTokens(packTokens(analyze(text), numbers), numbers)
    assert.deepEqual(tokens, spans(text))
    assert.equal(tokens[1]?.end, 3_000_006 + 70_000)
  })

  it('stay readable after their numbers are saved and read back', () => {
    const numbers = new TermNumbers()
    const packed = packTokens(analyze('Oil prices rose as the pipeline opened.'), numbers)
    const restored = TermNumbers.from(numbers.terms())
    assert.deepEqual(
      unpackTokens(packed, restored),
      spans('Oil prices rose as the pipeline opened.'),
    )
  })

  it('number a term once, and never give its number to another', () => {
    const numbers = new TermNumbers()
    const oil = numbers.numberOf('oil')
    assert.equal(numbers.numberOf('price'), oil + 1)
    assert.equal(numbers.numberOf('oil'), oil)
    assert.equal(numbers.terms()[oil - 1], 'oil')
    assert.equal(numbers.find('gas'), undefined)
  })

  it('are about a third of a byte per character of news text', () => {
    const numbers = new TermNumbers()
    const text =
      'Iran’s Secretary of Defense Council Ali Shamkhani said on Friday the country’s missiles were a “red line” and non-negotiable.'
    assert.ok(packTokens(analyze(text), numbers).length < text.length / 2)
  })
})
