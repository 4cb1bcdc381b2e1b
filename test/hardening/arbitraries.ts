// Query strings for fast-check: the characters that mean something in the query language,
// words the test corpus has, and anything Unicode allows or forbids (controls, NUL, lone
// surrogates, combining marks, emoji, RTL overrides), up to 10,000 UTF-16 code units.
import fc from 'fast-check'

const atom = fc.oneof(
  fc.constantFrom(
    ...['"', '-', ':', '--', '-"', '"-', '::', 'title:', 'heading:', 'category:', '-category:'],
    ...['title:"', 'category:"', ' ', '  ', '\t', '\n', '\r\n', '*', '\u0000', '\u0007', '\u001b'],
    ...['\u007f', '\u0085', '\u200b', '\u200e', '\u200f', '\u202e', '\u2066', '\ufeff', '\ufffd'],
    ...['\u0301', 'e\u0301', 'a\u0308\u0308\u0308\u0308', '🙂', '👩‍👩‍👧', '🇫🇷', '\ud800', '\udc00'],
    ...['\udbff\udfff', 'ﷺ', 'نفط', 'שלום', 'İ', 'ß', 'ﬁ', '%', '%25', '+', '&', '=', '#', '?'],
    ...['[]', '<', '>', '\\', '/', '..', '$', '{}', '()'],
  ),
  fc.constantFrom(
    ...['missiles', 'missil', 'talks', 'the', 'a', 'red', 'line', 'Oslo', 'negotiators', 'goel'],
    ...['cup', 'finl', 'sport', 'politics', 'guidance', 'zz', 'negotaitions', 'Iran’s'],
  ),
  fc.string({ unit: 'binary', maxLength: 10 }),
  // Any UTF-16 code unit: lone surrogates and every control included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
)
/** Query soup: operators, words of the test corpus, arbitrary code points and code units. */
export const soup = fc.array(atom, { maxLength: 30 }).map((parts) => parts.join(''))
/** Any query up to 10,000 UTF-16 code units. */
export const anyQuery = fc.oneof(
  { weight: 4, arbitrary: soup },
  {
    weight: 2,
    arbitrary: fc
      .tuple(soup, fc.integer({ min: 1, max: 3000 }))
      .map(([text, times]) => text.repeat(times).slice(0, 10_000)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a b ', 'missiles -talks ', '"red line" ', 'x: '), fc.nat(5000))
      .map(([words, times]) => words.repeat(times).slice(0, 10_000)),
  },
)
