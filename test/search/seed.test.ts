// The bundled article, searched as its user would: each case is a promise the README makes.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { readArticles } from '../../src/articles/read.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { search } from '../../src/search/search.ts'
import type { SearchResponse } from '../../src/search/types.ts'

let index: NewsIndex
before(async () => {
  const { articles } = await readArticles('index-data/articles')
  index = buildIndex(articles)
})

const run = (q: string, extra = {}) => search(index, { q, ...extra })
const marked = (response: SearchResponse) =>
  response.results.flatMap((r) =>
    r.paragraphs.flatMap((p) => [...p.snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1])),
  )
const paragraphIndexes = (response: SearchResponse) =>
  response.results.flatMap((r) => r.paragraphs.map((p) => p.index))

describe('searching the bundled article', () => {
  it('finds missiles, marked in the snippet and the title', () => {
    const response = run('missiles')
    assert.equal(response.total.articles, 1)
    assert.equal(response.matched, 'all')
    assert.match(response.results[0]?.article.titleHtml ?? '', /<mark>missiles<\/mark>/)
    assert.ok(marked(response).some((word) => /^missiles?$/i.test(word ?? '')))
  })

  it('matches word forms: negotiating marks negotiations', () => {
    const words = marked(run('negotiating')).map((w) => w?.toLowerCase())
    assert.ok(words.includes('negotiations'), `marked: ${words.join(', ')}`)
  })

  it('finds and marks a quoted phrase as one mark', () => {
    const response = run('"red line"')
    assert.ok(response.total.paragraphs >= 2)
    assert.ok(marked(response).every((word) => word === 'red line'))
    assert.equal(run('"red lines"').total.paragraphs, response.total.paragraphs)
  })

  it('does not match a phrase whose words are apart', () => {
    assert.equal(run('"line red"').total.paragraphs, 0)
    assert.ok(run('line red').total.paragraphs > 0)
  })

  it('leaves out the paragraphs that mention an excluded word, not the whole article', () => {
    const all = run('Shamkhani')
    const without = run('Shamkhani -Jazeera')
    assert.ok(all.total.paragraphs > without.total.paragraphs)
    assert.equal(without.total.articles, 1)
    for (const result of without.results) {
      for (const paragraph of result.paragraphs) {
        const text = index.article(result.article.id)?.paragraphs[paragraph.index]?.text ?? ''
        assert.doesNotMatch(text, /Jazeera/)
      }
    }
  })

  it('cannot find the scraped "Copy in clipboard" line', () => {
    assert.equal(run('clipboard').total.articles, 0)
  })

  it("finds Iran’s (curly) when asked for Iran's (straight)", () => {
    const response = run("Iran's")
    assert.ok(response.total.paragraphs > 0)
    assert.ok(marked(response).includes('Iran’s'))
  })

  it('forgives a typo: negotaitions finds negotiations', () => {
    const words = marked(run('negotaitions')).map((w) => w?.toLowerCase())
    assert.ok(words.includes('negotiations'))
  })

  it('restricts a word to a heading with heading:', () => {
    const article = index.article('iran-missiles-red-line')
    const under = article?.paragraphs
      .filter((p) => p.heading === 'Iraqi opposition')
      .map((p) => p.index)
    const response = run('heading:opposition')
    assert.deepEqual(paragraphIndexes(response).sort(), under?.sort())
  })

  it('restricts a word to the title with title:', () => {
    assert.equal(run('title:negotiation').total.articles, 1)
    assert.equal(run('title:Shamkhani').total.articles, 0)
  })

  it('completes the last word as you type, from two letters', () => {
    assert.ok(run('negot', { prefix: true }).total.paragraphs > 0)
    assert.equal(run('negot').total.paragraphs, 0)
    assert.equal(run('n', { prefix: true }).total.paragraphs, 0)
  })

  it('falls back to partial matches and says so', () => {
    const response = run('missiles xylophone')
    assert.equal(response.matched, 'some')
    assert.ok(response.total.paragraphs > 0)
  })

  it('offers a respelling when a query finds nothing or only part of it', () => {
    assert.equal(run('Omen').total.articles, 0)
    assert.equal(run('Omen').didYouMean, 'Oman')
    assert.equal(run('talks in Omen').matched, 'some')
    assert.equal(run('talks in Omen').didYouMean, 'talks in Oman')
    assert.equal(run('talks in Oman').didYouMean, undefined)
  })

  it('reports stop words it did not search', () => {
    const response = run('the')
    assert.deepEqual(response.ignored, ['the'])
    assert.equal(response.total.articles, 0)
  })
})
