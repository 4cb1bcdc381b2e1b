import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { analyze, analyzeWord, readsInCapitals } from '../../src/analysis/analyzer.ts'
import { TermNumbers } from '../../src/index/term-numbers.ts'
import { packTokens, unpackTokens } from '../../src/index/token-table.ts'
import { escapeHtml } from '../../src/search/escape.ts'
import type { PhraseTerms } from '../../src/search/phrase.ts'
import { findMatches, type MatchSpec, makeSnippet, markHtml } from '../../src/search/snippet.ts'

/** A spec the way a query would give it: words and phrases as typed, analysed to stems. */
function spec(words: string[], phrases: string[][] = []): MatchSpec {
  const term = (w: string) => analyzeWord(w).term
  return {
    terms: new Set(words.map(term).filter((t) => t !== null)),
    phrases: phrases.map((p) => p.map(term)),
  }
}

/** `f1 f2 … fn`: filler words that match nothing. */
const filler = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `f${from + i}`).join(' ')

const SEED =
  'Iran’s Secretary of Defense Council Ali Shamkhani said on Friday the country’s missiles were a “red line” and non-negotiable amid a fresh round of talks with the United States on Tehran’s nuclear program.'

describe('findMatches', () => {
  it('marks every word form of a stem', () => {
    const text = 'The negotiations began on February 6 in Oman.'
    assert.deepEqual(findMatches(text, spec(['negotiating'])), [[4, 16]])
  })

  it('marks a phrase as one range, inside its quotes', () => {
    const text = 'a “red line” and'
    const ranges = findMatches(text, spec([], [['red', 'line']]))
    assert.deepEqual(ranges, [[3, 11]])
    assert.equal(text.slice(3, 11), 'red line')
  })

  it('does not mark a term again inside a marked phrase, and merges overlapping phrases', () => {
    assert.deepEqual(findMatches('a red line here', spec(['red', 'line'], [['red', 'line']])), [
      [2, 10],
    ])
    assert.deepEqual(
      findMatches(
        'red line fire',
        spec(
          [],
          [
            ['red', 'line'],
            ['line', 'fire'],
          ],
        ),
      ),
      [[0, 13]],
    )
  })

  it('lets a stop word in a phrase stand for any word', () => {
    assert.deepEqual(findMatches('the line of fire', spec([], [['line', 'of', 'fire']])), [[4, 16]])
    assert.deepEqual(findMatches('the line in fire', spec([], [['line', 'of', 'fire']])), [[4, 16]])
  })

  it('finds nothing in empty text, for an empty spec, or for a phrase of stop words', () => {
    assert.deepEqual(findMatches('', spec(['iran'])), [])
    assert.deepEqual(findMatches('Iran talks', spec([])), [])
    assert.deepEqual(findMatches('of the', { terms: new Set(), phrases: [[null, null], []] }), [])
  })
})

describe('markHtml', () => {
  it('escapes first and adds only <mark> tags', () => {
    assert.equal(
      markHtml('<b>iran</b> & co', [[3, 7]]),
      '&lt;b&gt;<mark>iran</mark>&lt;/b&gt; &amp; co',
    )
  })

  it('cleans up ranges: unsorted, overlapping, touching, empty, out of bounds', () => {
    assert.equal(
      markHtml('abcdefghij', [
        [8, 99],
        [0, 2],
        [1, 3],
        [3, 4],
        [5, 5],
        [-4, 0],
        [Number.NaN, 1],
      ]),
      '<mark>abcd</mark>efgh<mark>ij</mark>',
    )
  })

  it('never splits a surrogate pair or a letter from its combining mark', () => {
    assert.equal(markHtml('😀x', [[1, 2]]), '<mark>😀</mark>x')
    assert.equal(markHtml('xe\u0301y', [[1, 2]]), 'x<mark>e\u0301</mark>y')
    assert.equal(markHtml('👍🏽 ok', [[0, 2]]), '<mark>👍🏽</mark> ok')
    const zalgo = `iran${'\u0301'.repeat(100)}`
    assert.deepEqual(findMatches(`x ${zalgo} y`, spec(['iran'])), [[2, 2 + zalgo.length]])
  })
})

