import { holdsPhrase } from '../index/packed-phrase.ts'

/**
 * Whether packed tokens (see token-table.ts) hold a phrase given as term numbers, -1 where any
 * word may stand; the same answer as `holdsPhrase`. A common phrase is checked against every
 * paragraph holding its words (a hundred thousand at a million paragraphs), so this reads each
 * token's term number with no allocation, and compares the window only where its last word
 * stands. A phrase of wildcards only is found nowhere. Reads `packed` from `start` up to `end`
 * (the whole of it by default).
 */
export function packedHoldsPhrase(
  packed: Uint8Array,
  phrase: Int32Array,
  start = 0,
  end = packed.length,
): boolean {
  const length = phrase.length
  if (length === 0) return false
  const last = phrase[length - 1] as number
  if (last < 0)
    return holdsPhrase(
      packed.subarray(start, end),
      [...phrase].map((n) => (n < 0 ? null : n)),
    )
  const first = length === 2 ? (phrase[0] as number) : 0
  const window = windowOf(length)
  let at = start
  let count = 0
  let previous = -1
  while (at < end) {
    // Skip the gap and the length; read the term number (term numbers fit in 31 bits).
    while ((packed[at++] as number) & 0x80);
    while ((packed[at++] as number) & 0x80);
    let byte = packed[at++] as number
    let number = byte & 0x7f
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = packed[at++] as number
      number |= (byte & 0x7f) << shift
    }
    if (length === 2) {
      // The common case, a pair of words: the previous number is the whole window.
      if (number === last && (first < 0 || previous === first)) return true
      previous = number
      continue
    }
    window[count % length] = number
    count++
    if (number === last && count >= length && endsWith(window, count, phrase)) return true
  }
  return false
}

/** Whether the last `phrase.length` numbers seen (a ring, `count` so far) are the phrase. */
function endsWith(window: Int32Array, count: number, phrase: Int32Array): boolean {
  const length = phrase.length
  for (let k = 0; k < length - 1; k++) {
    const wanted = phrase[k] as number
    if (wanted >= 0 && window[(count - length + k) % length] !== wanted) return false
  }
  return true
}

let shared = new Int32Array(16)

/** The ring of recent term numbers, reused from call to call (phrase checks are synchronous). */
function windowOf(length: number): Int32Array {
  if (shared.length < length) shared = new Int32Array(length)
  return shared
}
