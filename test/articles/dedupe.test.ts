import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dedupeArticles } from '../../src/articles/dedupe.ts'
import type { Article } from '../../src/articles/types.ts'

describe('dedupeArticles', () => {
  const make = (file: string, title: string, texts: string[], heading?: string): Article => ({
    id: file,
    title,
    file,
    paragraphs: texts.map((text, index) => ({ index, text, ...(heading && { heading }) })),
  })

  it('keeps the first of identical contents, counting groups', () => {
    const result = dedupeArticles([
      make('a', 'T', ['x']),
      make('b', 'T', ['x']),
      make('c', 'T', ['y']),
      make('d', 'T', ['x']),
      make('e', 'U', ['y']),
      make('f', 'U', ['y']),
    ])
    assert.deepEqual(
      result.articles.map((a) => a.file),
      ['a', 'c', 'e'],
    )
    assert.deepEqual(result.duplicates, [
      { file: 'b', duplicateOf: 'a' },
      { file: 'd', duplicateOf: 'a' },
      { file: 'f', duplicateOf: 'e' },
    ])
    assert.equal(result.duplicateGroups, 2)
  })

  it('tells apart contents that differ only in subtitle, heading or paragraph breaks', () => {
    const subtitled = { ...make('b', 'T', ['x']), subtitle: 'S' }
    const result = dedupeArticles([
      make('a', 'T', ['x']),
      subtitled,
      make('c', 'T', ['x'], 'H'),
      make('d', 'T', ['x', 'y']),
      make('e', 'T', ['x y']),
    ])
    assert.equal(result.articles.length, 5)
    assert.equal(result.duplicateGroups, 0)
  })
})

describe('dedupeArticles and separators', () => {
  it('is not fooled by text that moves between fields', () => {
    const a: Article = { id: 'a', file: 'a', title: 'T', paragraphs: [{ index: 0, text: 'x y' }] }
    const b: Article = {
      ...a,
      id: 'b',
      file: 'b',
      title: 'T x',
      paragraphs: [{ index: 0, text: 'y' }],
    }
    const c: Article = { ...a, id: 'c', file: 'c', subtitle: '', paragraphs: a.paragraphs }
    const result = dedupeArticles([a, b, c])
    assert.deepEqual(
      result.articles.map((x) => x.file),
      ['a', 'b'],
    )
    assert.deepEqual(result.duplicates, [{ file: 'c', duplicateOf: 'a' }])
  })
})
