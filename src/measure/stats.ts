// Summaries of repeated measurements: medians and percentiles. Pure.

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * The nearest-rank percentile: the smallest value that at least `p` % of the values are at or
 * below. Always one of the values, so p99 of 200 values is the second-largest. NaN when empty.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, not ${p}`)
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

export interface Summary {
  count: number
  min: number
  p50: number
  p99: number
  max: number
  mean: number
}

/** Count, extremes, mean and the nearest-rank p50 and p99 of some measurements. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) {
    return {
      count: 0,
      min: Number.NaN,
      p50: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
    }
  }
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let sum = 0
  for (const value of values) {
    if (value < min) min = value
    if (value > max) max = value
    sum += value
  }
  return {
    count: values.length,
    min,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max,
    mean: sum / values.length,
  }
}

/** `a / b`, or NaN when either is not a finite number or `b` is 0. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN
}

/** Each figure's median over several summaries of the same measurement (rounds of it). */
export function medianSummary(summaries: readonly Summary[]): Summary {
  const of = (key: keyof Summary) => median(summaries.map((summary) => summary[key]))
  return {
    count: of('count'),
    min: of('min'),
    p50: of('p50'),
    p99: of('p99'),
    max: of('max'),
    mean: of('mean'),
  }
}
