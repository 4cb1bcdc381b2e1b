import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { relatedCorpora } from '../../src/measure/related-eval.ts'
import { relatedAgreement } from '../../src/measure/related-quality.ts'

const article = (id: string, text: string): Article => ({
  id,
  title: text.split(' ').slice(0, 3).join(' '),
  file: `${id}.txt`,
  category: id.split('/')[0] as string,
  paragraphs: [{ index: 0, text }],
})

describe('relatedAgreement', () => {
  it('averages the share of related articles that share a label', () => {
    const index = buildIndex([
      article('energy/a', 'crude oil pipeline refinery tanker prices'),
      article('energy/b', 'refinery crude oil output and tanker rates'),
      article('sport/c', 'cup final goal stadium coach defence'),
      article('sport/d', 'derby goal coach praised the defence at the stadium'),
    ])
    const byCategory = relatedAgreement(index, (a) => (a.category ? [a.category] : []), 1)
    assert.equal(byCategory.articles, 4)
    assert.equal(byCategory.offered, 4)
    assert.equal(byCategory.share, 1)
    // Labels that nothing shares: nothing agrees.
    const own = relatedAgreement(index, (a) => [a.id], 1)
    assert.equal(own.share, 0)
    // Articles without a label are not asked.
    assert.equal(relatedAgreement(index, () => [], 1).articles, 0)
  })
})

describe('relatedCorpora', () => {
  it('measures none when collections are named, and refuses an unknown name', () => {
    assert.deepEqual(relatedCorpora(undefined, true), [])
    assert.deepEqual(relatedCorpora(['none']), [])
    assert.throws(() => relatedCorpora(['wiki']), /--related takes bbc, reuters or none/)
  })
})
