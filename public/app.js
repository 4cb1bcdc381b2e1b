// @ts-check
// The search page as you type: plain browser JavaScript, no framework, no build step.
// Without it the page still works: the form is a GET to `/` and the server renders the results.
// Results are rendered here with the same markup and rules as views/_results.ejs and
// src/server/pages.ts (resultsView, searchHref, the category helpers); a browser test compares them.

/**
 * @typedef {[number, number]} MarkRange
 * @typedef {{ index: number, heading?: string, snippet: string, text: string, highlights: MarkRange[], url: string }} ParagraphHit
 * @typedef {{ id: string, title: string, titleHtml: string, category?: string, date: string | null, url: string }} ArticleSummary
 * @typedef {{ id: string, title: string, url: string, date: string | null }} SimilarArticle
 * @typedef {{ article: ArticleSummary, matches: number, paragraphs: ParagraphHit[], missing?: string[], similar?: SimilarArticle[] }} SearchResult
 * @typedef {{ query: string, page: number, size: number, total: { articles: number, paragraphs: number, results: number },
 *   tookMs: number, matched: 'all' | 'some', didYouMean?: string, ignored?: string[],
 *   facets: { category: Record<string, number>, date?: DateFacet }, results: SearchResult[] }} SearchResponse
 * @typedef {{ interval: 'year' | 'month' | 'day', buckets: { key: string, count: number }[], undated: number }} DateFacet
 * @typedef {{ value: string, kind: 'word' | 'title', url?: string }} Suggestion
 * @typedef {{ q: string, page?: number, size?: number, sort?: string, from?: string, to?: string }} PageAddress
 */

const DEBOUNCE_MS = 100
const LOADING_DELAY_MS = 150
const DEFAULT_SIZE = 10

// ---------------------------------------------------------------- links and words (as pages.ts)

/** @param {PageAddress} address */
function searchHref(address) {
  const params = new URLSearchParams()
  if (address.q !== '') params.set('q', address.q)
  if (address.page !== undefined && address.page > 1) params.set('page', String(address.page))
  if (address.size !== undefined && address.size !== DEFAULT_SIZE)
    params.set('size', String(address.size))
  if (address.sort !== undefined && address.sort !== 'relevance') params.set('sort', address.sort)
  if (address.from !== undefined) params.set('from', address.from)
  if (address.to !== undefined) params.set('to', address.to)
  const query = params.toString()
  return query === '' ? '/' : `/?${query}`
}

/** @param {string} url @param {string} q */
function withQuery(url, q) {
  if (q.trim() === '') return url
  const hash = url.indexOf('#')
  const path = hash === -1 ? url : url.slice(0, hash)
  const fragment = hash === -1 ? '' : url.slice(hash)
  return `${path}?${new URLSearchParams({ q })}${fragment}`
}

const CATEGORY = /(^|\s)category:(?:"([^"]*)"?|([^\s"]+))/giu

/** @param {string} q */
function activeCategories(q) {
  return [...q.matchAll(CATEGORY)]
    .map((match) => (match[2] ?? match[3] ?? '').trim().toLowerCase())
    .filter((name) => name !== '')
}

