// The results region searched as you type: fetch `/search`, draw the shared view, keep the
// address and the title in step, announce the outcome, and say so plainly when it fails.
import { searchHref } from '../page/address.ts'
import { resultsView } from '../page/results-view.ts'
import { pageTitle, resultsHeading } from '../page/words.ts'
import { SORT_ORDERS, type SortOrder } from '../search/date-order.ts'
import type { SearchResponse } from '../search/types.ts'
import type { ErrorBody } from '../server/errors.ts'
import { h } from './dom.ts'
import { renderResults } from './results.ts'

/** How long a search may take before the box shows that it is loading. */
const LOADING_DELAY_MS = 150

/** The sort order and date range the results are shown with, kept in the address beside `q`. */
export interface Narrowing {
  sort?: SortOrder
  from?: string
  to?: string
}

/** The elements a live search draws into; the intro and heading are optional. */
export interface ResultsRegion {
  results: HTMLElement
  status: HTMLElement
  heading: HTMLElement | null
  intro: HTMLElement | null
  form: HTMLFormElement | null
}

/** The sort and range the page's address gives (`relevance` is the default, so left out). */
export function narrowingOf(search: string): Narrowing {
  const params = new URLSearchParams(search)
  const narrowing: Narrowing = {}
  const sort = SORT_ORDERS.find((order) => order === params.get('sort'))
  if (sort !== undefined && sort !== 'relevance') narrowing.sort = sort
  for (const name of ['from', 'to'] as const) {
    const value = params.get(name)
    if (value !== null && value !== '') narrowing[name] = value
  }
  return narrowing
}

/** Searches and shows the results; a newer search aborts the one before. */
export class LiveSearch {
  readonly narrowing: Narrowing
  readonly #region: ResultsRegion
  #searching: AbortController | undefined

  constructor(region: ResultsRegion, narrowing: Narrowing) {
    this.#region = region
    this.narrowing = narrowing
  }

  /** Runs the search for `q` and shows it, unless a newer one starts first. */
  async run(q: string): Promise<void> {
    const { results, status, intro } = this.#region
    this.#searching?.abort()
    this.#searching = undefined
    this.#followAddress(q)
    if (q.trim() === '') {
      if (intro !== null) intro.hidden = false
      this.#showHeading(q)
      status.textContent = ''
      results.replaceChildren()
      results.dataset.query = q
      this.#setLoading(false)
      return
    }
    const controller = new AbortController()
    this.#searching = controller
    const loading = setTimeout(() => this.#setLoading(true), LOADING_DELAY_MS)
    try {
      const response = await this.#fetch(q, controller.signal)
      if (controller.signal.aborted) return
      const view = resultsView(response, { q, ...this.narrowing })
      if (intro !== null) intro.hidden = true
      this.#showHeading(q)
      results.replaceChildren(...renderResults(view))
      results.dataset.query = q
      status.textContent = view.status
    } catch (error) {
      if (controller.signal.aborted) return
      this.#showFailure(q, error)
    } finally {
      clearTimeout(loading)
      if (this.#searching === controller) {
        this.#searching = undefined
        this.#setLoading(false)
      }
    }
  }

  async #fetch(q: string, signal: AbortSignal): Promise<SearchResponse> {
    const params = new URLSearchParams({ q, prefix: 'true' })
    for (const [name, value] of Object.entries(this.narrowing)) {
      if (value !== undefined) params.set(name, value)
    }
    const response = await fetch(`/search?${params}`, {
      signal,
      headers: { accept: 'application/json' },
    })
    const body: unknown = await response.json().catch(() => undefined)
    if (!response.ok || body === undefined) {
      const message = (body as Partial<ErrorBody> | undefined)?.error?.message
      throw new Error(message ?? `The server answered ${response.status}.`)
    }
    return body as SearchResponse
  }

  #showFailure(q: string, error: unknown): void {
    const { results, status, intro } = this.#region
    if (intro !== null) intro.hidden = true
    this.#showHeading(q)
    const retry = h('button', { type: 'button', class: 'retry' }, 'Try again')
    retry.addEventListener('click', () => void this.run(q))
    // Our own errors carry the server's message; a failed fetch (a TypeError) says nothing useful.
    const message = error instanceof Error && error.name === 'Error' ? error.message : ''
    results.replaceChildren(
      h(
        'div',
        { class: 'empty is-error' },
        h('p', { class: 'empty-title' }, 'The search failed.'),
        h(
          'p',
          { class: 'empty-hint' },
          message || 'Check the connection and try again.',
          ' ',
          retry,
        ),
      ),
    )
    status.textContent = 'The search failed.'
  }

  /** The level-one heading names the search shown; with none, the intro's heading is the page's. */
  #showHeading(q: string): void {
    const { heading } = this.#region
    if (heading === null) return
    heading.hidden = q.trim() === ''
    heading.textContent = q.trim() === '' ? '' : resultsHeading(q)
  }

  #setLoading(on: boolean): void {
    this.#region.form?.classList.toggle('is-loading', on)
    this.#region.results.setAttribute('aria-busy', String(on))
  }

  /** The address follows the box, so reload, back and sharing show the same results. */
  #followAddress(q: string): void {
    const href = searchHref({ q, ...this.narrowing })
    if (`${location.pathname}${location.search}` !== href) history.replaceState(null, '', href)
    document.title = pageTitle(q)
  }
}
