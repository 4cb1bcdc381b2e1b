// Query fuzzing over HTTP: any string up to 10,000 characters (controls, NUL, lone surrogates,
// combining marks, emoji, RTL, thousands of terms, `"`/`-`/`:` soup) in any combination of
// parameters, repeated or not, is answered 200 or 400 with a JSON error — never a 500, a crash
// or a hang. Run against the default caps and against a server that accepts 10,000 characters,
// so that long queries reach the search and are not only refused at the door.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { type Reply, send } from '../fixtures/http.ts'
import { serverErrors } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'
import { anyQuery, soup } from './arbitraries.ts'
import { encodeQueryValue, leaks } from './helpers.ts'

/** Node refuses a request line and headers over 16 KB itself (431, answered in JSON too). */
const NODE_HEADER_LIMIT = 16 * 1024

const number = fc.oneof(
  fc.integer({ min: -3, max: 1200 }).map(String),
  fc.constantFrom('', '1.5', '1e3', '0x10', ' 2', '+2', '9007199254740993', '99999999999999999999'),
)
const flag = fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes', '', 'null')
/** Sent as written: percent garbage, malformed escapes. */
const RAW = ['%', '%zz', '%00', '%ff%fe', '%ED%A0%80', '%E0%A4%A', '%C0%AF', '%2', '%%', '%u0041']
const raw = fc.constantFrom(...RAW)

const pair = fc.oneof(
  fc.tuple(fc.constant('q'), anyQuery),
  fc.tuple(fc.constantFrom('page', 'size'), number),
  fc.tuple(fc.constantFrom('prefix', 'group'), flag),
  fc.tuple(
    fc.constantFrom('q', 'page', 'size', 'prefix', 'group', 'q[]', 'q[a]', '', 'other', 'Q'),
    fc.oneof(soup, raw, number, flag),
  ),
)

function queryString(pairs: [string, string][]): string {
  return pairs
    .map(([key, value]) => {
      const v = RAW.includes(value) ? value : encodeQueryValue(value)
      return `${encodeQueryValue(key)}=${v}`
    })
    .join('&')
}

/**
 * Asserts the answer to `path` was a clear one: 200, or 400 with a JSON error (an HTML page off
 * the API); 431 in JSON for an address over the server's header limit, which Node refuses
 * before the app sees it (around the limit, the other headers decide).
 */
async function assertClear(server: Served, path: string, headerLimit: number): Promise<Reply> {
  const reply = await send(server.url, path, { timeoutMs: 20_000 })
  const api = path.startsWith('/search') || path.startsWith('/suggest')
  const bytes = Buffer.byteLength(path)
  const allowed =
    bytes > headerLimit ? [431] : bytes > headerLimit - 200 ? [200, 400, 431] : [200, 400]
  assert.ok(allowed.includes(reply.status), `${path.slice(0, 300)}: ${reply.status}`)
  const type = String(reply.headers['content-type'])
  if (reply.status === 431) assert.match(type, /^application\/json/)
  else if (api) assert.match(type, /^application\/json/, path.slice(0, 300))
  else assert.match(type, /^text\/html/, path.slice(0, 300))
  if (reply.status !== 200) {
    if (/^application\/json/.test(type)) {
      const body = JSON.parse(reply.text) as { error: { code: string; message: string } }
      assert.match(body.error.code, /^(bad_parameter|bad_request|request_too_large)$/)
      assert.ok(body.error.message.length > 0)
    }
    assert.equal(leaks(reply.text), undefined, `${path.slice(0, 300)}: leaks`)
  } else if (api && path.startsWith('/search')) {
    const body = JSON.parse(reply.text) as { results: unknown[]; size: number }
    assert.ok(body.results.length <= body.size)
  }
  return reply
}

for (const [name, options] of [
  ['the default caps', {}],
  [
    'a server that accepts 10,000 characters',
    { limits: { maxQueryLength: 10_000 }, maxHeaderSize: 4 * 1024 * 1024 },
  ],
] as const) {
  describe(`query fuzzing over HTTP, ${name}`, () => {
    let server: Served
    const headerLimit = 'maxHeaderSize' in options ? options.maxHeaderSize : NODE_HEADER_LIMIT

    before(async () => {
      server = await serveFiles(corpusFiles(), options)
    })

    after(async () => {
      await server?.stop()
    })

    it('answers any combination of parameters 200 or 400, never 500', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(pair, { maxLength: 6 }),
          fc.constantFrom('/search', '/suggest', '/', '/articles/politics/summit'),
          async (pairs, path) => {
            await assertClear(server, `${path}?${queryString(pairs)}`, headerLimit)
          },
        ),
        { numRuns: 150 },
      )
    })

    it('answers the worst cases it can think of', async () => {
      const worst = [
        '\u0000'.repeat(10_000),
        '\ud800'.repeat(10_000),
        '\u0301'.repeat(10_000),
        '🙂'.repeat(5_000),
        '\u202e'.repeat(10_000),
        'a b '.repeat(2_500),
        '"'.repeat(10_000),
        '-'.repeat(10_000),
        ':'.repeat(10_000),
        '-"a" '.repeat(2_000),
        'title:"a '.repeat(1_250),
        'category:x '.repeat(900),
        'abcdefghij '.repeat(909),
        'negotiatoins '.repeat(769),
        'mi '.repeat(3_333),
      ]
      for (const q of worst) {
        for (const path of ['/search', '/suggest', '/']) {
          await assertClear(server, `${path}?q=${encodeQueryValue(q)}&prefix=true`, headerLimit)
        }
      }
    })

    it('is still healthy afterwards, with no 500 in its log', async () => {
      const health = await send(server.url, '/healthz')
      assert.equal(health.status, 200)
      assert.deepEqual(serverErrors(server.logs), [])
    })
  })
}
