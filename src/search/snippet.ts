import { analyze, type TermSpan } from '../analysis/analyzer.ts'
import { escapeHtml } from './escape.ts'
import { findPhrase, type PhraseTerms } from './phrase.ts'
import type { Highlight } from './types.ts'

/** What counts as a match in a text: stems (exact words and their prefix/typo expansions, already resolved to stems) and phrases. */
export interface MatchSpec {
  terms: ReadonlySet<string>
  phrases: readonly PhraseTerms[]
}

export interface Snippet {
  /** HTML: the escaped window with `<mark>` around matches. */
  snippet: string
  /** The plain window, with `…` where the text was cut. */
  text: string
  /** `[start, end)` offsets into `text`. */
  highlights: Highlight[]
}

export interface SnippetOptions {
  /** About how many words the window holds. Defaults to `30`. */
  maxWords?: number
  /** `text` as the analyzer tokenizes it, when the caller has that already (from the index). */
  tokens?: readonly TermSpan[]
}

const DEFAULT_MAX_WORDS = 30
const ELLIPSIS = '…'

/** One occurrence of a matched term or phrase: its tokens (inclusive) and characters. */
interface Occurrence {
  /**
   * What makes occurrences "the same" when counting distinct matches: the term itself, or the
   * phrase as JSON (which starts with `[`, as no term can).
   */
  key: string
  first: number
  last: number
  start: number
  end: number
}

/**
 * Matches come from the project analyzer only, so a highlight can never disagree with the
 * index: a token matches when its term is in `spec.terms`, a phrase wherever `findPhrase` says.
 * Sorted by first token.
 */
function occurrences(tokens: readonly TermSpan[], spec: MatchSpec): Occurrence[] {
  const found: Occurrence[] = []
  tokens.forEach(({ term, start, end }, i) => {
    if (term !== null && spec.terms.has(term)) {
      found.push({ key: term, first: i, last: i, start, end })
    }
  })
  for (const phrase of spec.phrases) {
    const key = JSON.stringify(phrase)
    for (const first of findPhrase(tokens, phrase)) {
      const last = first + phrase.length - 1
      const [from, to] = [tokens[first], tokens[last]]
      if (from && to) found.push({ key, first, last, start: from.start, end: to.end })
    }
  }
  return found.sort((a, b) => a.first - b.first || a.last - b.last)
}

// Mark and window boundaries must not split a user-perceived character (a surrogate pair, a
// letter and its combining marks, an emoji sequence). Between two "plain" code units (Latin
// up to U+02FF, except CR, and the quotes and dashes of U+2010–2027) there is always a
// boundary; anywhere else Intl.Segmenter decides, on a slice around the offset so that a
// long text costs no more than a short one.
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
const SEGMENT_CONTEXT = 64
const isPlain = (c: number) => (c < 0x300 && c !== 0x0d) || (c >= 0x2010 && c <= 0x2027)

/** `i` moved out of the grapheme cluster it falls inside: back to its start, or on to its end. */
function graphemeBoundary(text: string, i: number, forward: boolean): number {
  if (i <= 0 || i >= text.length) return i
  if (isPlain(text.charCodeAt(i - 1)) && isPlain(text.charCodeAt(i))) return i
  const from = Math.max(0, i - SEGMENT_CONTEXT)
  const cluster = graphemes.segment(text.slice(from, i + SEGMENT_CONTEXT)).containing(i - from)
  if (cluster === undefined || from + cluster.index === i) return i
  return forward ? from + cluster.index + cluster.segment.length : from + cluster.index
}

/** Ranges clamped to `text`, widened to grapheme boundaries, sorted, and merged where they touch or overlap. */
function normalizeRanges(text: string, ranges: readonly Highlight[]): Highlight[] {
  const clamp = (i: number) => Math.min(text.length, Math.max(0, Math.trunc(i) || 0))
  const widened: Highlight[] = []
  for (const [start, end] of ranges) {
    const range: Highlight = [
      graphemeBoundary(text, clamp(start), false),
      graphemeBoundary(text, clamp(end), true),
    ]
    if (range[0] < range[1]) widened.push(range)
  }
  widened.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Highlight[] = []
  for (const range of widened) {
    const previous = merged.at(-1)
    if (previous !== undefined && range[0] <= previous[1]) {
      previous[1] = Math.max(previous[1], range[1])
    } else {
      merged.push(range)
    }
  }
  return merged
}

/**
 * Character ranges to mark in `text`, sorted, non-overlapping; a phrase occurrence is ONE range
 * from its first token's start to its last token's end; a term inside a marked phrase is not
 * marked again; adjacent/overlapping ranges merge. `tokens`: the text as the analyzer tokenizes
 * it, when the caller has that already (from the index).
 */
export function findMatches(
  text: string,
  spec: MatchSpec,
  tokens: readonly TermSpan[] = analyze(text),
): Highlight[] {
  return normalizeRanges(
    text,
    occurrences(tokens, spec).map((o) => [o.start, o.end]),
  )
}

/**
 * Escaped text with `<mark>…</mark>` around the given ranges (offsets into the plain text; they
 * are cleaned up first, so any ranges are safe). Escaping piece by piece is the same as escaping
 * first, since escaping works character by character, and a tag can never land inside an entity.
 */
export function markHtml(text: string, ranges: readonly Highlight[]): string {
  return markNormalized(text, normalizeRanges(text, ranges))
}

