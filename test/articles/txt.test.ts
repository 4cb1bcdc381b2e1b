import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  bodyDrafts,
  endsSentence,
  isBullet,
  isHeadingLike,
  parseTxt,
} from '../../src/articles/formats/txt.ts'
import { parseFile } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'
import { formatHelpers } from '../helpers/format.ts'

const root = join(import.meta.dirname, '..', '..')
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/articles', name))

/** The one article of a single-article parse. */
function only(result: ReturnType<typeof parseFile>): Article {
  assert.ok(!('skip' in result), `skipped: ${'skip' in result ? result.skip : ''}`)
  assert.equal(result.articles.length, 1)
  return result.articles[0] as Article
}

const { parse: parseText, isBoilerplate } = formatHelpers(parseTxt)

describe('the seed article', () => {
  const bytes = readFileSync(join(root, 'index-data/articles/iran-missiles-red-line.txt'))
  const article = only(parseFile('iran-missiles-red-line.txt', bytes))

  it('has its title and subtitle, without the clipboard line', () => {
    assert.equal(
      article.title,
      'Top defense official reaffirms Iranian missiles not up for negotiation',
    )
    assert.equal(article.subtitle, 'Iraqi FM says opposes use of force against Iran')
    assert.equal(article.id, 'iran-missiles-red-line')
    assert.equal(article.file, 'iran-missiles-red-line.txt')
    assert.equal(article.category, undefined)
  })

  it('has 14 body paragraphs, numbered from 0, the last 3 under "Iraqi opposition"', () => {
    assert.equal(article.paragraphs.length, 14)
    assert.deepEqual(
      article.paragraphs.map((p) => p.index),
      [...Array(14).keys()],
    )
    assert.deepEqual(
      article.paragraphs.map((p) => p.heading),
      [...Array(11).fill(undefined), ...Array(3).fill('Iraqi opposition')],
    )
    assert.match(article.paragraphs[0]?.text ?? '', /^Iran’s Secretary of Defense Council/)
    assert.match(article.paragraphs[13]?.text ?? '', /he added\.$/)
    assert.ok(!article.paragraphs.some((p) => p.text === 'Iraqi opposition'))
  })

  it('says "clipboard" nowhere', () => {
    assert.doesNotMatch(JSON.stringify(article), /clipboard/i)
  })
})

