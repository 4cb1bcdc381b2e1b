/**
 * The caps on what one request may ask, in one place. The search library applies the ones that
 * bound its work (terms, expansions, page size); the server also refuses, with a 400, a query,
 * a `size` or a `page` beyond its cap. `createApp`, `startServer` and `npm start` take overrides.
 */
export interface Limits {
  /**
   * Longest query, in characters (UTF-16 code units, as `String.length` counts); a longer one is
   * answered 400 by the server (the search box stops there too). Defaults to `512`.
   */
  maxQueryLength: number
  /**
   * Most terms a query searches (each word, each word of a phrase, repeats included); the
   * first ones are searched and the rest listed in the response's `ignored`. Defaults to `64`.
   */
  maxTerms: number
  /** Most words a prefix (the last word, as you type) expands to, the most frequent. Defaults to `50`. */
  maxPrefixExpansions: number
  /** Most words an unknown word is respelt to (1 or 2 edits away). Defaults to `8`. */
  maxTypoExpansions: number
  /** Largest page size: the server answers 400 above it, the library clamps. Defaults to `50`. */
  maxSize: number
  /** Highest page number: the server answers 400 above it. Defaults to `1000`. */
  maxPage: number
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxQueryLength: 512,
  maxTerms: 64,
  maxPrefixExpansions: 50,
  maxTypoExpansions: 8,
  maxSize: 50,
  maxPage: 1000,
})

/** The defaults with `overrides` applied; throws a RangeError naming a cap that is not a whole number ≥ 1. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS }
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides[name]
    if (value === undefined) continue
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`limits.${name} must be a whole number from 1, not ${String(value)}`)
    }
    limits[name] = value
  }
  return limits
}
