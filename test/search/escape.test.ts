import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { escapeHtml } from '../../src/search/escape.ts'
import { encodeId } from '../../src/search/search.ts'

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    assert.equal(
      escapeHtml(`<script>alert("x" & 'y')</script>`),
      '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
    )
  })

  it('escapes an entity again rather than trusting it', () => {
    assert.equal(escapeHtml('&amp; &lt;'), '&amp;amp; &amp;lt;')
  })

  it('passes everything else through untouched', () => {
    for (const text of [
      '',
      'plain',
      'Iran’s “red line”',
      '😀\u0301\u200d',
      '\0',
      '\ud800',
      'שלום',
    ]) {
      assert.equal(escapeHtml(text), text)
    }
  })

  it('leaves no raw < > " \' and every & starts one of its entities', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const html = escapeHtml(text)
        assert.doesNotMatch(html, /[<>"']/)
        assert.doesNotMatch(html, /&(?!(?:amp|lt|gt|quot|#39);)/)
      }),
      { numRuns: 300 },
    )
  })
})

describe('encodeId', () => {
  it('links an id as each of its segments encoded, whatever it holds', () => {
    const segmentwise = (id: string) => id.split('/').map(encodeURIComponent).join('/')
    assert.equal(encodeId('earn/copy-2/0042.md'), 'earn/copy-2/0042.md')
    assert.equal(encodeId('a b/c?d#e/%'), 'a%20b/c%3Fd%23e/%25')
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[\w.~\-/]*$/), fc.string({ unit: 'grapheme' })),
        (id) => {
          assert.equal(encodeId(id), segmentwise(id))
        },
      ),
      { numRuns: 500 },
    )
  })
})
