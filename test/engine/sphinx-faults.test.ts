// The sphinx engine behind the HTTP server: the API contract, shards that stop answering, and
// the same page 1 whether the collection sits on 1 shard or 3.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { readArticles } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'
import type { Engine } from '../../src/engine/engine.ts'
import { openEngine } from '../../src/engine/open.ts'
import { type EngineServer, startEngineServer } from '../../src/server/server.ts'
import { loggerInto } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'
import { skipSphinx, startCluster, type TestCluster } from '../fixtures/sphinx.ts'

async function corpus(): Promise<Article[]> {
  const folder = await mkdtemp(join(tmpdir(), 'newsdex-faults-'))
  try {
    await writeArticles(folder, corpusFiles())
    return (await readArticles(folder)).articles
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

// biome-ignore lint/suspicious/noExplicitAny: replies are JSON or HTML, checked field by field
type Body = any

async function get(
  base: string,
  path: string,
): Promise<{ status: number; body: Body; ms: number }> {
  const started = performance.now()
  const reply = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) })
  const text = await reply.text()
  const type = reply.headers.get('content-type') ?? ''
  return {
    status: reply.status,
    body: type.includes('json') ? JSON.parse(text) : text,
    ms: performance.now() - started,
  }
}

/** Pauses a searchd (it stops answering without closing its sockets) until resumed. */
function pause(pid: number): () => void {
  process.kill(pid, 'SIGSTOP')
  return () => process.kill(pid, 'SIGCONT')
}

describe('serving from a sphinx cluster', { skip: skipSphinx }, () => {
  let cluster: TestCluster
  let engine: Engine
  let server: EngineServer

  before(async () => {
    cluster = await startCluster(3)
    engine = await openEngine(cluster.state.url)
    await engine.replaceAll(await corpus())
    server = await startEngineServer(engine, { port: 0, logger: loggerInto([]), metrics: 'off' })
  })

  after(async () => {
    for (const { pid } of cluster?.state.shards ?? []) {
      try {
        process.kill(pid, 'SIGCONT')
      } catch {}
    }
    await server?.close()
    await engine?.close()
    await cluster?.stop()
  })

  test('serves the same routes and JSON shapes', async () => {
    const found = await get(server.url, '/search?q=missiles')
    assert.equal(found.status, 200)
    assert.equal(found.body.total.articles, 15)
    assert.equal(found.body.results.length, 10)
    assert.equal(found.body.partial, undefined)
    assert.match(found.body.results[0].paragraphs[0].snippet, /<mark>missiles<\/mark>/)
    const suggestions = await get(server.url, '/suggest?q=missi&format=json')
    assert.ok(suggestions.body.suggestions.some((s: { value: string }) => s.value === 'missiles'))
    const page = await get(server.url, '/?q=missiles')
    assert.equal(page.status, 200)
    assert.match(page.body, /<mark>missiles<\/mark>/)
    const article = await get(server.url, found.body.results[0].article.url)
    assert.equal(article.status, 200)
    assert.ok(
      article.body.includes(`<title>${found.body.results[0].article.title} — newsdex</title>`),
    )
    assert.equal((await get(server.url, '/articles/no-such-article')).status, 404)
  })

  test('/healthz names the engine and each shard with its paragraphs', async () => {
    const health = await get(server.url, '/healthz')
    assert.equal(health.status, 200)
    assert.equal(health.body.engine, 'sphinx')
    assert.equal(health.body.shards.length, 3)
    for (const shard of health.body.shards) {
      assert.equal(shard.state, 'up')
      assert.ok(shard.paragraphs > 0)
    }
  })

  test('hostile query text is answered like any query, or refused with a 400', async () => {
    for (const q of ['"', "x' OR 1=1 --", '@title missiles', 'a\\b\\', 'MAYBE | (x) NEAR/2 !y']) {
      const reply = await get(server.url, `/search?q=${encodeURIComponent(q)}`)
      assert.equal(reply.status, 200, q)
    }
    const long = await get(server.url, `/search?q=${'m'.repeat(10_000)}`)
    assert.equal(long.status, 400)
    assert.equal(long.body.error.code, 'bad_parameter')
    assert.match(long.body.error.message, /longer than/)
  })

  test('a shard that stops answering gives partial results within 2 s, then recovers', async () => {
    const shard = cluster.state.shards[2] as { pid: number; sql: number }
    const resume = pause(shard.pid)
    try {
      const partial = await get(server.url, '/search?q=missiles')
      assert.equal(partial.status, 200)
      assert.ok(partial.ms < 2000, `took ${partial.ms} ms`)
      assert.equal(partial.body.partial, true)
      assert.deepEqual(partial.body.missingShards, [`127.0.0.1:${shard.sql}/news_2`])
      assert.ok(partial.body.total.articles < 15)
      const page = await get(server.url, '/?q=missiles')
      assert.match(page.body, /did not answer/)
      const health = await get(server.url, '/healthz')
      assert.equal(health.status, 503)
      assert.equal(health.body.shards[2].state, 'down')
    } finally {
      resume()
    }
    await new Promise((done) => setTimeout(done, 1200))
    const whole = await get(server.url, '/search?q=missiles')
    assert.equal(whole.body.partial, undefined)
    assert.equal(whole.body.total.articles, 15)
  })

  test('the shard holding the distributed index down: 503 engine_unavailable within 2 s', async () => {
    const resume = pause((cluster.state.shards[0] as { pid: number }).pid)
    try {
      const reply = await get(server.url, '/search?q=missiles')
      assert.equal(reply.status, 503)
      assert.ok(reply.ms < 2500, `took ${reply.ms} ms`)
      assert.equal(reply.body.error.code, 'engine_unavailable')
    } finally {
      resume()
    }
    await new Promise((done) => setTimeout(done, 1200))
    assert.equal((await get(server.url, '/search?q=missiles')).status, 200)
  })
})

describe('ranking does not depend on the number of shards', { skip: skipSphinx }, () => {
  const clusters: TestCluster[] = []
  const engines: Engine[] = []

  before(async () => {
    const articles = await corpus()
    for (const shards of [1, 3]) {
      const cluster = await startCluster(shards)
      clusters.push(cluster)
      const engine = await openEngine(cluster.state.url, { queryTimeoutMs: 10_000 })
      engines.push(engine)
      await engine.replaceAll(articles)
    }
  })

  after(async () => {
    for (const engine of engines) await engine.close()
    for (const cluster of clusters) await cluster.stop()
  })

  test('the same page 1 on 1 shard and on 3', async () => {
    const { search } = await import('../../src/search/search.ts')
    for (const q of ['missiles', 'talks sanctions', 'stadium match', 'guidance']) {
      const [one, three] = await Promise.all(engines.map((engine) => engine.view({ q })))
      const page = (index: NonNullable<typeof one>['index']) =>
        search(index, { q }).results.map((result) => [result.article.id, result.score])
      assert.ok(page((one as NonNullable<typeof one>).index).length > 0, q)
      assert.deepEqual(
        page((three as NonNullable<typeof three>).index),
        page((one as NonNullable<typeof one>).index),
        q,
      )
    }
  })
})
