// Results ordered by date (`sort=newest|oldest`) without letting weak matches on top. Pure.

/** How results are ordered: by relevance (the ranking), or by date either way. */
export type SortOrder = 'relevance' | 'newest' | 'oldest'

/** The sort orders, as the `sort` parameter and `--sort` take them. */
export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest']

/** What ordering by date needs to know of a result. */
export interface Dated {
  /** ISO 8601 as `readDate` writes it (a UTC datetime, or a day alone), or null when undated. */
  date: string | null | undefined
  /** Whether it holds every word of the query (a complete match) rather than some. */
  complete: boolean
}

/**
 * A comparator for `newest` or `oldest`: complete matches first, then partial ones; within each,
 * by date, undated last; ties (same date) in `relevance` order. Dates compare as text, which is
 * time order for UTC ISO strings; a day alone counts as the start of that day, so among
 * `newest` it comes after the times within the day and among `oldest` before them.
 *
 * @example results.sort(dateOrder('newest', (r) => r, byRelevance))
 */
export function dateOrder<T>(
  sort: 'newest' | 'oldest',
  dated: (item: T) => Dated,
  relevance: (a: T, b: T) => number,
): (a: T, b: T) => number {
  const direction = sort === 'newest' ? -1 : 1
  return (a, b) => {
    const x = dated(a)
    const y = dated(b)
    if (x.complete !== y.complete) return x.complete ? -1 : 1
    const dx = x.date ?? null
    const dy = y.date ?? null
    if (dx !== dy) {
      if (dx === null) return 1
      if (dy === null) return -1
      return dx < dy ? -direction : direction
    }
    return relevance(a, b)
  }
}