/** @param {string} q @param {string} name */
function addCategory(q, name) {
  const token = /^[^\s"]+$/u.test(name) ? name : `"${name.replaceAll('"', '')}"`
  return `${q.trim()} category:${token}`.trim()
}

/** @param {string} q @param {string} name */
function removeCategory(q, name) {
  const wanted = name.toLowerCase()
  return q
    .replace(CATEGORY, (whole, space, quoted, bare) =>
      (quoted ?? bare ?? '').trim().toLowerCase() === wanted ? space : whole,
    )
    .replace(/\s+/gu, ' ')
    .trim()
}

/** @param {number} count @param {string} one */
function plural(count, one, many = `${one}s`) {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

/** @param {string} q */
function resultsHeading(q) {
  return `Results for “${q.trim()}”`
}

/** @param {string} q */
function pageTitle(q) {
  return q.trim() === '' ? 'newsdex — search the news' : `${q.trim()} — newsdex`
}

// ------------------------------------------------------------------------------ safe DOM building

/**
 * An element with attributes and children; text is always inserted as text.
 * @param {string} tag
 * @param {Record<string, string | undefined>} [attributes]
 * @param {(Node | string | undefined | false)[]} children
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value)
  }
  for (const child of children) {
    if (child === undefined || child === false) continue
    element.append(child)
  }
  return element
}

/**
 * Text with `<mark>` around the highlighted ranges, built as DOM nodes: no HTML is parsed.
 * @param {string} text
 * @param {MarkRange[]} highlights
 */
function markedText(text, highlights) {
  const fragment = document.createDocumentFragment()
  let cursor = 0
  for (const [start, end] of highlights) {
    if (start < cursor || end <= start || end > text.length) continue
    if (start > cursor) fragment.append(text.slice(cursor, start))
    fragment.append(h('mark', {}, text.slice(start, end)))
    cursor = end
  }
  if (cursor < text.length) fragment.append(text.slice(cursor))
  return fragment
}

/**
 * The server's escaped HTML with `<mark>` (a title), as DOM nodes, accepted only if it holds
 * nothing but text and attribute-less `<mark>`s of text; otherwise the plain text is shown. A
 * `<template>`'s content is inert: nothing in it runs or loads while it is inspected.
 * @param {string} html
 * @param {string} fallback
 */
function markedHtml(html, fallback) {
  const template = document.createElement('template')
  template.innerHTML = html
  const fragment = document.createDocumentFragment()
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) fragment.append(node.textContent ?? '')
    else if (
      node instanceof HTMLElement &&
      node.tagName === 'MARK' &&
      node.attributes.length === 0 &&
      [...node.childNodes].every((child) => child.nodeType === Node.TEXT_NODE)
    ) {
      fragment.append(h('mark', {}, node.textContent ?? ''))
    } else {
      const plain = document.createDocumentFragment()
      plain.append(fallback)
      return plain
    }
  }
  return fragment
}

// ------------------------------------------------------------------------- results (as _results.ejs)

/** @param {SearchResponse} response */
function statusText(response) {
  const total = response.total.articles
  return total === 0
    ? `No results for “${response.query.trim()}”`
    : `${plural(response.total.articles, 'article')}, ${plural(response.total.paragraphs, 'paragraph')} · ${response.tookMs} ms`
}

/**
 * The results region for a response, as the server renders it.
 * @param {SearchResponse} response
 */
