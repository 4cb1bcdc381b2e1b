// Stored XSS: articles whose title, subtitle, heading, paragraphs, source, URL and folder name are
// markup are shown as text — in the server-rendered results, the results rendered as you type,
// the suggestions, the article page, and the JSON snippets (only <mark> is markup there).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SearchResponse, Suggestion } from '../../src/search/types.ts'
import { skipBrowser, useWatchedPage } from '../fixtures/browser.ts'
import { send } from '../fixtures/http.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'
import {
  assertNoLiveMarkup,
  HOSTILE,
  HOSTILE_FOLDER,
  XSS_ARTICLE,
  XSS_RECORD,
  xssFiles,
} from './helpers.ts'

let server: Served

before(async () => {
  server = await serveFiles(xssFiles())
})

after(async () => {
  await server?.stop()
})

/** `&lt;` `&gt;` `&quot;` `&#39;` `&#34;` `&amp;` back to characters (only what an escaper writes). */
function unescapeHtml(html: string): string {
  return html.replace(/&(lt|gt|quot|#39|#34|amp);/g, (_, name: string) => {
    return { lt: '<', gt: '>', quot: '"', '#39': "'", '#34': '"', amp: '&' }[name] ?? ''
  })
}

/** Asserts `html` is `text` escaped, with nothing but bare `<mark>…</mark>` added. */
function assertMarkedText(html: string, text: string, what: string): void {
  const bare = html.replace(/<mark>([^<]*)<\/mark>/g, '$1')
  assert.doesNotMatch(bare, /[<>]/, `${what}: no markup but <mark> in ${html}`)
  assert.equal(unescapeHtml(bare), text, `${what}: the text as written`)
}

