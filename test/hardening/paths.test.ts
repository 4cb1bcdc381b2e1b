// Paths: traversal in every spelling, double encoding, NUL, a 10,000-character id, `//etc/passwd`
// — all answered 404 (400 for a malformed encoding), never with a file's content, never a 500.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { rawRequest, send } from '../fixtures/http.ts'
import { serverErrors } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'
import { MALFORMED, NOT_FOUND } from './bad-requests.ts'
import { leaks } from './helpers.ts'

let server: Served

before(async () => {
  server = await serveFiles(corpusFiles())
})

after(async () => {
  await server?.stop()
})

/** What a file's content would look like if it were ever served. */
const CONTENT = [
  ['package.json', /"name":\s*"newsdex"/],
  ['app.ts', /createApp|import express/],
  ['/etc/passwd', /root:.*:0:0:/],
  ['a git config', /\[core\]/],
  ['the index', /newsdex-index|"formatVersion"/],
  ['a template', /<%[-=]/],
] as const

function assertNothingServed(path: string, text: string): void {
  for (const [what, pattern] of CONTENT)
    assert.doesNotMatch(text, pattern, `${path.slice(0, 80)}: ${what}`)
  assert.equal(leaks(text), undefined, `${path.slice(0, 80)}: leaks`)
}

describe('paths', () => {
  it('answers 404 to traversal, double encoding, NUL, huge ids and stray roots', async () => {
    for (const path of NOT_FOUND) {
      const reply = await send(server.url, path)
      assert.equal(reply.status, 404, path.slice(0, 80))
      assert.match(String(reply.headers['content-type']), /^text\/html/, path.slice(0, 80))
      assert.match(reply.text, /<h1[^>]*>Not found<\/h1>/)
      assertNothingServed(path, reply.text)
    }
  })

  it('answers 400 to a malformed percent-encoding', async () => {
    for (const path of MALFORMED) {
      const reply = await send(server.url, path)
      assert.equal(reply.status, 400, path)
      assert.match(reply.text, /Bad request/)
      assertNothingServed(path, reply.text)
    }
  })

  it('answers 404 in JSON under the API paths', async () => {
    for (const path of ['/search/../package.json', '/search/%2e%2e/package.json', '/healthz/..']) {
      const reply = await send(server.url, path)
      assert.equal(reply.status, 404, path)
      assert.match(String(reply.headers['content-type']), /^application\/json/)
      assertNothingServed(path, reply.text)
    }
  })

  it('answers a NUL or a space sent raw in the path 400, in JSON', async () => {
    for (const path of ['/articles/a\u0000b', '/static/app.js\u0000', '/a b/../package.json']) {
      const reply = await rawRequest(
        server.url,
        `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      )
      assert.match(reply, /^HTTP\/1\.1 400 Bad Request\r\n/, JSON.stringify(path))
      assert.match(reply, /\r\nContent-Type: application\/json; charset=utf-8\r\n/)
      assert.match(reply, /\r\nX-Content-Type-Options: nosniff\r\n/)
      assert.match(reply, /"code":"bad_request"/)
      assertNothingServed(path, reply)
    }
  })

  it('still serves the real articles and assets', async () => {
    assert.equal((await send(server.url, '/articles/politics/summit')).status, 200)
    assert.equal((await send(server.url, '/static/app.js')).status, 200)
    assert.deepEqual(serverErrors(server.logs), [])
  })
})
