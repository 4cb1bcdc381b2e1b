// The search page in real headless Chromium (playwright-core drives the system's Chromium).
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { PageWatch, skipBrowser, useChromium } from '../fixtures/browser.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

const OUT = join(import.meta.dirname, '..', '..', 'test-results')

const VIEWPORT = { width: 1200, height: 900 }

let server: TestServer
/** One page with JavaScript, one without, shared by the tests (pages are slow to make). */
let page: Page
let noScript: Page
/** Console errors, warnings and uncaught exceptions on either page fail the test they follow. */
let watches: PageWatch[] = []

async function open(path: string, tab: Page = page): Promise<Page> {
  await tab.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' })
  return tab
}

/** Waits until the browser has rendered the results for `q`. */
async function rendered(page: Page, q: string): Promise<void> {
  await page.waitForFunction(
    (query) => document.getElementById('results')?.dataset.query === query,
    q,
  )
}

async function titles(page: Page): Promise<string[]> {
  return page.locator('#results .result-title').allTextContents()
}

// The markup of the results as a comparable tree: tags, attributes, text (white space collapsed).
// A string, so that the TypeScript loader adds nothing to it that the page lacks.
const SIGNATURE = `(() => {
  const region = document.getElementById('results').cloneNode(true)
  region.normalize()
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent.replace(/\\s+/g, ' ')
      return text.trim() === '' ? null : text
    }
    if (!(node instanceof Element)) return null
    const attributes = [...node.attributes].map((a) => a.name + '=' + a.value).sort()
    return [node.tagName.toLowerCase(), attributes, [...node.childNodes].map(walk).filter((x) => x !== null)]
  }
  return [...region.childNodes].map(walk).filter((x) => x !== null)
})()`

function signature(page: Page): Promise<unknown> {
  return page.evaluate(SIGNATURE)
}

