/**
 * MinHash signatures of word shingles, for finding near-copies of an article without comparing
 * every pair.
 *
 * Classic MinHash hashes every shingle once per permutation (128 hashes a shingle); here one
 * hash a shingle fills all the bins at once ("one permutation hashing", Li, Owen and Zhang,
 * 2012): its top bits choose a bin, its low 16 bits are that bin's candidate minimum. Bins left
 * empty (short texts) borrow the next filled bin's value, shifted by how far they borrowed
 * ("densification", Shrivastava and Li, 2014), so that two texts agree on a bin with
 * probability equal to their Jaccard similarity and the signature stays comparable bin by bin.
 *
 * A shingle's hash is its words' hashes combined as a polynomial (two multiplies), then mixed
 * once: a few integer operations a word, on words the indexer has already analysed, so that
 * detection adds little to a build (`ShingleSigner` signs a text as its words stream by).
 */

/** Bins in a signature: the estimate's standard error is about √(J(1−J)/120), 0.037 at J = 0.8. */
export const SIGNATURE_BINS = 120

/** Words in a shingle. Three words make a changed figure change only three shingles. */
export const SHINGLE_WORDS = 3

/** Fewer distinct shingles than this and a text is too short to call a near-copy of another. */
export const MIN_SHINGLES = 8

const EMPTY = 0xffffffff
/** The polynomial's base (odd, so that multiplying by it loses no bit) and its square. */
const BASE = 0x9e3779b1
const BASE_SQUARED = Math.imul(BASE, BASE)

/** FNV-1a over a string's UTF-16 code units: a fast 32-bit hash of a word, as a signed integer. */
export function wordHash(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash | 0
}

/** Murmur3's finaliser: every input bit moves every output bit. */
function mix(value: number): number {
  let h = value
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * The hash of the `size` words from `start` (given as word hashes): Σ word·BASE^(from the end),
 * mixed. Two different runs of words meet only by a 1-in-2³² chance.
 */
function shingleHash(words: readonly number[], start: number, size: number): number {
  let hash = 0
  for (let k = 0; k < size; k++) hash = (Math.imul(hash, BASE) + (words[start + k] as number)) | 0
  return mix(hash)
}

/**
 * The distinct shingles of a word sequence (given as word hashes), as hashes, sorted: the
 * definition a signature is made from. A text shorter than a shingle is one shingle of all its
 * words.
 */
export function shingles(words: readonly number[]): Uint32Array {
  const size = Math.min(SHINGLE_WORDS, words.length)
  const count = words.length === 0 ? 0 : words.length - size + 1
  const hashes = new Uint32Array(count)
  for (let start = 0; start < count; start++) hashes[start] = shingleHash(words, start, size)
  hashes.sort()
  let distinct = 0
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[distinct++] = hashes[i] as number
  }
  return hashes.subarray(0, distinct)
}

/**
 * A text's signature from its distinct shingles: per bin, the least 16-bit value of the
 * shingles that fall in it (16 bits keep it small to save; two different values agree by chance
 * once in 65,536). Undefined for a text with fewer than `MIN_SHINGLES` shingles.
 */
export function signature(shingleHashes: Uint32Array): Uint16Array | undefined {
  if (shingleHashes.length < MIN_SHINGLES) return undefined
  const minima = new Uint32Array(SIGNATURE_BINS).fill(EMPTY)
  for (const hash of shingleHashes) keepLeast(minima, hash)
  return densified(minima)
}

/** Puts a shingle's hash in its bin if it is the least there. */
function keepLeast(minima: Uint32Array, hash: number): void {
  // The high bits pick the bin (multiply-shift, no modulo bias); the low 16 are the value.
  const bin = ((hash >>> 16) * SIGNATURE_BINS) >>> 16
  const value = hash & 0xffff
  if (value < (minima[bin] as number)) minima[bin] = value
}

/** The signature of bin minima, empty bins densified (see above). */
function densified(minima: Uint32Array): Uint16Array {
  const result = new Uint16Array(SIGNATURE_BINS)
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) {
    let from = bin
    let distance = 0
    while (minima[from] === EMPTY) {
      from = from + 1 === SIGNATURE_BINS ? 0 : from + 1
      distance++
    }
    result[bin] = ((minima[from] as number) + distance * 0x9e37) & 0xffff
  }
  return result
}

/**
 * The share of bins on which two signatures agree: an estimate of their texts' Jaccard
 * similarity. The signatures start at `aFrom` of `a` and `bFrom` of `b` (default 0), so that
 * signatures kept end to end are compared where they are.
 */
export function estimatedSimilarity(a: Uint16Array, b: Uint16Array, aFrom = 0, bFrom = 0): number {
  let same = 0
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) if (a[aFrom + bin] === b[bFrom + bin]) same++
  return same / SIGNATURE_BINS
}

/** The exact Jaccard similarity of two sorted sets of shingle hashes (for tests and reports). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0
  let j = 0
  let both = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) {
      both++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  const either = a.length + b.length - both
  return either === 0 ? 1 : both / either
}

/**
 * Signs texts word by word, `signature(shingles(words))` without the shingles: a bin's minimum
 * does not depend on the order of the shingles or their repeats, so nothing is sorted or kept
 * but the bins, the last two words and, until there are `MIN_SHINGLES` of them, the distinct
 * shingles met. Every article of a build is signed; one signer serves them all in turn.
 */
export class ShingleSigner {
  readonly #minima = new Uint32Array(SIGNATURE_BINS)
  readonly #distinct = new Uint32Array(MIN_SHINGLES)
  #distinctCount = 0
  #words = 0
  #previous = 0
  #beforePrevious = 0

  constructor() {
    this.begin()
  }

  /** Starts a new text. */
  begin(): void {
    this.#minima.fill(EMPTY)
    this.#distinctCount = 0
    this.#words = 0
    this.#previous = 0
    this.#beforePrevious = 0
  }

  /** Adds the text's next word, given as its `wordHash`. */
  add(word: number): void {
    // Σ word·BASE^(from the end) over the last three words, as `shingleHash` computes it.
    const sum =
      (Math.imul(this.#beforePrevious, BASE_SQUARED) + Math.imul(this.#previous, BASE) + word) | 0
    this.#beforePrevious = this.#previous
    this.#previous = word
    if (++this.#words < SHINGLE_WORDS) return
    const hash = mix(sum)
    if (this.#distinctCount < MIN_SHINGLES) this.#countDistinct(hash)
    keepLeast(this.#minima, hash)
  }

  #countDistinct(hash: number): void {
    for (let i = 0; i < this.#distinctCount; i++) if (this.#distinct[i] === hash) return
    this.#distinct[this.#distinctCount++] = hash
  }

  /** The signature of the text since `begin` (undefined for one too short to compare). */
  finish(): Uint16Array | undefined {
    return this.#distinctCount < MIN_SHINGLES ? undefined : densified(this.#minima)
  }
}

/** The signature of a text given as its words' hashes (see `ShingleSigner`). */
export function wordSignature(words: readonly number[]): Uint16Array | undefined {
  const signer = new ShingleSigner()
  for (const word of words) signer.add(word)
  return signer.finish()
}
