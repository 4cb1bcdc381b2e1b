// What an operator sees: request logs as JSON with request ids, Prometheus metrics, readiness.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildFolder } from '../../src/index/build-folder.ts'
import type { RequestTiming } from '../../src/server/request-timing.ts'
import { startServer } from '../../src/server/server.ts'
import { halfSent } from '../fixtures/http.ts'
import { loggerInto, records } from '../fixtures/logs.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

let server: TestServer

before(async () => {
  server = await startTestServer()
})

after(async () => {
  await server.stop()
})

/** The request line the server logged for `reqId`, once written. */
async function lineOf(reqId: string) {
  for (let tries = 0; tries < 50; tries++) {
    const found = records(server.logs).find((record) => record.reqId === reqId)
    if (found !== undefined) return found
    await sleep(20)
  }
  assert.fail(`no log line for ${reqId}`)
}

/** Samples of Prometheus text format: `name{labels} value` → value, checked line by line. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>()
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_]\w*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$/
  for (const line of text.split('\n')) {
    if (line === '' || /^# (HELP|TYPE) [a-zA-Z_:]/.test(line)) continue
    const found = sample.exec(line)
    assert.ok(found, `not Prometheus text: ${line}`)
    // Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
    // writes a gauge with no samples yet (the event loop's lag, early on) as `Nan`.
    const notANumber = /^nan$/i.test(found[3] as string)
    const value = notANumber ? Number.NaN : Number(found[3])
    assert.ok(notANumber || !Number.isNaN(value), `bad value: ${line}`)
    samples.set(`${found[1]}${found[2] ?? ''}`, value)
  }
  return samples
}

async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/metrics`)
  assert.equal(response.status, 200)
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
  return parsePrometheus(await response.text())
}

/**
 * Scrapes until `settled` holds, for at most two seconds, and returns that scrape. A request is
 * counted when its response finishes on the server, which can come just after the client has read
 * it; the caller's assertions then judge the scrape returned.
 */
async function scrapeWhen(
  url: string,
  settled: (samples: Map<string, number>) => boolean,
): Promise<Map<string, number>> {
  const deadline = Date.now() + 2000
  let samples = await scrape(url)
  while (!settled(samples) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    samples = await scrape(url)
  }
  return samples
}

describe('request logs', () => {
  it('are one JSON line a request with its id, method, path, status and time', async () => {
    const response = await fetch(`${server.url}/search?q=missiles&secret=1`)
    assert.equal(response.status, 200)
    const id = response.headers.get('x-request-id') ?? ''
    assert.match(id, /^[0-9a-f-]{36}$/, 'a generated id is sent back')
    const line = await lineOf(id)
    assert.equal(line.level, 30)
    assert.ok(!Number.isNaN(Date.parse(line.time)))
    assert.equal(line.method, 'GET')
    assert.equal(line.path, '/search', 'no query string in the log')
    assert.equal(line.status, 200)
    assert.equal(typeof line.responseTime, 'number')
    assert.ok((line.responseTime ?? -1) >= 0)
    assert.ok(!JSON.stringify(line).includes('missiles'))
  })

  it('keep an incoming x-request-id, and replace one that is not an id', async () => {
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'lb-42.a:b' } })
    assert.equal(kept.headers.get('x-request-id'), 'lb-42.a:b')
    assert.equal((await lineOf('lb-42.a:b')).path, '/healthz')
    const forged = await fetch(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'x"}\u0009{"level":60' },
    })
    assert.match(forged.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/)
    const ids = new Set(
      await Promise.all(
        [1, 2, 3].map(async () =>
          (await fetch(`${server.url}/healthz`)).headers.get('x-request-id'),
        ),
      ),
    )
    assert.equal(ids.size, 3, 'each request its own id')
  })

  it('give onRequestTimed the figures each line logs, with its logs off too', async () => {
    const logs: string[] = []
    const timed: RequestTiming[] = []
    for (const level of ['info', 'silent'] as const) {
      const running = await startServer({
        index: server.index,
        port: 0,
        logger: loggerInto(logs, level),
        onRequestTimed: (timing) => timed.push(timing),
      })
      try {
        assert.equal((await fetch(`${running.url}/search?q=missiles`)).status, 200)
        assert.equal((await fetch(`${running.url}/nowhere?x=1`)).status, 404)
      } finally {
        await running.close()
      }
    }
    assert.deepEqual(
      timed.map(({ method, path, status, aborted }) => [method, path, status, aborted]),
      [
        ['GET', '/search', 200, false],
        ['GET', '/nowhere', 404, false],
        ['GET', '/search', 200, false],
        ['GET', '/nowhere', 404, false],
      ],
    )
    // Only the first server logged: its lines hold the hook's times, to a tenth of a ms.
    const lines = records(logs).filter((record) => record.responseTime !== undefined)
    assert.deepEqual(
      lines.map((line) => [line.path, line.responseTime]),
      timed.slice(0, 2).map((t) => [t.path, Math.round(t.ms * 10) / 10]),
    )
  })

  it('log a 4xx at info with its status', async () => {
    const response = await fetch(`${server.url}/nowhere`)
    assert.equal(response.status, 404)
    const line = await lineOf(response.headers.get('x-request-id') ?? '')
    assert.equal(line.status, 404)
    assert.equal(line.level, 30)
  })
})

