// Seeded whole numbers for the tests' made-up corpora: the same corpus every run.

/** A draw of a whole number below `n`, from a linear congruential generator started at `seed`. */
export function seededBelow(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state % n
  }
}
