// Seeded randomness for the measuring code: every run, and every engine, draws the same. Pure.

/** mulberry32: a tiny, fast, seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A source of floats in [0, 1). */
export type Random = () => number

/** One of `items`, drawn with `random`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'

/** One random edit of `word`: a letter deleted, inserted, replaced, or two neighbours swapped. */
export function oneEdit(random: Random, word: string): string {
  for (;;) {
    const i = Math.floor(random() * word.length)
    const letter = pick(random, [...ALPHABET])
    let edited: string
    switch (Math.floor(random() * 4)) {
      case 0:
        edited = word.slice(0, i) + word.slice(i + 1)
        break
      case 1:
        edited = word.slice(0, i) + letter + word.slice(i)
        break
      case 2:
        edited = word.slice(0, i) + letter + word.slice(i + 1)
        break
      default: {
        const j = Math.min(i, word.length - 2)
        edited = word.slice(0, j) + word.charAt(j + 1) + word.charAt(j) + word.slice(j + 2)
      }
    }
    if (edited !== word) return edited
  }
}
