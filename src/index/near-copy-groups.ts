/**
 * Near-copy groups from links: the connected sets of articles, whether the links are the Maps
 * an update keeps (`NearCopies`) or the pairs of article numbers an index is saved with.
 */

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
