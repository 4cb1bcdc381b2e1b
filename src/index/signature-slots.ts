import { SIGNATURE_BINS } from './minhash.ts'
import type { SavedNearCopies } from './near-copy-groups.ts'

/**
 * Near-copy signatures kept end to end in one typed array, each article's at its slot (slot ×
 * `SIGNATURE_BINS`), so that LSH buckets hold slot numbers and a comparison reads two stretches
 * of one array: no array an article. A removed article's slot is given again.
 */
export class SignatureSlots {
  readonly #slotOf = new Map<string, number>()
  readonly #idAt: (string | undefined)[] = []
  readonly #free: number[] = []
  #signatures = new Uint16Array(64 * SIGNATURE_BINS)

  /** The saved signatures of the articles `ids` (by number), each at the slot of its number. */
  static fromSaved(ids: readonly string[], saved: SavedNearCopies): SignatureSlots {
    const slots = new SignatureSlots()
    slots.#signatures = saved.signatures.slice()
    ids.forEach((id, number) => {
      if (saved.signed[number] === 1) {
        slots.#slotOf.set(id, number)
        slots.#idAt.push(id)
      } else {
        slots.#idAt.push(undefined)
        slots.#free.push(number)
      }
    })
    return slots
  }

  /** Every signature, end to end; a new array when `put` grows it, so read it after. */
  get signatures(): Uint16Array {
    return this.#signatures
  }

  /** One more than the greatest slot that can be given without growing. */
  get capacity(): number {
    return this.#signatures.length / SIGNATURE_BINS
  }

  /** Keeps an article's signature (its id must have none), copied; returns its slot. */
  put(id: string, signature: Uint16Array): number {
    const slot = this.#free.pop() ?? this.#idAt.length
    if (slot >= this.capacity) {
      const grown = new Uint16Array(Math.max(slot + 1, 2 * this.capacity) * SIGNATURE_BINS)
      grown.set(this.#signatures)
      this.#signatures = grown
    }
    this.#signatures.set(signature, slot * SIGNATURE_BINS)
    this.#slotOf.set(id, slot)
    this.#idAt[slot] = id
    return slot
  }

  /** Forgets an article's signature; its slot is free. */
  delete(id: string): void {
    const slot = this.#slotOf.get(id)
    if (slot === undefined) return
    this.#slotOf.delete(id)
    this.#idAt[slot] = undefined
    this.#free.push(slot)
  }

  slotOf(id: string): number | undefined {
    return this.#slotOf.get(id)
  }

  /** The article at a slot in use. */
  idAt(slot: number): string {
    return this.#idAt[slot] as string
  }

  /** The slots in use. */
  slots(): IterableIterator<number> {
    return this.#slotOf.values()
  }

  /** Copies an article's signature into `target` at `offset`; false when it has none. */
  copyTo(id: string, target: Uint16Array, offset: number): boolean {
    const slot = this.#slotOf.get(id)
    if (slot === undefined) return false
    target.set(
      this.#signatures.subarray(slot * SIGNATURE_BINS, (slot + 1) * SIGNATURE_BINS),
      offset,
    )
    return true
  }
}
