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
  const found = new Set<number>()
  const terms = phrase.terms.filter((term): term is string => term !== null)
  const fields = phrase.field === undefined ? FIELDS : [phrase.field]
  for (const id of candidates ?? []) {
    const entry = index.paragraph(id)
    if (entry === undefined) continue
    const { article, paragraph } = entry
    const texts: Record<Field, string | undefined> = {
      text: paragraph.text,
      heading: paragraph.heading,
      title: article.title,
      subtitle: article.subtitle,
    }
    // Only fields that hold every word of the phrase can hold it. The text's tokens come from
    // the index; the other fields are short enough to analyse.
    const holds = fields.some((field) => {
      const fieldId = FIELDS.indexOf(field)
      const text = texts[field]
      if (text === undefined || !terms.every((term) => index.paragraphs.holds(id, term, [fieldId])))
        return false
      return field === 'text'
        ? index.textHoldsPhrase(id, phrase.terms)
        : findPhrase(analyze(text), phrase.terms).length > 0
    })
    if (holds) found.add(id)
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
