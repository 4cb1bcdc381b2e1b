// Broken files: one build, through the real `build-index` command, over a folder holding every
// kind of file that cannot be indexed — binary, not UTF-8, UTF-16, empty, blank, boilerplate
// only, no paragraphs, no title, invalid JSON, too large, unreadable, a FIFO, a symbolic-link
// loop (to itself and to a folder above), a link to nothing, and a file that vanishes between
// the listing and the reading. Each is named in the summary with its reason; the build exits 0
// with every good article indexed.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { unlinkSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { command } from '../../src/cli/build-index.ts'
import type { Io } from '../../src/cli/command.ts'
import { loadIndex } from '../../src/index/store.ts'
import { ROOT } from './helpers.ts'

const GOOD = 20

let dir: string
let articles: string
let index: string
/** Whether the FIFO could be made (mkfifo). */
let fifo = false

interface Run {
  code: number
  out: string[]
  err: string[]
  /** Whether the build ran without privileges, so that a file it may not read is unreadable. */
  unprivileged: boolean
}

/**
 * The command, run the way `main.ts` runs it, with an Io that removes `vanish` when the first
 * progress line arrives. The reader reads 16 files at a time, in sorted order, and reports each
 * as it finishes: at the first report at most 16 have been opened, so a file sorted after the
 * 16th is certainly listed and not yet read. As root the build runs in a child process as
 * `nobody`, for whom a file with mode 000 is unreadable (root reads anything); elsewhere as
 * ourselves. Falls back to running here when such a process cannot be started.
 */
