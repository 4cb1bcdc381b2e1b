/**
 * Near-copy links and groups: the connected sets of articles, whether the links are the Maps
 * an update keeps (`NearCopies`) or the pairs of article numbers an index is saved with.
 */
import { SIGNATURE_BINS } from './minhash.ts'

/**
 * Near-copies as arrays, by article number (the order of the ids they are saved with), so that
 * a load restores them without hashing every article's text again: each article's signature
 * (`SIGNATURE_BINS` values; `signed[i]` is 0 for a text too short to have one) and the links,
 * as pairs of article numbers.
 */
export interface SavedNearCopies {
  signatures: Uint16Array
  signed: Uint8Array
  links: Int32Array
}

/** Throws when saved near-copies do not fit the articles `ids` or a link names no article. */
export function checkSaved(ids: readonly string[], saved: SavedNearCopies): void {
  const { signatures, signed, links } = saved
  if (signed.length !== ids.length || signatures.length !== ids.length * SIGNATURE_BINS)
    throw new Error('the near-copy signatures do not match the articles')
  if (links.length % 2 !== 0) throw new Error('the near-copy links are cut short')
  for (let i = 0; i < links.length; i += 2) {
    const [a, b] = [links[i] as number, links[i + 1] as number]
    if (a < 0 || b < 0 || a >= ids.length || b >= ids.length || a === b)
      throw new Error('a near-copy link names no article')
  }
}

/** Links kept as a Set of linked articles per article, as pairs of their numbers in `ids`. */
export function linkPairs(
  ids: readonly string[],
  links: ReadonlyMap<string, ReadonlySet<string>>,
): Int32Array {
  const numbers = new Map(ids.map((id, number) => [id, number]))
  const pairs: number[] = []
  for (const [id, others] of links) {
    const number = numbers.get(id) as number
    for (const other of others) {
      const otherNumber = numbers.get(other) as number
      if (number < otherNumber) pairs.push(number, otherNumber)
    }
  }
  return Int32Array.from(pairs)
}

/** The groups, each sorted by id and ordered by their first id, and each article's group. */
export interface Grouping {
  groups: string[][]
  groupOf: Map<string, number>
}

/** Sorts `groups` (each by id, then by first id) and numbers their articles. */
export function groupingOf(groups: string[][]): Grouping {
  for (const group of groups) group.sort()
  groups.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
  const groupOf = new Map<string, number>()
  groups.forEach((group, number) => {
    for (const id of group) groupOf.set(id, number)
  })
  return { groups, groupOf }
}

/** The groups of links kept as a Set of linked articles per article. */
export function linkedGroups(links: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const seen = new Set<string>()
  const groups: string[][] = []
  for (const id of links.keys()) {
    if (seen.has(id)) continue
    const group = [id]
    seen.add(id)
    // Breadth first: `group` is both the result and the queue.
    for (let at = 0; at < group.length; at++) {
      for (const other of links.get(group[at] as string) ?? []) {
        if (!seen.has(other)) {
          seen.add(other)
          group.push(other)
        }
      }
    }
    groups.push(group)
  }
  return groups
}

/**
 * The groups of saved links (pairs of numbers in `ids`), by union-find over the numbers: a few
 * typed passes, where following Sets of links article by article made most of a load's garbage.
 */
export function savedGroups(ids: readonly string[], links: Int32Array): string[][] {
  const parent = new Int32Array(ids.length)
  for (let i = 0; i < parent.length; i++) parent[i] = i
  const root = (of: number): number => {
    let at = of
    while (parent[at] !== at) {
      const up = parent[parent[at] as number] as number
      parent[at] = up
      at = up
    }
    return at
  }
  const linked = new Uint8Array(ids.length)
  for (let i = 0; i < links.length; i += 2) {
    const [a, b] = [links[i] as number, links[i + 1] as number]
    linked[a] = 1
    linked[b] = 1
    const [ra, rb] = [root(a), root(b)]
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
  const byRoot = new Map<number, string[]>()
  for (let i = 0; i < ids.length; i++) {
    if (linked[i] !== 1) continue
    const r = root(i)
    const group = byRoot.get(r)
    if (group === undefined) byRoot.set(r, [ids[i] as string])
    else group.push(ids[i] as string)
  }
  return [...byRoot.values()]
}
