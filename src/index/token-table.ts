// Each paragraph's analysed tokens, kept from indexing in a compact form, so that snippets and
// phrase checks read them instead of analysing the text again per query (re-analysis was half
// of what a search with snippets cost). Pure.

import type { TermSpan } from '../analysis/analyzer.ts'
import type { TermNumbers } from './term-numbers.ts'

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