/** `markHtml` for ranges that `normalizeRanges` gave. */
function markNormalized(text: string, ranges: readonly Highlight[]): string {
  let html = ''
  let at = 0
  for (const [start, end] of ranges) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`
    at = end
  }
  return html + escapeHtml(text.slice(at))
}

/**
 * Token extent `[first, last]` of the best cluster of occurrences that fits in `maxWords`
 * tokens: the most distinct keys, then the smallest spread, then the earliest. `null` when
 * nothing fits.
 *
 * One pass in token order. `latest` holds each key's most recent occurrence (re-inserting moves
 * a key to the end, so the Map stays ordered by position): for a cluster ending at the current
 * occurrence, the tightest choice is the latest occurrence of every key still in reach, and the
 * Map's first entry is where that cluster starts. Only a strictly better cluster replaces the
 * best, so ties go to the earliest. Spread is measured between first tokens and
 * limited so that even the longest phrase still fits: exact for words, a little cautious with
 * phrases.
 */
function bestCluster(found: readonly Occurrence[], maxWords: number): [number, number] | null {
  const fitting = found.filter((o) => o.last - o.first < maxWords)
  let longest = 1
  for (const o of fitting) longest = Math.max(longest, o.last - o.first + 1)
  const reach = maxWords - longest
  const latest = new Map<string, number>()
  let best: { distinct: number; spread: number; from: number; to: number } | null = null
  for (const o of fitting) {
    latest.delete(o.key)
    latest.set(o.key, o.first)
    for (const [key, first] of latest) {
      if (first >= o.first - reach) break
      latest.delete(key)
    }
    const from = latest.values().next().value ?? o.first
    const [distinct, spread] = [latest.size, o.first - from]
    if (
      best === null ||
      distinct > best.distinct ||
      (distinct === best.distinct && spread < best.spread)
    ) {
      best = { distinct, spread, from, to: o.first }
    }
  }
  if (best === null) return null
  let last = best.to
  for (const o of fitting) {
    if (o.first >= best.from && o.first <= best.to) last = Math.max(last, o.last)
  }
  return [best.from, last]
}

// A sentence starts after . ! ? or … (and any closing quotes or brackets), then space.
const SENTENCE_BREAK = /[.!?…][\p{Pe}\p{Pf}"']*\s+[\p{Ps}\p{Pi}"']*$/u

/**
 * First and last token of the window. The best cluster gets some words of context before it:
 * back to the start of its sentence when that is near, else a third of the spare words.
 */
function chooseWindow(
  text: string,
  tokens: readonly TermSpan[],
  found: readonly Occurrence[],
  maxWords: number,
): [number, number] {
  const cluster = bestCluster(found, maxWords)
  if (cluster === null) return [0, maxWords - 1]
  const [first, last] = cluster
  const slack = maxWords - (last - first + 1)
  let start = first - Math.floor(slack / 3)
  for (let i = first; i >= Math.max(0, first - Math.floor(slack / 2)); i--) {
    const previous = tokens[i - 1]
    const token = tokens[i]
    if (
      previous === undefined ||
      (token && SENTENCE_BREAK.test(text.slice(previous.end, token.start)))
    ) {
      start = i
      break
    }
  }
  // Clamping keeps the cluster inside: it spans at most maxWords tokens and start <= first.
  start = Math.max(0, Math.min(start, tokens.length - maxWords))
  return [start, start + maxWords - 1]
}

// Punctuation kept at a cut so that a window does not look chopped: an opening quote or bracket
// right before the first word, closing punctuation right after the last; a short run at most,
// so that a wall of punctuation does not come along.
const OPENING = /[\p{Ps}\p{Pi}"'¿¡]/u
const CLOSING = /[\p{Pe}\p{Pf}.,;:!?"'%]/u
const PUNCTUATION_RUN = 3

/**
 * A window of about `maxWords` words (default 30) chosen to hold the most distinct matched
 * terms/phrases, then the tightest cluster of them, then the earliest; the whole text when it
 * has ≤ maxWords words. Cut at word boundaries, with "…" (no space) at a side where text was cut.
 */
export function makeSnippet(text: string, spec: MatchSpec, options: SnippetOptions = {}): Snippet {
  const wanted = options.maxWords ?? DEFAULT_MAX_WORDS
  const maxWords = Number.isNaN(wanted) ? DEFAULT_MAX_WORDS : Math.max(1, Math.floor(wanted))
  const tokens = options.tokens ?? analyze(text)
  const found = occurrences(tokens, spec)
  const [a, b] =
    tokens.length <= maxWords ? [0, tokens.length - 1] : chooseWindow(text, tokens, found, maxWords)
  const cutBefore = a > 0
  const cutAfter = b < tokens.length - 1
  let from = cutBefore ? (tokens[a]?.start ?? 0) : 0
  const firstWord = from
  while (cutBefore && firstWord - from < PUNCTUATION_RUN && OPENING.test(text.charAt(from - 1))) {
    from--
  }
  let to = cutAfter ? (tokens[b]?.end ?? text.length) : text.length
  const lastWord = to
  while (cutAfter && to - lastWord < PUNCTUATION_RUN && CLOSING.test(text.charAt(to))) to++
  from = graphemeBoundary(text, from, false)
  to = graphemeBoundary(text, to, true)

  const prefix = cutBefore ? ELLIPSIS : ''
  const window = `${prefix}${text.slice(from, to)}${cutAfter ? ELLIPSIS : ''}`
  // Occurrences cut by the window's edge keep their visible part.
  const shift = prefix.length - from
  const ranges = found
    .filter((o) => o.end > from && o.start < to)
    .map((o): Highlight => [Math.max(o.start, from) + shift, Math.min(o.end, to) + shift])
  const highlights = normalizeRanges(window, ranges)
  return { snippet: markNormalized(window, highlights), text: window, highlights }
}
