// Lists derived from one state of an index and kept while it lasts, within a memory budget: the
// next-word lists of frequent pairs (pair-postings.ts) and the merged words of short prefixes
// (kept-words.ts). A state is an object made anew on any change to the index (its article
// numbering), so a list is never read after the change that made it wrong.

/** Kept lists of one kind, at most `budget` entries over all, the oldest dropped first. */
export class KeptPerState<T> {
  readonly #states = new WeakMap<object, { lists: Map<string, T>; kept: number }>()
  readonly #budget: number
  readonly #size: (list: T) => number

  constructor(budget: number, size: (list: T) => number) {
    this.#budget = budget
    this.#size = size
  }

  /** The list kept under `key` for `state`, if any. */
  get(state: object, key: string): T | undefined {
    return this.#states.get(state)?.lists.get(key)
  }

  /** Keeps `list` for `state`, dropping the oldest lists to make room; one larger than the budget is not kept. */
  keep(state: object, key: string, list: T): void {
    const size = this.#size(list)
    if (size > this.#budget) return
    let held = this.#states.get(state)
    if (held === undefined) {
      held = { lists: new Map(), kept: 0 }
      this.#states.set(state, held)
    }
    if (held.lists.has(key)) return
    for (const [oldest, old] of held.lists) {
      if (held.kept + size <= this.#budget) break
      held.lists.delete(oldest)
      held.kept -= this.#size(old)
    }
    held.lists.set(key, list)
    held.kept += size
  }
}
