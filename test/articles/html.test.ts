import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseHtml } from '../../src/articles/formats/html.ts'
import { formatHelpers } from '../helpers/format.ts'

const root = join(import.meta.dirname, '..', '..')

const { parse, article } = formatHelpers(parseHtml)

describe('parseHtml', () => {
  const source = readFileSync(join(root, 'test/fixtures/articles/article.html'), 'utf8')
  const a = article(source)

  it('takes title, subtitle and metadata', () => {
    assert.equal(a.title, 'Comet seen from the “north” hills')
    assert.equal(a.subtitle, 'Amateur astronomers stayed up late')
    assert.equal(a.date, '2024-03-01T09:00:00.000Z')
    assert.equal(a.dateWritten, '2024-03-01T09:00:00Z')
    assert.equal(a.source, 'Example News')
    assert.equal(a.url, 'https://example.org/comet')
    assert.deepEqual(a.tags, ['science', 'space'])
  })

  it('gathers paragraphs, lists and quotes of the article, with headings, entities decoded', () => {
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'A bright comet was visible on Friday night, observers said & shared photos.'],
        [undefined, 'It will return in 2061, according to the\nobservatory.'],
        ['How to see it', '• Find a dark place\n• Look north-west after 10 pm'],
        ['How to see it', 'It was like a brush stroke on the sky.'],
        ['How to see it', 'Loose text in a div counts too <really>.'],
      ],
    )
  })

  it('leaves out scripts, styles, navigation, header, footer, asides, forms and boilerplate', () => {
    const all = JSON.stringify(a)
    for (const gone of [
      'not text',
      'color',
      'Home',
      'site header',
      'Related',
      'Sign up',
      'Copyright',
      'Advertisement',
    ]) {
      assert.ok(!all.includes(gone), gone)
    }
  })

  it('falls back to <main>, then <body>, and to <title> for the title', () => {
    const main = article(
      '<html><head><title>Page title</title></head><body><p>Outside.</p><main><p>Inside.</p></main></body></html>',
    )
    assert.equal(main.title, 'Page title')
    assert.deepEqual(main.paragraphs, [{ index: 0, text: 'Inside.' }])
    const body = article(
      '<title>T</title><h1>Heading title</h1><p>One &eacute;t&eacute;.</p><p>Two.</p>',
    )
    assert.equal(body.title, 'Heading title')
    assert.deepEqual(
      body.paragraphs.map((p) => p.text),
      ['One été.', 'Two.'],
    )
  })

  it('uses later <h1>s as headings, numbers ordered lists and reads tables and <pre>', () => {
    const b = article(
      '<article><h1>T</h1><p>Intro.</p><h1>Part</h1><ol start="3"><li>c</li><li>d</li></ol>' +
        '<table><tr><th>Team</th><th>Pts</th></tr><tr><td>A</td><td>3</td></tr></table>' +
        '<pre>line one\n  line two</pre></article>',
    )
    assert.deepEqual(
      b.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'Intro.'],
        ['Part', '3. c\n4. d'],
        ['Part', 'Team | Pts\nA | 3'],
        ['Part', 'line one\nline two'],
      ],
    )
  })

  it('never keeps tags in text', () => {
    const c = article(
      '<h1>A <i>styled</i> title</h1><p>Text with <a href="x">a link</a>, <code>code</code>.</p>',
    )
    assert.equal(c.title, 'A styled title')
    assert.equal(c.paragraphs[0]?.text, 'Text with a link, code.')
  })

  it('skips a page without a title or without text', () => {
    assert.deepEqual(parse('<p>No title anywhere.</p>'), { skip: 'no title found' })
    assert.deepEqual(parse('<title>T</title><body><nav>menu</nav></body>'), {
      skip: 'no paragraphs found (only a title)',
    })
  })
})
