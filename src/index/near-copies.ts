import { estimatedSimilarity, SIGNATURE_BINS } from './minhash.ts'
import { type Grouping, groupingOf, linkedGroups, savedGroups } from './near-copy-groups.ts'

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

/** Rows (bins) per LSH band: with 20 bands of 6, a pair at 0.8 shares a band with p = 0.998. */
const BAND_ROWS = 6
const BANDS = Math.floor(SIGNATURE_BINS / BAND_ROWS)

/** Default Jaccard similarity of two articles' 3-term shingles from which they are near-copies. */
export const DEFAULT_NEAR_COPY_THRESHOLD = 0.8

/**
 * The similarity from which two articles are near-copies, or `null` for no detection: every
 * article is a story of its own, and indexing skips the signatures.
 */
export type NearCopyThreshold = number | null

/**
 * Estimates at least this far from the threshold are trusted (2.7 standard errors at 0.8);
 * nearer ones are decided by the exact similarity, so that templated articles whose true
 * similarity sits just under the threshold are not grouped by the luck of their hashes.
 */
const TRUSTED_MARGIN = 0.1

/** The exact Jaccard similarity of two articles' shingles. */
export type ExactSimilarity = (a: string, b: string) => number

/**
 * Articles whose texts are nearly the same, kept up to date as articles come and go.
 *
 * Locality-sensitive hashing finds the candidates: each signature is cut into bands, and only
 * articles that agree on a whole band are compared (a pair at similarity 0.8 shares one of the
 * 20 bands with probability 0.998; a pair at 0.5 with 0.27). A compared pair whose similarity
 * reaches the threshold is linked (estimated from the signatures, or computed exactly by
 * `exact` when the estimate is close to the threshold), and a group is a set of articles
 * connected by links. A link depends only on its two articles, so the groups are the same
 * whatever order the articles were added or removed in: an incremental build agrees with a
 * full one.
 */
export class NearCopies {
  readonly threshold: NearCopyThreshold
  readonly #exact: ExactSimilarity | undefined
  /**
   * What a load restored, as it was saved, while no article has been added or removed since:
   * the Maps below are made from it only then (`#materialize`). A Set of links per article cost
   * a million-paragraph load seconds and most of its garbage, for groups read from the arrays.
   */
  #saved: { ids: readonly string[]; near: SavedNearCopies } | undefined
  readonly #signatures = new Map<string, Uint16Array>()
  /**
   * Per band: the hash of a band's values → the articles with those values there. Made from the
   * signatures when first needed after a restore.
   */
  #buckets: Map<number, string[]>[] | undefined = emptyBuckets()
  readonly #links = new Map<string, Set<string>>()
  /** The groups and each grouped article's group: made when asked, dropped on a change. */
  #grouping: Grouping | undefined

  /** `exact` computes two articles' exact similarity, for estimates near the threshold. */
  constructor(threshold: NearCopyThreshold = DEFAULT_NEAR_COPY_THRESHOLD, exact?: ExactSimilarity) {
    if (threshold !== null && !(threshold > 0 && threshold <= 1))
      throw new RangeError(`newsdex: the near-copy threshold must be in (0, 1], not ${threshold}`)
    this.threshold = threshold
    this.#exact = exact
  }

  /** Whether near-copies are looked for at all (a threshold was given). */
  get detecting(): boolean {
    return this.threshold !== null
  }

