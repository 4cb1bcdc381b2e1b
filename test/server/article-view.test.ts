import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { safeHttpUrl } from '../../src/server/article-view.ts'

describe('safeHttpUrl', () => {
  it('keeps http and https addresses only', () => {
    assert.equal(safeHttpUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1')
    assert.equal(safeHttpUrl(' http://example.com'), 'http://example.com/')
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '//example.com',
      '/relative',
      'mailto:a@b.c',
      'not a url',
      undefined,
    ]) {
      assert.equal(safeHttpUrl(url), undefined, String(url))
    }
  })
})
