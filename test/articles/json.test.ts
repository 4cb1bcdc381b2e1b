import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { boilerplateTest, type FormatResult } from '../../src/articles/clean.ts'
import { parseJson, parseJsonLines, parseRecord } from '../../src/articles/formats/json.ts'
import { parseFile } from '../../src/articles/read.ts'

const root = join(import.meta.dirname, '..', '..')
const fixture = (name: string) => readFileSync(join(root, 'test/fixtures/articles', name))
const isBoilerplate = boilerplateTest()

/** `n: title` for articles, `n: !reason` for skipped records. */
function summary(result: FormatResult): string[] | string {
  if ('skip' in result) return result.skip
  return result.records.map((r) => ('skip' in r ? `${r.n}: !${r.skip}` : `${r.n}: ${r.title}`))
}

describe('.json files', () => {
  it('reads one article object with all its fields', () => {
    const result = parseFile('news/one.json', fixture('one.json'))
    assert.ok(!('skip' in result))
    assert.deepEqual(result.articles, [
      {
        id: 'weather/storm-warning',
        title: 'Storm warning for the coast',
        subtitle: 'Gusts of up to 90 km/h expected',
        category: 'news',
        date: '2024-11-03',
        dateWritten: '2024-11-03',
        source: 'Coast Radio',
        url: 'https://example.org/storm',
        tags: ['weather'],
        paragraphs: [
          { index: 0, text: 'Forecasters issued a warning on Sunday for the whole coast.' },
          { index: 1, text: 'Ferries may be cancelled on Monday morning.' },
        ],
        file: 'news/one.json',
      },
    ])
  })

  it('reads an array, numbering records, skipping a bad one by name and keeping the rest', () => {
    const result = parseFile('many.json', fixture('many.json'))
    assert.ok(!('skip' in result))
    assert.deepEqual(
      result.articles.map((a) => [a.id, a.file, a.title]),
      [
        ['many/1', 'many.json#1', 'First record'],
        ['many/2', 'many.json#2', 'Second record'],
      ],
    )
    assert.deepEqual(result.articles[0]?.paragraphs, [
      { index: 0, text: 'Paragraph one of the first record.' },
      { index: 1, heading: 'Later', text: 'Paragraph two, under a heading.' },
    ])
    assert.deepEqual(result.skipped, [{ file: 'many.json#3', reason: 'wrong type for "title"' }])
  })

  it('skips a whole file of bad JSON, an empty array, or something else', () => {
    assert.match(String(summary(parseJson('{"title": ', isBoilerplate))), /^invalid JSON \(/)
    assert.equal(summary(parseJson('[]', isBoilerplate)), 'no records (an empty array)')
    assert.equal(
      summary(parseJson('"text"', isBoilerplate)),
      'neither an article object nor an array of them',
    )
  })

  it('skips the file, listing reasons, when no record is valid', () => {
    const result = parseFile('bad.json', new TextEncoder().encode('[1, {"title": "T"}]'))
    assert.deepEqual(result, {
      skip: 'no valid records (#1: not an article object; #2: no paragraphs found (only a title))',
    })
  })
})

describe('.jsonl files', () => {
  it('numbers records by line and names each bad line', () => {
    const result = parseFile('feed/records.jsonl', fixture('records.jsonl'))
    assert.ok(!('skip' in result))
    assert.deepEqual(
      result.articles.map((a) => [a.id, a.file, a.title, a.category]),
      [
        ['feed/records/1', 'feed/records.jsonl#1', 'Line one article', 'feed'],
        ['feed/records/4', 'feed/records.jsonl#4', 'No title here.', 'feed'],
        ['7', 'feed/records.jsonl#5', 'Numbered', 'feed'],
      ],
    )
    assert.deepEqual(
      result.skipped?.map((s) => s.file),
      ['feed/records.jsonl#3', 'feed/records.jsonl#6'],
    )
    assert.match(result.skipped?.[0]?.reason ?? '', /^invalid JSON \(/)
    assert.equal(result.skipped?.[1]?.reason, 'no title and no text')
  })

  it('skips a file with no JSON lines', () => {
    assert.equal(summary(parseJsonLines('\n  \n', isBoilerplate)), 'no records (no JSON lines)')
  })
})

describe('parseRecord', () => {
  const record = (value: unknown) => parseRecord(value, isBoilerplate)

  it('names every field of the wrong type', () => {
    assert.deepEqual(
      record({ title: 'T', body: 3, tags: 'x', paragraphs: [{ heading: 1, text: 'a' }] }),
      {
        skip: 'wrong type for "body", "tags", "paragraphs"',
      },
    )
    assert.deepEqual(record({ title: 'T', id: {}, text: 'x' }), { skip: 'wrong type for "id"' })
    assert.deepEqual(record(null), { skip: 'not an article object' })
    assert.deepEqual(record([]), { skip: 'not an article object' })
  })

  it('prefers paragraphs to body, and body to text', () => {
    const a = record({ title: 'T', paragraphs: ['P.'], body: 'B.', text: 'X.' })
    const b = record({ title: 'T', body: 'B.', text: 'X.' })
    assert.ok(!('skip' in a) && !('skip' in b))
    assert.equal(a.paragraphs[0]?.text, 'P.')
    assert.equal(b.paragraphs[0]?.text, 'B.')
  })

  it('splits body text like a .txt body, headings included', () => {
    const a = record({ title: 'T', text: 'One.\nTwo.\nA section\nThree.' })
    assert.ok(!('skip' in a))
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'One.'],
        [undefined, 'Two.'],
        ['A section', 'Three.'],
      ],
    )
  })

  it('without a title, takes a heading-like first line out as the title', () => {
    const a = record({ text: 'Budget day\n\nThe chancellor spoke.\n\nMarkets rose.' })
    assert.ok(!('skip' in a))
    assert.equal(a.title, 'Budget day')
    assert.deepEqual(
      a.paragraphs.map((p) => [p.heading, p.text]),
      [
        [undefined, 'The chancellor spoke.'],
        [undefined, 'Markets rose.'],
      ],
    )
    const b = record({ paragraphs: ['Budget day', { heading: 'Speech', text: 'He spoke.' }] })
    assert.ok(!('skip' in b))
    assert.equal(b.title, 'Budget day')
    assert.deepEqual(b.paragraphs, [{ index: 0, heading: 'Speech', text: 'He spoke.' }])
  })

  it('without a title, otherwise uses the first sentence, cut to 120 characters', () => {
    const a = record({ body: 'The first sentence is the title. It stays in the text.' })
    assert.ok(!('skip' in a))
    assert.equal(a.title, 'The first sentence is the title.')
    assert.equal(a.paragraphs[0]?.text, 'The first sentence is the title. It stays in the text.')
    const long = record({ text: `${'word '.repeat(60)}end.` })
    assert.ok(!('skip' in long))
    assert.ok(long.title.length <= 120, long.title)
    assert.match(long.title, /^word word .*word…$/)
  })
})
