/** Below this many wanted items, selecting beats sorting everything. */
export const SELECT_LIMIT = 64

/**
 * Whether the first `count` items in an order are better found by keeping them as the items
 * come (`insertBounded`) than by sorting every item once: a search ranks thousands of hits to
 * show ten, but a deep page, or few items, sort faster.
 */
export function selects(count: number, items: number): boolean {
  return count <= SELECT_LIMIT && count * 4 < items
}

/**
 * Puts `item` into `first` (at most `count` items, kept in the order `compare` gives) where it
 * belongs, dropping the last when there are more than `count`. Returns false, changing nothing,
 * when `first` is full and `item` comes after its last. Equal items keep their arrival order,
 * as a stable sort would.
 */
export function insertBounded<T>(
  first: T[],
  item: T,
  count: number,
  compare: (a: T, b: T) => number,
): boolean {
  if (first.length === count && compare(item, first[count - 1] as T) >= 0) return false
  let low = 0
  let high = first.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (compare(item, first[middle] as T) < 0) high = middle
    else low = middle + 1
  }
  first.splice(low, 0, item)
  if (first.length > count) first.pop()
  return true
}

/**
 * The first `count` of `items` in the order `compare` gives, as sorting would give them, without
 * sorting them all. `compare` must be a total order.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  compare: (a: T, b: T) => number,
): T[] {
  if (count <= 0) return []
  if (!selects(count, items.length)) return [...items].sort(compare).slice(0, count)
  const first: T[] = []
  for (const item of items) insertBounded(first, item, count, compare)
  return first
}
