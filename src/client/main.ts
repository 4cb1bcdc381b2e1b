// The search page's script: wires the box, the suggestions, the sort choice, the timeline and
// the keyboard to a live search. Without it the page still works: the form is a GET to `/` and
// the server draws the results. Bundled by scripts/build-client.mjs into public/app.js.
import { focusLink, isTyping, moveInResults, resultLinks } from './keyboard.ts'
import { LiveSearch, narrowingOf } from './live-search.ts'
import { SuggestionList } from './suggestions.ts'

/** How long the box waits for typing to pause before it searches. */
const DEBOUNCE_MS = 100

const input = document.getElementById('q') as HTMLInputElement | null
const list = document.getElementById('suggestions')
const results = document.getElementById('results')
const status = document.getElementById('status')
const form = input?.form ?? null
const sortSelect = document.getElementById('sort') as HTMLSelectElement | null

const live =
  results !== null && status !== null
    ? new LiveSearch(
        {
          results,
          status,
          heading: document.getElementById('results-title'),
          intro: document.getElementById('intro'),
          form,
        },
        narrowingOf(location.search),
      )
    : undefined

let timer: ReturnType<typeof setTimeout> | undefined

/** Searches `q` now, dropping any search still waiting for typing to pause. */
function searchNow(q: string): void {
  clearTimeout(timer)
  void live?.run(q)
}

const suggestions =
  input !== null && list !== null ? new SuggestionList(input, list, searchNow) : undefined

if (input !== null) {
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      void live?.run(input.value)
      void suggestions?.update(input.value)
    }, DEBOUNCE_MS)
  })
  input.addEventListener('keydown', (event) => {
    if (suggestions?.onKey(event) === true || event.key !== 'ArrowDown') return
    const first = resultLinks()[0]
    if (first === undefined) return
    suggestions?.close()
    focusLink(first)
    event.preventDefault()
  })
}

if (form !== null && input !== null && live !== undefined) {
  // With the results on this page, a submit searches here instead of loading the page again.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    suggestions?.close()
    searchNow(input.value)
  })
}

if (sortSelect !== null && input !== null && live !== undefined) {
  sortSelect.addEventListener('change', () => {
    const sort = sortSelect.value
    if (sort === 'newest' || sort === 'oldest') live.narrowing.sort = sort
    else delete live.narrowing.sort
    searchNow(input.value)
  })
}

// A timeline bar or "All dates" narrows (or widens) the search here, without loading the page;
// Enter on a focused bar is a click.
results?.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('.timeline a')
  if (!(link instanceof HTMLAnchorElement) || input === null || live === undefined) return
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  const params = new URL(link.href).searchParams
  const { narrowing } = live
  delete narrowing.from
  delete narrowing.to
  const from = params.get('from')
  const to = params.get('to')
  if (from !== null) narrowing.from = from
  if (to !== null) narrowing.to = to
  input.value = params.get('q') ?? ''
  searchNow(input.value)
})

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
  if (event.key === '/' && !isTyping(event.target) && input !== null) {
    event.preventDefault()
    input.focus()
    input.select()
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (event.target !== input) moveInResults(event, input)
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
