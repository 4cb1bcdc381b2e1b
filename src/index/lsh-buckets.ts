import { SIGNATURE_BINS } from './minhash.ts'

/** Rows (bins) per LSH band: with 20 bands of 6, a pair at 0.8 shares a band with p = 0.998. */
export const BAND_ROWS = 6
/** Bands in a signature. */
export const BANDS = Math.floor(SIGNATURE_BINS / BAND_ROWS)

/**
 * Locality-sensitive hashing's buckets: each signature is cut into `BANDS` bands, and signatures
 * that agree on a whole band meet in that band's bucket (a pair at similarity 0.8 shares one of
 * the 20 bands with probability 0.998; a pair at 0.5 with 0.27), so that only they are compared.
 *
 * Signatures are kept end to end in one array, each at its slot (slot × `SIGNATURE_BINS`); a
 * bucket is a chain of entries (slot × `BANDS` + band) in a typed array, found by its key in
 * its band's Map: no array or string a bucket. One Map for all bands, 20 times larger, cost
 * twice the 20 small ones (measured).
 */
export class BandBuckets {
  /** Per band, a key → the first entry of its bucket. */
  readonly #heads = Array.from({ length: BANDS }, () => new Map<number, number>())
  /** Per entry, the next entry of its bucket, or -1. */
  #next = new Int32Array(64 * BANDS)
  /** Per slot, the last insert it was met in (see `#inserts`): each slot is met once. */
  #metIn = new Int32Array(64)
  #inserts = 0

  /**
   * Puts the bands of the signature at `slot` in their buckets, first calling `meet` once with
   * the slot of each other signature that shares one of them.
   */
  insert(signatures: Uint16Array, slot: number, meet?: (other: number) => void): void {
    if (slot >= this.#metIn.length) {
      const capacity = Math.max(slot + 1, 2 * this.#metIn.length)
      const next = new Int32Array(capacity * BANDS)
      next.set(this.#next)
      this.#next = next
      const metIn = new Int32Array(capacity)
      metIn.set(this.#metIn)
      this.#metIn = metIn
    }
    const [next, metIn, insert] = [this.#next, this.#metIn, ++this.#inserts]
    metIn[slot] = insert
    for (let band = 0; band < BANDS; band++) {
      const heads = this.#heads[band] as Map<number, number>
      const key = bandKey(signatures, slot, band)
      const head = heads.get(key) ?? -1
      for (let entry = head; meet !== undefined && entry >= 0; entry = next[entry] as number) {
        const other = Math.floor(entry / BANDS)
        if (metIn[other] === insert) continue
        metIn[other] = insert
        meet(other)
      }
      const entry = slot * BANDS + band
      next[entry] = head
      heads.set(key, entry)
    }
  }

  /** Takes the bands of the signature at `slot` out of their buckets (it must be unchanged). */
  remove(signatures: Uint16Array, slot: number): void {
    const next = this.#next
    for (let band = 0; band < BANDS; band++) {
      const heads = this.#heads[band] as Map<number, number>
      const key = bandKey(signatures, slot, band)
      const entry = slot * BANDS + band
      const head = heads.get(key)
      if (head === entry) {
        const rest = next[entry] as number
        if (rest < 0) heads.delete(key)
        else heads.set(key, rest)
        continue
      }
      for (let at = head ?? -1; at >= 0; at = next[at] as number) {
        if (next[at] === entry) {
          next[at] = next[entry] as number
          break
        }
      }
    }
  }
}

/**
 * A band's values hashed into one small integer (FNV-1a, kept to 30 bits so that V8
 * keeps it unboxed), the key of its bucket: equal bands meet in one bucket. Two different bands
 * may share a key; that only adds a comparison, since a link is decided by the signatures.
 */
function bandKey(signatures: Uint16Array, slot: number, band: number): number {
  let hash = 0x811c9dc5
  const from = slot * SIGNATURE_BINS + band * BAND_ROWS
  for (let row = from; row < from + BAND_ROWS; row++) {
    hash ^= signatures[row] as number
    hash = Math.imul(hash, 0x01000193)
  }
  return hash & 0x3fffffff
}
