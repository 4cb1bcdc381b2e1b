/** A word in the original text: what it says and where it stands. */
export interface Token {
  /** The word as written, e.g. `Iran’s`. */
  text: string
  /** Offset of the first UTF-16 code unit in the original text. */
  start: number
  /** Offset just past the last code unit. */
  end: number
}

// A word is a run of letters, digits and combining marks; an apostrophe (straight or curly)
// between two such runs stays inside the word so that "Iran’s" and "don't" are one token.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*/gu

/** Splits text into words with their offsets. Pure; never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const start = match.index
    tokens.push({ text: match[0], start, end: start + match[0].length })
  }
  return tokens
}
