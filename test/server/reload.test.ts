import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildFolder } from '../../src/index/build-folder.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { startServer } from '../../src/server/server.ts'
import { loggerInto, messages } from '../fixtures/logs.ts'
import { ADDED_ARTICLE, startTestServer, type TestServer } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

let server: TestServer

async function buildId(): Promise<string> {
  const body = (await (await fetch(`${server.url}/healthz`)).json()) as { buildId: string }
  return body.buildId
}

async function total(q: string): Promise<number> {
  const response = await fetch(`${server.url}/search?q=${encodeURIComponent(q)}`)
  return ((await response.json()) as SearchResponse).total.articles
}

/** Polls until `check` holds; resolves to the ms it took, or fails after `limit` ms. */
async function within(limit: number, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = performance.now()
  while (!(await check())) {
    if (performance.now() - started > limit) assert.fail(`not within ${limit} ms`)
    await sleep(25)
  }
  return performance.now() - started
}

before(async () => {
  // Default polling interval, as in production.
  const base = await startTestServer()
  await base.close()
  const running = await startServer({
    index: base.index,
    port: 0,
    logger: loggerInto(base.logs),
  })
  server = { ...base, ...running, stop: base.stop }
  server.stop = async () => {
    await running.close()
    await base.stop()
  }
})

after(async () => {
  await server.stop()
})

describe('a rebuild while the server runs', () => {
  it('is picked up within 2 s, without a restart', async () => {
    const old = await buildId()
    assert.equal(await total('zeppelin'), 0)
    await writeArticles(server.articles, { [ADDED_ARTICLE.path]: ADDED_ARTICLE.text })
    await buildFolder({ articles: server.articles, index: server.index })
    const ms = await within(2000, async () => (await buildId()) !== old)
    assert.ok(ms < 2000, `took ${ms} ms`)
    assert.equal(await total('zeppelin'), 1)
    assert.ok(messages(server.logs).some((line) => line.startsWith('index reloaded: build ')))
  })

  it('keeps the old index serving when the new file is corrupt', async () => {
    const serving = await buildId()
    const good = await readFile(server.index, 'utf8')
    const failures = () =>
      messages(server.logs).filter((line) => line.startsWith('index reload failed')).length

    // A file that is not an index at all.
    let seen = failures()
    await writeFile(server.index, 'this is not an index\n')
    await within(2000, () => failures() > seen)
    assert.equal(await buildId(), serving)
    assert.equal(await total('zeppelin'), 1)

    // A valid manifest of a new build followed by a truncated payload.
    seen = failures()
    const newline = good.indexOf('\n')
    const manifest = JSON.parse(good.slice(0, newline)) as { buildId: string }
    manifest.buildId = 'truncated-build'
    await writeFile(
      server.index,
      `${JSON.stringify(manifest)}\n${good.slice(newline + 1, newline + 200)}`,
    )
    await within(2000, () => failures() > seen)
    assert.equal(await buildId(), serving)
    assert.equal(await total('missiles'), 15)
    const failure = messages(server.logs).findLast((line) => line.startsWith('index reload failed'))
    assert.match(failure ?? '', /still serving build .*truncated or corrupt/)

    // A good rebuild afterwards is picked up again.
    await buildFolder({ articles: server.articles, index: server.index })
    await within(2000, async () => (await buildId()) !== serving)
  })

  it('reloads on demand (SIGHUP), and only when the build changed', async () => {
    assert.equal(await server.live.reload(), false)
    server.live.close() // no poller: only reload() can see the rebuild
    try {
      await buildFolder({ articles: server.articles, index: server.index })
      const manifest = JSON.parse((await readFile(server.index, 'utf8')).split('\n', 1)[0] ?? '')
      assert.notEqual(server.live.buildId, manifest.buildId)
      assert.equal(await server.live.reload(), true)
      assert.equal(server.live.buildId, manifest.buildId)
      assert.equal(await buildId(), manifest.buildId)
    } finally {
      server.live.watch()
    }
  })
})
