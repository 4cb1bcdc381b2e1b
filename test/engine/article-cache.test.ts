import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { ArticleCache } from '../../src/engine/sphinx/article-cache.ts'

const article = (id: string): Article => ({
  id,
  title: `Title ${id}`,
  paragraphs: [{ index: 0, text: `The text of ${id}.` }],
  file: `${id}.txt`,
})

describe('the engine’s cache of articles read', () => {
  test('keeps the most recently used, analysed as the index analyses them', () => {
    const cache = new ArticleCache(2)
    cache.take('s1', [1, 2, 3])
    for (const key of [1, 2]) cache.put('s1', key, article(`a${key}`))
    // Reading 1 again makes 2 the least recently used: the third article pushes it out.
    assert.deepEqual(cache.take('s1', [1]).unknown, [])
    cache.put('s1', 3, article('a3'))
    const { found, unknown } = cache.take('s1', [1, 2, 3])
    assert.deepEqual(unknown, [2])
    assert.deepEqual(
      found.map((entry) => entry.article.id),
      ['a1', 'a3'],
    )
    assert.ok(found.every((entry) => entry.analysis.texts[0]?.some((t) => t.term === 'text')))
  })

  test('forgets everything when the collection changes, and keeps nothing read before', () => {
    const cache = new ArticleCache(10)
    cache.take('s1', [1])
    cache.put('s1', 1, article('a1'))
    assert.deepEqual(cache.take('s2', [1]).unknown, [1])
    // Read in the old state, answered after a write: not kept for the new one.
    cache.put('s1', 1, article('a1'))
    assert.deepEqual(cache.take('s2', [1]).unknown, [1])
  })
})
