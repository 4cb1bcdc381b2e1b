/** Below this many wanted items, selecting beats sorting everything. */
const SELECT_LIMIT = 64

/**
 * The first `count` of `items` in the order `compare` gives, as sorting would give them, without
 * sorting them all: a search ranks thousands of hits to show ten. `compare` must be a total order.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  compare: (a: T, b: T) => number,
): T[] {
  if (count <= 0) return []
  if (count > SELECT_LIMIT || count * 4 >= items.length) {
    return [...items].sort(compare).slice(0, count)
  }
  const first: T[] = []
  for (const item of items) {
    if (first.length === count && compare(item, first[count - 1] as T) >= 0) continue
    let low = 0
    let high = first.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compare(item, first[middle] as T) < 0) high = middle
      else low = middle + 1
    }
    first.splice(low, 0, item)
    if (first.length > count) first.pop()
  }
  return first
}
