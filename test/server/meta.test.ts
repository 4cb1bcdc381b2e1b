import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import {
  articleDescription,
  homeDescription,
  resultsDescription,
  summary,
} from '../../src/server/meta.ts'

function article(fields: Partial<Article>): Article {
  return { id: 'a', title: 'A title', paragraphs: [], file: 'a.txt', ...fields }
}

describe('summary', () => {
  it('keeps short text whole, on one line', () => {
    assert.equal(summary('  Two\n lines\tof text '), 'Two lines of text')
  })

  it('cuts long text at a word, without trailing punctuation, within the length', () => {
    const text = `${'word '.repeat(30)}end, and more words after that point.`
    const cut = summary(text, 40)
    assert.ok(cut.length <= 40, cut)
    assert.equal(cut, `${'word '.repeat(7).trim()}…`)
    assert.equal(summary('The first clause, then the rest of it', 20), 'The first clause…')
  })

  it('cuts a word with no space in reach', () => {
    assert.equal(summary('x'.repeat(300), 10), `${'x'.repeat(9)}…`)
  })
})

describe('page descriptions', () => {
  it('says what the home page holds', () => {
    assert.equal(
      homeDescription({ articles: 1234, paragraphs: 1 }),
      'Full-text search of 1,234 news articles (1 paragraph), with results as you type.',
    )
  })

  it('counts the articles a query matches', () => {
    assert.equal(
      resultsDescription('red line ', 1),
      '1 news article matches “red line”, best paragraphs first.',
    )
    assert.equal(resultsDescription('qqq', 0), 'No news articles match “qqq”.')
    assert.ok(resultsDescription('long '.repeat(100), 3).length < 160)
  })

  it('describes an article by its subtitle, else its first paragraph, else its title', () => {
    const paragraphs = [{ index: 0, text: 'The first paragraph.' }]
    assert.equal(articleDescription(article({ subtitle: 'A subtitle', paragraphs })), 'A subtitle')
    assert.equal(articleDescription(article({ paragraphs })), 'The first paragraph.')
    assert.equal(articleDescription(article({})), 'A title')
  })
})
