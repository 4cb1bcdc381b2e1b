// Under load: 20 s of autocannon at 50 connections on /search, rotating through queries, while the
// index is rebuilt (build-index in a process of its own, a new article each time) and swapped in
// twice. Zero errors, zero non-2xx, the new articles found afterwards, and the heap back near where it started once
// collected: the old indexes are freed (a retained one would add the ~35 MB an index takes).
// Takes over 20 s, so it runs only in CI or with NEWSDEX_LOAD_TEST=1.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import autocannon from 'autocannon'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex } from '../../src/index/store.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/server.ts'
import { messages } from '../fixtures/logs.ts'
import { wordMaker, writeGeneratedArticles } from './helpers.ts'

const CI = process.env.CI ?? ''
const RUN = !['', '0', 'false'].includes(CI) || process.env.NEWSDEX_LOAD_TEST === '1'
const skip = RUN
  ? false
  : 'a 20 s load test: run it with `NEWSDEX_LOAD_TEST=1 npx tsx test/run.ts hardening/load` (CI runs it)'

const ARTICLES = 3000
const SECONDS = 20
const CONNECTIONS = 50

let dir: string
let articles: string
let index: string
let server: RunningServer
const logs: string[] = []

/** A full collection: `gc()` a few times, letting the event loop turn between. */
async function collected(): Promise<number> {
  v8.setFlagsFromString('--expose-gc')
  const gc = vm.runInNewContext('gc') as () => void
  for (let i = 0; i < 4; i++) {
    gc()
    await new Promise((resolve) => setImmediate(resolve))
  }
  // A loaded index keeps its lines and tables as bytes outside the heap: a leak holds both.
  const { heapUsed, arrayBuffers } = process.memoryUsage()
  return heapUsed + arrayBuffers
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Queries of every kind over the made-up words: words, prefixes, phrases, exclusions, typos. */
function queries(): string[] {
  const word = wordMaker()
  const words = Array.from({ length: 40 }, word)
  const paths: string[] = []
  for (let i = 0; i < words.length; i += 4) {
    const [a = '', b = '', c = '', d = ''] = words.slice(i, i + 4)
    for (const q of [
      a,
      `${a} ${b}`,
      `"${a} ${b}"`,
      `${a} -${c}`,
      `${b} category:c${i % 10}`,
      `${c}${d}`.slice(0, 9),
      `title:${d}`,
    ])
      paths.push(`/search?q=${encodeURIComponent(q)}`)
    paths.push(`/search?q=${encodeURIComponent(a.slice(0, 3))}&prefix=true`)
    paths.push(`/search?q=${encodeURIComponent(b)}&page=2&size=20&group=false`)
  }
  return paths
}

/**
 * Rebuilds the index in a process of its own, as `npm run build-index` beside a server does: a
 * build in the server's process would hold its event loop for seconds, which no deployment does.
 */
async function rebuild(): Promise<void> {
  const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts')
  await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    main,
    'build-index',
    '--articles',
    articles,
    '--index',
    index,
    '--quiet',
  ])
}

async function waitForBuild(previous: string): Promise<string> {
  const started = Date.now()
  while (server.live.buildId === previous) {
    assert.ok(Date.now() - started < 30_000, 'the rebuilt index was never swapped in')
    await sleep(50)
  }
  return server.live.buildId
}

async function total(q: string): Promise<number> {
  const response = await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`)
  assert.equal(response.status, 200)
  return ((await response.json()) as SearchResponse).total.articles
}

describe('the server under load while its index is swapped twice', { skip }, () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdex-load-'))
    articles = join(dir, 'articles')
    index = join(dir, 'newsdex.index')
    await writeGeneratedArticles(articles, ARTICLES)
    await buildFolder({ articles, index })
  })

  after(async () => {
    await server?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers every request, finds the new articles, and frees the old indexes', async (t) => {
    // What one index weighs on the heap: the size of a leak to look for.
    const empty = await collected()
    let probe: unknown = await loadIndex(index)
    const weight = (await collected()) - empty
    assert.ok(probe)
    probe = undefined
    assert.ok(weight > 10 * 1024 * 1024, `an index of ${mb(weight)} is too small to see a leak`)

    server = await startServer({
      index,
      port: 0,
      pollMs: 100,
      // Only the index's lines are kept: the requests' would grow the heap being measured.
      logger: createLogger({
        destination: { write: (line) => void (line.includes('"msg":"index ') && logs.push(line)) },
      }),
    })
    const paths = queries()
    for (const path of paths.slice(0, 20))
      assert.equal((await fetch(`${server.url}${path}`)).status, 200)
    assert.equal(await total('zeppelin'), 0)
    const heapBefore = await collected()

    const first = server.live.buildId
    const load = autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    })
    // Two rebuilds while the load runs, each with one more article.
    await sleep(4000)
    await writeFile(
      join(articles, 'zeppelin.txt'),
      'Zeppelin returns\n\nA zeppelin flew over town.\n',
    )
    await rebuild()
    const second = await waitForBuild(first)
    await sleep(3000)
    await writeFile(join(articles, 'airship.txt'), 'Airship lands\n\nThe airship landed at noon.\n')
    await rebuild()
    const third = await waitForBuild(second)
    const result = await load

    const heapAfter = await collected()
    const figures = {
      requests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      heapBefore: mb(heapBefore),
      heapAfter: mb(heapAfter),
      indexWeight: mb(weight),
    }
    t.diagnostic(JSON.stringify(figures))

    assert.ok(result.requests.total > 0)
    assert.equal(result.errors, 0, 'no connection errors')
    assert.equal(result.timeouts, 0, 'no timeouts')
    assert.equal(result.non2xx, 0, 'every answer 2xx')
    assert.equal(result['2xx'], result.requests.total)
    const lines = messages(logs)
    assert.equal(
      lines.filter((line) => line.startsWith('index reloaded')).length,
      2,
      lines.join('\n'),
    )
    assert.ok(!lines.some((line) => line.startsWith('index reload failed')), lines.join('\n'))
    assert.notEqual(third, first)
    assert.equal(await total('zeppelin'), 1)
    assert.equal(await total('airship'), 1)
    assert.equal(server.live.current.articleCount, ARTICLES + 2)
    // One old index kept alive would add `weight`; allow half of it for everything else.
    assert.ok(
      heapAfter - heapBefore < weight / 2,
      `the heap grew from ${mb(heapBefore)} to ${mb(heapAfter)}; an index weighs ${mb(weight)}`,
    )
  })
})
