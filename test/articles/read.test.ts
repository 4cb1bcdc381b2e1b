import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { parseFile, readArticles } from '../../src/articles/read.ts'

const root = join(import.meta.dirname, '..', '..')
const bbc = join(root, '..', 'shared', 'corpora', 'bbc')

const article = (title: string, body: string) => `${title}\n\n${body}\n`

/** The folder every readArticles test reads: one file for each case. */
const FILES: Record<string, string | Uint8Array> = {
  'business/007.txt': article('Shares rise', 'Markets rose on Monday.'),
  'business/100.txt': article('Oil falls', 'Oil fell on Tuesday.'),
  'business/253.txt': article('Shares rise', 'Markets rose on Monday.'),
  'sport/199.txt': new Uint8Array([
    ...new TextEncoder().encode('Club fined\n\nThe club was fined '),
    0xa3,
    ...new TextEncoder().encode('5,000 on Friday.\n'),
  ]),
  'a/b.txt': article('Text version', 'From the text file.'),
  'a/b.md': '# Markdown version\n\nFrom the Markdown file.\n',
  'UPPER.TXT': article('Upper case extension', 'Read all the same.'),
  'gazette.txt': article('Gazette story', 'Subscribe to the Gazette\n\nThe story itself.'),
  'feed.jsonl': '{"title": "Good record", "text": "Fine."}\n{"title": \n',
  'empty.txt': '',
  'blank.txt': ' \n\t\n',
  'image.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]),
  'big.txt': article('Too big', 'x'.repeat(3000)),
  'only-boilerplate.txt': 'Copy in clipboard...\nAdvertisement\n',
  'title-only.txt': 'Just a title\n',
  'notes.csv': 'a,b\n',
  'photo.PNG': 'not really a png',
  '.hidden.txt': article('Hidden', 'Never read.'),
  'dir.txt/inner.txt': article('Inside a folder named dir.txt', 'Read as a folder.'),
}

describe('readArticles', () => {
  let dir: string
  const options = { maxFileBytes: 2000 }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdex-articles-'))
    for (const [file, content] of Object.entries(FILES)) {
      await mkdir(join(dir, file, '..'), { recursive: true })
      await writeFile(join(dir, file), content)
    }
    await symlink('nowhere.txt', join(dir, 'broken.txt'))
    await symlink('.', join(dir, 'loop'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads every article format in sorted path order, with ids and categories', async () => {
    const { articles } = await readArticles(dir, options)
    assert.deepEqual(
      articles.map((a) => [a.id, a.file, a.category]),
      [
        ['UPPER', 'UPPER.TXT', undefined],
        ['a/b', 'a/b.md', 'a'],
        ['a/b-2', 'a/b.txt', 'a'],
        ['business/007', 'business/007.txt', 'business'],
        ['business/100', 'business/100.txt', 'business'],
        ['dir.txt/inner', 'dir.txt/inner.txt', 'dir.txt'],
        ['feed/1', 'feed.jsonl#1', undefined],
        ['gazette', 'gazette.txt', undefined],
        ['sport/199', 'sport/199.txt', 'sport'],
      ],
    )
  })

  it('gives a reason for every file passed over', async () => {
    const { skipped } = await readArticles(dir, options)
    const reasons = Object.fromEntries(skipped.map((s) => [s.file, s.reason]))
    assert.deepEqual(reasons, {
      'big.txt': 'too large: 2.9 KB (limit 2 KB)',
      'blank.txt': 'empty file (only white space)',
      'broken.txt': 'broken symbolic link (its target does not exist)',
      'empty.txt': 'empty file',
      'feed.jsonl#2': 'invalid JSON (Unexpected end of JSON input)',
      'image.txt': 'binary file (NUL bytes in the first 8 KB)',
      loop: 'symbolic link loop: links to a folder it is inside',
      'only-boilerplate.txt': 'no text (only white space or boilerplate)',
      'title-only.txt': 'no paragraphs found (only a title)',
    })
    assert.deepEqual(
      skipped.map((s) => s.file),
      Object.keys(reasons).sort(),
    )
  })

  it('reports duplicates against the first file, by sorted path', async () => {
    const result = await readArticles(dir, options)
    assert.deepEqual(result.duplicates, [
      { file: 'business/253.txt', duplicateOf: 'business/007.txt' },
    ])
    assert.equal(result.duplicateGroups, 1)
    assert.ok(!result.articles.some((a) => a.file === 'business/253.txt'))
  })

  it('lists every file read, with size and SHA-256, and ignored and Windows-1252 files', async () => {
    const result = await readArticles(dir, options)
    const read = Object.keys(FILES).filter(
      (f) => !['big.txt', 'notes.csv', 'photo.PNG', '.hidden.txt'].includes(f),
    )
    assert.deepEqual(result.sources.map((s) => s.file).sort(), read.sort())
    for (const source of result.sources) {
      const content = FILES[source.file] as string | Uint8Array
      const bytes = typeof content === 'string' ? Buffer.from(content) : content
      assert.equal(source.bytes, bytes.length)
      assert.equal(source.hash, createHash('sha256').update(bytes).digest('hex'))
    }
    assert.equal(
      result.bytes,
      result.sources.reduce((sum, s) => sum + s.bytes, 0),
    )
    assert.deepEqual(result.ignored, ['notes.csv', 'photo.PNG'])
    assert.deepEqual(result.cp1252Files, ['sport/199.txt'])
    const sport = result.articles.find((a) => a.id === 'sport/199')
    assert.equal(sport?.paragraphs[0]?.text, 'The club was fined £5,000 on Friday.')
  })

  it('reports progress once per article file, counting up to the total', async () => {
    const calls: Array<[number, number, string]> = []
    await readArticles(dir, { ...options, onProgress: (d, t, f) => calls.push([d, t, f]) })
    const total = 16 // article-format files; links, hidden and other files aside
    assert.equal(calls.length, total)
    assert.deepEqual(
      calls.map(([done]) => done),
      [...Array(total).keys()].map((i) => i + 1),
    )
    assert.ok(calls.every(([, t]) => t === total))
    assert.equal(new Set(calls.map(([, , f]) => f)).size, total)
  })

  it('applies extra boilerplate lines and excludes', async () => {
    const result = await readArticles(dir, {
      ...options,
      boilerplate: ['Subscribe to the Gazette'],
      exclude: ['business/**', '*.jsonl'],
    })
    const gazette = result.articles.find((a) => a.id === 'gazette')
    assert.deepEqual(gazette?.paragraphs, [{ index: 0, text: 'The story itself.' }])
    assert.ok(
      !result.articles.some((a) => a.file.startsWith('business/') || a.file.startsWith('feed')),
    )
    assert.ok(!result.sources.some((s) => s.file.startsWith('business/')))
  })

  it('is deterministic', async () => {
    assert.deepEqual(await readArticles(dir, options), await readArticles(dir, options))
  })

  it('throws only for a missing folder', async () => {
    const missing = join(dir, 'missing')
    await assert.rejects(readArticles(missing), {
      message: `articles folder not found: ${missing}`,
    })
  })
})