describe('makeSnippet', () => {
  it('gives a short paragraph whole, with no ellipsis', () => {
    const text =
      'The negotiations began on February 6 in Oman to resolve a decades-long dispute which has already caused a brief military conflict between the two countries.'
    const snippet = makeSnippet(text, spec(['negotiating']))
    assert.equal(snippet.text, text)
    assert.equal(
      snippet.snippet,
      'The <mark>negotiations</mark> began on February 6 in Oman to resolve a decades-long dispute which has already caused a brief military conflict between the two countries.',
    )
    assert.deepEqual(snippet.highlights, [[4, 16]])
  })

  it('marks the quoted phrase and the stem in the seed sentence, cutting at word boundaries', () => {
    const snippet = makeSnippet(SEED, spec(['negotiating'], [['red', 'line']]))
    assert.equal(
      snippet.snippet,
      '…Council Ali Shamkhani said on Friday the country’s missiles were a “<mark>red line</mark>” and non-<mark>negotiable</mark> amid a fresh round of talks with the United States on Tehran’s nuclear program.',
    )
    assert.equal(snippet.text, `…${SEED.slice(SEED.indexOf('Council'))}`)
  })

  it('holds the most distinct terms before anything else', () => {
    // Three "iran" in a row at the start; "iran … talks" (two distinct, wider) later wins.
    const text = `iran iran iran ${filler(1, 20)} iran f21 f22 f23 talks ${filler(24, 40)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 8 }).snippet,
      '…f20 <mark>iran</mark> f21 f22 f23 <mark>talks</mark> f24 f25…',
    )
  })

  it('then the tightest cluster', () => {
    const text = `iran ${filler(1, 5)} talks ${filler(6, 30)} iran talks ${filler(31, 50)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 6 }).snippet,
      '…f30 <mark>iran</mark> <mark>talks</mark> f31 f32 f33…',
    )
  })

  it('ignores repeats of a term when measuring how tight a cluster is', () => {
    // The first "iran talks" is followed by another "iran" within reach; it is still the tightest.
    const text = `${filler(1, 20)} iran talks f21 iran ${filler(22, 40)} iran f41 talks ${filler(42, 60)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 6 }).snippet,
      '…f20 <mark>iran</mark> <mark>talks</mark> f21 <mark>iran</mark> f22…',
    )
  })

  it('then the earliest', () => {
    const text = `${filler(1, 15)} iran talks ${filler(16, 40)} iran talks ${filler(41, 60)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 6 }).snippet,
      '…f15 <mark>iran</mark> <mark>talks</mark> f16 f17 f18…',
    )
  })

  it('gives some words before a lone match rather than starting at it', () => {
    const text = `${filler(1, 50)} iran ${filler(51, 100)}`
    assert.equal(
      makeSnippet(text, spec(['iran']), { maxWords: 10 }).snippet,
      '…f48 f49 f50 <mark>iran</mark> f51 f52 f53 f54 f55 f56…',
    )
  })

  it('starts at the sentence of the match when it begins nearby', () => {
    const text = `${filler(1, 48)}. The iran talks ${filler(51, 100)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 10 }).snippet,
      '…The <mark>iran</mark> <mark>talks</mark> f51 f52 f53 f54 f55 f56 f57…',
    )
  })

  it('never loses a match to give context', () => {
    const text = `${filler(1, 10)} iran f11 f12 f13 talks ${filler(14, 20)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 5 }).snippet,
      '…<mark>iran</mark> f11 f12 f13 <mark>talks</mark>…',
    )
  })

  it('gives the first words when nothing matches', () => {
    const snippet = makeSnippet(`${filler(1, 40)}.`, spec(['iran']), { maxWords: 5 })
    assert.deepEqual(snippet, {
      snippet: 'f1 f2 f3 f4 f5…',
      text: 'f1 f2 f3 f4 f5…',
      highlights: [],
    })
  })

  it('keeps an opening quote before the first word and closing punctuation after the last', () => {
    const text = `${filler(1, 20)} “Iran talks,” he warned; ${filler(21, 40)}`
    assert.equal(
      makeSnippet(text, spec(['iran', 'talks']), { maxWords: 2 }).text,
      '…“Iran talks,”…',
    )
    assert.equal(
      makeSnippet(text, spec(['iran', 'warned']), { maxWords: 4 }).text,
      '…“Iran talks,” he warned;…',
    )
  })

  it('marks the visible part of a phrase longer than the window', () => {
    const text = `f1 red line of fire ${filler(2, 10)}`
    const snippet = makeSnippet(text, spec([], [['red', 'line', 'of', 'fire']]), { maxWords: 3 })
    assert.equal(snippet.snippet, 'f1 <mark>red line</mark>…')
  })

  it('escapes HTML in the text, adding only <mark> tags', () => {
    const text = '<script>alert(1)</script> says &amp; "iran" talks'
    assert.equal(
      makeSnippet(text, spec(['iran', 'amp'])).snippet,
      '&lt;script&gt;alert(1)&lt;/script&gt; says &amp;<mark>amp</mark>; &quot;<mark>iran</mark>&quot; talks',
    )
  })

  it('never throws on odd input', () => {
    const odd = [
      '',
      ' ',
      '😀'.repeat(50),
      '\ud800 iran \udfff',
      '\0iran\0',
      'שלום iran עולם',
      'e\u0301\u0301\u0301 iran',
      '\u0301iran',
      'iran '.repeat(2000),
      'x'.repeat(10_000),
    ]
    for (const text of odd) {
      for (const maxWords of [undefined, 0, 1, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const snippet = makeSnippet(text, spec(['iran'], [['iran', 'iran']]), { maxWords })
        assert.equal(snippet.snippet.replace(/<\/?mark>/g, ''), escapeHtml(snippet.text))
      }
    }
  })

  it('reads the bad options sensibly', () => {
    const text = filler(1, 40)
    assert.equal(makeSnippet(text, spec([])).text, `${filler(1, 30)}…`)
    assert.equal(makeSnippet(text, spec([]), { maxWords: Number.NaN }).text, `${filler(1, 30)}…`)
    assert.equal(makeSnippet(text, spec([]), { maxWords: 0 }).text, 'f1…')
    assert.equal(makeSnippet(text, spec([]), { maxWords: 2.9 }).text, 'f1 f2…')
    assert.equal(makeSnippet(text, spec([]), { maxWords: Number.POSITIVE_INFINITY }).text, text)
  })

  it('finds the words in the middle of a 5,000-word paragraph', () => {
    const text = `${filler(1, 2500)} iran talks ${filler(2501, 5000)}`
    const snippet = makeSnippet(text, spec(['iran', 'talks']))
    assert.match(snippet.snippet, /<mark>iran<\/mark> <mark>talks<\/mark>/)
  })
})

