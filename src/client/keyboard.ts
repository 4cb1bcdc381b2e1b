// Keyboard moves on the search page: ↑/↓ among the result titles, and back up to the box.

/** The results' title links, in page order. */
export function resultLinks(): HTMLAnchorElement[] {
  return [...document.querySelectorAll<HTMLAnchorElement>('#results .result-link')]
}

/** Focuses `element` and brings it into view; false when there is none. */
export function focusLink(element: HTMLElement | undefined): boolean {
  if (element === undefined) return false
  element.focus()
  element.scrollIntoView({ block: 'nearest' })
  return true
}

/**
 * ↑/↓ from wherever focus is in a result: ↓ to the next title; ↑ to this result's title, then
 * the one before, then the search box.
 */
export function moveInResults(event: KeyboardEvent, input: HTMLInputElement | null): void {
  const here = event.target as Element | null
  const result = here?.closest?.('#results .result')
  if (result === null || result === undefined) return
  const links = resultLinks()
  const title = result.querySelector<HTMLAnchorElement>('.result-link')
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

/** Whether keys typed at `target` are text (so `/` is a slash, not a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}
