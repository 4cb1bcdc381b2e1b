// The compiled service as production runs it: `node dist/cli/main.js`, and `npm start`, as real
// processes. dist/ is compiled into a temp folder beside links to views/, public/ and
// node_modules/, so the test needs no manual build and leaves the worktree's dist/ alone.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import autocannon from 'autocannon'
import { buildFolder } from '../../src/index/build-folder.ts'
import { halfSent } from '../fixtures/http.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

const repo = join(import.meta.dirname, '..', '..')
let root: string
let index: string

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'newsdex-dist-'))
  for (const name of ['src', 'views', 'public', 'node_modules', 'scripts']) {
    await symlink(join(repo, name), join(root, name))
  }
  for (const name of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) {
    await copyFile(join(repo, name), join(root, name))
  }
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
  const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    encoding: 'utf8',
  })
  assert.equal(built.status, 0, `npm run build failed:\n${built.stdout}${built.stderr}`)
  await writeArticles(join(root, 'articles'), corpusFiles())
  index = join(root, 'newsdex.index')
  await buildFolder({ articles: join(root, 'articles'), index })
})

after(async () => {
  await rm(root, { recursive: true, force: true })
})

/** A process's output, line by line, and its exit. */
function watch(child: ChildProcess) {
  const lines: string[] = []
  const keep = (text: string) => lines.push(...text.split('\n').filter(Boolean))
  child.stdout?.setEncoding('utf8').on('data', keep)
  child.stderr?.setEncoding('utf8').on('data', keep)
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  )
  return { lines, exited }
}

/** The url and pid of the `listening` log line, once written. */
async function listening(lines: string[]): Promise<{ url: URL; pid: number }> {
  for (let waited = 0; waited < 30_000; waited += 50) {
    for (const line of lines) {
      if (!line.includes('"url"')) continue
      const record = JSON.parse(line) as { url: string; pid: number }
      return { url: new URL(record.url), pid: record.pid }
    }
    await sleep(50)
  }
  assert.fail(`the server never said it was listening:\n${lines.join('\n')}`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('the compiled service', () => {
  it('newsdex --help lists the subcommands', () => {
    const result = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), '--help'], {
      encoding: 'utf8',
    })
    assert.equal(result.status, 0)
    for (const name of ['build-index', 'search', 'inspect', 'serve', 'eval', 'bench']) {
      assert.match(result.stdout, new RegExp(`^  ${name}$`, 'm'))
    }
  })

  it('on SIGTERM under load: finishes the requests in flight, exits 0 within 10 s, leaves nothing', async () => {
    const child = spawn(
      process.execPath,
      [join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--index', index],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } },
    )
    const { lines, exited } = watch(child)
    try {
      const { url, pid } = await listening(lines)
      assert.equal(pid, child.pid)
      let loaded: (result: autocannon.Result) => void = () => {}
      const finished = new Promise<autocannon.Result>((resolve) => {
        loaded = resolve
      })
      const load = autocannon(
        {
          url: url.href,
          connections: 20,
          duration: 30,
          requests: [{ method: 'GET', path: '/search?q=missiles' }],
        },
        (_error, result) => loaded(result),
      )
      await sleep(1000)
      const inFlight = await Promise.all(
        ['/search?q=missiles', '/search?q=summit', '/healthz', '/'].map((path) =>
          halfSent(url, path),
        ),
      )
      // Until the server has read their first bytes, they are idle connections, not requests:
      // a request sent after them and answered shows that the server has read them.
      assert.equal((await fetch(new URL('/healthz', url))).status, 200)
      const signalled = Date.now()
      child.kill('SIGTERM')
      for (let waited = 0; !lines.some((line) => line.includes('"msg":"SIGTERM')); waited += 20) {
        assert.ok(waited < 5000, 'the server never saw SIGTERM')
        await sleep(20)
      }
      const replies = await Promise.all(inFlight.map((request) => request.finish()))
      const { code, at } = await exited
      load.stop()
      const result = await finished
      for (const reply of replies) assert.match(reply, /^HTTP\/1\.1 200 OK/, reply.slice(0, 200))
      assert.match(replies[0] ?? '', /"total":\{"articles":15/)
      assert.equal(code, 0, lines.slice(-5).join('\n'))
      assert.ok(at - signalled < 10_000, `exited ${at - signalled} ms after SIGTERM`)
      assert.ok(result['2xx'] > 100, `${result['2xx']} answered under load`)
      assert.equal(result.non2xx, 0, 'every answer under load was 2xx')
      assert.ok(lines.some((line) => line.includes('"msg":"stopped"')))
      assert.ok(!alive(pid), 'no process left')
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('under npm start, SIGTERM to npm stops the server too', async () => {
    const npm = spawn('npm', ['start', '--', '--port', '0', '--index', index], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '' },
    })
    const { lines, exited } = watch(npm)
    let server: number | undefined
    try {
      const { url, pid } = await listening(lines)
      server = pid
      assert.notEqual(pid, npm.pid)
      assert.equal((await fetch(new URL('/readyz', url))).status, 200)
      npm.kill('SIGTERM')
      await exited
      for (let waited = 0; alive(pid); waited += 50) {
        assert.ok(waited < 10_000, `the server (pid ${pid}) still runs after npm exited`)
        await sleep(50)
      }
      assert.ok(
        lines.some((line) => line.includes('"msg":"stopped"')),
        lines.join('\n'),
      )
    } finally {
      npm.kill('SIGKILL')
      if (server !== undefined && alive(server)) process.kill(server, 'SIGKILL')
    }
  })
})
