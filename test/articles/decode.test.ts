import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeCp1252, decodeText, notTextReason } from '../../src/articles/decode.ts'

const bytes = (...values: number[]) => new Uint8Array(values)
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeText', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    const decoded = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café “ok”')]))
    assert.deepEqual(decoded, { text: 'Café “ok”', encoding: 'utf-8' })
  })

  it('falls back to Windows-1252 when the bytes are not valid UTF-8 (0xA3 is £)', () => {
    const decoded = decodeText(new Uint8Array([...utf8('costs '), 0xa3, ...utf8('40m')]))
    assert.deepEqual(decoded, { text: 'costs £40m', encoding: 'windows-1252' })
  })

  it('maps the 0x80–0x9F range as Windows-1252 does, not as Latin-1 controls', () => {
    assert.equal(decodeCp1252(bytes(0x80, 0x93, 0x94, 0x96, 0x85, 0x99)), '€“”–…™')
    assert.equal(decodeText(bytes(0x93, 0x68, 0x69, 0x94)).text, '“hi”')
    assert.equal(decodeCp1252(bytes(0x81)), '\uFFFD')
  })

  it('decodes long Windows-1252 input whole (chunk boundaries)', () => {
    const long = new Uint8Array(20_000).fill(0x41)
    long[8191] = 0xa3
    long[8192] = 0xe9
    const { text, encoding } = decodeText(long)
    assert.equal(encoding, 'windows-1252')
    assert.equal(text.length, 20_000)
    assert.equal(text.slice(8190, 8194), 'A£éA')
  })

  it('normalises to NFC', () => {
    assert.equal(decodeText(utf8('Cafe\u0301')).text, 'Café')
  })

  it('drops control characters but keeps tabs and line breaks', () => {
    assert.equal(decodeText(utf8('a\u0001b\tc\r\nd\u007f\u0085e')).text, 'ab\tc\r\nde')
  })
})

describe('notTextReason', () => {
  it('accepts ordinary text', () => {
    assert.equal(notTextReason(utf8('Title\n\nA paragraph.\n')), undefined)
  })

  it('calls an empty file empty', () => {
    assert.equal(notTextReason(new Uint8Array()), 'empty file')
  })

  it('calls a file with NUL bytes early on binary', () => {
    assert.match(
      notTextReason(bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x01)) ?? '',
      /^binary file \(NUL/,
    )
  })

  it('calls a file of mostly control characters binary', () => {
    const noise = new Uint8Array(1000).map((_, i) => (i % 3 === 0 ? 0x41 : 0x02))
    assert.match(notTextReason(noise) ?? '', /^binary file \(67% control characters/)
  })

  it('only looks at the first 8 KB', () => {
    const late = new Uint8Array(10_000).fill(0x41)
    late[9_000] = 0
    assert.equal(notTextReason(late), undefined)
  })

  it('names UTF-16 rather than calling it binary', () => {
    assert.match(notTextReason(bytes(0xff, 0xfe, 0x41, 0x00)) ?? '', /UTF-16/)
    assert.match(notTextReason(bytes(0xfe, 0xff, 0x00, 0x41)) ?? '', /UTF-16/)
  })
})
