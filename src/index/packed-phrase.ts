// Phrase checks over packed tokens (see token-table.ts for the layout), without unpacking them:
// a phrase query checks every paragraph that holds all of its words. Pure.

/**
 * Whether the packed tokens hold `phrase`: term numbers in order, with `null` where any token
 * may stand (a stop word of the phrase); a phrase of those only is found nowhere. Reads the
 * numbers as it goes, making no tokens: phrase checks run over every paragraph holding the
 * phrase's words.
 */
export function holdsPhrase(packed: Uint8Array, phrase: readonly (number | null)[]): boolean {
  const length = phrase.length
  if (!phrase.some((number) => number !== null)) return false
  const recent: number[] = new Array(length).fill(-1)
  let at = 0
  let count = 0
  while (at < packed.length) {
    // Skip the gap and the length; keep the term number.
    for (let skip = 0; skip < 2; skip++) while ((packed[at++] ?? 0) >= 0x80);
    let byte = packed[at++] ?? 0
    let number = byte & 0x7f
    for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
      byte = packed[at++] ?? 0
      number += (byte & 0x7f) * scale
    }
    recent[count % length] = number
    count++
    if (count >= length && endsWith(recent, count, phrase)) return true
  }
  return false
}

/** Whether the last `phrase.length` numbers seen (a ring, `count` so far) are the phrase. */
function endsWith(recent: readonly number[], count: number, phrase: readonly (number | null)[]) {
  const length = phrase.length
  for (let k = 0; k < length; k++) {
    const wanted = phrase[k]
    if (wanted !== null && recent[(count - length + k) % length] !== wanted) return false
  }
  return true
}
