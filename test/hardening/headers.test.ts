// Headers: the CSP (no `unsafe-inline`, `frame-ancestors 'none'`), nosniff and Referrer-Policy
// on every kind of answer — pages, API, static files, redirects, 304s and every error, even
// those Node gives before the app sees the request — and no stack trace, source path or project
// folder in the body of any answer to the whole suite of bad requests.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { createApp } from '../../src/server/app.ts'
import type { LiveIndex } from '../../src/server/live-index.ts'
import { type Reply, rawRequest, send } from '../fixtures/http.ts'
import { loggerInto, records, serverErrors } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { listenApp } from '../fixtures/server/listen-app.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'
import { BAD_METHODS, BAD_PARAMETERS, MALFORMED, NOT_FOUND } from './bad-requests.ts'
import { assertSecurityHeaders, leaks } from './helpers.ts'

let server: Served

before(async () => {
  server = await serveFiles(corpusFiles())
})

after(async () => {
  await server?.stop()
})

/** Everything a response must not show: the generic leaks, and this server's own folders. */
function assertClean(reply: Omit<Reply, 'body'>, what: string): void {
  assertSecurityHeaders(reply, what)
  assert.equal(leaks(reply.text, [server.dir, server.index]), undefined, `${what}: leaks`)
}

describe('security headers', () => {
  it('are on pages, API answers, static files, redirects and revalidations', async () => {
    const page = await send(server.url, '/')
    const css = /\/static\/app\.[0-9a-f]{12}\.css/.exec(page.text)?.[0]
    const js = /\/static\/app\.[0-9a-f]{12}\.js/.exec(page.text)?.[0]
    assert.ok(css && js)
    const good = [
      '/',
      '/?q=missiles',
      '/?q=missiles&page=2',
      '/articles/politics/summit?q=missiles',
      '/search?q=missiles',
      '/suggest?q=missi',
      '/healthz',
      css,
      js,
      '/static/app.js',
      '/static/favicon.svg',
      '/favicon.ico',
    ]
    for (const path of good) {
      const reply = await send(server.url, path)
      assert.ok(reply.status === 200 || reply.status === 301, `${path}: ${reply.status}`)
      // The script names source files in its comments: it is served as it is, on purpose.
      if (path.startsWith('/static/')) assertSecurityHeaders(reply, path)
      else assertClean(reply, path)
    }
    const revalidated = await send(server.url, '/static/app.js', {
      headers: { 'if-none-match': String((await send(server.url, '/static/app.js')).headers.etag) },
    })
    assert.equal(revalidated.status, 304)
    assertSecurityHeaders(revalidated, '304')
    const head = await send(server.url, '/search?q=missiles', { method: 'HEAD' })
    assertClean(head, 'HEAD')
  })

  it('are on every error, and no error body shows a stack, a path or a folder', async () => {
    let count = 0
    for (const path of [...NOT_FOUND, ...MALFORMED, ...BAD_PARAMETERS]) {
      const reply = await send(server.url, path)
      assert.ok([400, 404].includes(reply.status), `${path.slice(0, 80)}: ${reply.status}`)
      assertClean(reply, path.slice(0, 80))
      count++
    }
    for (const [method, path] of BAD_METHODS) {
      const reply = await send(server.url, path, { method })
      assert.ok([404, 405].includes(reply.status), `${method} ${path}: ${reply.status}`)
      assertClean(reply, `${method} ${path}`)
      count++
    }
    assert.ok(count > 100, `${count} bad requests`)
    assert.deepEqual(serverErrors(server.logs), [])
  })

  it('are on the answers Node gives to requests it cannot parse', async () => {
    for (const request of [
      `GET /search?q=${'%E2%82%AC'.repeat(3000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      'GET /articles/a\u0000b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'NOT A REQUEST\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
    ]) {
      const reply = await rawRequest(server.url, request)
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1]
      assert.ok(status === '400' || status === '431', `${request.slice(0, 40)}: ${reply}`)
      const [head = '', body = ''] = reply.split('\r\n\r\n')
      const headers = Object.fromEntries(
        head
          .split('\r\n')
          .slice(1)
          .map((line) => {
            const colon = line.indexOf(':')
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()]
          }),
      )
      assertClean({ status: Number(status), headers, text: body }, request.slice(0, 40))
      assert.match(headers['content-type'] ?? '', /^application\/json/)
      assert.match(body, /^\{"error":\{"code":"(bad_request|request_too_large)"/)
    }
  })

  it('are on a 500, whose body says nothing of its cause (which goes to the log)', async () => {
    const logs: string[] = []
    const broken = {
      get current(): NewsIndex {
        throw new Error(`index exploded at ${server.dir}/secret.ts:1:1`)
      },
    } as unknown as LiveIndex
    const app = createApp(broken, {
      logger: loggerInto(logs),
      viewsDir: `${server.dir}/no-such-views`,
    })
    const { url, close } = await listenApp(app)
    try {
      for (const [path, status] of [
        ['/search?q=x', 500],
        ['/', 500],
        ['/?q=x', 500],
        ['/articles/x', 500],
        ['/nope', 404],
      ] as const) {
        const reply = await send(url, path)
        assert.equal(reply.status, status, path)
        assertClean(reply, `500 ${path}`)
        assert.doesNotMatch(reply.text, /exploded|secret|no-such-views/)
      }
    } finally {
      await close()
    }
    assert.ok(
      records(logs).some(
        (record) =>
          record.status === 500 &&
          record.reqId !== undefined &&
          /exploded/.test(record.err?.stack ?? ''),
      ),
      'the cause is logged, with the request id',
    )
  })
})