function renderResults(response) {
  const q = response.query
  /** @type {PageAddress} */
  const address = { q, size: response.size, ...dated }
  const total = response.total.articles
  const pages = Math.max(1, Math.ceil(response.total.results / response.size))
  const active = activeCategories(q)
  const nodes = []

  const ignored = response.ignored?.join(', ') ?? ''
  const partial = response.matched === 'some' && total > 0
  if (response.didYouMean !== undefined || partial || ignored !== '') {
    nodes.push(
      h(
        'div',
        { class: 'notices' },
        response.didYouMean !== undefined &&
          h(
            'p',
            { class: 'notice notice-suggest' },
            'Did you mean ',
            h(
              'a',
              { href: searchHref({ ...address, q: response.didYouMean }) },
              response.didYouMean,
            ),
            '?',
          ),
        partial &&
          h('p', { class: 'notice' }, 'No paragraph has all the words; showing partial matches.'),
        ignored !== '' && h('p', { class: 'notice notice-quiet' }, `Not searched: ${ignored}`),
      ),
    )
  }

  /** @type {{ name: string, count: number, active: boolean }[]} */
  const facets = Object.entries(response.facets.category)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, count]) => ({ name, count, active: active.includes(name.toLowerCase()) }))
  for (const name of active) {
    if (!facets.some((f) => f.name.toLowerCase() === name))
      facets.push({ name, count: 0, active: true })
  }
  if (facets.length > 0) {
    nodes.push(
      h(
        'nav',
        { class: 'facets', 'aria-label': 'Filter by category' },
        h(
          'ul',
          { class: 'facet-list' },
          ...facets.map((facet) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  class: facet.active ? 'facet is-active' : 'facet',
                  href: searchHref({
                    ...address,
                    q: facet.active ? removeCategory(q, facet.name) : addCategory(q, facet.name),
                  }),
                  'aria-current': facet.active ? 'true' : undefined,
                },
                h('span', { class: 'facet-name' }, facet.name),
                h('span', { class: 'facet-count' }, String(facet.count)),
                facet.active && h('span', { class: 'facet-remove', 'aria-hidden': 'true' }, '×'),
                facet.active && h('span', { class: 'visually-hidden' }, '(remove filter)'),
              ),
            ),
          ),
        ),
      ),
    )
  }

  const timeline = renderTimeline(response.facets.date, address)
  if (timeline !== undefined) nodes.push(timeline)

  if (response.results.length > 0) {
    nodes.push(
      h(
        'ol',
        { class: 'result-list', start: String((response.page - 1) * response.size + 1) },
        ...response.results.map((result) => renderResult(result, q)),
      ),
    )
  }

  if (total === 0) {
    nodes.push(
      emptyState(
        'Nothing found.',
        active.length > 0
          ? 'Try fewer words, check the spelling, or remove the category filter.'
          : 'Try fewer or other words, or check the spelling.',
      ),
    )
  } else if (response.results.length === 0) {
    nodes.push(
      emptyState(
        `There is no page ${response.page}.`,
        `The results end on page ${pages}.`,
        h('a', { href: searchHref({ ...address, page: pages }) }, 'Go to the last page'),
      ),
    )
  }

  if (pages > 1 && response.page <= pages) {
    const page = response.page
    nodes.push(
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Result pages' },
        page > 1
          ? h(
              'a',
              {
                class: 'pager-prev',
                rel: 'prev',
                href: searchHref({ ...address, page: page - 1 }),
              },
              '← Previous',
            )
          : h('span', { class: 'pager-prev', 'aria-hidden': 'true' }),
        h('span', { class: 'pager-info' }, `Page ${page} of ${pages}`),
        page < pages
          ? h(
              'a',
              {
                class: 'pager-next',
                rel: 'next',
                href: searchHref({ ...address, page: page + 1 }),
              },
              'Next →',
            )
          : h('span', { class: 'pager-next', 'aria-hidden': 'true' }),
      ),
    )
  }
  return nodes
}

// ------------------------------------------------------ the timeline (as src/server/timeline.ts)

const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ')
const MOST_BARS = 120
const DATE_WORD = /(^|\s)-?(?:from|to):(?:"[^"]*"?|[^\s"]*)/giu

/** @param {string} key */
function periodName(key) {
  const [year, month, day] = key.split('-').map(Number)
  const monthName = month === undefined ? '' : MONTH_NAMES[month - 1]
  if (day !== undefined) return `${day} ${monthName} ${year}`
  return month === undefined ? String(year) : `${monthName} ${year}`
}

/** @param {string} key @param {string} interval */
function nextKey(key, interval) {
  const [year = 0, month = 1, day = 1] = key.split('-').map(Number)
  const next = new Date(Date.UTC(2000, month - 1, day))
  next.setUTCFullYear(year)
  if (interval === 'year') next.setUTCFullYear(year + 1)
  else if (interval === 'month') next.setUTCMonth(month)
  else next.setUTCDate(day + 1)
  return next.toISOString().slice(0, key.length)
}

/** @param {DateFacet} facet */
function withGaps(facet) {
  const first = facet.buckets[0]
  const last = facet.buckets.at(-1)
  if (first === undefined || last === undefined) return []
  const counts = new Map(facet.buckets.map((bucket) => [bucket.key, bucket.count]))
  const all = []
  for (let key = first.key; key <= last.key; key = nextKey(key, facet.interval)) {
    if (all.length === MOST_BARS) return facet.buckets
    all.push({ key, count: counts.get(key) ?? 0 })
  }
  return all
}

