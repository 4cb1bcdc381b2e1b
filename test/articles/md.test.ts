import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseMarkdown, plainInline } from '../../src/articles/formats/md.ts'
import { formatHelpers } from '../helpers/format.ts'

const root = join(import.meta.dirname, '..', '..')
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/articles', name), 'utf8')

const { parse, article } = formatHelpers(parseMarkdown)

describe('parseMarkdown', () => {
  it('reads front matter, headings, lists, quotes and inline markup', () => {
    const a = article(fixture('article.md'))
    assert.equal(a.title, 'Night buses return to the valley')
    assert.equal(a.subtitle, 'A trial runs until the end of summer')
    assert.equal(a.ownId, 'valley/night-buses')
    assert.equal(a.date, '2024-05-02')
    assert.equal(a.source, 'Valley Courier')
    assert.equal(a.url, 'https://example.org/night-buses')
    assert.deepEqual(a.tags, ['transport', 'buses'])
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [
          undefined,
          'The regional transport board has brought back night buses on three routes, after a public consultation found strong support.',
        ],
        [
          'Timetable',
          '• Route N1 runs every half hour\n• Route N2 runs hourly until 3 am\n• Route N3 runs on weekends only',
        ],
        ['Timetable', '"We listened to shift workers," said a spokesperson.'],
        ['Timetable', 'Fares are unchanged *for now*, and older passes still work & are accepted.'],
      ],
    )
  })

  it('takes the first # heading as the title without front matter', () => {
    const a = article('Intro words\n\n# The title\n\nBody.\n\n## Part two\n\nMore.\n')
    assert.equal(a.title, 'The title')
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'Intro words'],
        [undefined, 'Body.'],
        ['Part two', 'More.'],
      ],
    )
  })

  it('falls back to the first heading of any level, then to a short first paragraph', () => {
    assert.equal(article('## Second level\n\nBody.').title, 'Second level')
    const plain = article(fixture('plain.md'))
    assert.equal(plain.title, 'Market hall gets a new roof')
    assert.equal(plain.paragraphs.length, 2)
    assert.deepEqual(
      parse(
        'A first paragraph that is a full sentence, far too long to be a title of anything.\n\nBody.',
      ),
      {
        skip: 'no title found',
      },
    )
  })

  it('reads setext headings, ordered lists, code blocks and drops rules and comments', () => {
    const a = article(
      [
        'Big title',
        '=========',
        '',
        'Text.',
        '',
        '---',
        '',
        'Section',
        '-------',
        '',
        '1. first',
        '2. second',
        '',
        '```js',
        'const x = 1 // *not emphasis*',
        '```',
        '',
        '<!-- an editor note',
        'over two lines -->',
        'After the comment.',
      ].join('\n'),
    )
    assert.equal(a.title, 'Big title')
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'Text.'],
        ['Section', '1. first\n2. second'],
        ['Section', 'const x = 1 // *not emphasis*'],
        ['Section', 'After the comment.'],
      ],
    )
  })

  it('does not repeat a front matter title given again as the first heading', () => {
    const a = article('---\ntitle: Same\n---\n# Same\n\nBody.')
    assert.deepEqual(a.paragraphs, [{ index: 0, text: 'Body.' }])
  })

  it('reads YAML dates as written (not as YAML timestamps), comma-separated tags, numeric ids', () => {
    const a = article('---\ntitle: T\ndate: 2024-02-03T10:20:00Z\ntags: a, b\nid: 12\n---\nBody.')
    assert.equal(a.dateWritten, '2024-02-03T10:20:00Z')
    assert.equal(a.date, '2024-02-03T10:20:00.000Z')
    assert.deepEqual(a.tags, ['a', 'b'])
    assert.equal(a.ownId, '12')
  })

  it('skips a file with invalid front matter, saying so', () => {
    const result = parse('---\ntitle: [unclosed\n---\n# T\n\nBody.')
    assert.ok('skip' in result)
    assert.match(result.skip, /^invalid YAML front matter: /)
  })

  it('drops boilerplate lines inside paragraphs', () => {
    const a = article('# T\n\nFirst line.\nShare this article\nSecond line.')
    assert.deepEqual(a.paragraphs, [{ index: 0, text: 'First line. Second line.' }])
  })
})

describe('plainInline', () => {
  it('removes inline markup, leaving what a reader sees', () => {
    assert.equal(plainInline('**bold** and __bold__, *it* and _it_'), 'bold and bold, it and it')
    assert.equal(
      plainInline('a [link](http://x.org "t") and [ref][1] <https://y.org>'),
      'a link and ref https://y.org',
    )
    assert.equal(plainInline('an ![image](i.png) here'), 'an  here')
    assert.equal(plainInline('~~old~~ new <span class="x">text</span>'), 'old new text')
    assert.equal(plainInline('use `a*b*c` and `` x ` y ``'), 'use a*b*c and x ` y')
  })

  it('keeps intraword underscores, escapes and lone stars', () => {
    assert.equal(plainInline('snake_case_name and 2 * 3 * 4'), 'snake_case_name and 2 * 3 * 4')
    assert.equal(plainInline('\\*not\\* \\_em\\_ \\[x\\]'), '*not* _em_ [x]')
  })

  it('decodes common entities', () => {
    assert.equal(plainInline('A &amp; B &lt;C&gt; &#8220;q&#x201D; &nbsp;'), 'A & B <C> “q” \u00a0')
  })

  it('decodes every HTML5 named entity, not only the common six', () => {
    assert.equal(plainInline('Caf&eacute; &mdash; na&iuml;ve &copy; &hellip;'), 'Café — naïve © …')
    assert.equal(plainInline('&Uuml;ber &frac12; &euro;5 &rarr;'), 'Über ½ €5 →')
  })

  it('leaves entities without a semicolon, unknown names and doubly escaped ones as written', () => {
    assert.equal(plainInline('AT&T &copy 2024 &bogus; &amp;lt;'), 'AT&T &copy 2024 &bogus; &lt;')
  })

  it('replaces numeric entities that name no character with U+FFFD', () => {
    assert.equal(plainInline('a&#0;b&#xD800;c'), 'a\uFFFDb\uFFFDc')
  })

  it('keeps entities literal inside code spans and after a backslash', () => {
    assert.equal(plainInline('write `&eacute;` in code'), 'write &eacute; in code')
    assert.equal(plainInline('\\&eacute; stays, &eacute; goes'), '&eacute; stays, é goes')
  })

  it('decodes entities in the title and the paragraphs of an article', () => {
    const a = article(
      '# Caf&eacute; owners &mdash; a survey\n\nThe caf&eacute; opened at 7&nbsp;am.\n',
    )
    assert.equal(a.title, 'Café owners — a survey')
    assert.deepEqual(
      a.paragraphs.map((p) => p.text),
      ['The café opened at 7 am.'],
    )
  })
})
