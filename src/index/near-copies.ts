import { BandBuckets } from './lsh-buckets.ts'
import { estimatedSimilarity, SIGNATURE_BINS } from './minhash.ts'
import {
  checkSaved,
  type Grouping,
  groupingOf,
  linkedGroups,
  linkPairs,
  type SavedNearCopies,
  savedGroups,
} from './near-copy-groups.ts'
import { SignatureSlots } from './signature-slots.ts'

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
 * Locality-sensitive hashing finds the candidates (lsh-buckets.ts): only articles whose
 * signatures agree on a whole band are compared. A compared pair whose similarity reaches the
 * threshold is linked (estimated from the signatures, or computed exactly by `exact` when the
 * estimate is close to the threshold), and a group is a set of articles connected by links. A
 * link depends only on its two articles, so the groups are the same whatever order the
 * articles were added or removed in: an incremental build agrees with a full one.
 */
export class NearCopies {
  readonly threshold: NearCopyThreshold
  readonly #exact: ExactSimilarity | undefined
  /**
   * What a load restored, as it was saved, while no article has been added or removed since:
   * the slots below are made from it only then (`#materialize`). A Set of links per article cost
   * a million-paragraph load seconds and most of its garbage, for groups read from the arrays.
   */
  #saved: { ids: readonly string[]; near: SavedNearCopies } | undefined
  /** The signed articles' signatures, by slot. */
  #slots = new SignatureSlots()
  /** The LSH buckets of the slots; made from the signatures when first needed after a restore. */
  #buckets: BandBuckets | undefined = new BandBuckets()
  /** The slot being added. */
  #adding = -1
  #links = new Map<string, Set<string>>()
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
    const buckets = this.#bucketed()
    const slot = this.#slots.put(id, signature)
    this.#adding = slot
    buckets.insert(this.#slots.signatures, slot, this.#meet)
  }

  /** Compares the article being added with the one at `other`, and links them if near. */
  readonly #meet = (other: number): void => {
    const slot = this.#adding
    const signatures = this.#slots.signatures
    const estimate = estimatedSimilarity(
      signatures,
      signatures,
      slot * SIGNATURE_BINS,
      other * SIGNATURE_BINS,
    )
    const [id, otherId] = [this.#slots.idAt(slot), this.#slots.idAt(other)]
    if (this.#areNearCopies(id, otherId, estimate)) this.#link(id, otherId)
  }

  /** Forgets an article: its links go, so a group it held together may split. */
  remove(id: string): void {
    this.#materialize()
    const slot = this.#slots.slotOf(id)
    if (slot === undefined) return
    this.#grouping = undefined
    this.#bucketed().remove(this.#slots.signatures, slot)
    this.#slots.delete(id)
    for (const other of this.#links.get(id) ?? []) {
      const links = this.#links.get(other)
      links?.delete(id)
      if (links?.size === 0) this.#links.delete(other)
    }
    this.#links.delete(id)
  }

  /**
   * The signatures and links of the articles `ids` (every article held, in the order a load
   * will restore them), for saving.
   */
  snapshot(ids: readonly string[]): SavedNearCopies {
    this.#materialize()
    const signatures = new Uint16Array(ids.length * SIGNATURE_BINS)
    const signed = new Uint8Array(ids.length)
    ids.forEach((id, number) => {
      if (this.#slots.copyTo(id, signatures, number * SIGNATURE_BINS)) signed[number] = 1
    })
    return { signatures, signed, links: linkPairs(ids, this.#links) }
  }

  /**
   * Takes back a snapshot of the articles `ids` into an empty instance, as it is: nothing is
   * compared or hashed, and what an update needs is made only when an article is next added
   * or removed. Throws when the arrays do not fit `ids` or a link names no article.
   */
  restore(ids: readonly string[], saved: SavedNearCopies): void {
    checkSaved(ids, saved)
    this.#slots = new SignatureSlots()
    this.#links = new Map()
    this.#buckets = undefined
    this.#grouping = undefined
    this.#saved = { ids, near: saved }
  }

  /** Makes the slots and links an update changes from what a load restored (see `#saved`). */
  #materialize(): void {
    const saved = this.#saved
    if (saved === undefined) return
    this.#saved = undefined
    const { ids, near } = saved
    this.#slots = SignatureSlots.fromSaved(ids, near)
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
    this.#slots = other.#slots
    this.#buckets = other.#buckets
    this.#links = other.#links
    this.#grouping = undefined
  }

  /** The LSH buckets, made from the signatures if a restore left them unmade. */
  #bucketed(): BandBuckets {
    if (this.#buckets === undefined) {
      const buckets = new BandBuckets()
      for (const slot of this.#slots.slots()) buckets.insert(this.#slots.signatures, slot)
      this.#buckets = buckets
    }
    return this.#buckets
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
