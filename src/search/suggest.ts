import { analyze } from '../analysis/analyzer.ts'
import type { NewsIndex } from '../index/news-index.ts'
import type { ExpansionOptions } from './expand.ts'
import { match } from './match.ts'
import { encodeId } from './search.ts'
import type { Suggestion } from './types.ts'

export interface SuggestOptions extends ExpansionOptions {
  /** Most word completions. Defaults to `6`. */
  words?: number
  /** Most article titles. Defaults to `3`. */
  titles?: number
  /** Most terms of the query read to find titles (see `Limits`). Defaults to `64`. */
  maxTerms?: number
}

/**
 * Completions for the search box: whole words as they appear in the text (never stems), most
 * frequent first, that complete the last word typed; then the titles of the best matching
 * articles for the query read as you type.
 */
export function suggest(index: NewsIndex, q: string, options: SuggestOptions = {}): Suggestion[] {
  // The last word as the lexicon holds it (`U.K` → `uk`, `US` → `u.s`, `café` → `cafe`).
  const last = analyze(q).at(-1)
  if (last === undefined || last.end !== q.trimEnd().length || q.length !== q.trimEnd().length) {
    return []
  }
  const typed = last.word
  const before = q.slice(0, last.start)
  const suggestions: Suggestion[] = []
  if (typed.length >= 2) {
    for (const [word, entry] of index.lexicon.withPrefix(typed, (options.words ?? 6) * 3)) {
      if (entry.term === null || word === typed) continue
      suggestions.push({ value: `${before}${entry.display}`, kind: 'word' })
      if (suggestions.length >= (options.words ?? 6)) break
    }
  }
  const seen = new Set<string>()
  const { maxTerms, maxPrefixExpansions, maxTypoExpansions } = options
  const caps = { maxTerms, maxPrefixExpansions, maxTypoExpansions }
  for (const paragraph of match(index, q, { ...caps, prefix: true }).paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article === undefined || seen.has(article.id)) continue
    seen.add(article.id)
    suggestions.push({
      value: article.title,
      kind: 'title',
      url: `/articles/${encodeId(article.id)}`,
    })
    if (seen.size >= (options.titles ?? 3)) break
  }
  return suggestions
}
