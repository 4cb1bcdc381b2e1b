import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  boilerplateTest,
  cleanBlock,
  cleanInline,
  cleanLines,
  comparable,
  DEFAULT_BOILERPLATE,
  finishArticle,
  finishParagraphs,
} from '../../src/articles/clean.ts'

describe('boilerplateTest', () => {
  const isBoilerplate = boilerplateTest()

  it('matches default lines whole, ignoring case and trailing dots, ellipses and colons', () => {
    for (const line of [
      'Copy in clipboard...',
      'COPY TO CLIPBOARD',
      'Share this article…',
      'Advertisement.',
      'Read more:',
      'Read more »',
      'Sign up for our newsletter',
      'Click here to subscribe',
    ]) {
      assert.ok(isBoilerplate(line), line)
    }
    for (const line of DEFAULT_BOILERPLATE) assert.ok(isBoilerplate(line), line)
  })

  it('leaves lines that only contain a boilerplate phrase', () => {
    for (const line of [
      'Read more about the budget in our explainer.',
      'Advertisement spending rose 4% last year.',
      'He said: “Share this article with nobody.”',
      '',
    ]) {
      assert.ok(!isBoilerplate(line), line)
    }
  })

  it('adds user lines to the default list, matched the same way', () => {
    const extended = boilerplateTest(['Follow our live blog', '  '])
    assert.ok(extended('follow our LIVE blog...'))
    assert.ok(extended('Copy in clipboard...'))
    assert.ok(!isBoilerplate('Follow our live blog'))
    assert.ok(!extended(''))
  })
})

describe('white space', () => {
  it('cleanInline collapses every run of white space, NBSP and tabs included, and trims', () => {
    assert.equal(cleanInline('  a\t\tb \u00a0 c\n d  '), 'a b c d')
    assert.equal(cleanInline('plain line '), 'plain line')
  })

  it('cleanLines keeps line structure, blank lines as "", and drops boilerplate lines', () => {
    const lines = cleanLines(
      'Copy in clipboard...\r\nTitle  here \n \n  para   one\nAdvertisement\n',
      boilerplateTest(),
    )
    assert.deepEqual(lines, ['Title here', '', 'para one', ''])
  })

  it('cleanBlock drops blank and boilerplate lines inside a block', () => {
    assert.equal(cleanBlock(' one \n\nRead more\n two ', boilerplateTest()), 'one\ntwo')
  })

  it('comparable ignores case and spacing', () => {
    assert.equal(comparable(' The  Cat\n'), comparable('the cat'))
  })
})

describe('finishParagraphs', () => {
  const isBoilerplate = boilerplateTest()

  it('numbers paragraphs from 0 and keeps headings', () => {
    const paragraphs = finishParagraphs(
      [{ text: 'One.' }, { heading: ' Later ', text: 'Two.' }],
      isBoilerplate,
    )
    assert.deepEqual(paragraphs, [
      { index: 0, text: 'One.' },
      { index: 1, heading: 'Later', text: 'Two.' },
    ])
  })

  it('drops a paragraph repeating an earlier one (normalised), empty ones and boilerplate ones', () => {
    const paragraphs = finishParagraphs(
      [
        { text: 'The same words.' },
        { text: '   ' },
        { text: 'Advertisement' },
        { text: 'the  SAME words.' },
        { text: 'Different words.' },
      ],
      isBoilerplate,
    )
    assert.deepEqual(
      paragraphs.map((p) => [p.index, p.text]),
      [
        [0, 'The same words.'],
        [1, 'Different words.'],
      ],
    )
  })

  it('drops a paragraph repeating the title', () => {
    const paragraphs = finishParagraphs([{ text: 'Title' }, { text: 'Body.' }], isBoilerplate, [
      'title',
    ])
    assert.deepEqual(paragraphs, [{ index: 0, text: 'Body.' }])
  })
})

describe('finishArticle', () => {
  const isBoilerplate = boilerplateTest()

  it('gives a skip reason without a title or without paragraphs', () => {
    assert.deepEqual(finishArticle('  ', undefined, [{ text: 'x' }], isBoilerplate), {
      skip: 'no title found',
    })
    assert.deepEqual(finishArticle('Title', undefined, [{ text: 'Title' }], isBoilerplate), {
      skip: 'no paragraphs found (only a title)',
    })
  })

  it('cleans title and subtitle, drops a subtitle equal to the title, dedupes tags', () => {
    const article = finishArticle(' A \n title ', 'a title', [{ text: 'Text.' }], isBoilerplate, {
      tags: [' x ', 'x', '', 'y'],
      dates: [undefined, ' 2024-01-01 ', '2025-01-01'],
      url: '',
    })
    assert.deepEqual(article, {
      title: 'A title',
      paragraphs: [{ index: 0, text: 'Text.' }],
      date: '2024-01-01',
      dateWritten: '2024-01-01',
      tags: ['x', 'y'],
    })
  })
})

describe('control characters from escapes', () => {
  it('cleanInline drops control characters that JSON escapes or entities bring back', () => {
    assert.equal(cleanInline('a\u0001b\u0085c\u007f'), 'abc')
  })
})