describe('GET /metrics', () => {
  it('is Prometheus text with the process metrics and the index, all prefixed newsdex_', async () => {
    const samples = await scrape(server.url)
    for (const name of samples.keys()) assert.match(name, /^newsdex_/)
    assert.equal(samples.get('newsdex_index_articles'), 25)
    assert.ok((samples.get('newsdex_index_paragraphs') ?? 0) > 25)
    assert.ok((samples.get('newsdex_process_resident_memory_bytes') ?? 0) > 0)
    assert.ok(samples.has('newsdex_nodejs_eventloop_lag_seconds'))
    assert.equal(samples.get('newsdex_index_reloads_total'), 0)
    assert.equal(samples.get('newsdex_index_reload_failures_total'), 0)
  })

  it('counts a search by route and status, and times it', async () => {
    const before = await scrape(server.url)
    const ok = 'newsdex_http_requests_total{route="/search",status="200"}'
    const bad = 'newsdex_http_requests_total{route="/search",status="400"}'
    const searches = 'newsdex_search_duration_seconds_count'
    const latency = 'newsdex_http_request_duration_seconds_count{route="/search"}'
    assert.equal((await fetch(`${server.url}/search?q=missiles`)).status, 200)
    assert.equal((await fetch(`${server.url}/search?q=missiles&page=0`)).status, 400)
    const after = await scrapeWhen(
      server.url,
      (samples) => (samples.get(latency) ?? 0) - (before.get(latency) ?? 0) >= 2,
    )
    assert.equal((after.get(ok) ?? 0) - (before.get(ok) ?? 0), 1)
    assert.equal((after.get(bad) ?? 0) - (before.get(bad) ?? 0), 1)
    assert.equal((after.get(searches) ?? 0) - (before.get(searches) ?? 0), 1)
    assert.equal((after.get(latency) ?? 0) - (before.get(latency) ?? 0), 2)
    assert.ok((after.get('newsdex_search_duration_seconds_sum') ?? 0) > 0)
  })

  it('labels routes by pattern, not by address', async () => {
    await fetch(`${server.url}/articles/politics/summit`)
    await fetch(`${server.url}/no/such/page`)
    const article = 'newsdex_http_requests_total{route="/articles/*id",status="200"}'
    const none = 'newsdex_http_requests_total{route="none",status="404"}'
    const samples = await scrapeWhen(
      server.url,
      (samples) => samples.has(article) && samples.has(none),
    )
    assert.ok(samples.has(article))
    assert.ok(samples.has(none))
    assert.ok(![...samples.keys()].some((name) => name.includes('summit')))
  })

  it('counts a reload of the index', async () => {
    const serving = server.live.buildId
    await buildFolder({ articles: server.articles, index: server.index })
    // Picked up by the poller, or by this call, whichever comes first.
    await server.live.reload()
    assert.notEqual(server.live.buildId, serving)
    assert.equal((await scrape(server.url)).get('newsdex_index_reloads_total'), 1)
  })
})

describe('where the metrics are served', () => {
  it('off: /metrics is not found', async () => {
    const running = await startServer({
      index: server.index,
      port: 0,
      logger: loggerInto([]),
      metrics: 'off',
    })
    try {
      assert.equal((await fetch(`${running.url}/metrics`)).status, 404)
    } finally {
      await running.close()
    }
  })

  it('on a port of its own: there, and not on the search port', async () => {
    const running = await startServer({
      index: server.index,
      port: 0,
      logger: loggerInto([]),
      metrics: { port: 0, host: '127.0.0.1' },
    })
    try {
      assert.ok(running.metricsUrl?.startsWith('http://127.0.0.1:'))
      assert.equal((await fetch(`${running.url}/metrics`)).status, 404)
      assert.equal((await fetch(`${running.url}/search?q=missiles`)).status, 200)
      const searched = 'newsdex_http_requests_total{route="/search",status="200"}'
      const samples = await scrapeWhen(running.metricsUrl ?? '', (samples) => samples.has(searched))
      assert.equal(samples.get(searched), 1)
      assert.equal((await fetch(`${running.metricsUrl}/search`)).status, 404)
    } finally {
      await running.close()
    }
    await assert.rejects(fetch(`${running.metricsUrl}/metrics`), 'closed with the server')
  })
})

describe('GET /readyz', () => {
  it('is 200 while serving an index', async () => {
    const response = await fetch(`${server.url}/readyz`)
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { status: 'ready', buildId: server.live.buildId })
  })

  it('is 503 JSON once the server is shutting down, while /healthz stays 200', async () => {
    const running = await startServer({ index: server.index, port: 0, logger: loggerInto([]) })
    const url = new URL(running.url)
    // Requests begun before the shutdown (headers not all sent) are answered after it starts.
    const readyz = await halfSent(url, '/readyz')
    const healthz = await halfSent(url, '/healthz')
    await sleep(50)
    const closed = running.close()
    const ready = await readyz.finish()
    assert.match(ready, /^HTTP\/1\.1 503 /)
    assert.match(ready, /\{"error":\{"code":"not_ready","message":"[^"]+"\}\}$/)
    assert.match(await healthz.finish(), /^HTTP\/1\.1 200 /)
    await closed
  })
})
