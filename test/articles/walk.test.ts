import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readErrorReason, readSource, readSourceSync, walkFolder } from '../../src/articles/walk.ts'

const root = join(import.meta.dirname, '..', '..')
const walkModule = join(root, 'src/articles/walk.ts')

/**
 * Evaluates `expression` (with walk.ts imported) as a user without privileges, and parses the
 * JSON it gives. Tests run as root, and chmod 000 does not stop root from reading: so the
 * permission tests run in a child process as `nobody` (uid 65534) when we are root, or as
 * ourselves otherwise. Fails when such a process cannot be started.
 */
function unprivileged<T = unknown>(expression: string): T {
  const script = `import { readSource, readSourceSync, walkFolder } from ${JSON.stringify(walkModule)}\nconsole.log(${expression})`
  const asRoot = process.getuid?.() === 0
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
      ...(asRoot && { uid: 65534, gid: 65534 }),
    },
  )
  assert.ifError(child.error)
  assert.equal(child.status, 0, child.stderr)
  return JSON.parse(child.stdout) as T
}

describe('walkFolder', () => {
  let dir: string

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdex-walk-'))
    for (const folder of ['b', 'a', 'a-b', 'a/deep', '.hidden', 'drafts', 'other']) {
      await mkdir(join(dir, folder), { recursive: true })
    }
    for (const file of [
      'z.txt',
      'a/2.txt',
      'a/10.txt',
      'a/deep/x.md',
      'a-b/y.txt',
      'b/notes.csv',
      '.secret.txt',
      '.hidden/in-hidden.txt',
      'drafts/d.txt',
      'b/one.draft.txt',
      'README.TXT',
      'other/o.txt',
    ]) {
      await writeFile(join(dir, file), 'Title\n\nText.\n')
    }
    await symlink('.', join(dir, 'a', 'deep', 'loop'))
    await symlink('..', join(dir, 'b', 'up'))
    await symlink('missing.txt', join(dir, 'b', 'broken.txt'))
    await symlink('self.txt', join(dir, 'b', 'self.txt'))
    await symlink('../other', join(dir, 'b', 'link-to-other'))
    await symlink('../z.txt', join(dir, 'b', 'link-to-z.txt'))
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('lists regular files recursively in code-unit order of their relative paths', async () => {
    const { files } = await walkFolder(dir)
    assert.deepEqual(
      files.map((f) => f.file),
      [
        'README.TXT',
        'a-b/y.txt',
        'a/10.txt',
        'a/2.txt',
        'a/deep/x.md',
        'b/link-to-other/o.txt',
        'b/link-to-z.txt',
        'b/notes.csv',
        'b/one.draft.txt',
        'drafts/d.txt',
        'z.txt',
      ],
    )
    assert.equal(files[0]?.path, join(dir, 'README.TXT'))
  })

  it('passes over hidden files and folders without reporting them', async () => {
    const { files, skipped } = await walkFolder(dir)
    const all = [...files.map((f) => f.file), ...skipped.map((s) => s.file)].join(' ')
    assert.doesNotMatch(all, /secret|hidden/)
  })

  it('reports links it cannot follow, without hanging on loops', { timeout: 5000 }, async () => {
    const { skipped } = await walkFolder(dir)
    assert.deepEqual(skipped, [
      { file: 'a/deep/loop', reason: 'symbolic link loop: links to a folder it is inside' },
      { file: 'b/broken.txt', reason: 'broken symbolic link (its target does not exist)' },
      { file: 'b/self.txt', reason: 'symbolic link loop (ELOOP)' },
      { file: 'b/up', reason: 'symbolic link loop: links to a folder it is inside' },
      { file: 'other', reason: 'same folder as b/link-to-other, already read' },
    ])
  })

  it('excludes by glob on the relative path and on the base name', async () => {
    const { files } = await walkFolder(dir, ['README.TXT', 'drafts/**', '*.draft.txt', 'a/deep'])
    assert.deepEqual(
      files.map((f) => f.file),
      [
        'a-b/y.txt',
        'a/10.txt',
        'a/2.txt',
        'b/link-to-other/o.txt',
        'b/link-to-z.txt',
        'b/notes.csv',
        'z.txt',
      ],
    )
  })

  it('reports a FIFO as not a regular file', async () => {
    const fifoDir = await mkdtemp(join(tmpdir(), 'newsdex-fifo-'))
    try {
      // newsdex runs on POSIX systems, which all have mkfifo: its absence is a broken test machine.
      assert.equal(spawnSync('mkfifo', [join(fifoDir, 'pipe.txt')]).status, 0, 'mkfifo failed')
      const { files, skipped } = await walkFolder(fifoDir)
      assert.deepEqual(files, [])
      assert.deepEqual(skipped, [
        { file: 'pipe.txt', reason: 'not a regular file (a device, FIFO or socket)' },
      ])
    } finally {
      await rm(fifoDir, { recursive: true, force: true })
    }
  })

  it('throws a clear error for a missing folder or a file given as the folder', async () => {
    const missing = join(dir, 'no-such-folder')
    await assert.rejects(walkFolder(missing), { message: `articles folder not found: ${missing}` })
    const file = join(dir, 'z.txt')
    await assert.rejects(walkFolder(file), { message: `articles folder is not a folder: ${file}` })
  })

  it('reports an unreadable subfolder, with the error code', async () => {
    const locked = join(dir, 'locked')
    await mkdir(locked)
    await chmod(dir, 0o755)
    await chmod(locked, 0o000)
    try {
      const result = unprivileged<{ skipped: Array<{ file: string }> }>(
        `JSON.stringify(await walkFolder(${JSON.stringify(dir)}))`,
      )
      assert.deepEqual(
        result.skipped.find((s) => s.file === 'locked'),
        { file: 'locked', reason: 'unreadable folder (EACCES)' },
      )
    } finally {
      await chmod(locked, 0o755)
      await rm(locked, { recursive: true })
    }
  })
})

