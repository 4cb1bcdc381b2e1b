// Each paragraph's analysed tokens, kept from indexing in a compact form, so that snippets and
// phrase checks read them instead of analysing the text again per query (re-analysis was half
// of what a search with snippets cost). Pure, apart from the numbering of terms.

import type { TermSpan } from '../analysis/analyzer.ts'

/**
 * Stems numbered from 1 in order of first sight; 0 stands for a stop word. A number is never
 * given to another term, so packed tokens stay readable as the index is updated.
 */
export class TermNumbers {
  readonly #numbers = new Map<string, number>()
  readonly #terms: string[] = []

  static from(terms: readonly string[]): TermNumbers {
    const numbers = new TermNumbers()
    for (const term of terms) numbers.numberOf(term)
    return numbers
  }

  /** The term's number, given one now if it has none. */
  numberOf(term: string): number {
    let number = this.#numbers.get(term)
    if (number === undefined) {
      number = this.#terms.push(term)
      this.#numbers.set(term, number)
    }
    return number
  }

  /** The term's number, if it has one. */
  find(term: string): number | undefined {
    return this.#numbers.get(term)
  }

  /** The terms in number order, the first numbered 1 (also the saved form). */
  terms(): readonly string[] {
    return this.#terms
  }
}

/**
 * Tokens packed as three unsigned LEB128 varints each: the gap from the previous token's end,
 * the length, the term's number. About 3.5 bytes a token in news text.
 */
export function packTokens(tokens: readonly TermSpan[], numbers: TermNumbers): Uint8Array {
  const bytes: number[] = []
  const write = (value: number) => {
    let rest = value
    while (rest >= 0x80) {
      bytes.push((rest & 0x7f) | 0x80)
      rest >>>= 7
    }
    bytes.push(rest)
  }
  let previousEnd = 0
  for (const { start, end, term } of tokens) {
    write(start - previousEnd)
    write(end - start)
    write(term === null ? 0 : numbers.numberOf(term))
    previousEnd = end
  }
  return Uint8Array.from(bytes)
}

/** The tokens `packTokens` packed. */
export function unpackTokens(packed: Uint8Array, numbers: TermNumbers): TermSpan[] {
  const terms = numbers.terms()
  const tokens: TermSpan[] = []
  let at = 0
  const read = () => {
    let byte = packed[at++] ?? 0
    let value = byte & 0x7f
    for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
      byte = packed[at++] ?? 0
      value += (byte & 0x7f) * scale
    }
    return value
  }
  let end = 0
  while (at < packed.length) {
    const start = end + read()
    end = start + read()
    const number = read()
    tokens.push({ start, end, term: number === 0 ? null : (terms[number - 1] ?? null) })
  }
  return tokens
}

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
