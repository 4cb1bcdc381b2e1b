import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { UsageError } from '../../src/cli/command.ts'
import { serve } from '../../src/cli/serve.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import { halfSent } from '../fixtures/http.ts'
import { capture } from '../fixtures/io.ts'
import { messages } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

const root = join(import.meta.dirname, '..', '..')
let dir: string
let articles: string

async function waitFor<T>(find: () => T | undefined, limit = 5000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() - started > limit) assert.fail('timed out')
    await sleep(20)
  }
}

/** The server's address, from its `listening` log line, once written. */
const listening = (lines: string[]) =>
  lines.map((line) => /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1]).find(Boolean)

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-serve-'))
  articles = join(dir, 'articles')
  await writeArticles(articles, corpusFiles())
})

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('serve', () => {
  it('builds a missing index first, serves, reloads on SIGHUP and stops on SIGTERM', async () => {
    const io = capture()
    const signals = new EventEmitter()
    const index = join(dir, 'fresh.index')
    const exit = serve(['--port', '0', '--index', index, '--articles', articles], io, signals)
    const url = await waitFor(() => listening(io.lines))
    const said = () => messages(io.lines)
    assert.ok(said().some((line) => line.startsWith('No index at ')))
    assert.ok(said().some((line) => line.startsWith('Indexed 25 articles')))
    assert.match(
      said().find((line) => line.includes('listening on')) ?? '',
      /25 articles, \d+ paragraphs, index built \d{4}-/,
    )
    assert.ok(url.startsWith('http://127.0.0.1:'))
    assert.equal((await fetch(`${url}/healthz`)).status, 200)
    signals.emit('SIGHUP')
    assert.ok(said().includes('SIGHUP: checking the index file'))
    signals.emit('SIGTERM')
    assert.equal(await exit, 0)
    assert.ok(said().includes('stopped'))
    await assert.rejects(fetch(`${url}/healthz`))
  })

  it('with --watch, serves an article added to the folder without a restart', async () => {
    const folder = join(dir, 'watched')
    await writeArticles(folder, corpusFiles())
    const io = capture()
    const signals = new EventEmitter()
    const index = join(dir, 'watched.index')
    const args = ['--port', '0', '--index', index, '--articles', folder, '--watch']
    const exit = serve(args, io, signals)
    const url = await waitFor(() => listening(io.lines))
    const find = async () => (await (await fetch(`${url}/search?q=zeppelin`)).json()).total.articles
    assert.equal(await find(), 0)
    await writeFile(
      join(folder, 'zeppelin.txt'),
      'Zeppelin returns\n\nA zeppelin flew over town.\n',
    )
    const started = Date.now()
    while ((await find()) === 0) {
      if (Date.now() - started > 10_000) assert.fail('the new article was never served')
      await sleep(100)
    }
    assert.ok(messages(io.lines).some((line) => /index updated: 1 added/.test(line)))
    signals.emit('SIGTERM')
    assert.equal(await exit, 0)
  })

  it('refuses to start on an index it cannot load, saying how to rebuild', async () => {
    const index = join(dir, 'corrupt.index')
    await writeFile(index, 'garbage')
    const io = capture()
    assert.equal(await serve(['--port', '0', '--index', index], io, new EventEmitter()), 1)
    assert.match(
      io.errors.join('\n'),
      /^serve: The index at .* is truncated or corrupt; rebuild it with `npm run build-index`\./,
    )
  })

  it('names --public-url in /opensearch.xml, and rejects one that is not an http(s) URL', async () => {
    const io = capture()
    const signals = new EventEmitter()
    const index = join(dir, 'public.index')
    const args = ['--port', '0', '--index', index, '--articles', articles]
    const exit = serve([...args, '--public-url', 'https://news.example.org/'], io, signals)
    const url = await waitFor(() => listening(io.lines))
    const xml = await (await fetch(`${url}/opensearch.xml`)).text()
    assert.match(xml, /template="https:\/\/news\.example\.org\/\?q=\{searchTerms\}"/)
    signals.emit('SIGTERM')
    assert.equal(await exit, 0)
    await assert.rejects(
      serve([...args, '--public-url', 'news.example.org'], capture(), new EventEmitter()),
      UsageError,
    )
  })

  it('rejects a bad port', async () => {
    await assert.rejects(serve(['--port', 'http'], capture(), new EventEmitter()), UsageError)
    await assert.rejects(serve(['--port', '70000'], capture(), new EventEmitter()), UsageError)
  })

  it('runs as a process: finishes a request in flight on SIGTERM, exits 0', async () => {
    const index = join(dir, 'process.index')
    await buildFolder({ articles, index })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--index', index],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const lines: string[] = []
    child.stdout.setEncoding('utf8').on('data', (text: string) => lines.push(...text.split('\n')))
    child.stderr.setEncoding('utf8').on('data', (text: string) => lines.push(...text.split('\n')))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    try {
      const url = new URL(await waitFor(() => listening(lines), 15_000))
      // A request whose headers have not all arrived when the signal comes.
      const request = await halfSent(url, '/search?q=missiles')
      await sleep(100)
      child.kill('SIGTERM')
      await waitFor(() => lines.find((line) => line.includes('"msg":"SIGTERM')))
      const reply = await request.finish()
      assert.match(reply, /^HTTP\/1\.1 200 OK/)
      assert.match(reply, /"total":\{"articles":15/)
      assert.equal(await exited, 0)
      assert.ok(
        lines.some((line) => line.includes('"msg":"stopped"')),
        lines.join('\n'),
      )
    } finally {
      child.kill('SIGKILL')
    }
  })
})
