// Reflected XSS: markup given as the query — on the server-rendered page, typed into the box, in
// the JSON of /search and /suggest, on the article page, and in 400 and 404 answers — comes back
// as text, or not at all.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SearchResponse, Suggestion } from '../../src/search/types.ts'
import { skipBrowser, useWatchedPage } from '../fixtures/browser.ts'
import { send } from '../fixtures/http.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'
import { assertNoLiveMarkup, HOSTILE, HOSTILE_QUERIES, xssFiles } from './helpers.ts'

let server: Served

before(async () => {
  server = await serveFiles(xssFiles())
})

after(async () => {
  await server?.stop()
})

const enc = encodeURIComponent
/** In the browser, where each is a page load: the ones that between them hold every kind. */
const BROWSER_QUERIES = [HOSTILE.script, ...HOSTILE_QUERIES.slice(-3)]
const hasMarkup = (q: string) => /[<>"'&]/.test(q)

describe('a hostile query over HTTP', () => {
  it('the search page escapes it everywhere it appears', async () => {
    for (const q of HOSTILE_QUERIES) {
      for (const path of [`/?q=${enc(q)}`, `/?q=${enc(q)}&prefix=false&size=1`]) {
        const reply = await send(server.url, path)
        assert.equal(reply.status, 200, path)
        assertNoLiveMarkup(reply.text, path)
        if (hasMarkup(q)) assert.ok(!reply.text.includes(q), `${path}: not echoed raw`)
      }
    }
  })

  it('/search and /suggest give it back only as a JSON string', async () => {
    for (const q of HOSTILE_QUERIES) {
      const search = await send(server.url, `/search?q=${enc(q)}&prefix=true`)
      assert.equal(search.status, 200)
      assert.match(String(search.headers['content-type']), /^application\/json; charset=utf-8$/)
      assert.equal(search.headers['x-content-type-options'], 'nosniff')
      const body = JSON.parse(search.text) as SearchResponse
      assert.equal(body.query, q, 'the query round-trips exactly')
      for (const result of body.results) {
        assert.doesNotMatch(result.article.titleHtml.replace(/<\/?mark>/g, ''), /[<>]/)
        for (const hit of result.paragraphs)
          assert.doesNotMatch(hit.snippet.replace(/<\/?mark>/g, ''), /[<>]/)
      }
      const suggest = await send(server.url, `/suggest?q=${enc(q)}`)
      assert.equal(suggest.status, 200)
      assert.match(String(suggest.headers['content-type']), /^application\/json/)
      const { suggestions } = JSON.parse(suggest.text) as { suggestions: Suggestion[] }
      for (const s of suggestions) if (s.url !== undefined) assert.match(s.url, /^\/articles\//)
    }
  })

  it('the article page escapes it in the back link and the title', async () => {
    for (const q of HOSTILE_QUERIES) {
      const reply = await send(server.url, `/articles/xss?q=${enc(q)}`)
      assert.equal(reply.status, 200)
      assertNoLiveMarkup(reply.text, q)
      if (hasMarkup(q)) assert.ok(!reply.text.includes(q), `${q}: not echoed raw`)
    }
  })

  it('a 400 names the parameter and never echoes the value', async () => {
    for (const q of HOSTILE_QUERIES) {
      for (const path of [
        `/search?q=x&page=${enc(q)}`,
        `/search?q=x&size=${enc(q)}`,
        `/search?q=x&prefix=${enc(q)}`,
        `/search?q=${enc(q)}&q=${enc(q)}`,
        `/suggest?q=${enc(q)}&q=2`,
        `/search?q=${enc(q)}${'a'.repeat(600)}`,
      ]) {
        const reply = await send(server.url, path)
        assert.equal(reply.status, 400, path)
        const { error } = JSON.parse(reply.text) as { error: { code: string; message: string } }
        assert.equal(error.code, 'bad_parameter')
        assert.match(error.message, /^`(q|page|size|prefix)` /)
        assert.ok(!reply.text.includes(q), `${path}: value not echoed`)
      }
      for (const path of [
        `/?q=${enc(q)}&page=${enc(q)}`,
        `/?q=${enc(q)}&size=0`,
        `/articles/xss?q=${enc(q)}&q=2`,
      ]) {
        const reply = await send(server.url, path)
        assert.equal(reply.status, 400, path)
        assert.match(String(reply.headers['content-type']), /^text\/html/)
        assertNoLiveMarkup(reply.text, path)
        assert.ok(!reply.text.includes(q), `${path}: not echoed`)
        assert.match(reply.text, /value="" /, `${path}: the box is left empty`)
      }
    }
  })

  it('a 404 for an article named with markup echoes nothing of it', async () => {
    for (const path of [
      `/articles/${HOSTILE.script}`,
      `/articles/${enc(HOSTILE.script)}`,
      `/articles/${enc(HOSTILE.img)}?q=${enc(HOSTILE.script)}`,
      `/articles/%22%3E%3Csvg%20onload=alert(4)%3E`,
      `/${enc(HOSTILE.link)}`,
    ]) {
      const reply = await send(server.url, path)
      assert.equal(reply.status, 404, path)
      assertNoLiveMarkup(reply.text, path)
      assert.doesNotMatch(reply.text, /alert\(/, `${path}: nothing of the path echoed`)
    }
    const api = await send(server.url, `/search/${enc(HOSTILE.script)}`)
    assert.equal(api.status, 404)
    assert.match(String(api.headers['content-type']), /^application\/json/)
    assert.doesNotMatch(api.text, /alert\(/)
  })
})

describe('a hostile query in Chromium', { skip: skipBrowser }, () => {
  // Without the CSP, so that the escaping alone is what is tested (headers.test.ts checks the CSP).
  const session = useWatchedPage({ bypassCSP: true })

  async function assertInert(what: string): Promise<void> {
    const found = await session.page.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      elements: [...document.querySelectorAll('img, svg, iframe, object, embed')].length,
      handlers: [...document.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      ),
      jsLinks: [...document.querySelectorAll('[href]')].filter((e) =>
        /^\s*javascript:/i.test(e.getAttribute('href') ?? ''),
      ).length,
    }))
    assert.equal(found.scripts.length, 1, `${what}: only the page's own script`)
    assert.match(found.scripts[0] ?? '', /^\/static\/app\.[0-9a-f]{12}\.js$/)
    assert.equal(found.elements, 0, `${what}: no element from the query`)
    assert.deepEqual(found.handlers, [], `${what}: no inline handler`)
    assert.equal(found.jsLinks, 0, `${what}: no javascript: link`)
  }

  const results = (q: string) =>
    session.page.waitForFunction(
      (query) => document.getElementById('results')?.dataset.query === query,
      q,
    )

  it('on the server-rendered page: in the box, the title and the status, as typed', async () => {
    for (const q of BROWSER_QUERIES) {
      await session.page.goto(`${server.url}/?q=${enc(q)}`, { waitUntil: 'load' })
      await assertInert(q)
      assert.equal(await session.page.locator('#q').inputValue(), q)
      assert.equal(await session.page.title(), `${q.trim()} — newsdex`)
      const status = (await session.page.locator('#status').textContent()) ?? ''
      assert.ok(
        status === `No results for “${q.trim()}”` || /^\d+ articles?, /.test(status),
        status,
      )
    }
  })

  it('typed into the box: results, suggestions, title and address, as typed', async () => {
    await session.page.goto(`${server.url}/`, { waitUntil: 'load' })
    for (const q of BROWSER_QUERIES) {
      await session.page.locator('#q').fill(q)
      await results(q)
      await assertInert(q)
      assert.equal(await session.page.title(), `${q.trim()} — newsdex`)
      assert.equal(new URL(session.page.url()).searchParams.get('q'), q)
      const status = (await session.page.locator('#status').textContent()) ?? ''
      assert.ok(status === `No results for “${q.trim()}”` || /^\d+ articles?, /.test(status))
    }
    // A query that finds the hostile article, typed: suggestions and results stay text.
    await session.page.locator('#q').fill('')
    await session.page.locator('#q').pressSequentially(`${HOSTILE.img} zebr`, { delay: 10 })
    await results(`${HOSTILE.img} zebr`)
    await session.page.locator('#suggestions [role="option"]').first().waitFor()
    for (const value of await session.page
      .locator('#suggestions .suggestion-value')
      .allTextContents())
      assert.ok(value.startsWith(HOSTILE.img) || value.startsWith('Zebra'), value)
    await assertInert('suggestions')
  })

  it('on the article page: the back link reads as typed', async () => {
    for (const q of BROWSER_QUERIES) {
      await session.page.goto(`${server.url}/articles/xss?q=${enc(q)}`, { waitUntil: 'load' })
      await assertInert(q)
      assert.equal(
        await session.page.locator('.back a').textContent(),
        `← Results for “${q.trim()}”`,
      )
    }
  })

  it('on 400 and 404 pages: nothing runs, nothing is echoed', async () => {
    // The browser logs the status of a 4xx page it loads.
    session.watch.expected = /status of 40[04]/
    for (const [path, status] of [
      [`/articles/${enc(HOSTILE.script)}`, 404],
      [`/articles/${HOSTILE.img}`, 404],
      [`/?q=${enc(HOSTILE.script)}&page=${enc(HOSTILE.img)}`, 400],
      [`/?q=${enc(HOSTILE.link)}&size=${enc(HOSTILE.script)}`, 400],
    ] as const) {
      const response = await session.page.goto(`${server.url}${path}`, { waitUntil: 'load' })
      assert.equal(response?.status(), status, path)
      await assertInert(path)
      const text = (await session.page.locator('main').textContent()) ?? ''
      assert.doesNotMatch(text, /alert|script|img/, `${path}: ${text}`)
    }
  })
})