// --- Properties -------------------------------------------------------------------------------

const RUNS = { numRuns: 400 }

/** Any UTF-16 code unit, lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))

/** Bits of HTML, entities, quotes, marks, emoji, RTL and words that match. */
const soupPiece = fc.constantFrom(
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  ';',
  '"',
  "'",
  '<mark>',
  '</mark>',
  '<script>alert(1)</script>',
  ' ',
  '  ',
  '\n',
  '.',
  ',',
  '“',
  '”',
  '’',
  '…',
  '\u0301',
  '\u200d',
  '😀',
  '👍🏽',
  '🇫🇷',
  '\0',
  'שלום',
  'Iran’s',
  'red',
  'line',
  'of',
  'the',
  'négociations',
  'talks',
  'amp',
  'lt',
  'U.S.',
  'US',
  'us',
  'IT',
  'TRADE',
  'M&S',
  'U-turn',
  'a.m.',
  '$',
  '16.2bn',
  '1.5',
  '4,900,000',
  '3.5%',
)

const texts = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
  {
    arbitrary: fc.array(soupPiece, { maxLength: 150 }).map((pieces) => pieces.join('')),
    weight: 2,
  },
  {
    arbitrary: fc
      .array(
        fc.constantFrom('iran', 'talks', 'red', 'line', 'the', 'of', 'f1', 'f2', '“a”,', 'é\u0301'),
        {
          maxLength: 150,
        },
      )
      .map((words) => words.join(' ')),
    weight: 3,
  },
)