/** @param {string} key @param {string} interval @param {boolean} first */
function tick(key, interval, first) {
  if (interval === 'year') return key
  const [year, month, day] = key.split('-')
  const monthName = MONTH_NAMES[Number(month) - 1]?.slice(0, 3)
  if (interval === 'month') return first || month === '01' ? `${monthName} ${year}` : undefined
  return first || day === '01' ? `${Number(day)} ${monthName}` : undefined
}

/** @param {string} q */
function withoutDateWords(q) {
  return q.replace(DATE_WORD, '$1').replace(/\s+/gu, ' ').trim()
}

/**
 * The timeline of a response, as views/_timeline.ejs draws it.
 * @param {DateFacet | undefined} facet
 * @param {PageAddress} address
 */
function renderTimeline(facet, address) {
  const unranged = withoutDateWords(address.q)
  const ranged =
    address.from !== undefined || address.to !== undefined || unranged !== address.q.trim()
  const bars = facet === undefined ? [] : withGaps(facet)
  if (bars.length === 0 && !ranged) return undefined
  const most = Math.max(1, ...bars.map((bar) => bar.count))
  const interval = facet?.interval ?? 'day'
  const undated = facet !== undefined && facet.undated > 0
  return h(
    'nav',
    { class: 'timeline', 'aria-label': 'Filter by date' },
    h(
      'div',
      { class: 'timeline-head' },
      h(
        'p',
        { class: 'timeline-caption' },
        `Articles by ${interval}`,
        undated && ' ',
        undated &&
          h('span', { class: 'timeline-undated' }, `(${plural(facet.undated, 'undated article')})`),
      ),
      ranged &&
        h(
          'a',
          {
            class: 'timeline-clear',
            href: searchHref({ ...address, q: unranged, page: 1, from: undefined, to: undefined }),
          },
          'All dates',
        ),
    ),
    bars.length > 0 &&
      h(
        'ol',
        { class: 'timeline-bars' },
        ...bars.map(({ key, count }, i) => {
          const text = `${periodName(key)}: ${plural(count, 'article')}`
          const level = count === 0 ? 0 : Math.max(1, Math.round((count / most) * 10))
          const current = address.from === key && address.to === key
          const label = tick(key, interval, i === 0)
          if (count === 0) {
            return h(
              'li',
              { class: 'timeline-slot', 'aria-hidden': 'true' },
              h('span', { class: 'timeline-bar level-0' }),
              label !== undefined && h('span', { class: 'timeline-tick' }, label),
            )
          }
          return h(
            'li',
            { class: 'timeline-slot' },
            h(
              'a',
              {
                class: `timeline-bar level-${level}${current ? ' is-current' : ''}`,
                href: searchHref({ ...address, page: 1, from: key, to: key }),
                title: text,
                'aria-current': current ? 'true' : undefined,
              },
              h('span', { class: 'visually-hidden' }, text),
            ),
            label !== undefined &&
              h('span', { class: 'timeline-tick', 'aria-hidden': 'true' }, label),
          )
        }),
      ),
  )
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')

/**
 * An article date for people, as the server writes it (src/articles/date.ts displayDate):
 * `26 Feb 1987` for a day, `26 Feb 1987, 15:01 UTC` with a time.
 * @param {string} iso
 */
function displayDate(iso) {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  const date = `${day} ${MONTHS[month - 1]} ${year}`
  return iso.length > 10 ? `${date}, ${iso.slice(11, 16)} UTC` : date
}

/** @param {SearchResult} result @param {string} q */
function renderResult(result, q) {
  const { article } = result
  const href = withQuery(article.url, q)
  const more = result.matches - result.paragraphs.length
  return h(
    'li',
    { class: 'result' },
    h(
      'h2',
      { class: 'result-title' },
      h('a', { class: 'result-link', href }, markedHtml(article.titleHtml, article.title)),
    ),
    (article.category !== undefined || article.date !== null) &&
      h(
        'p',
        { class: 'result-meta' },
        article.category !== undefined && h('span', { class: 'result-category' }, article.category),
        article.date !== null &&
          h('time', { class: 'result-date', datetime: article.date }, displayDate(article.date)),
      ),
    h(
      'ul',
      { class: 'hits' },
      ...result.paragraphs.map((hit) =>
        h(
          'li',
          { class: 'hit' },
          h(
            'a',
            { class: 'hit-link', href: withQuery(hit.url, q) },
            hit.heading !== undefined && h('span', { class: 'hit-heading' }, hit.heading),
            h('span', { class: 'hit-text' }, markedText(hit.text, hit.highlights)),
          ),
        ),
      ),
    ),
    result.missing !== undefined &&
      result.missing.length > 0 &&
      h('p', { class: 'result-missing' }, `Missing: ${result.missing.join(', ')}`),
    more > 0 &&
      h('p', { class: 'more' }, h('a', { href }, plural(more, 'more matching paragraph'))),
    result.similar !== undefined &&
      result.similar.length > 0 &&
      h(
        'details',
        { class: 'similar' },
        h('summary', {}, plural(result.similar.length, 'similar version')),
        h(
          'ul',
          { class: 'similar-list' },
          ...result.similar.map((item) =>
            h(
              'li',
              {},
              h('a', { href: withQuery(item.url, q) }, item.title),
              item.date !== null && ' ',
              item.date !== null && h('time', { datetime: item.date }, displayDate(item.date)),
            ),
          ),
        ),
      ),
  )
}

/**
 * @param {string} title
 * @param {string} hint
 * @param {Node} [action]
 */
function emptyState(title, hint, action) {
  return h(
    'div',
    { class: 'empty' },
    h('p', { class: 'empty-title' }, title),
    h('p', { class: 'empty-hint' }, hint, action && ' ', action),
  )
}

// -------------------------------------------------------------------------------------- the page

const input = /** @type {HTMLInputElement | null} */ (document.getElementById('q'))
const list = /** @type {HTMLUListElement | null} */ (document.getElementById('suggestions'))
const results = document.getElementById('results')
const statusRegion = document.getElementById('status')
const heading = document.getElementById('results-title')
const intro = document.getElementById('intro')
const form = input?.form ?? null
const sortSelect = /** @type {HTMLSelectElement | null} */ (document.getElementById('sort'))

/**
 * The sort and date range the results are shown with, kept in the URL beside `q`.
 * @type {{ sort?: string, from?: string, to?: string }}
 */
const dated = {}
{
  const params = new URLSearchParams(location.search)
  for (const name of /** @type {const} */ (['sort', 'from', 'to'])) {
    const value = params.get(name)
    if (value !== null && value !== '' && !(name === 'sort' && value === 'relevance'))
      dated[name] = value
  }
}

/** @type {AbortController | undefined} */
let searching
/** @type {AbortController | undefined} */
let suggesting
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer
/** @type {Suggestion[]} */
let suggestions = []
let activeOption = -1

/**
 * Runs the search for `q` and shows it, unless a newer one starts first (it aborts this one).
 * @param {string} q
 */
async function runSearch(q) {
  if (results === null || statusRegion === null) return
  searching?.abort()
  searching = undefined
  followUrl(q)
  if (q.trim() === '') {
    if (intro !== null) intro.hidden = false
    showHeading(q)
    statusRegion.textContent = ''
    results.replaceChildren()
    results.dataset.query = q
    setLoading(false)
    return
  }
  const controller = new AbortController()
  searching = controller
  const loading = setTimeout(() => setLoading(true), LOADING_DELAY_MS)
  try {
    const params = new URLSearchParams({ q, prefix: 'true' })
    for (const [name, value] of Object.entries(dated))
      if (value !== undefined) params.set(name, value)
    const response = await fetch(`/search?${params}`, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    })
    const body = await response.json().catch(() => undefined)
    if (controller.signal.aborted) return
    if (!response.ok || body === undefined)
      throw new Error(body?.error?.message ?? `The server answered ${response.status}.`)
    const data = /** @type {SearchResponse} */ (body)
    if (intro !== null) intro.hidden = true
    showHeading(q)
    results.replaceChildren(...renderResults(data))
    results.dataset.query = q
    statusRegion.textContent = statusText(data)
  } catch (error) {
    if (controller.signal.aborted) return
    if (intro !== null) intro.hidden = true
    showHeading(q)
    const retry = h('button', { type: 'button', class: 'retry' }, 'Try again')
    retry.addEventListener('click', () => void runSearch(q))
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
    statusRegion.textContent = 'The search failed.'
  } finally {
    clearTimeout(loading)
    if (searching === controller) {
      searching = undefined
      setLoading(false)
    }
  }
}

