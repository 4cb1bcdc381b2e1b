// A build killed with SIGKILL half-way leaves the previous index in place, loadable and served.
// A real `build-index` process over a few thousand articles is killed once its progress shows it
// indexing. A temporary file that a build killed while writing leaves behind is simulated (the
// moment of the write is too short to hit on purpose): the loader and the server never read it,
// and the next successful build removes it, but only when it can prove it dead.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex, readManifest } from '../../src/index/store.ts'
import { startServer } from '../../src/server/server.ts'
import { loggerInto, messages } from '../fixtures/logs.ts'
import { ROOT, writeGeneratedArticles } from './helpers.ts'

/** Enough articles that reading and indexing them takes seconds, not milliseconds. */
const BIG = 3000

let dir: string
let small: string
let big: string
let index: string

/** Temporary files beside the index. */
async function temporaries(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith(`${basename(index)}.tmp-`)).sort()
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-killed-'))
  small = join(dir, 'small')
  big = join(dir, 'big')
  index = join(dir, 'newsdex.index')
  await mkdir(small)
  await writeFile(join(small, 'one.txt'), 'Kites over the bay\n\nKites flew over the bay today.\n')
  await writeFile(join(small, 'two.txt'), 'Boats in the harbour\n\nBoats stayed in the harbour.\n')
  await writeGeneratedArticles(big, BIG)
})

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a build killed with SIGKILL', () => {
  let previous: string
  let killedPid: number

  it('leaves the previous index in place and loadable', async () => {
    await buildFolder({ articles: small, index })
    const before = await loadIndex(index)
    previous = before.manifest?.buildId ?? ''
    assert.ok(previous)
    const bytes = await readFile(index)

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'build-index', '--articles', big, '--index', index],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    killedPid = child.pid ?? 0
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    )
    let output = ''
    const indexing = new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`never indexing:\n${output}`)), 120_000)
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        output += text
        if (/^indexing: /m.test(output)) {
          clearTimeout(deadline)
          resolve()
        }
      })
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        output += text
      })
      child.once('exit', () => {
        clearTimeout(deadline)
        reject(new Error(`the build ended before it was killed:\n${output}`))
      })
    })
    try {
      await indexing
      assert.match(output, /^reading: \d+\/3000 files$/m, 'it read the folder first')
      assert.doesNotMatch(output, /^Indexed /m, 'killed half-way, not after')
      child.kill('SIGKILL')
      assert.equal(await exited, 'SIGKILL')
    } finally {
      child.kill('SIGKILL')
    }

    assert.deepEqual(await readFile(index), bytes, 'the index file is untouched')
    const after = await loadIndex(index)
    assert.equal(after.manifest?.buildId, previous)
    assert.equal(after.articleCount, 2)
    // Killed before it began to write, it left no temporary file.
    assert.deepEqual(await temporaries(), [])
  })

  it('never mistakes a temporary file for the index; the next build removes the dead ones', async () => {
    // What a build killed while writing leaves: a part of an index, named after its process.
    const complete = await readFile(index, 'utf8')
    const newer = complete.replace(previous, '00000000-0000-4000-8000-000000000000')
    const hour = 60 * 60
    const now = Date.now() / 1000
    const stale = `${basename(index)}.tmp-${killedPid}-0badc0de`
    const live = `${basename(index)}.tmp-${process.pid}-0c0ffee0`
    const fresh = `${basename(index)}.tmp-${killedPid}-0f4e54e0`
    await writeFile(join(dir, stale), newer.slice(0, newer.length / 2))
    await writeFile(join(dir, live), newer)
    await writeFile(join(dir, fresh), newer)
    await utimes(join(dir, stale), now - hour, now - hour)
    await utimes(join(dir, live), now - hour, now - hour)
    await utimes(join(dir, fresh), now + hour, now + hour)

    assert.equal((await loadIndex(index)).manifest?.buildId, previous)
    const logs: string[] = []
    const server = await startServer({ index, port: 0, logger: loggerInto(logs) })
    try {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { buildId: string }
      assert.equal(health.buildId, previous)
      const found = (await (await fetch(`${server.url}/search?q=kites`)).json()) as {
        total: { articles: number }
      }
      assert.equal(found.total.articles, 1)
      assert.equal(await server.live.reload(), false, 'nothing new to load')

      // The next successful build: its own index in place, the dead temporary file gone; the
      // live process's and the one written after the build began may be saves in progress.
      await writeFile(join(small, 'three.txt'), 'Kites again\n\nMore kites over the bay.\n')
      await buildFolder({ articles: small, index })
      const { buildId } = await readManifest(index)
      assert.notEqual(buildId, previous)
      assert.deepEqual(await temporaries(), [live, fresh].sort())
      assert.equal(await server.live.reload(), true)
      assert.equal(server.live.buildId, buildId)
      assert.ok(
        !messages(logs).some((line) => line.startsWith('index reload failed')),
        logs.join('\n'),
      )
    } finally {
      await server.close()
    }
  })
})
