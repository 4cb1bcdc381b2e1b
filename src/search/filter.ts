import { analyze } from '../analysis/analyzer.ts'
import type { NewsIndex } from '../index/news-index.ts'
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
  for (const id of candidates ?? []) {
    const entry = index.paragraph(id)
    if (entry === undefined) continue
    const { article, paragraph } = entry
    const fields = {
      text: paragraph.text,
      heading: paragraph.heading ?? '',
      title: article.title,
      subtitle: article.subtitle ?? '',
    }
    const texts = phrase.field === undefined ? Object.values(fields) : [fields[phrase.field]]
    if (texts.some((text) => findPhrase(analyze(text), phrase.terms).length > 0)) found.add(id)
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
