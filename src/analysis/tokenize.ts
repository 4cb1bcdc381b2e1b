/** A word in the original text: what it says and where it stands. */
export interface Token {
  /** The word as written, e.g. `Iran’s`. */
  text: string
  /** Offset of the first UTF-16 code unit in the original text. */
  start: number
  /** Offset just past the last code unit. */
  end: number
}

// Three kinds of word, tried in this order at each position, in one pass over the text:
//
// - A dotted acronym: single letters joined by dots, `U.S.`, `U.K`, `a.m.`, with its final dot
//   (which may also end the sentence) and a possessive. It either ends in a dot or is not
//   followed by one, and never runs into a letter or digit: `E.ON` is `E` and `ON`, `U.Sx`
//   is `U` and `Sx`, so a text cut after any word reads the same up to the cut.
// - A number: digits with thousands groups (`4,900,000`: exactly three digits after each
//   comma) and decimal or dotted groups (`16.2`, `1.2.3`), then an attached unit or scale
//   (`16.2bn`, `10km`, `1980s`) or a percent sign (`3.5%`). A dot or comma not followed by a
//   digit (`in 1987.`, `1987, when`) ends it. A currency sign before it stays apart.
// - Any other word: a run of letters, digits and combining marks; an apostrophe (straight or
//   curly) between two such runs stays inside, so that "Iran’s" and "don't" are one token.
const ACRONYM = String.raw`\p{L}(?:\.\p{L})+(?:\.|(?!\.))(?:['’ʼ]s)?(?![\p{L}\p{N}\p{M}])`
const NUMBER = String.raw`\p{N}+(?:,\p{N}{3}(?!\p{N}))*(?:\.\p{N}+)*(?:%|[\p{L}\p{N}\p{M}]*(?:['’ʼ][\p{L}\p{N}\p{M}]+)*)`
const PLAIN = String.raw`[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*`
const WORD = new RegExp(`${ACRONYM}|${NUMBER}|${PLAIN}`, 'gu')

/**
 * A new global regular expression matching the words `tokenize` splits text into, for a caller
 * that reads them without making a token of each (`exec` from `lastIndex` 0): a build splits a
 * hundred million words.
 */
export function wordPattern(): RegExp {
  return new RegExp(WORD)
}

/** Splits text into words with their offsets. Pure; never throws. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const start = match.index
    tokens.push({ text: match[0], start, end: start + match[0].length })
  }
  return tokens
}
