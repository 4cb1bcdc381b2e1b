import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { UsageError } from '../../src/cli/command.ts'
import { command } from '../../src/cli/inspect.ts'

const root = join(import.meta.dirname, '..', '..')
const seed = join(root, 'index-data/articles/iran-missiles-red-line.txt')

async function run(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await command.run(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    isTTY: false,
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('inspect', () => {
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdex-inspect-'))
    await writeFile(join(dir, 'empty.txt'), '')
    await writeFile(join(dir, 'notes.csv'), 'a,b\n')
    await writeFile(join(dir, 'cp.txt'), new Uint8Array([0x54, 0x0a, 0x0a, 0xa3, 0x35, 0x2e]))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('prints the parse of one file as JSON, every field present', async () => {
    const { code, out, err } = await run(seed)
    assert.equal(code, 0)
    assert.equal(err, '')
    const shown = JSON.parse(out)
    assert.deepEqual(Object.keys(shown), [
      'file',
      'id',
      'title',
      'subtitle',
      'category',
      'date',
      'dateWritten',
      'dateNote',
      'source',
      'url',
      'tags',
      'decodedAs',
      'paragraphs',
    ])
    assert.equal(shown.file, 'iran-missiles-red-line.txt')
    assert.equal(shown.id, 'iran-missiles-red-line')
    assert.equal(
      shown.title,
      'Top defense official reaffirms Iranian missiles not up for negotiation',
    )
    assert.equal(shown.subtitle, 'Iraqi FM says opposes use of force against Iran')
    assert.equal(shown.category, null)
    assert.equal(shown.decodedAs, 'utf-8')
    assert.equal(shown.paragraphs.length, 14)
    assert.deepEqual(Object.keys(shown.paragraphs[0]), ['index', 'heading', 'text'])
    assert.equal(shown.paragraphs[0].heading, null)
    assert.equal(shown.paragraphs[13].heading, 'Iraqi opposition')
    assert.doesNotMatch(out, /clipboard/i)
  })

  it('says when a file was decoded as Windows-1252', async () => {
    const shown = JSON.parse((await run(join(dir, 'cp.txt'))).out)
    assert.equal(shown.decodedAs, 'windows-1252')
    assert.equal(shown.paragraphs[0].text, '£5.')
  })

  it('prints an array for a multi-article file and names bad records on stderr', async () => {
    const { code, out, err } = await run(join(root, 'test/fixtures/articles/many.json'))
    assert.equal(code, 0)
    const shown = JSON.parse(out)
    assert.ok(Array.isArray(shown))
    assert.deepEqual(
      shown.map((a: { id: string }) => a.id),
      ['many/1', 'many/2'],
    )
    assert.equal(err, 'inspect: skipped many.json#3: wrong type for "title"')
  })

  it('drops extra boilerplate lines given with --boilerplate', async () => {
    const first = 'Iran’s Secretary of Defense Council Ali Shamkhani said on Friday'
    const without = JSON.parse((await run(seed, '--boilerplate', 'Iraqi opposition')).out)
    assert.ok(without.paragraphs.every((p: { heading: string | null }) => p.heading === null))
    assert.ok(without.paragraphs[0].text.startsWith(first))
  })

  it('prints the skip reason on stderr and exits 1', async () => {
    for (const [file, reason] of [
      [join(dir, 'empty.txt'), 'empty file'],
      [join(dir, 'missing.txt'), 'file not found'],
      [dir, 'is a folder, not a file'],
      [
        join(dir, 'notes.csv'),
        'not an article format (.txt, .md, .markdown, .html, .htm, .json, .jsonl)',
      ],
    ]) {
      const { code, out, err } = await run(file as string)
      assert.equal(code, 1, file)
      assert.equal(out, '')
      assert.equal(err, `inspect: ${file}: ${reason}`)
    }
  })

  it('rejects bad usage', async () => {
    await assert.rejects(run(), UsageError)
    await assert.rejects(run(seed, seed), UsageError)
    await assert.rejects(run(seed, '--nope'), UsageError)
  })

  it('is registered with the CLI, which exits 2 on bad usage', () => {
    const main = join(root, 'src/cli/main.ts')
    const usage = spawnSync(process.execPath, ['--import', 'tsx', main, 'inspect'], {
      cwd: root,
      encoding: 'utf8',
    })
    assert.equal(usage.status, 2, usage.stderr)
    assert.match(usage.stderr, /inspect: a FILE is required/)
    const ok = spawnSync(process.execPath, ['--import', 'tsx', main, 'inspect', seed], {
      cwd: root,
      encoding: 'utf8',
    })
    assert.equal(ok.status, 0, ok.stderr)
    assert.equal(JSON.parse(ok.stdout).paragraphs.length, 14)
  })
})

describe('inspect: dates', () => {
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdex-inspect-dates-'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function shown(name: string, text: string) {
    await writeFile(join(dir, name), text)
    const { code, out } = await run(join(dir, name))
    assert.equal(code, 0)
    return JSON.parse(out) as {
      date: string | null
      dateWritten: string | null
      dateNote: string | null
    }
  }

  it('shows the date as written and as read', async () => {
    const a = await shown('a.md', '---\ntitle: T\ndate: 26 Feb 1987\n---\nBody.\n')
    assert.deepEqual([a.date, a.dateWritten, a.dateNote], ['1987-02-26', '26 Feb 1987', null])
  })

  it('says what it left out beside a date, and when an impossible time leaves the day', async () => {
    const junk = await shown(
      'b.md',
      '---\ntitle: T\ndate: "2-JUN-1990 07:01:00.50&#5;&#5;Q"\n---\nBody.\n',
    )
    assert.equal(junk.date, '1990-06-02T07:01:00.500Z')
    assert.equal(junk.dateNote, 'read the date and left out "&#5;&#5;Q"')
    const hour = await shown(
      'c.md',
      '---\ntitle: T\ndate: "30-JUN-1990 713:05:10.33"\n---\nBody.\n',
    )
    assert.equal(hour.date, '1990-06-30')
    assert.equal(hour.dateNote, 'read the date and left out "713:05:10.33", read as the day alone')
  })

  it('says why a date cannot be read, and keeps the article', async () => {
    const a = await shown('d.md', '---\ntitle: T\ndate: Feb 26\n---\nBody.\n')
    assert.deepEqual(
      [a.date, a.dateWritten, a.dateNote],
      [null, 'Feb 26', 'undated: the date cannot be read ("Feb 26" has no year)'],
    )
  })
})
