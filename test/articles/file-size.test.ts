import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatBytes, tooLargeReason } from '../../src/articles/file-size.ts'

describe('formatBytes', () => {
  it('formats sizes for people', () => {
    assert.equal(formatBytes(512), '512 bytes')
    assert.equal(formatBytes(1536), '1.5 KB')
    assert.equal(formatBytes(20 * 1024 * 1024), '20 MB')
    assert.equal(formatBytes(25_300_000), '24.1 MB')
  })
})

describe('tooLargeReason', () => {
  it('gives the size and the limit in rounded units when they read apart', () => {
    assert.equal(tooLargeReason(25_300_000, 20 * 1024 * 1024), 'too large: 24.1 MB (limit 20 MB)')
  })

  it('falls back to exact bytes when the rounded sizes would read the same', () => {
    assert.equal(
      tooLargeReason(20 * 1024 * 1024 + 1, 20 * 1024 * 1024),
      'too large: 20,971,521 bytes (limit 20,971,520 bytes)',
    )
  })
})