  /**
   * Adds an article's signature (none for a text too short to compare) and links its
   * near-copies; ignored when not detecting.
   */
  add(id: string, signature: Uint16Array | undefined): void {
    this.remove(id)
    this.#grouping = undefined
    if (signature === undefined || this.threshold === null) return
    const bucketed = this.#bucketed()
    const compared = new Set<string>()
    for (let band = 0; band < BANDS; band++) {
      const buckets = bucketed[band] as Map<number, string[]>
      const key = bandKey(signature, band)
      const bucket = buckets.get(key)
      if (bucket === undefined) {
        buckets.set(key, [id])
        continue
      }
      for (const other of bucket) {
        if (compared.has(other)) continue
        compared.add(other)
        const estimate = estimatedSimilarity(signature, this.#signatures.get(other) as Uint16Array)
        if (this.#areNearCopies(id, other, estimate)) this.#link(id, other)
      }
      bucket.push(id)
    }
    this.#signatures.set(id, signature)
  }

  /** Forgets an article: its links go, so a group it held together may split. */
  remove(id: string): void {
    this.#materialize()
    const signature = this.#signatures.get(id)
    if (signature === undefined) return
    this.#grouping = undefined
    const bucketed = this.#bucketed()
    for (let band = 0; band < BANDS; band++) {
      const buckets = bucketed[band] as Map<number, string[]>
      const key = bandKey(signature, band)
      const bucket = buckets.get(key) ?? []
      const at = bucket.indexOf(id)
      if (at >= 0) bucket.splice(at, 1)
      if (bucket.length === 0) buckets.delete(key)
    }
    for (const other of this.#links.get(id) ?? []) {
      const links = this.#links.get(other)
      links?.delete(id)
      if (links?.size === 0) this.#links.delete(other)
    }
    this.#links.delete(id)
    this.#signatures.delete(id)
  }

  /**
   * The signatures and links of the articles `ids` (every article held, in the order a load
   * will restore them), for saving.
   */
  snapshot(ids: readonly string[]): SavedNearCopies {
    this.#materialize()
    const signatures = new Uint16Array(ids.length * SIGNATURE_BINS)
    const signed = new Uint8Array(ids.length)
    const numbers = new Map<string, number>()
    ids.forEach((id, number) => {
      numbers.set(id, number)
      const signature = this.#signatures.get(id)
      if (signature === undefined) return
      signatures.set(signature, number * SIGNATURE_BINS)
      signed[number] = 1
    })
    const links: number[] = []
    for (const [id, others] of this.#links) {
      const number = numbers.get(id) as number
      for (const other of others) {
        const otherNumber = numbers.get(other) as number
        if (number < otherNumber) links.push(number, otherNumber)
      }
    }
    return { signatures, signed, links: Int32Array.from(links) }
  }

  /**
   * Takes back a snapshot of the articles `ids` into an empty instance, as it is: nothing is
   * compared or hashed, and the Maps an update needs are made only when an article is next
   * added or removed. Throws when the arrays do not fit `ids` or a link names no article.
   */
  restore(ids: readonly string[], saved: SavedNearCopies): void {
    const { signatures, signed, links } = saved
    if (signed.length !== ids.length || signatures.length !== ids.length * SIGNATURE_BINS)
      throw new Error('the near-copy signatures do not match the articles')
    if (links.length % 2 !== 0) throw new Error('the near-copy links are cut short')
    for (let i = 0; i < links.length; i += 2) {
      const [a, b] = [links[i] as number, links[i + 1] as number]
      if (a < 0 || b < 0 || a >= ids.length || b >= ids.length || a === b)
        throw new Error('a near-copy link names no article')
    }
    this.#signatures.clear()
    this.#links.clear()
    this.#buckets = undefined
    this.#grouping = undefined
    this.#saved = { ids, near: saved }
  }

  /** Makes the Maps an update changes from what a load restored (see `#saved`). */
  #materialize(): void {
    const saved = this.#saved
    if (saved === undefined) return
    this.#saved = undefined
    const { ids, near } = saved
    ids.forEach((id, number) => {
      if (near.signed[number] !== 1) return
      const from = number * SIGNATURE_BINS
      this.#signatures.set(id, near.signatures.subarray(from, from + SIGNATURE_BINS))
    })
    const { links } = near
    for (let i = 0; i < links.length; i += 2)
      this.#link(ids[links[i] as number] as string, ids[links[i + 1] as number] as string)
  }

  /**
   * Takes over the signatures, buckets and links of `other`, an instance with the same
   * threshold that is not used after: a build links near-copies as it reads, before the index
   * they belong to exists. What is saved is then what adding the articles here would save.
   */
  adopt(other: NearCopies): void {
    if (other.threshold !== this.threshold) throw new Error('newsdex: near-copy thresholds differ')
    other.#materialize()
    this.#saved = undefined
    this.#signatures.clear()
    for (const [id, signature] of other.#signatures) this.#signatures.set(id, signature)
    this.#buckets = other.#buckets
    this.#links.clear()
    for (const [id, links] of other.#links) this.#links.set(id, links)
    this.#grouping = undefined
  }

  /** The LSH buckets, made from the signatures if a restore left them unmade. */
  #bucketed(): Map<number, string[]>[] {
    if (this.#buckets === undefined) {
      const bucketed = emptyBuckets()
      for (const [id, signature] of this.#signatures) {
        for (let band = 0; band < BANDS; band++) {
          const buckets = bucketed[band] as Map<number, string[]>
          const key = bandKey(signature, band)
          const bucket = buckets.get(key)
          if (bucket === undefined) buckets.set(key, [id])
          else bucket.push(id)
        }
      }
      this.#buckets = bucketed
    }
    return this.#buckets
  }

  /** The signature an article was added with. */
  signatureOf(id: string): Uint16Array | undefined {
    this.#materialize()
    return this.#signatures.get(id)
  }

  /** The other articles of an article's group, sorted by id (empty when it has no near-copy). */
  copiesOf(id: string): string[] {
    const { groups, groupOf } = this.#grouped()
    const group = groups[groupOf.get(id) ?? -1]
    return group === undefined ? [] : group.filter((member) => member !== id)
  }

  /**
   * The story an article belongs to: its group's first id, or undefined when it has no
   * near-copy (it is a story of its own). Results show one article a story.
   */
  storyOf(id: string): string | undefined {
    const { groups, groupOf } = this.#grouped()
    return groups[groupOf.get(id) ?? -1]?.[0]
  }

  /**
   * Every group of two or more articles, each sorted by id, ordered by their first id. Made
   * once per state (a load makes it, so that the first search does not): do not change it.
   */
  groups(): readonly (readonly string[])[] {
    return this.#grouped().groups
  }

  #grouped(): Grouping {
    this.#grouping ??= groupingOf(
      this.#saved === undefined
        ? linkedGroups(this.#links)
        : savedGroups(this.#saved.ids, this.#saved.near.links),
    )
    return this.#grouping
  }

  #areNearCopies(a: string, b: string, estimate: number): boolean {
    const threshold = this.threshold as number
    if (this.#exact === undefined || Math.abs(estimate - threshold) >= TRUSTED_MARGIN)
      return estimate >= threshold
    return this.#exact(a, b) >= threshold
  }

  #link(a: string, b: string): void {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      let links = this.#links.get(from)
      if (links === undefined) {
        links = new Set()
        this.#links.set(from, links)
      }
      links.add(to)
    }
  }
}

/**
 * A band's values hashed into one small integer (FNV-1a, kept to 30 bits so that V8 keeps it
 * unboxed), the key of its bucket: equal bands meet in one bucket. Two different bands may share
 * a key; that only adds a comparison, since a link is decided by the signatures.
 */
function bandKey(signature: Uint16Array, band: number): number {
  let hash = 0x811c9dc5
  for (let row = band * BAND_ROWS; row < (band + 1) * BAND_ROWS; row++) {
    hash ^= signature[row] as number
    hash = Math.imul(hash, 0x01000193)
  }
  return hash & 0x3fffffff
}

/** One empty bucket map per band. */
function emptyBuckets(): Map<number, string[]>[] {
  return Array.from({ length: BANDS }, () => new Map<number, string[]>())
}
