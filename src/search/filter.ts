import { analyze } from '../analysis/analyzer.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { FIELDS, type Field } from '../index/paragraph-index.ts'
import { findPhrase } from './phrase.ts'
import type { QueryPhrase } from './query.ts'
import { paragraphsWith } from './score.ts'

/** Paragraphs where `phrase` stands, words adjacent and in order, in its field or any field. */
export function paragraphsWithPhrase(index: NewsIndex, phrase: QueryPhrase): Set<number> {
  // Narrow with the index (every word present), then check adjacency on the stored text with
  // the same analyzer: MiniSearch has no positions.
  let candidates: Set<number> | undefined
  for (const term of phrase.terms) {
    if (term === null) continue
    const holding = paragraphsWith(index, term, phrase.field)
    candidates =
      candidates === undefined ? holding : new Set([...candidates].filter((id) => holding.has(id)))
    if (candidates.size === 0) return candidates
  }
  return new Set(phraseHolders(index, phrase, candidates ?? []))
}

/**
 * Which of `candidates` (paragraphs holding every word of `phrase`) hold the phrase itself,
 * words adjacent and in order, in its field or any field; in the order given.
 */
export function phraseHolders(
  index: NewsIndex,
  phrase: QueryPhrase,
  candidates: Iterable<number>,
): number[] {
  const found: number[] = []
  const terms = phrase.terms.filter((term): term is string => term !== null)
  const fields = phrase.field === undefined ? FIELDS : [phrase.field]
  const inText = phrase.field === undefined
  // A title or subtitle is shared by every paragraph of its article: analysed once a call.
  const analysed = new Map<string, boolean>()
  for (const id of candidates) {
    // The text's tokens come from the index and settle most candidates without a lookup.
    if (inText && index.textHoldsPhrase(id, phrase.terms)) {
      found.push(id)
      continue
    }
    const entry = index.paragraph(id)
    if (entry === undefined) continue
    const { article, paragraph } = entry
    const texts: Record<Field, string | undefined> = {
      text: undefined,
      heading: paragraph.heading,
      title: article.title,
      subtitle: article.subtitle,
    }
    // Only fields that hold every word of the phrase can hold it; they are short enough to analyse.
    const holds = fields.some((field) => {
      const fieldId = FIELDS.indexOf(field)
      const text = texts[field]
      if (text === undefined || !terms.every((term) => index.paragraphs.holds(id, term, [fieldId])))
        return false
      let held = analysed.get(text)
      if (held === undefined) {
        held = findPhrase(analyze(text), phrase.terms).length > 0
        analysed.set(text, held)
      }
      return held
    })
    if (holds) found.push(id)
  }
  return found
}

/** Paragraphs a query leaves out with `-word` and `-"phrase"`: an exclusion removes the paragraph. */
export function excludedParagraphs(
  index: NewsIndex,
  words: readonly { term: string; field?: 'title' | 'heading' }[],
  phrases: readonly QueryPhrase[],
): Set<number> {
  const excluded = new Set<number>()
  for (const word of words) {
    for (const id of paragraphsWith(index, word.term, word.field)) excluded.add(id)
  }
  for (const phrase of phrases) {
    for (const id of paragraphsWithPhrase(index, phrase)) excluded.add(id)
  }
  return excluded
}
