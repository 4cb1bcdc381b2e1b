// An axe-core audit of every kind of page, in light and in dark, in real headless Chromium. It
// fails on any `serious` or `critical` violation, and on a missing or skipped heading level; it
// lists the other `moderate` and `minor` ones.
// A new page or control (a sort menu, a timeline, similar versions) gets a scene here.
import assert from 'node:assert/strict'
import { afterEach, describe, it, type TestContext } from 'node:test'
import type { Page } from 'playwright-core'
import { audit, blocking, describeViolations } from '../fixtures/axe.ts'
import { PageWatch, skipBrowser, useChromium } from '../fixtures/browser.ts'
import { startTestServer } from '../fixtures/server/corpus.ts'

/** A state of the site to audit: how to reach it, and a check that it shows what it should. */
interface Scene {
  name: string
  /** Reaches the state on a fresh tab; the checks inside fail if the page is not what we meant. */
  visit: (page: Page, url: string) => Promise<void>
  /**
   * The page as the server renders it, without public/app.js (a browser with JavaScript off sees
   * this; axe itself needs JavaScript, so the script is left out rather than JavaScript turned
   * off). Defaults to false.
   */
  withoutAppScript?: boolean
  /** Console messages that the state causes on purpose (a 404 page logs its status). */
  expected?: RegExp
}

const SCHEMES = ['light', 'dark'] as const

/** Types `q` into the box, as a reader would, and waits for its results. */
async function typeQuery(page: Page, url: string, q: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' })
  await page.keyboard.press('/')
  await page.keyboard.type(q, { delay: 20 })
  await page.waitForFunction(
    (query) => document.getElementById('results')?.dataset.query === query,
    q,
  )
  // Off the box, so that its suggestions close (Escape would also clear it when they are closed).
  await page.keyboard.press('Tab')
}

async function count(page: Page, selector: string): Promise<number> {
  return page.locator(selector).count()
}

const SCENES: Scene[] = [
  {
    name: 'the home page',
    visit: async (page, url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' })
      assert.equal(await page.locator('#intro').isVisible(), true)
    },
  },
  {
    name: 'results as typed, with facets, paging and marked titles',
    visit: async (page, url) => {
      await typeQuery(page, url, 'missiles')
      assert.ok((await count(page, '#results .facet')) >= 3, 'facets')
      assert.equal(await count(page, '#results .pager-next'), 1, 'a next page')
      assert.ok((await count(page, '#results .result-link > mark')) >= 10, 'marked titles')
    },
  },
  {
    name: 'the second page of results, a category chosen',
    visit: async (page, url) => {
      await page.goto(`${url}?q=missiles`, { waitUntil: 'domcontentloaded' })
      await page.locator('.pager-next').click()
      await page.waitForURL(/page=2/)
      assert.equal(await count(page, '#results .pager-prev'), 1, 'a previous page')
      await page.locator('.facet', { hasText: 'sport' }).click()
      await page.waitForURL(/category%3Asport/)
      assert.equal(await count(page, '#results .facet.is-active'), 1, 'an active facet')
    },
  },
  {
    name: 'suggestions open under the box',
    visit: async (page, url) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' })
      await page.keyboard.press('/')
      await page.keyboard.type('guid', { delay: 20 })
      await page.locator('#suggestions [role="option"]').first().waitFor()
      await page.keyboard.press('ArrowDown')
      assert.equal(await page.locator('#q').getAttribute('aria-activedescendant'), 'suggestion-0')
    },
  },
  {
    name: 'no results, with "did you mean"',
    visit: async (page, url) => {
      await typeQuery(page, url, 'goel')
      assert.equal(await count(page, '#results .notice-suggest a'), 1, 'did you mean')
      assert.equal(await count(page, '#results .empty'), 1, 'the empty state')
    },
  },
  {
    name: 'an article reached from a result, its words marked',
    visit: async (page, url) => {
      await typeQuery(page, url, 'missiles')
      await page.locator('#results .hit-link').first().click()
      await page.waitForURL(/\/articles\/[^?]+\?q=missiles#p\d+$/)
      assert.ok((await count(page, '.article mark')) > 0, 'marks')
      assert.equal(await count(page, '.para:target'), 1, 'the paragraph followed')
      assert.equal(await count(page, '.related-list a'), 5, 'related articles')
    },
  },
  {
    name: 'a story’s similar versions, opened',
    visit: async (page, url) => {
      await typeQuery(page, url, 'missiles satellites')
      await page.locator('#results .similar summary').first().click()
      assert.equal(await count(page, '#results .similar[open] .similar-list a'), 2, 'versions')
    },
  },
  {
    name: 'the error page (an unknown article)',
    expected: /status of 404/,
    visit: async (page, url) => {
      const response = await page.goto(`${url}/articles/no/such-article`)
      assert.equal(response?.status(), 404)
      assert.equal(await count(page, '.error-page'), 1)
    },
  },
  {
    name: 'results rendered by the server, without the page script',
    withoutAppScript: true,
    visit: async (page, url) => {
      await page.goto(`${url}?q=missiles`, { waitUntil: 'load' })
      assert.equal(await page.locator('#q').getAttribute('role'), null, 'no page script ran')
      assert.ok((await count(page, '#results .result-link > mark')) >= 10, 'marked titles')
      assert.equal(await count(page, '#results .pager-next'), 1, 'a next page')
    },
  },
]

describe('the accessibility audit (axe-core) in Chromium', { skip: skipBrowser }, () => {
  const session = useChromium({ viewport: { width: 1200, height: 900 } }, startTestServer)
  let watch: PageWatch | undefined
  let tab: Page | undefined

  afterEach(async () => {
    const seen = watch?.take()
    await tab?.close()
    tab = undefined
    assert.deepEqual(seen?.problems ?? [], [], 'no console errors')
  })

  for (const colorScheme of SCHEMES) {
    for (const scene of SCENES) {
      it(`${scene.name}, ${colorScheme}`, { timeout: 60_000 }, async (t: TestContext) => {
        tab = await session.context.newPage()
        if (scene.withoutAppScript) {
          await tab.route(/\/static\/app\.[0-9a-f]+\.js$/, (route) =>
            route.fulfill({ contentType: 'text/javascript', body: '' }),
          )
        }
        watch = new PageWatch(tab)
        watch.expected = scene.expected
        await tab.emulateMedia({ colorScheme })
        await scene.visit(tab, session.server.url)
        const violations = await audit(tab)
        const listed = violations.filter((violation) => !blocking(violations).includes(violation))
        if (listed.length > 0)
          t.diagnostic(`not failing, but to fix:\n${describeViolations(listed)}`)
        const failing = blocking(violations)
        assert.equal(failing.length, 0, `axe found:\n${describeViolations(failing)}`)
      })
    }
  }
})
