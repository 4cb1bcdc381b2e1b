import { shingles, wordHash } from './minhash.ts'
import type { TermNumbers } from './term-numbers.ts'
import { unpackTokens } from './token-table.ts'

/**
 * An article's shingles (minhash.ts), from the tokens of its paragraphs as packed at indexing
 * (token-table.ts): what an exact near-copy comparison reads, without analysing the text again.
 */
export function packedShingles(packed: readonly Uint8Array[], numbers: TermNumbers): Uint32Array {
  const hashes: number[] = []
  for (const tokens of packed) {
    for (const { term } of unpackTokens(tokens, numbers))
      if (term !== null) hashes.push(wordHash(term))
  }
  return shingles(hashes)
}
