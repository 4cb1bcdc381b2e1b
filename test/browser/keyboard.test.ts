// The page with the keyboard only, in light and in dark: search, reach a result, open it, come
// back. At every stop the focused element must show a focus ring of 2 px or more with 3:1
// contrast against the colour around it. The sort choice, a timeline bar and a story's similar
// versions are on the way; a new control gets a step in JOURNEY.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { PageWatch, skipBrowser, useChromium } from '../fixtures/browser.ts'
import { FOCUS_MINIMUM, focusIndicator } from '../fixtures/focus.ts'
import { startTestServer } from '../fixtures/server/corpus.ts'

/** One move of the reader's: keys pressed, then where focus must be. */
interface Step {
  say: string
  /** Keys pressed one after another (Playwright names: `Tab`, `Shift+Tab`, `ArrowDown`…). */
  press?: string[]
  /** Text typed into whatever has focus. */
  type?: string
  /** Tab (at most 30 times, each stop checked) until focus is on this selector. */
  tabTo?: string
  /** What the page must have done before focus is checked (results shown, a page loaded). */
  until?: (page: Page) => Promise<unknown>
  /** A selector the focused element must match; `body` when a page has just loaded. */
  focused: string
}

const Q = 'missiles'
const renderedFor = (q: string) => (page: Page) =>
  page.waitForFunction((wanted) => document.getElementById('results')?.dataset.query === wanted, q)
const rendered = renderedFor(Q)
/** A query whose first result folds near-copies: its similar versions come first. */
const FOLDING = `${Q} satellites`

const JOURNEY: Step[] = [
  { say: 'Tab to the skip link', press: ['Tab'], focused: '.skip-link' },
  { say: '/ to the search box', press: ['/'], focused: '#q' },
  { say: 'type a query', type: Q, until: rendered, focused: '#q' },
  { say: 'Tab to the search button', press: ['Tab'], focused: '.search-button' },
  { say: 'Tab to the sort choice', press: ['Tab'], focused: 'select[name="sort"]' },
  { say: 'Tab to the first category', press: ['Tab'], focused: '.facet' },
  { say: 'Tab on to a bar of the timeline', tabTo: 'a.timeline-bar', focused: 'a.timeline-bar' },
  { say: '/ back to the box', press: ['/'], focused: '#q' },
  {
    say: '↓ to the first result',
    press: ['ArrowDown'],
    focused: '.result:nth-child(1) .result-link',
  },
  {
    say: '↓ to the second result',
    press: ['ArrowDown'],
    focused: '.result:nth-child(2) .result-link',
  },
  { say: 'Tab to its best paragraph', press: ['Tab'], focused: '.result:nth-child(2) .hit-link' },
  { say: 'Tab through the results to the next page', tabTo: '.pager-next', focused: '.pager-next' },
  { say: '/ back to the box', press: ['/'], focused: '#q' },
  { say: '↓ to the first result again', press: ['ArrowDown'], focused: '.result-link' },
  {
    say: 'Enter opens the article',
    press: ['Enter'],
    until: (page) => page.waitForURL(/\/articles\/[^?]+\?q=missiles$/),
    focused: 'body',
  },
  { say: 'Tab to the link back to the results', tabTo: '.back a', focused: '.back a' },
  // Headless Chromium does not act on the browser's own Alt+← (that is the browser, not the
  // page); the page's own way back is its link.
  {
    say: 'Enter on it goes back to the results',
    press: ['Enter'],
    until: (page) => page.waitForURL((url) => url.pathname === '/' && url.search === `?q=${Q}`),
    focused: 'body',
  },
  {
    say: '/ and ↓ reach the first result again',
    press: ['/', 'ArrowDown'],
    focused: '.result-link',
  },
  {
    say: '/ to the box, and a word more',
    press: ['/', 'End'],
    type: ' satellites',
    until: renderedFor(FOLDING),
    focused: '#q',
  },
  {
    say: 'Tab on to a story’s similar versions',
    tabTo: '.similar summary',
    focused: '.similar summary',
  },
  {
    say: 'Enter opens the list of versions',
    press: ['Enter'],
    until: (page) => page.waitForSelector('.similar[open] .similar-list a'),
    focused: '.similar summary',
  },
  { say: 'Tab to the first version', press: ['Tab'], focused: '.similar-list a' },
]

/** Fails unless focus is on `selector` and shows a ring that meets the minimum. */
async function assertFocus(page: Page, selector: string, step: string): Promise<void> {
  const matches = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)
  assert.ok(matches, `${step}: focus should be on ${selector}`)
  if (selector === 'body') return
  const indicator = await focusIndicator(page)
  assert.ok(indicator, `${step}: something has focus`)
  const { ring, element, background } = indicator
  const seen = ring
    ? `a ${ring.width}px ${ring.kind} ${ring.colour} on ${background}, ${ring.contrast.toFixed(2)}:1`
    : `no outline or box-shadow ring on ${background}`
  assert.ok(
    ring !== undefined &&
      ring.width >= FOCUS_MINIMUM.width &&
      ring.contrast >= FOCUS_MINIMUM.contrast,
    `${step}: ${element} shows ${seen}; it needs ${FOCUS_MINIMUM.width}px and ${FOCUS_MINIMUM.contrast}:1`,
  )
}

describe('the page with the keyboard only, in Chromium', { skip: skipBrowser }, () => {
  const session = useChromium({ viewport: { width: 1200, height: 900 } }, startTestServer)

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`searches, opens a result and comes back, focus always visible, ${colorScheme}`, {
      timeout: 90_000,
    }, async () => {
      const page = await session.context.newPage()
      const watch = new PageWatch(page)
      try {
        await page.emulateMedia({ colorScheme })
        await page.goto(session.server.url, { waitUntil: 'domcontentloaded' })
        for (const step of JOURNEY) {
          for (const key of step.press ?? []) await page.keyboard.press(key)
          if (step.type !== undefined) await page.keyboard.type(step.type, { delay: 20 })
          if (step.tabTo !== undefined) {
            for (let stops = 0; ; stops++) {
              assert.ok(stops < 30, `${step.say}: ${step.tabTo} is not reached with Tab`)
              await page.keyboard.press('Tab')
              const there = await page.evaluate(
                (s) => document.activeElement?.matches(s),
                step.tabTo,
              )
              if (there) break
              await assertFocus(page, '*', `${step.say}, stop ${stops + 1}`)
            }
          }
          await step.until?.(page).catch((error: Error) => {
            throw new Error(`${step.say}: ${error.message}`)
          })
          await assertFocus(page, step.focused, step.say)
        }
      } finally {
        await page.close()
      }
      assert.deepEqual(watch.take().problems, [], 'no console errors')
    })
  }
})
