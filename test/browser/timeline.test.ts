// Searching by time in Chromium, on a corpus of dated articles: the sort choice, the timeline's
// bars (clicked, and pressed with Enter), the way back out of a range, the audit in light and dark,
// and a screenshot of each.
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { audit, blocking, describeViolations } from '../fixtures/axe.ts'
import { skipBrowser, useWatchedPage } from '../fixtures/browser.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']

/** Oil reports over ten months of 1987, more of them as the year goes on, and two undated. */
function files(): Record<string, string> {
  const files: Record<string, string> = {}
  MONTHS.forEach((month, m) => {
    for (let n = 0; n <= m % 4; n++) {
      const day = String(3 + n * 7).padStart(2, '0')
      files[`energy/oil-${month}-${n}.md`] = `---
title: Oil report ${month}/${n} from field ${m * 10 + n}
date: 1987-${month}-${day}
---

Crude oil output at field ${m * 10 + n} changed in month ${month}, engineers said on day ${day}.
`
    }
  })
  for (const n of [1, 2]) {
    files[`energy/undated-${n}.md`] =
      `---\ntitle: Oil notes ${n}\n---\n\nOil notes number ${n} carry no date at all.\n`
  }
  return files
}

describe('searching by time in Chromium', { skip: skipBrowser }, () => {
  const session = useWatchedPage({ viewport: { width: 1100, height: 900 } }, () =>
    serveFiles(files()),
  )
  let server: Served
  let page: Page

  before(() => {
    server = session.server
    page = session.page
  })

  const shownDates = () =>
    page
      .locator('#results .result-date')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''))

  it('draws the timeline, narrows to a bar, and comes back out', async () => {
    await page.goto(`${server.url}/?q=oil`, { waitUntil: 'domcontentloaded' })
    const bars = page.locator('.timeline a.timeline-bar')
    assert.equal(await bars.count(), MONTHS.length)
    assert.equal(await bars.first().textContent(), 'January 1987: 1 article')
    await mkdir('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/timeline-light.png', fullPage: true })
    await bars.nth(3).click()
    await page.waitForURL(/from=1987-04&to=1987-04/)
    // The script draws the narrowed results after the address changes: wait for them.
    await page.waitForFunction(() => {
      const dates = [...document.querySelectorAll('#results .result-date')]
      return (
        dates.length === 4 && dates.every((d) => d.getAttribute('datetime')?.startsWith('1987-04'))
      )
    })
    for (const date of await shownDates()) assert.match(date, /^1987-04/)
    assert.equal(await page.locator('#results .result').count(), 4)
    await page.locator('.timeline-clear').click()
    await page.waitForURL((url) => !url.search.includes('from='))
    await page.waitForFunction(
      (months) => document.querySelectorAll('.timeline a.timeline-bar').length === months,
      MONTHS.length,
    )
    assert.equal(await bars.count(), MONTHS.length)
  })

  it('narrows with Enter on a focused bar, and sorts newest first', async () => {
    await page.goto(`${server.url}/?q=oil`, { waitUntil: 'domcontentloaded' })
    await page.locator('.timeline a.timeline-bar').nth(1).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/from=1987-02&to=1987-02/)
    await page.goto(`${server.url}/?q=oil`, { waitUntil: 'domcontentloaded' })
    await page.locator('select[name="sort"]').selectOption('newest')
    await page.waitForURL(/sort=newest/)
    // Wait for the results drawn for the new order (the old ones stay until they come).
    await page
      .waitForFunction(() => {
        const dates = [...document.querySelectorAll('#results .result-date')].map(
          (d) => d.getAttribute('datetime') ?? '',
        )
        return dates.length >= 5 && dates.every((d, i) => i === 0 || d <= (dates[i - 1] ?? ''))
      })
      .catch(() => undefined)
    const dates = await shownDates()
    assert.ok(dates.length >= 5)
    assert.deepEqual(dates, [...dates].sort().reverse())
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`passes the audit with the sort and the timeline, ${colorScheme}`, async () => {
      await page.emulateMedia({ colorScheme })
      await page.goto(`${server.url}/?q=oil&sort=newest&from=1987-03&to=1987-08`, {
        waitUntil: 'load',
      })
      assert.ok((await page.locator('.timeline a.timeline-bar').count()) > 0)
      await page.screenshot({
        path: `test-results/timeline-range-${colorScheme}.png`,
        fullPage: true,
      })
      const failing = blocking(await audit(page))
      assert.equal(failing.length, 0, `axe found:\n${describeViolations(failing)}`)
    })
  }
})