describe('stored markup over HTTP', () => {
  it('/search escapes titles and snippets, adding only <mark>', async () => {
    for (const q of ['zebra', 'script alert', 'onerror img', 'amp lt', 'javascript', 'zebr']) {
      const reply = await send(server.url, `/search?q=${encodeURIComponent(q)}&prefix=true`)
      assert.equal(reply.status, 200)
      assert.match(String(reply.headers['content-type']), /^application\/json/)
      const body = JSON.parse(reply.text) as SearchResponse
      assert.ok(body.results.length > 0, q)
      for (const result of body.results) {
        assertMarkedText(result.article.titleHtml, result.article.title, `${q}: title`)
        for (const hit of result.paragraphs) {
          assertMarkedText(hit.snippet, hit.text, `${q}: snippet`)
          for (const [start, end] of hit.highlights) assert.ok(0 <= start && start < end)
        }
      }
      const xss = body.results.find((result) => result.article.id === XSS_ARTICLE.id)
      assert.ok(xss, `${q} finds the article`)
      assert.equal(xss.article.title, XSS_ARTICLE.title)
      assert.equal(xss.article.subtitle, XSS_ARTICLE.subtitle)
    }
    // Marks land inside the hostile text, still escaped around them.
    const { results } = JSON.parse(
      (await send(server.url, '/search?q=script')).text,
    ) as SearchResponse
    const title = results.find((r) => r.article.id === XSS_ARTICLE.id)?.article.titleHtml
    assert.equal(
      title,
      'Zebra &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; &amp;amp;lt; title',
    )
  })

  it('/suggest gives titles as plain strings', async () => {
    const reply = await send(server.url, '/suggest?q=zebr')
    assert.match(String(reply.headers['content-type']), /^application\/json/)
    assert.equal(reply.headers['x-content-type-options'], 'nosniff')
    const { suggestions } = JSON.parse(reply.text) as { suggestions: Suggestion[] }
    const titles = suggestions.filter((s) => s.kind === 'title').map((s) => s.value)
    assert.ok(titles.includes(XSS_ARTICLE.title), JSON.stringify(titles))
    for (const s of suggestions) if (s.url !== undefined) assert.match(s.url, /^\/articles\//)
  })

  it('the results page, as-you-type or not, shows no live markup', async () => {
    for (const q of ['zebra', 'script', 'zebra category:records', 'zebra -script']) {
      const reply = await send(server.url, `/?q=${encodeURIComponent(q)}`)
      assert.equal(reply.status, 200)
      assertNoLiveMarkup(reply.text, q)
    }
    const { text } = await send(server.url, '/?q=zebra')
    assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the markup as text')
    // The folder name is a category: as text in the facet and the result, quoted in the link.
    assert.ok(text.includes('&#34;&gt;&lt;img src=x onerror=alert(5)&gt;'), 'the category escaped')
  })

  it('the article pages show no live markup and never link a javascript: URL', async () => {
    for (const path of [
      '/articles/xss',
      '/articles/xss?q=zebra',
      '/articles/xss?q=script+alert',
      '/articles/xss-record?q=zebra',
      '/articles/img-src-x-onerror-alert-5/cat?q=zebra',
    ]) {
      const reply = await send(server.url, path)
      assert.equal(reply.status, 200, path)
      assertNoLiveMarkup(reply.text, path)
    }
    const record = await send(server.url, '/articles/xss-record')
    assert.doesNotMatch(record.text, /href="javascript:/)
    assert.doesNotMatch(record.text, /class="article-source-link"/)
    assert.match(record.text, /Wire &lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })
})

describe('stored markup in Chromium', { skip: skipBrowser }, () => {
  // The page's CSP would block inline script anyway: bypass it, so that only the escaping
  // stands between the content and the browser (the CSP itself is checked in headers.test.ts).
  const session = useWatchedPage({ bypassCSP: true })

  /** Nothing from the content became an element that runs, loads or links. */
  async function assertInert(what: string): Promise<void> {
    const found = await session.page.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      elements: [...document.querySelectorAll('img, svg, iframe, object, embed')].map(
        (e) => e.tagName,
      ),
      handlers: [...document.querySelectorAll('*')].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      ),
      jsLinks: [...document.querySelectorAll('[href]')]
        .map((e) => e.getAttribute('href') ?? '')
        .filter((href) => /^\s*javascript:/i.test(href)),
    }))
    assert.equal(found.scripts.length, 1, `${what}: only the page's own script`)
    assert.match(found.scripts[0] ?? '', /^\/static\/app\.[0-9a-f]{12}\.js$/)
    assert.deepEqual(found.elements, [], `${what}: no element from the content`)
    assert.deepEqual(found.handlers, [], `${what}: no inline handler`)
    assert.deepEqual(found.jsLinks, [], `${what}: no javascript: link`)
  }

  const texts = (selector: string) => session.page.locator(selector).allTextContents()

  /** The results region reads as the articles were written. */
  async function assertResultsLiteral(what: string): Promise<void> {
    const titles = await texts('#results .result-title')
    assert.ok(titles.includes(XSS_ARTICLE.title), `${what}: title as written`)
    assert.ok(titles.includes(XSS_RECORD.title), `${what}: record title as written`)
    const result = session.page.locator('#results .result', { hasText: XSS_ARTICLE.title })
    const hits = await result.locator('.hit-text').allTextContents()
    assert.deepEqual([...hits].sort(), [...XSS_ARTICLE.paragraphs].sort(), `${what}: paragraphs`)
    const headings = await result.locator('.hit-heading').allTextContents()
    assert.deepEqual(headings, [XSS_ARTICLE.heading, XSS_ARTICLE.heading], `${what}: headings`)
    const record = session.page.locator('#results .result', { hasText: XSS_RECORD.title })
    assert.deepEqual(await record.locator('.hit-heading').allTextContents(), [XSS_RECORD.heading])
    assert.deepEqual(await record.locator('.hit-text').allTextContents(), [XSS_RECORD.text])
    assert.ok((await texts('#results .facet-name')).includes(HOSTILE_FOLDER), `${what}: facet`)
    assert.ok((await texts('#results .result-category')).includes(HOSTILE_FOLDER))
    assert.ok(
      (await session.page.locator('#results mark').count()) > 0,
      `${what}: marks are elements`,
    )
  }

  it('server-rendered results show the markup as text', async () => {
    await session.page.goto(`${server.url}/?q=zebra`, { waitUntil: 'load' })
    await assertInert('/?q=zebra')
    await assertResultsLiteral('server-rendered')
  })

  it('results rendered as you type show the markup as text', async () => {
    await session.page.goto(`${server.url}/`, { waitUntil: 'load' })
    await session.page.locator('#q').fill('zebra')
    await session.page.waitForFunction(
      () => document.getElementById('results')?.dataset.query === 'zebra',
    )
    await assertInert('as you type')
    await assertResultsLiteral('as you type')
  })

  it('suggestions show a title as text', async () => {
    await session.page.goto(`${server.url}/`, { waitUntil: 'load' })
    await session.page.locator('#q').pressSequentially('zebr', { delay: 30 })
    await session.page.locator('#suggestions .suggestion-title').first().waitFor()
    const values = await texts('#suggestions .suggestion-title .suggestion-value')
    assert.ok(values.includes(XSS_ARTICLE.title), JSON.stringify(values))
    await assertInert('suggestions')
  })

  it('the article page shows every part as written', async () => {
    await session.page.goto(`${server.url}/articles/xss?q=zebra`, { waitUntil: 'load' })
    await assertInert('article')
    assert.equal(await session.page.locator('h1.article-title').textContent(), XSS_ARTICLE.title)
    assert.equal(
      await session.page.locator('.article-subtitle').textContent(),
      XSS_ARTICLE.subtitle,
    )
    assert.deepEqual(await texts('h2.article-heading'), [XSS_ARTICLE.heading])
    assert.deepEqual(await texts('.article-body p.para'), [...XSS_ARTICLE.paragraphs])
    assert.equal(await session.page.title(), `${XSS_ARTICLE.title} — newsdex`)
    assert.ok((await session.page.locator('.article-body mark').count()) >= 3)

    await session.page.goto(`${server.url}/articles/xss-record`, { waitUntil: 'load' })
    await assertInert('record')
    assert.equal(await session.page.locator('.article-source').textContent(), XSS_RECORD.source)
    assert.equal(await session.page.locator('h2.article-heading').textContent(), XSS_RECORD.heading)
    assert.equal(await session.page.locator('.article-source-link').count(), 0)
    assert.deepEqual(await texts('.article-body p.para'), [XSS_RECORD.text])
    assert.ok(XSS_RECORD.text.includes(HOSTILE.entity))
  })
})
