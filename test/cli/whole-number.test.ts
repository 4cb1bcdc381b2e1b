// The one reader of whole-number flags: every cli command refuses the same bad numbers alike.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError, wholeNumber } from '../../src/cli/command.ts'
import { command as search } from '../../src/cli/search.ts'
import { capture } from '../fixtures/io.ts'

describe('wholeNumber', () => {
  it('reads digits within the range', () => {
    assert.equal(wholeNumber('1', '--page'), 1)
    assert.equal(wholeNumber('0', '--port', { min: 0, max: 65535 }), 0)
    assert.equal(wholeNumber('65535', '--port', { min: 0, max: 65535 }), 65535)
    assert.equal(wholeNumber('007', '--depth'), 7)
  })

  it('refuses what is not only digits, naming the flag, the range and the text', () => {
    for (const text of ['', ' 5', '5 ', '1e3', '0x10', '2.0', '-1', 'ten', '+3']) {
      assert.throws(
        () => wholeNumber(text, '--size', { max: 50 }),
        (error: unknown) =>
          error instanceof UsageError &&
          error.message === `--size must be a whole number from 1 to 50, not ${text}`,
        JSON.stringify(text),
      )
    }
  })

  it('refuses numbers outside the range, and says no upper bound when there is none', () => {
    assert.throws(
      () => wholeNumber('0', '--page'),
      /^UsageError: --page must be a whole number from 1, not 0$/,
    )
    assert.throws(() => wholeNumber('51', '--size', { max: 50 }), /from 1 to 50, not 51$/)
    assert.throws(() => wholeNumber('9'.repeat(20), 'NEWSDEX_MAX_TERMS'), /from 1, not 9+$/)
  })
})

describe('search --page --size', () => {
  it('refuses a bad page or size before it loads anything', async () => {
    for (const [flag, text, message] of [
      ['--page', '0', '--page must be a whole number from 1, not 0'],
      ['--page', '1.5', '--page must be a whole number from 1, not 1.5'],
      ['--size', '51', '--size must be a whole number from 1 to 50, not 51'],
    ] as const) {
      await assert.rejects(
        search.run([flag, text, '--index', '/nonexistent/index.json', 'oil'], capture()),
        (error: unknown) => error instanceof UsageError && error.message === message,
      )
    }
  })
})