async function build(args: string[], vanish: string): Promise<Run> {
  const asRoot = process.getuid?.() === 0
  const script = `
    import { unlinkSync } from 'node:fs'
    import { command } from ${JSON.stringify(join(ROOT, 'src/cli/build-index.ts'))}
    const out = [], err = []
    let vanish = ${JSON.stringify(vanish)}
    const io = {
      out: (line) => {
        out.push(line)
        if (vanish !== undefined && line.startsWith('reading: ')) { unlinkSync(vanish); vanish = undefined }
      },
      err: (line) => err.push(line),
      isTTY: false,
    }
    const code = await command.run(${JSON.stringify(args)}, io)
    console.log(JSON.stringify({ code, out, err }))
  `
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: ROOT, encoding: 'utf8', ...(asRoot && { uid: 65534, gid: 65534 }) },
  )
  if (child.error === undefined) {
    assert.equal(child.status, 0, child.stderr)
    return { ...(JSON.parse(child.stdout) as Omit<Run, 'unprivileged'>), unprivileged: true }
  }
  // No such process here: the same, in this process (a file with mode 000 is readable as root).
  const out: string[] = []
  const err: string[] = []
  let pending: string | undefined = vanish
  const io: Io = {
    out: (line) => {
      out.push(line)
      if (pending !== undefined && line.startsWith('reading: ')) {
        unlinkSync(pending)
        pending = undefined
      }
    },
    err: (line) => err.push(line),
    isTTY: false,
  }
  const code = await command.run(args, io)
  return { code, out, err, unprivileged: !asRoot }
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-broken-'))
  await chmod(dir, 0o777)
  articles = join(dir, 'articles')
  index = join(dir, 'out', 'newsdex.index')
  await mkdir(join(articles, 'good'), { recursive: true })
  await mkdir(join(articles, 'zz'), { recursive: true })
  await mkdir(join(dir, 'out'), { recursive: true })
  await chmod(join(dir, 'out'), 0o777)
  for (let i = 1; i <= GOOD; i++) {
    const n = String(i).padStart(2, '0')
    await writeFile(
      join(articles, 'good', `${n}.txt`),
      `Kite report ${n}\n\nKites flew on day ${n}.\n`,
    )
  }
  const files: Record<string, string | Uint8Array> = {
    'binary.txt': Buffer.from([0x42, 0x69, 0x6e, 0x00, 0x01, 0x02, 0x00, 0xff, 0x00]),
    // Windows-1252, not UTF-8: read, and said so.
    'latin1.txt': Buffer.from('Caf\xe9 cr\xe8me\n\nKites over the caf\xe9 at dawn.\n', 'latin1'),
    'utf16.txt': Buffer.from('\ufeffKites', 'utf16le'),
    'empty.txt': '',
    'blank.txt': '  \n\n \t \n',
    'boilerplate.txt': 'Copy to clipboard\nShare this article\n',
    'title-only.txt': 'Only a title here\n',
    'nothing.md': '# \n\n',
    'broken.json': '{"title": "Kites", "paragraphs": [',
    'locked.txt': 'Locked kites\n\nNobody may read this.\n',
    'zz/vanish.txt': 'Vanishing kites\n\nThis file is removed before it is read.\n',
  }
  for (const [name, content] of Object.entries(files))
    await writeFile(join(articles, name), content)
  // Over the 20 MB limit without writing 20 MB: a sparse file.
  await writeFile(join(articles, 'big.txt'), 'Big kites\n\n')
  await truncate(join(articles, 'big.txt'), 20 * 1024 * 1024 + 1)
  await chmod(join(articles, 'locked.txt'), 0o000)
  await chmod(join(articles, 'zz'), 0o777)
  await symlink('loop.txt', join(articles, 'loop.txt'))
  await symlink('.', join(articles, 'good', 'again'))
  await symlink('..', join(articles, 'zz', 'up'))
  await symlink('missing-target.txt', join(articles, 'dangling.txt'))
  fifo = spawnSync('mkfifo', [join(articles, 'fifo.txt')]).status === 0
})

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('build-index over broken files', () => {
  it('skips each with its reason, indexes the good ones and exits 0', async () => {
    const run = await build(
      ['--articles', articles, '--index', index],
      join(articles, 'zz/vanish.txt'),
    )
    assert.equal(run.code, 0, [...run.out, ...run.err].join('\n'))
    assert.deepEqual(run.err, [])
    const skipped = new Map(
      run.out
        .filter((line) => line.startsWith('  '))
        .map((line) => {
          const [file = '', ...reason] = line.trim().split(': ')
          return [file, reason.join(': ')]
        }),
    )
    const expected: Record<string, string> = {
      'big.txt': 'too large: 20,971,521 bytes (limit 20,971,520 bytes)',
      'binary.txt': 'binary file (NUL bytes in the first 8 KB)',
      'blank.txt': 'empty file (only white space)',
      'boilerplate.txt': 'no text (only white space or boilerplate)',
      'dangling.txt': 'broken symbolic link (its target does not exist)',
      'empty.txt': 'empty file',
      'good/again': 'symbolic link loop: links to a folder it is inside',
      'loop.txt': 'symbolic link loop (ELOOP)',
      'nothing.md': 'no title found',
      'title-only.txt': 'no paragraphs found (only a title)',
      'utf16.txt': 'UTF-16 text is not supported: save the file as UTF-8',
      'zz/up': 'symbolic link loop: links to a folder it is inside',
      'zz/vanish.txt': 'vanished while being read (ENOENT)',
    }
    if (fifo) expected['fifo.txt'] = 'not a regular file (a device, FIFO or socket)'
    if (run.unprivileged) expected['locked.txt'] = 'unreadable: permission denied (EACCES)'
    // The parser's own words about the JSON vary with Node's version.
    assert.match(skipped.get('broken.json') ?? '', /^invalid JSON \(.+\)$/)
    skipped.delete('broken.json')
    assert.deepEqual(Object.fromEntries(skipped), expected)
    expected['broken.json'] = 'invalid JSON'
    assert.ok(
      run.out.includes(`Skipped: ${Object.keys(expected).length} files.`),
      run.out.join('\n'),
    )
    assert.ok(run.out.includes('Decoded as Windows-1252 (not valid UTF-8): 1 (latin1.txt)'))

    const built = await loadIndex(index)
    const ids = [...built.articles()].map((article) => article.id).sort()
    const good = Array.from({ length: GOOD }, (_, i) => `good/${String(i + 1).padStart(2, '0')}`)
    assert.deepEqual(ids, [...good, 'latin1', ...(run.unprivileged ? [] : ['locked'])].sort())
    assert.equal(built.article('latin1')?.title, 'Café crème')
    assert.match(
      run.out.join('\n'),
      new RegExp(`^Indexed ${ids.length} articles, ${ids.length} paragraphs from `, 'm'),
    )
    assert.equal(built.manifest?.counts.skipped, Object.keys(expected).length)
  })
})
