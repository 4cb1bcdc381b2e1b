// Where each format gives an article's date, read through the reader as a build reads it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseFile } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'

function articles(file: string, text: string): Article[] {
  const parsed = parseFile(file, new TextEncoder().encode(text))
  assert.ok(!('skip' in parsed), 'skip' in parsed ? parsed.skip : '')
  return parsed.articles
}

/** The article's date as read and as written. */
function dateOf(file: string, text: string): [string | undefined, string | undefined] {
  const [article] = articles(file, text)
  assert.ok(article !== undefined)
  return [article.date, article.dateWritten]
}

function page(head: string, body = '<article><h1>Title</h1><p>Text of the story.</p></article>') {
  return `<!doctype html><html><head><title>T</title>${head}</head><body>${body}</body></html>`
}

describe('dates in HTML', () => {
  it('reads <meta property="article:published_time"> first', () => {
    const head =
      '<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2024-03-01T09:00:00+01:00">'
    assert.deepEqual(dateOf('a.html', page(head)), [
      '2024-03-01T08:00:00.000Z',
      '2024-03-01T09:00:00+01:00',
    ])
  })

  it('reads JSON-LD datePublished at the top of the script', () => {
    const head =
      '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-03-02T10:00:00Z"}</script>'
    assert.deepEqual(dateOf('a.html', page(head))[0], '2024-03-02T10:00:00.000Z')
  })

  it('reads JSON-LD datePublished inside @graph, the article before the page', () => {
    const head = `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebPage","datePublished":"2019-01-01"},
      {"@type":"ReportageNewsArticle","datePublished":"2024-03-03"}]}</script>`
    assert.deepEqual(dateOf('a.html', page(head))[0], '2024-03-03')
  })

  it('reads JSON-LD datePublished inside an array, past a broken block', () => {
    const head = `<script type="application/ld+json">{ not json</script>
      <script type="Application/LD+JSON">[{"@type":"Organization","name":"X"},{"@type":["Article"],"datePublished":"4 March 2024"}]</script>`
    assert.deepEqual(dateOf('a.html', page(head))[0], '2024-03-04')
  })

  it('reads microdata itemprop="datePublished"', () => {
    const body =
      '<article><h1>Title</h1><meta itemprop="datePublished" content="2024-03-05"><p>Text of the story.</p></article>'
    assert.deepEqual(dateOf('a.html', page('', body))[0], '2024-03-05')
  })

  it('reads <meta name="date">, "pubdate" and "dc.date", names in any case, as name or property', () => {
    const cases: Array<[string, string]> = [
      ['<meta name="date" content="6 Mar 2024">', '2024-03-06'],
      ['<meta name="PubDate" content="2024-03-07">', '2024-03-07'],
      ['<meta name="DC.date" content="March 8, 2024">', '2024-03-08'],
      ['<meta property="dc.date" content="2024-03-09">', '2024-03-09'],
      ['<meta name="DCTERMS.issued" content="2024-03-10">', '2024-03-10'],
    ]
    for (const [head, date] of cases) assert.equal(dateOf('a.html', page(head))[0], date, head)
  })

  it('reads a <time datetime> in the header, which is then dropped from the text', () => {
    const body = `<article><header><h1>Title</h1><p>By A. Writer, <time datetime="2024-03-11T07:45:00Z">11 March</time></p></header>
      <p>Text of the story, <time datetime="1999-01-01">in 1999</time>.</p></article>`
    const [article] = articles('a.html', page('', body))
    assert.equal(article?.date, '2024-03-11T07:45:00.000Z')
    assert.deepEqual(
      article?.paragraphs.map((p) => p.text),
      ['Text of the story, in 1999.'],
    )
  })

  it('reads a <time datetime> in a byline or dateline', () => {
    const byline =
      '<article><h1>Title</h1><div class="article-byline">By B <time datetime="2024-03-12">12 Mar</time></div><p>Text of the story.</p></article>'
    assert.equal(dateOf('a.html', page('', byline))[0], '2024-03-12')
    const dateline =
      '<article><h1>Title</h1><p class="dateline"><time datetime="2024-03-13">13 Mar</time></p><p>Text of the story.</p></article>'
    assert.equal(dateOf('a.html', page('', dateline))[0], '2024-03-13')
  })

  it('does not take a <time> in the text for the date of the article', () => {
    const body =
      '<article><h1>Title</h1><p>The vote on <time datetime="2024-05-01">1 May</time> decides it.</p></article>'
    assert.deepEqual(dateOf('a.html', page('', body)), [undefined, undefined])
  })

  it('falls back to a later convention when the first cannot be read, else keeps it undated', () => {
    const head =
      '<meta property="article:published_time" content="{{date}}"><meta name="date" content="2024-03-14">'
    assert.deepEqual(dateOf('a.html', page(head)), ['2024-03-14', '2024-03-14'])
    const unread = '<meta property="article:published_time" content="{{date}}">'
    assert.deepEqual(dateOf('a.html', page(unread)), [undefined, '{{date}}'])
  })
})