/**
 * The level-one heading names the search shown; with no search the intro's heading is the page's.
 * @param {string} q
 */
function showHeading(q) {
  if (heading === null) return
  heading.hidden = q.trim() === ''
  heading.textContent = q.trim() === '' ? '' : resultsHeading(q)
}

/** @param {boolean} on */
function setLoading(on) {
  form?.classList.toggle('is-loading', on)
  results?.setAttribute('aria-busy', String(on))
}

/** The address follows the box, so reload, back and sharing show the same results. @param {string} q */
function followUrl(q) {
  const href = searchHref({ q, ...dated })
  if (`${location.pathname}${location.search}` !== href) history.replaceState(null, '', href)
  document.title = pageTitle(q)
}

// ------------------------------------------------------------------- suggestions (a combobox)

/** @param {string} q */
async function runSuggest(q) {
  suggesting?.abort()
  if (q.trim() === '') {
    showSuggestions([])
    return
  }
  const controller = new AbortController()
  suggesting = controller
  try {
    const response = await fetch(`/suggest?${new URLSearchParams({ q })}`, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    })
    if (!response.ok) return
    const body = await response.json()
    if (controller.signal.aborted || input?.value !== q) return
    showSuggestions(/** @type {{ suggestions: Suggestion[] }} */ (body).suggestions)
  } catch {
    // Suggestions are a convenience: a failed one is simply not shown.
  }
}