describe('parseFile', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)

  it('refuses unknown formats and files over the limit', () => {
    assert.deepEqual(parseFile('x.csv', bytes('a,b')), { skip: 'not an article format' })
    assert.deepEqual(parseFile('x.txt', bytes('T\n\nBody.'), { maxFileBytes: 4 }), {
      skip: 'too large: 8 bytes (limit 4 bytes)',
    })
  })

  it('reports Windows-1252 decoding', () => {
    const result = parseFile('x.txt', new Uint8Array([0x54, 0x0a, 0x0a, 0xa3, 0x31, 0x2e]))
    assert.ok(!('skip' in result))
    assert.equal(result.cp1252, true)
    assert.equal(result.articles[0]?.paragraphs[0]?.text, '£1.')
  })

  it('reads .htm and .markdown too', () => {
    assert.ok(!('skip' in parseFile('a.htm', bytes('<h1>T</h1><p>Body.</p>'))))
    assert.ok(!('skip' in parseFile('a.markdown', bytes('# T\n\nBody.'))))
  })
})

describe('the BBC corpus', () => {
  it('reads 2,225 files, skips none, finds 98 duplicate groups and the £ of sport/199', async (t) => {
    if (!existsSync(bbc)) {
      t.skip(`BBC corpus not present at ${bbc}`)
      return
    }
    const started = performance.now()
    const result = await readArticles(bbc, { exclude: ['README.TXT'] })
    const ms = performance.now() - started
    t.diagnostic(`read ${result.sources.length} files in ${Math.round(ms)} ms`)
    assert.equal(result.sources.length, 2225)
    assert.deepEqual(result.skipped, [])
    assert.deepEqual(result.ignored, [])
    assert.equal(result.duplicateGroups, 98)
    assert.equal(result.duplicates.length, 98)
    assert.equal(result.articles.length, 2225 - 98)
    assert.ok(
      result.duplicates.some(
        (d) => d.file === 'business/253.txt' && d.duplicateOf === 'business/007.txt',
      ),
    )
    assert.deepEqual(result.cp1252Files, ['sport/199.txt'])
    const sport = result.articles.find((a) => a.id === 'sport/199')
    assert.ok(sport?.paragraphs.some((p) => p.text.includes('£')))
    assert.equal(sport?.category, 'sport')
    assert.equal(new Set(result.articles.map((a) => a.id)).size, result.articles.length)
  })
})
