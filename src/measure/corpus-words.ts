// The words of the corpus the bench draws its queries from. Pure.
import { isStopWord } from '../analysis/analyzer.ts'
import { tokenize } from '../analysis/tokenize.ts'

const LETTERS_ONLY = /^\p{L}+$/u

/** A word worth searching: letters only, two or more of them, not a stop word. */
function usable(word: string): boolean {
  return word.length >= 2 && LETTERS_ONLY.test(word) && !isStopWord(word)
}

/** A usable word of a paragraph, with what follows it. */
export interface Word {
  word: string
  /** Whether only white space separates it from the next token. */
  joinsNext: boolean
  /** Whether the next token is usable too. */
  nextUsable: boolean
  next: string
}

/** The usable words of a paragraph, lower-cased, in order, with what follows each. */
export function wordsOf(text: string): Word[] {
  const tokens = tokenize(text)
  const words: Word[] = []
  tokens.forEach((token, i) => {
    const word = token.text.toLowerCase()
    if (!usable(word)) return
    const following = tokens[i + 1]
    const next = following?.text.toLowerCase() ?? ''
    words.push({
      word,
      joinsNext: following !== undefined && /^\s+$/u.test(text.slice(token.end, following.start)),
      nextUsable: following !== undefined && usable(next),
      next,
    })
  })
  return words
}

/** The usable words of the corpus, sorted (so the draw is the same whatever the read order). */
export function vocabulary(paragraphs: readonly string[]): string[] {
  const words = new Set<string>()
  for (const text of paragraphs) for (const w of wordsOf(text)) words.add(w.word)
  return [...words].sort()
}