/** @param {Suggestion[]} next */
function showSuggestions(next) {
  if (list === null || input === null) return
  suggestions = next
  activeOption = -1
  list.replaceChildren(
    ...next.map((suggestion, i) =>
      h(
        'li',
        {
          id: `suggestion-${i}`,
          class: `suggestion suggestion-${suggestion.kind}`,
          role: 'option',
          'aria-selected': 'false',
        },
        suggestion.kind === 'title' && h('span', { class: 'suggestion-kind' }, 'Article'),
        h('span', { class: 'suggestion-value' }, suggestion.value),
      ),
    ),
  )
  const open = next.length > 0 && document.activeElement === input
  list.hidden = !open
  input.setAttribute('aria-expanded', String(open))
  input.removeAttribute('aria-activedescendant')
}

function closeSuggestions() {
  suggesting?.abort()
  showSuggestions([])
}

/** @param {number} i */
function setActiveOption(i) {
  if (list === null || input === null) return
  activeOption = i
  list.querySelectorAll('[role="option"]').forEach((option, j) => {
    option.setAttribute('aria-selected', String(i === j))
  })
  if (i >= 0) {
    input.setAttribute('aria-activedescendant', `suggestion-${i}`)
    list.children[i]?.scrollIntoView({ block: 'nearest' })
  } else input.removeAttribute('aria-activedescendant')
}

/** @param {number} i */
function choose(i) {
  const suggestion = suggestions[i]
  if (suggestion === undefined || input === null) return
  closeSuggestions()
  if (suggestion.kind === 'title' && suggestion.url !== undefined) {
    location.assign(withQuery(suggestion.url, input.value))
    return
  }
  input.value = `${suggestion.value} `
  clearTimeout(timer)
  void runSearch(input.value)
}

// -------------------------------------------------------------------------------------- keyboard

function resultLinks() {
  return /** @type {HTMLAnchorElement[]} */ ([
    ...document.querySelectorAll('#results .result-link'),
  ])
}

/** @param {HTMLElement | undefined} element */
function focusLink(element) {
  if (element === undefined) return false
  element.focus()
  element.scrollIntoView({ block: 'nearest' })
  return true
}

/**
 * ↑/↓ among the results (their title links), from wherever focus is in the results list.
 * @param {KeyboardEvent} event
 */
