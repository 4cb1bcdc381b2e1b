// Suggestions under the search box, as an ARIA combobox: words to complete the query and
// article titles to open, fetched from `/suggest` as the box changes.
import { withQuery } from '../page/address.ts'
import type { Suggestion, SuggestResponse } from '../search/types.ts'
import { h } from './dom.ts'

/** The box's suggestion list: fetching, drawing, the active option, and choosing one. */
export class SuggestionList {
  readonly #input: HTMLInputElement
  readonly #list: HTMLElement
  /** Called with the box's new text when a word is chosen. */
  readonly #onWord: (q: string) => void
  #fetching: AbortController | undefined
  #shown: Suggestion[] = []
  #active = -1

  constructor(input: HTMLInputElement, list: HTMLElement, onWord: (q: string) => void) {
    this.#input = input
    this.#list = list
    this.#onWord = onWord
    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-controls', list.id)
    input.setAttribute('aria-expanded', 'false')
    input.addEventListener('blur', () => this.close())
    // Keep focus in the box while an option is clicked.
    list.addEventListener('mousedown', (event) => event.preventDefault())
    list.addEventListener('click', (event) => {
      const option = (event.target as Element | null)?.closest?.('[role="option"]')
      if (option) this.#choose([...list.children].indexOf(option))
    })
  }

  /** Whether the list is open with options to move among. */
  get isOpen(): boolean {
    return !this.#list.hidden && this.#shown.length > 0
  }

  /** Fetches and shows the suggestions for `q`; a failed fetch simply shows none. */
  async update(q: string): Promise<void> {
    this.#fetching?.abort()
    if (q.trim() === '') {
      this.#show([])
      return
    }
    const controller = new AbortController()
    this.#fetching = controller
    try {
      const response = await fetch(`/suggest?${new URLSearchParams({ q })}`, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
      })
      if (!response.ok) return
      const body = (await response.json()) as SuggestResponse
      if (controller.signal.aborted || this.#input.value !== q) return
      this.#show(body.suggestions)
    } catch {
      // Suggestions are a convenience: a failed one is simply not shown.
    }
  }

  close(): void {
    this.#fetching?.abort()
    this.#show([])
  }

  /**
   * Handles ↑, ↓, Enter and Escape while the list is open; returns whether it did. ↓ past the
   * last option is not handled (the page moves on to the results).
   */
  onKey(event: KeyboardEvent): boolean {
    if (!this.isOpen) return false
    if (event.key === 'ArrowDown' && this.#active < this.#shown.length - 1) {
      this.#setActive(this.#active + 1)
    } else if (event.key === 'ArrowUp') this.#setActive(Math.max(-1, this.#active - 1))
    else if (event.key === 'Enter' && this.#active >= 0) this.#choose(this.#active)
    else if (event.key === 'Escape') this.close()
    else return false
    event.preventDefault()
    return true
  }

  #show(next: Suggestion[]): void {
    this.#shown = next
    this.#active = -1
    this.#list.replaceChildren(
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
    const open = next.length > 0 && document.activeElement === this.#input
    this.#list.hidden = !open
    this.#input.setAttribute('aria-expanded', String(open))
    this.#input.removeAttribute('aria-activedescendant')
  }

  #setActive(i: number): void {
    this.#active = i
    this.#list.querySelectorAll('[role="option"]').forEach((option, j) => {
      option.setAttribute('aria-selected', String(i === j))
    })
    if (i >= 0) {
      this.#input.setAttribute('aria-activedescendant', `suggestion-${i}`)
      this.#list.children[i]?.scrollIntoView({ block: 'nearest' })
    } else this.#input.removeAttribute('aria-activedescendant')
  }

  /** A title opens its article; a word goes into the box and is searched. */
  #choose(i: number): void {
    const suggestion = this.#shown[i]
    if (suggestion === undefined) return
    this.close()
    if (suggestion.kind === 'title' && suggestion.url !== undefined) {
      location.assign(withQuery(suggestion.url, this.#input.value))
      return
    }
    this.#input.value = `${suggestion.value} `
    this.#onWord(this.#input.value)
  }
}
