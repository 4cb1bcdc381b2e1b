/**
 * MinHash signatures of word shingles, for finding near-copies of an article without comparing
 * every pair.
 *
 * Classic MinHash hashes every shingle once per permutation (128 hashes a shingle); here one
 * hash a shingle fills all the bins at once ("one permutation hashing", Li, Owen and Zhang,
 * 2012): its top bits choose a bin, the rest of it is that bin's candidate minimum. Bins left
 * empty (short texts) borrow the next filled bin's value, shifted by how far they borrowed
 * ("densification", Shrivastava and Li, 2014), so that two texts agree on a bin with
 * probability equal to their Jaccard similarity and the signature stays comparable bin by bin.
 * That keeps the cost at one multiply-and-shift per word, on words the indexer has already
 * analysed, so detection adds little to a build.
 */

/** Bins in a signature: the estimate's standard error is about √(J(1−J)/120), 0.037 at J = 0.8. */
export const SIGNATURE_BINS = 120

/** Words in a shingle. Three words make a changed figure change only three shingles. */
export const SHINGLE_WORDS = 3

/** Fewer distinct shingles than this and a text is too short to call a near-copy of another. */
export const MIN_SHINGLES = 8

const EMPTY = 0xffffffff

/** FNV-1a over a string's UTF-16 code units: a fast, well-spread 32-bit hash of a word. */
export function wordHash(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Murmur3's finaliser: every input bit moves every output bit. */
function mix(value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * The distinct shingles of a word sequence (given as word hashes), as hashes, sorted. A text
 * shorter than a shingle is one shingle of all its words.
 */
export function shingles(words: readonly number[]): Uint32Array {
  const size = Math.min(SHINGLE_WORDS, words.length)
  const count = words.length === 0 ? 0 : words.length - size + 1
  const hashes = new Uint32Array(count)
  for (let start = 0; start < count; start++) {
    let hash = 0x9e3779b9
    for (let k = 0; k < size; k++) hash = mix(Math.imul(hash, 31) + (words[start + k] as number))
    hashes[start] = hash
  }
  hashes.sort()
  let distinct = 0
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[distinct++] = hashes[i] as number
  }
  return hashes.subarray(0, distinct)
}

/**
 * A text's signature: per bin, the least 16-bit value of the shingles that fall in it (16 bits
 * keep it small to save; two different values agree by chance once in 65,536). Undefined for
 * a text with fewer than `MIN_SHINGLES` shingles.
 */
export function signature(shingleHashes: Uint32Array): Uint16Array | undefined {
  return shingleHashes.length < MIN_SHINGLES ? undefined : binMinima(shingleHashes)
}

/** Per bin, the least value of the shingles in it, empty bins densified (see above). */
function binMinima(shingleHashes: Uint32Array): Uint16Array {
  const minima = new Uint32Array(SIGNATURE_BINS).fill(EMPTY)
  for (const hash of shingleHashes) {
    const mixed = mix(hash ^ 0x5bd1e995)
    // The high bits pick the bin (multiply-shift, no modulo bias); the low 16 are the value.
    const bin = Math.floor(((mixed >>> 16) * SIGNATURE_BINS) / 0x10000)
    const value = mixed & 0xffff
    if (value < (minima[bin] as number)) minima[bin] = value
  }
  const result = new Uint16Array(SIGNATURE_BINS)
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) {
    let from = bin
    let distance = 0
    while (minima[from] === EMPTY) {
      from = (from + 1) % SIGNATURE_BINS
      distance++
    }
    result[bin] = ((minima[from] as number) + distance * 0x9e37) & 0xffff
  }
  return result
}

/** The share of bins on which two signatures agree: an estimate of their texts' Jaccard similarity. */
export function estimatedSimilarity(a: Uint16Array, b: Uint16Array): number {
  let same = 0
  for (let bin = 0; bin < SIGNATURE_BINS; bin++) if (a[bin] === b[bin]) same++
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
 * The signature of a text given as its words' hashes (`wordHash` of its terms: stems, stop words
 * left out): `signature(shingles(words))`, without sorting: a bin's minimum does not depend on order or
 * repeats, so only the distinct count needs knowing, and only whether it reaches
 * `MIN_SHINGLES`. Every article of a build is signed, and the sort was most of the cost.
 */
export function wordSignature(words: readonly number[]): Uint16Array | undefined {
  const size = Math.min(SHINGLE_WORDS, words.length)
  const count = words.length === 0 ? 0 : words.length - size + 1
  if (count < MIN_SHINGLES) return undefined
  const hashes = new Uint32Array(count)
  const distinct: number[] = []
  for (let start = 0; start < count; start++) {
    let hash = 0x9e3779b9
    for (let k = 0; k < size; k++) hash = mix(Math.imul(hash, 31) + (words[start + k] as number))
    hashes[start] = hash
    if (distinct.length < MIN_SHINGLES && !distinct.includes(hash)) distinct.push(hash)
  }
  return distinct.length < MIN_SHINGLES ? undefined : binMinima(hashes)
}