function moveInResults(event) {
  const here = /** @type {Element | null} */ (event.target)
  const result = here?.closest?.('#results .result')
  if (result === null || result === undefined) return
  const links = resultLinks()
  const title = /** @type {HTMLAnchorElement | null} */ (result.querySelector('.result-link'))
  const i = title === null ? -1 : links.indexOf(title)
  if (event.key === 'ArrowDown') {
    if (focusLink(links[i + 1])) event.preventDefault()
  } else if (here !== title) {
    if (focusLink(title ?? undefined)) event.preventDefault()
  } else if (i > 0) {
    if (focusLink(links[i - 1])) event.preventDefault()
  } else if (input !== null) {
    event.preventDefault()
    input.focus()
  }
}

/** @param {KeyboardEvent} event */
function onInputKey(event) {
  const open = list !== null && !list.hidden && suggestions.length > 0
  if (event.key === 'ArrowDown') {
    if (open && activeOption < suggestions.length - 1) setActiveOption(activeOption + 1)
    else {
      const first = resultLinks()[0]
      if (first === undefined) return
      closeSuggestions()
      focusLink(first)
    }
    event.preventDefault()
  } else if (event.key === 'ArrowUp' && open) {
    setActiveOption(Math.max(-1, activeOption - 1))
    event.preventDefault()
  } else if (event.key === 'Enter' && open && activeOption >= 0) {
    event.preventDefault()
    choose(activeOption)
  } else if (event.key === 'Escape' && open) {
    event.preventDefault()
    closeSuggestions()
  }
}

/** @param {EventTarget | null} target */
function isTyping(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

// ----------------------------------------------------------------------------------------- wiring

if (input !== null && list !== null) {
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-controls', list.id)
  input.setAttribute('aria-expanded', 'false')

  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      const q = input.value
      void runSearch(q)
      void runSuggest(q)
    }, DEBOUNCE_MS)
  })
  input.addEventListener('keydown', onInputKey)
  input.addEventListener('blur', () => closeSuggestions())
  // Keep focus in the box while an option is clicked.
  list.addEventListener('mousedown', (event) => event.preventDefault())
  list.addEventListener('click', (event) => {
    const option = /** @type {Element | null} */ (event.target)?.closest?.('[role="option"]')
    if (option) choose([...list.children].indexOf(option))
  })
}

if (form !== null && input !== null && results !== null) {
  // With the results on this page, a submit searches here instead of loading the page again.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    clearTimeout(timer)
    closeSuggestions()
    void runSearch(input.value)
  })
}

if (sortSelect !== null && input !== null) {
  sortSelect.addEventListener('change', () => {
    if (sortSelect.value === 'relevance') delete dated.sort
    else dated.sort = sortSelect.value
    clearTimeout(timer)
    void runSearch(input.value)
  })
}

// A timeline bar or "All dates" narrows (or widens) the search here, without loading the page;
// Enter on a focused bar is a click.
results?.addEventListener('click', (event) => {
  const link = /** @type {Element | null} */ (event.target)?.closest?.('.timeline a')
  if (!(link instanceof HTMLAnchorElement) || input === null) return
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  const params = new URL(link.href).searchParams
  delete dated.from
  delete dated.to
  const from = params.get('from')
  const to = params.get('to')
  if (from !== null) dated.from = from
  if (to !== null) dated.to = to
  input.value = params.get('q') ?? ''
  clearTimeout(timer)
  void runSearch(input.value)
})

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
  if (event.key === '/' && !isTyping(event.target) && input !== null) {
    event.preventDefault()
    input.focus()
    input.select()
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (event.target !== input) moveInResults(event)
  }
})

// An article opened at `#p3`: the browser scrolls there; make sure it did once the page is laid
// out (and :target highlights it).
if (location.hash.startsWith('#p')) {
  const target = document.getElementById(location.hash.slice(1))
  if (target !== null) {
    requestAnimationFrame(() => {
      const box = target.getBoundingClientRect()
      if (box.top < 0 || box.top > window.innerHeight) target.scrollIntoView({ block: 'start' })
    })
  }
}
