import type { TermSpan } from '../analysis/analyzer.ts'

/**
 * A quoted phrase after analysis: the terms in order, `null` where the phrase had a stop word
 * (any word may stand there, so `"line of fire"` still matches `line of fire`).
 */
export type PhraseTerms = (string | null)[]

/** Token positions where `phrase` starts in `tokens`. A phrase of stop words only matches nowhere. */
export function findPhrase(tokens: readonly TermSpan[], phrase: PhraseTerms): number[] {
  const starts: number[] = []
  if (!phrase.some((term) => term !== null)) return starts
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let matches = true
    for (let k = 0; k < phrase.length; k++) {
      const term = phrase[k]
      if (term !== null && tokens[i + k]?.term !== term) {
        matches = false
        break
      }
    }
    if (matches) starts.push(i)
  }
  return starts
}