describe('the search page in Chromium', { skip: skipBrowser }, () => {
  const session = useChromium({ viewport: VIEWPORT }, startTestServer)
  before(async () => {
    server = session.server
    // A second context of the session's browser, closed with it.
    const withoutScript = await session.browser.newContext({
      viewport: VIEWPORT,
      javaScriptEnabled: false,
    })
    ;[page, noScript] = await Promise.all([session.context.newPage(), withoutScript.newPage()])
    watches = [new PageWatch(page), new PageWatch(noScript)]
  })

  afterEach(() => {
    const seen = watches.map((watch) => watch.take())
    assert.deepEqual(
      seen,
      seen.map(() => ({ dialogs: [], problems: [] })),
      'no console errors',
    )
  })

  it('answers as you type, with highlighted results, and moves through them with the keyboard', async () => {
    await open('/')
    await page.keyboard.press('/')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q')
    await page.keyboard.type('missiles', { delay: 50 })
    await rendered(page, 'missiles')
    assert.equal(await page.locator('#results .result').count(), 10)
    assert.ok((await page.locator('#results .result mark').count()) >= 10)
    assert.match(
      (await page.locator('#results .result-title mark').first().textContent()) ?? '',
      /^missiles$/i,
    )
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      /^15 articles, \d+ paragraphs · /,
    )
    assert.equal(new URL(page.url()).search, '?q=missiles')
    assert.equal(await page.title(), 'missiles — newsdex')
    assert.equal(await page.locator('#intro').isHidden(), true)

    // Suggestions first (when open), then the results; ↑ from the first result comes back.
    await page.keyboard.press('Escape')
    await page.keyboard.press('ArrowDown')
    const focused = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('href') ?? document.activeElement?.id,
      )
    const links = await page
      .locator('#results .result-link')
      .evaluateAll((all) => all.map((a) => a.getAttribute('href')))
    assert.equal(await focused(), links[0])
    await page.keyboard.press('ArrowDown')
    assert.equal(await focused(), links[1])
    await page.keyboard.press('ArrowUp')
    assert.equal(await focused(), links[0])
    await page.keyboard.press('ArrowUp')
    assert.equal(await focused(), 'q')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/articles\/.+\?q=missiles$/)
    assert.match((await page.locator('h1 mark').first().textContent()) ?? '', /^missiles$/i)
  })

  it('offers suggestions as a listbox', async () => {
    await open('/')
    await page.locator('#q').pressSequentially('guid', { delay: 30 })
    const options = page.locator('#suggestions [role="option"]')
    await options.first().waitFor()
    assert.equal(await page.locator('#q').getAttribute('aria-expanded'), 'true')
    assert.ok((await options.allTextContents()).includes('guidance'))
    await page.keyboard.press('ArrowDown')
    assert.equal(await page.locator('#q').getAttribute('aria-activedescendant'), 'suggestion-0')
    await page.keyboard.press('Enter')
    assert.equal(await page.locator('#q').inputValue(), 'guidance ')
    await rendered(page, 'guidance ')
    // The three guidance reports are near-copies: one result, two similar versions.
    assert.equal(await page.locator('#results .result').count(), 1)
    assert.equal(
      await page.locator('#results .similar summary').textContent(),
      '2 similar versions',
    )
    assert.equal(await page.locator('#suggestions').isHidden(), true)
  })

  it('shows a loading state, then an error state that can retry', async () => {
    await open('/')
    // The browser reports the 503 it is made to see.
    ;(watches[0] as PageWatch).expected = /status of 503/
    let fail = true
    const api = (url: URL) => url.pathname === '/search'
    await page.route(api, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400))
      if (!fail) return route.continue()
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'unavailable', message: 'Try again shortly.' } }),
      })
    })
    try {
      await page.locator('#q').fill('missiles')
      await page.locator('.search-form.is-loading').waitFor()
      assert.equal(await page.locator('#results').getAttribute('aria-busy'), 'true')
      const error = page.locator('#results .empty.is-error')
      await error.waitFor()
      assert.match((await error.textContent()) ?? '', /The search failed\.\s*Try again shortly\./)
      assert.equal(await page.locator('#status').textContent(), 'The search failed.')
      fail = false
      await page.locator('#results .retry').click()
      await rendered(page, 'missiles')
      assert.equal(await page.locator('#results .result').count(), 10)
      assert.equal(await page.locator('.search-form.is-loading').count(), 0)
    } finally {
      await page.unroute(api)
    }
  })

  it('follows a result to its paragraph, highlighted and in view', async () => {
    await open('/?q=missiles')
    await page.locator('#results .hit-link').first().click()
    await page.waitForURL(/\/articles\/[^?]+\?q=missiles#p\d+$/)
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target')
      if (element === null) return undefined
      const box = element.getBoundingClientRect()
      return {
        id: element.id,
        marks: element.querySelectorAll('mark').length,
        inView: box.top >= 0 && box.top < window.innerHeight,
        background: getComputedStyle(element).backgroundColor,
      }
    })
    assert.ok(target, 'a paragraph is the :target')
    assert.equal(`#${target.id}`, new URL(page.url()).hash)
    assert.ok(target.marks > 0, 'the paragraph has the words marked')
    assert.ok(target.inView, 'the paragraph is scrolled into view')
    assert.notEqual(target.background, 'rgba(0, 0, 0, 0)', ':target is highlighted')
  })

  it('pages through results and filters them by a facet', async () => {
    await open('/?q=missiles')
    await page.locator('.pager a[rel="next"]').click()
    await page.waitForURL(/page=2/)
    assert.equal(await page.locator('ol.result-list').getAttribute('start'), '11')
    // 15 articles, 12 stories once near-copies fold.
    assert.equal(await page.locator('#results .result').count(), 2)
    await page.locator('.pager a[rel="prev"]').click()
    await page.waitForURL((url) => !url.search.includes('page='))
    assert.equal(await page.locator('#results .result').count(), 10)

    await page.locator('.facet', { hasText: 'sport' }).click()
    await page.waitForURL(/category%3Asport/)
    assert.equal(await page.locator('#q').inputValue(), 'missiles category:sport')
    // Two stadium reports, near-copies: one story.
    assert.deepEqual(await page.locator('#results .result-category').allTextContents(), ['sport'])
    const active = page.locator('.facet.is-active')
    assert.equal(await active.getAttribute('aria-current'), 'true')
    await active.click()
    await page.waitForURL((url) => url.searchParams.get('q') === 'missiles')
    assert.equal(await page.locator('#results .result').count(), 10)
  })

  it('shows the same page after a reload', async () => {
    await open('/')
    await page.locator('#q').pressSequentially('guidance chips', { delay: 30 })
    await rendered(page, 'guidance chips')
    const before = await titles(page)
    assert.equal(before.length, 1)
    await page.reload({ waitUntil: 'domcontentloaded' })
    assert.equal(await page.locator('#q').inputValue(), 'guidance chips')
    assert.deepEqual(await titles(page), before)
  })

  it('works with JavaScript off, rendering results on the server', async () => {
    await open('/', noScript)
    await noScript.locator('#q').fill('missiles')
    await noScript.keyboard.press('Enter')
    // The form carries the sort choice, so the address says which order the results are in.
    await noScript.waitForURL(/\?q=missiles&sort=relevance$/)
    assert.equal(await noScript.locator('#results .result').count(), 10)
    assert.ok((await noScript.locator('#results .result mark').count()) >= 10)
    assert.match((await noScript.locator('#status').textContent()) ?? '', /^15 articles/)
    await noScript.locator('#sort').selectOption('newest')
    await noScript.locator('#q').press('Enter')
    await noScript.waitForURL(/\?q=missiles&sort=newest$/)
    assert.equal(await noScript.locator('#sort').inputValue(), 'newest')
  })

  it('renders results in the browser exactly as the server does', async () => {
    await open('/')
    for (const q of [
      'missiles',
      'cup finl',
      'goel',
      'missiles category:sport',
      'qqqq',
      'the rockets',
    ]) {
      await open(`/?q=${encodeURIComponent(q)}`, noScript)
      await page.locator('#q').fill(q)
      await rendered(page, q)
      assert.deepEqual(await signature(page), await signature(noScript), q)
      const heading = (tab: Page) => tab.locator('h1:visible').allTextContents()
      assert.deepEqual(await heading(page), await heading(noScript), q)
    }
  })

  it('fits a phone and follows dark mode; saves screenshots', async () => {
    await mkdir(OUT, { recursive: true })
    await page.goto(`${server.url}/?q=missiles`)
    await page.screenshot({ path: join(OUT, 'results.png'), fullPage: true })
    const overflow = () =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
    try {
      await page.setViewportSize({ width: 390, height: 844 })
      assert.equal(await overflow(), 0, 'no horizontal scroll at 390 px')
      await page.screenshot({ path: join(OUT, 'results-narrow.png') })
      await page.goto(`${server.url}/articles/politics/summit?q=missiles#p2`)
      assert.equal(await overflow(), 0, 'no horizontal scroll on an article at 390 px')
      await page.screenshot({ path: join(OUT, 'article-narrow.png') })
      await page.setViewportSize({ width: 1200, height: 900 })
      await page.emulateMedia({ colorScheme: 'dark' })
      await page.goto(`${server.url}/?q=missiles`)
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      assert.equal(background, 'rgb(18, 20, 23)', 'dark background in dark mode')
      await page.screenshot({ path: join(OUT, 'results-dark.png') })
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 })
      await page.emulateMedia({ colorScheme: 'light' })
    }
  })
})