// A build worker reads synchronously (readSourceSync): it must refuse what readSource refuses, with
// the same reasons, and never wait on a FIFO.
const READS = {
  readSource,
  readSourceSync: async (path: string, maxBytes: number) => readSourceSync(path, maxBytes),
}

for (const [name, readSource] of Object.entries(READS))
  describe(name, () => {
    let dir: string

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'newsdex-read-'))
      await writeFile(join(dir, 'small.txt'), 'hello')
      await writeFile(join(dir, 'big.txt'), 'x'.repeat(3000))
      await mkdir(join(dir, 'folder.txt'))
      assert.equal(spawnSync('mkfifo', [join(dir, 'pipe.txt')]).status, 0, 'mkfifo failed')
    })

    after(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it('reads a file', async () => {
      const result = await readSource(join(dir, 'small.txt'), 100)
      assert.ok('bytes' in result)
      assert.equal(Buffer.from(result.bytes).toString(), 'hello')
    })

    it('refuses a file over the limit, saying its size and the limit', async () => {
      assert.deepEqual(await readSource(join(dir, 'big.txt'), 1024), {
        skip: 'too large: 2.9 KB (limit 1 KB)',
      })
    })

    it('reports a file that vanished after listing', async () => {
      assert.deepEqual(await readSource(join(dir, 'gone.txt'), 100), {
        skip: 'vanished while being read (ENOENT)',
      })
    })

    it('reports a folder where a file was expected', async () => {
      assert.deepEqual(await readSource(join(dir, 'folder.txt'), 100), {
        skip: 'not a regular file',
      })
    })

    it('refuses a FIFO without waiting for a writer', async () => {
      assert.deepEqual(await readSource(join(dir, 'pipe.txt'), 100), { skip: 'not a regular file' })
    })

    it('reports a file it may not read, with the error code', async () => {
      const locked = join(dir, 'locked.txt')
      await writeFile(locked, 'secret')
      await chmod(dir, 0o755)
      await chmod(locked, 0o000)
      const result = unprivileged(`JSON.stringify(await ${name}(${JSON.stringify(locked)}, 100))`)
      assert.deepEqual(result, { skip: 'unreadable: permission denied (EACCES)' })
    })
  })

describe('readErrorReason', () => {
  const error = (code: string) => Object.assign(new Error(`${code}: failed`), { code })

  it('turns error codes into reasons that keep the code', () => {
    assert.equal(readErrorReason(error('EACCES')), 'unreadable: permission denied (EACCES)')
    assert.equal(readErrorReason(error('EPERM')), 'unreadable: permission denied (EPERM)')
    assert.equal(readErrorReason(error('EISDIR')), 'unreadable: is a folder (EISDIR)')
    assert.equal(readErrorReason(error('ENOENT')), 'vanished while being read (ENOENT)')
    assert.equal(readErrorReason(error('EIO')), 'unreadable (EIO: EIO: failed)')
  })
})