describe('dates in Markdown front matter and JSON records', () => {
  it('reads date, else published, datePublished, updated', () => {
    const md = (front: string) => `---\ntitle: T\n${front}\n---\nBody.`
    assert.equal(dateOf('a.md', md('updated: 2024-01-04\ndate: 2024-01-01'))[0], '2024-01-01')
    assert.equal(dateOf('a.md', md('updated: 2024-01-04\npublished: 2024-01-02'))[0], '2024-01-02')
    assert.equal(dateOf('a.md', md('datePublished: 3 Jan 2024'))[0], '2024-01-03')
    assert.equal(
      dateOf('a.md', md('updated: "Thu, 04 Jan 2024 10:00:00 +0200"'))[0],
      '2024-01-04T08:00:00.000Z',
    )
    const record = (fields: object) => JSON.stringify({ title: 'T', body: 'Body.', ...fields })
    assert.equal(
      dateOf('a.json', record({ published: '2024-01-02', updated: '2024-01-09' }))[0],
      '2024-01-02',
    )
    assert.equal(dateOf('a.json', record({ datePublished: 'January 3, 2024' }))[0], '2024-01-03')
    const lines = [record({ date: '2024-01-01' }), record({ updated: '2024-01-04T12:00:00-05:00' })]
    assert.deepEqual(
      articles('a.jsonl', lines.join('\n')).map((a) => a.date),
      ['2024-01-01', '2024-01-04T17:00:00.000Z'],
    )
  })

  it('keeps an article whose date cannot be read, undated, with the date as written', () => {
    assert.deepEqual(dateOf('a.md', '---\ntitle: T\ndate: the spring\n---\nBody.'), [
      undefined,
      'the spring',
    ])
    const record = JSON.stringify({ title: 'T', body: 'Body.', date: 1709280000 })
    assert.deepEqual(dateOf('a.json', record), [undefined, '1709280000'])
  })
})

describe('datelines in .txt', () => {
  it('takes a line near the top that is only a date as the date, not a paragraph', () => {
    const [article] = articles(
      'a.txt',
      'Harbour reopens\nShips return after the storm\n12 March 2024\n\nThe harbour reopened on Tuesday.\n\nShips queued.',
    )
    assert.equal(article?.date, '2024-03-12')
    assert.equal(article?.subtitle, 'Ships return after the storm')
    assert.deepEqual(
      article?.paragraphs.map((p) => p.text),
      ['The harbour reopened on Tuesday.', 'Ships queued.'],
    )
  })

  it('reads a dated line with a time and zone; leaves a line with more than a date alone', () => {
    assert.equal(
      dateOf('a.txt', 'Title\n\n2024-03-12 08:00 +0100\n\nText.\n\nMore text.')[0],
      '2024-03-12T07:00:00.000Z',
    )
    const [article] = articles('a.txt', 'Title\n\nOSLO, 12 March 2024 - Text.\n\nMore text.')
    assert.equal(article?.date, undefined)
    assert.equal(article?.paragraphs[0]?.text, 'OSLO, 12 March 2024 - Text.')
  })

  it('looks for it only near the top', () => {
    const text = 'Title\n\nOne.\n\nTwo.\n\nThree.\n\n12 March 2024'
    const [article] = articles('a.txt', text)
    assert.equal(article?.date, undefined)
    assert.equal(article?.paragraphs.at(-1)?.text, '12 March 2024')
  })
})