describe('parseTxt', () => {
  it('reads the blank-line shape: one paragraph a block, lists kept together, headings', () => {
    const article = only(parseFile('blank-lines.txt', fixture('blank-lines.txt')))
    assert.equal(article.title, 'Harbour council approves new ferry timetable')
    assert.equal(article.subtitle, undefined)
    assert.deepEqual(
      article.paragraphs.map((p) => [p.heading, p.text]),
      [
        [
          undefined,
          'The town council voted on Tuesday to add two evening ferries to the island route from May.',
        ],
        [
          undefined,
          'Councillors said the change would cost £40,000 a year and would be paid for by higher parking fees. Residents had asked for the extra sailings for years.',
        ],
        [
          undefined,
          'The plan includes:\n- an 18:30 sailing on weekdays\n- a 21:00 sailing on Fridays and Saturdays\n- a review after six months',
        ],
        [
          'Opposition views',
          'Two councillors voted against, saying the money should go to road repairs instead.',
        ],
      ],
    )
  })

  it('reads the line shape: one paragraph a line, bullets together, boilerplate dropped', () => {
    const article = only(parseFile('lines.txt', fixture('lines.txt')))
    assert.equal(article.title, 'Library reopens after flood repairs')
    assert.equal(article.subtitle, 'Readers return to a renovated building')
    assert.deepEqual(
      article.paragraphs.map((p) => [p.heading, p.text]),
      [
        [
          undefined,
          'The central library opened its doors again on Monday, eight months after a burst pipe flooded the ground floor.',
        ],
        [
          undefined,
          'Staff spent the first morning helping visitors find the new layout of the shelves.',
        ],
        [
          'What changed',
          "• A children's corner now sits by the south windows.\n• The reading room has twenty more seats.",
        ],
        ['What changed', 'The council said the repairs cost less than first feared.'],
      ],
    )
  })

  it('takes a subtitle only when a paragraph follows, and only if it reads like one', () => {
    const withSentence = parseText('Title\nThis second line is a sentence.\nBody line.')
    assert.ok(!('skip' in withSentence))
    assert.equal(withSentence.subtitle, undefined)
    assert.equal(withSentence.paragraphs.length, 2)
    const alone = parseText('Title\nShort second line')
    assert.ok(!('skip' in alone))
    assert.equal(alone.subtitle, undefined)
    assert.equal(alone.paragraphs[0]?.text, 'Short second line')
  })

  it('keeps a final short line, and a lower-case or bullet short line, as a paragraph', () => {
    const article = parseText(
      'Title\n\nFirst paragraph.\n\nbroken line of a sentence\n\nSecond paragraph.\n\nThe end',
    )
    assert.ok(!('skip' in article))
    assert.deepEqual(
      article.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'First paragraph.'],
        [undefined, 'broken line of a sentence'],
        [undefined, 'Second paragraph.'],
        [undefined, 'The end'],
      ],
    )
  })

  it('does not take the first of two short lines in a row as a heading', () => {
    const article = parseText('Title\nA. Paragraph.\nKick-off\nSaturday 3pm\nThe match report.')
    assert.ok(!('skip' in article))
    assert.deepEqual(
      article.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'A. Paragraph.'],
        [undefined, 'Kick-off'],
        ['Saturday 3pm', 'The match report.'],
      ],
    )
  })

  it('ends a heading section at the next heading', () => {
    const article = parseText('T\nP0.\nOne\nP1.\nTwo\nP2.')
    assert.ok(!('skip' in article))
    assert.deepEqual(
      article.paragraphs.map((p) => p.heading),
      [undefined, 'One', 'Two'],
    )
  })

  it('skips a file with nothing but boilerplate, and one with only a title', () => {
    assert.deepEqual(parseText('Copy in clipboard...\n\nAdvertisement\n'), {
      skip: 'no text (only white space or boilerplate)',
    })
    assert.deepEqual(parseText('\n\nJust a title\n\n'), {
      skip: 'no paragraphs found (only a title)',
    })
  })

  it('reads CRLF files like LF files', () => {
    const lf = parseText('Title\n\nOne.\n\nTwo.\n')
    const crlf = parseText('Title\r\n\r\nOne.\r\n\r\nTwo.\r\n')
    assert.deepEqual(crlf, lf)
  })
})

describe('line shapes', () => {
  it('knows closing punctuation, also before closing quotes', () => {
    for (const line of ['Done.', 'Why?', 'Wait…', 'Note:', 'a; b;', 'He said “yes.”', "(sic.)'"]) {
      assert.ok(endsSentence(line), line)
    }
    for (const line of ['Iraqi opposition', 'A “quoted” title', '2-1']) {
      assert.ok(!endsSentence(line), line)
    }
  })

  it('knows bullets', () => {
    assert.ok(isBullet('- item'))
    assert.ok(isBullet('* item'))
    assert.ok(isBullet('• item'))
    assert.ok(!isBullet('-5 degrees'))
    assert.ok(!isBullet('*emphasis*'))
  })

  it('knows heading-like lines: short, unpunctuated, starting like a heading', () => {
    assert.ok(isHeadingLike('Iraqi opposition'))
    assert.ok(isHeadingLike('2005 results'))
    assert.ok(!isHeadingLike('iraqi opposition'))
    assert.ok(!isHeadingLike('29,603'))
    assert.ok(
      !isHeadingLike(
        'A line with far too many words to be any kind of heading at all in a news story',
      ),
    )
  })

  it('bodyDrafts splits a body like a .txt body after its title', () => {
    assert.deepEqual(bodyDrafts('One.\nTwo.\nSection\nThree.', isBoilerplate), [
      { heading: undefined, text: 'One.' },
      { heading: undefined, text: 'Two.' },
      { heading: 'Section', text: 'Three.' },
    ])
    assert.deepEqual(bodyDrafts('One\nstill one.\n\nTwo.', isBoilerplate), [
      { heading: undefined, text: 'One still one.' },
      { heading: undefined, text: 'Two.' },
    ])
  })
})