/** A text with a spec drawn from its own tokens: some of its terms and some of its runs of words as phrases. */
const textAndSpec = texts.chain((text) => {
  const tokens = analyze(text)
  const terms = tokens.flatMap((t) => (t.term === null ? [] : [t.term]))
  const phrase =
    tokens.length === 0
      ? fc.constant<PhraseTerms>([])
      : fc
          .tuple(fc.nat(tokens.length - 1), fc.integer({ min: 1, max: 4 }), fc.boolean())
          .map(([at, length, wild]) =>
            tokens.slice(at, at + length).map((t, i) => (wild && i === 1 ? null : t.term)),
          )
  return fc.record({
    text: fc.constant(text),
    spec: fc.record({
      terms: fc
        .tuple(fc.subarray(terms), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }))
        .map(([own, other]) => new Set([...own, ...other])),
      phrases: fc.array(phrase, { maxLength: 3 }),
    }),
    // Mostly small windows, so that most texts get cut.
    maxWords: fc.oneof(
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 40 }),
      fc.constant(undefined),
    ),
  })
})

const ELLIPSIS_EDGES = /^…|…$/g
const MARK = /<mark>([^<]*)<\/mark>/g
const unescapeHtml = (html: string) =>
  html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff

describe('makeSnippet properties', () => {
  it('(1) the snippet is the escaped window, and the window is a piece of the text', () => {
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const snippet = makeSnippet(text, spec, { maxWords })
        assert.equal(snippet.snippet.replace(/<\/?mark>/g, ''), escapeHtml(snippet.text))
        assert.ok(text.includes(snippet.text.replace(ELLIPSIS_EDGES, '')))
        if (analyze(text).length <= (maxWords ?? 30)) assert.equal(snippet.text, text)
      }),
      RUNS,
    )
  })

  it('(2) marks are balanced and never nest, and they are the only tags', () => {
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const { snippet } = makeSnippet(text, spec, { maxWords })
        const tags = [...snippet.matchAll(/<[^>]*>/g)].map((m) => m[0])
        assert.equal(tags.length, (snippet.match(/</g) ?? []).length)
        assert.deepEqual(
          tags,
          tags.map((_, i) => (i % 2 === 0 ? '<mark>' : '</mark>')),
        )
        assert.equal(tags.length % 2, 0)
      }),
      RUNS,
    )
  })

  it('(3) no mark boundary inside an entity, a surrogate pair or a grapheme cluster', () => {
    const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const snippet = makeSnippet(text, spec, { maxWords })
        for (const tag of snippet.snippet.matchAll(/<\/?mark>/g)) {
          const before = snippet.snippet.slice(0, tag.index)
          assert.ok(before.lastIndexOf('&') <= before.lastIndexOf(';'), 'tag inside an entity')
          const after = snippet.snippet.slice(tag.index + tag[0].length)
          assert.ok(!(isHigh(before.charCodeAt(before.length - 1)) && isLow(after.charCodeAt(0))))
        }
        const boundaries = new Set([...graphemes.segment(snippet.text)].map((s) => s.index))
        boundaries.add(snippet.text.length)
        for (const [start, end] of snippet.highlights) {
          assert.ok(boundaries.has(start) && boundaries.has(end), `${start}-${end} cuts a grapheme`)
        }
      }),
      RUNS,
    )
  })

  it('(4) highlights and marks agree: same count, same text', () => {
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const snippet = makeSnippet(text, spec, { maxWords })
        const marked = [...snippet.snippet.matchAll(MARK)].map((m) => unescapeHtml(m[1] ?? ''))
        assert.deepEqual(
          marked,
          snippet.highlights.map(([start, end]) => snippet.text.slice(start, end)),
        )
        snippet.highlights.forEach(([start, end], i) => {
          assert.ok(start < end)
          const next = snippet.highlights[i + 1]
          if (next) assert.ok(end < next[0], 'sorted, apart')
        })
      }),
      RUNS,
    )
  })

  it('(5) every matching word and phrase in the window is inside a highlight', () => {
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const snippet = makeSnippet(text, spec, { maxWords })
        // The window is read as part of its text (capital words in a text set in capitals).
        const tokens = analyze(snippet.text, readsInCapitals(text))
        const covered = (start: number, end: number) =>
          snippet.highlights.some(([s, e]) => s <= start && end <= e)
        for (const token of tokens) {
          if (token.term !== null && spec.terms.has(token.term)) {
            assert.ok(covered(token.start, token.end), `${token.text} not marked`)
          }
        }
        // findMatches over the window says the same (phrases included).
        for (const [start, end] of findMatches(snippet.text, spec, tokens)) {
          assert.ok(covered(start, end))
        }
      }),
      RUNS,
    )
  })

  it('(6) with the tokens the index packed, the same snippet and marks as from analysing', () => {
    const numbers = new TermNumbers()
    fc.assert(
      fc.property(textAndSpec, ({ text, spec, maxWords }) => {
        const tokens = unpackTokens(packTokens(analyze(text), numbers), numbers)
        assert.deepEqual(
          makeSnippet(text, spec, { maxWords, tokens }),
          makeSnippet(text, spec, { maxWords }),
        )
        assert.deepEqual(findMatches(text, spec, tokens), findMatches(text, spec))
      }),
      RUNS,
    )
  })

  it('(7) never throws, whatever the spec and options', () => {
    fc.assert(
      fc.property(
        texts,
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 5 }),
        fc.array(
          fc.array(fc.option(fc.string({ maxLength: 6 }), { nil: null }), { maxLength: 5 }),
          {
            maxLength: 3,
          },
        ),
        fc.option(fc.double(), { nil: undefined }),
        (text, terms, phrases, maxWords) => {
          const snippet = makeSnippet(text, { terms: new Set(terms), phrases }, { maxWords })
          assert.equal(typeof snippet.snippet, 'string')
          findMatches(text, { terms: new Set(terms), phrases })
        },
      ),
      RUNS,
    )
  })

  it('the window is the best one: most distinct terms, then tightest, then earliest (brute force)', () => {
    const stemOf = (w: string) => analyzeWord(w).term ?? w
    /** The earliest of the best clusters of matching tokens within `limit` words, by brute force. */
    const best = (terms: (string | null)[], matching: ReadonlySet<string>, limit: number) => {
      let result = { distinct: 0, span: 0, start: 0 }
      terms.forEach((first, i) => {
        if (first === null || !matching.has(first)) return
        const seen = new Set<string>()
        for (let j = i; j < Math.min(terms.length, i + limit); j++) {
          const term = terms[j]
          if (term === null || term === undefined || !matching.has(term)) continue
          seen.add(term)
          const [distinct, span] = [seen.size, j - i]
          if (distinct > result.distinct || (distinct === result.distinct && span < result.span)) {
            result = { distinct, span, start: i }
          }
        }
      })
      return result
    }
    // Matching words among fillers that are all different, so the window can be found in the text.
    const words = fc
      .array(fc.constantFrom('iran', 'talks', 'oman', 'deal', 'f', 'f', 'f', 'f'), {
        minLength: 1,
        maxLength: 120,
      })
      .map((list) => list.map((w, i) => (w === 'f' ? `f${i}` : w)))
    fc.assert(
      fc.property(
        words,
        fc.subarray(['iran', 'talks', 'oman', 'deal'], { minLength: 1 }),
        fc.integer({ min: 2, max: 20 }),
        (list, query, maxWords) => {
          const text = list.join(' ')
          const tokens = analyze(text)
          const matching = new Set(query.map(stemOf))
          const snippet = makeSnippet(text, { terms: matching, phrases: [] }, { maxWords })
          const everywhere = best(
            tokens.map((t) => t.term),
            matching,
            maxWords,
          )
          const window = best(
            analyze(snippet.text).map((t) => t.term),
            matching,
            maxWords,
          )
          assert.equal(window.distinct, everywhere.distinct)
          assert.equal(window.span, everywhere.span)
          if (everywhere.distinct === 0) return
          // Earliest: the window holds the first of the best clusters.
          const core = snippet.text.replace(ELLIPSIS_EDGES, '')
          const from = tokens[everywhere.start]?.start ?? -1
          const to = tokens[everywhere.start + everywhere.span]?.end ?? -1
          let holds = false
          for (let at = text.indexOf(core); at >= 0; at = text.indexOf(core, at + 1)) {
            holds ||= at <= from && to <= at + core.length
          }
          assert.ok(holds, 'the earliest best cluster is in the window')
        },
      ),
      RUNS,
    )
  })
})
