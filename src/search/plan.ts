import type { NewsIndex } from '../index/news-index.ts'
import { type ExpansionOptions, expandWord } from './expand.ts'
import { type ParsedQuery, parseQuery } from './query.ts'
import type { ScoringWord } from './score.ts'
import type { MatchSpec } from './snippet.ts'

/** A query made ready to run on one index: what to score, and what to mark. */
export interface QueryPlan {
  parsed: ParsedQuery
  /** Distinct positive words (phrase words included), with their expansions. */
  words: ScoringWord[]
  /** What a snippet marks: the stems the words expanded to, and the phrases. */
  marks: MatchSpec
}

export interface PlanOptions extends ExpansionOptions {
  prefix?: boolean
  maxTerms?: number
}

/** Parses `q` and resolves its words against the index's vocabulary. */
export function planQuery(index: NewsIndex, q: string, options: PlanOptions = {}): QueryPlan {
  const parsed = parseQuery(q, options)
  const words = new Map<string, ScoringWord>()
  const markTerms = new Set<string>()
  for (const word of parsed.words) {
    const key = `${word.field ?? ''}:${word.prefix ? '*' : ''}${word.term}`
    const known = words.get(key)
    if (known !== undefined) {
      known.count++
      continue
    }
    const expansions = expandWord(index, word, options)
    for (const expansion of expansions) markTerms.add(expansion.term)
    words.set(key, {
      text: word.text,
      expansions,
      count: 1,
      ...(word.field && { field: word.field }),
    })
  }
  // A phrase's words must all be present, so they are scored like typed words; they are
  // only marked where they stand together as the phrase.
  for (const phrase of parsed.phrases) {
    for (const term of phrase.terms) {
      if (term === null) continue
      const key = `${phrase.field ?? ''}:${term}`
      const known = words.get(key)
      if (known !== undefined) known.count++
      else {
        const expansions = index.paragraphs.has(term) ? [{ term, weight: 1, exact: true }] : []
        words.set(key, {
          text: phrase.text,
          expansions,
          count: 1,
          ...(phrase.field && { field: phrase.field }),
        })
      }
    }
  }
  return {
    parsed,
    words: [...words.values()],
    marks: { terms: markTerms, phrases: parsed.phrases.map((phrase) => phrase.terms) },
  }
}
