import { analyze } from '../analysis/analyzer.ts'
import { locateText, type TokenSpan } from '../index/loaded-entry.ts'
import type { ArticleEntry, NewsIndex } from '../index/news-index.ts'
import { FIELDS, type Field } from '../index/paragraph-index.ts'
import type { PostingRuns } from '../index/posting-table.ts'
import { findPhrase } from './phrase.ts'
import { packedHoldsPhrase } from './phrase-numbers.ts'
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
  return new Set(phraseHolders(index, phrase, [...(candidates ?? [])]))
}

/**
 * Which of `candidates` (paragraphs holding every word of `phrase`, ascending) hold the phrase
 * itself, words adjacent and in order, in its field or any field; in the order given. A common
 * phrase has a hundred thousand candidates at a million paragraphs: the phrase's term numbers
 * are found once and each text is read from its packed tokens; a title or subtitle (shared by
 * an article's paragraphs) is checked once an article.
 */
export function phraseHolders(
  index: NewsIndex,
  phrase: QueryPhrase,
  candidates: ArrayLike<number>,
): number[] {
  const found: number[] = []
  const fields: readonly Field[] = phrase.field === undefined ? FIELDS : [phrase.field]
  const inText = fields.includes('text')
  const others = fields.filter((field): field is Exclude<Field, 'text'> => field !== 'text')
  // Terms without a number are in no text or title, though a heading or subtitle may hold them.
  const numbers = phraseNumbers(index, phrase)
  const holdsAll = fieldPostings(index, phrase)
  const { articleOf, entries } = index.articleNumbers()
  // The article last checked, and whether its title and subtitle held the phrase (0: unknown).
  let lastArticle = -1
  const shared = { title: 0, subtitle: 0 }
  const text: TokenSpan = { bytes: new Uint8Array(0), start: 0, end: 0 }
  for (let i = 0; i < candidates.length; i++) {
    const id = candidates[i] as number
    const article = articleOf[id] ?? -1
    const entry = entries[article]
    if (entry === undefined) continue
    if (inText && numbers !== undefined) {
      locateText(entry, id - entry.first, text)
      if (packedHoldsPhrase(text.bytes, numbers, text.start, text.end)) {
        found.push(id)
        continue
      }
    }
    if (article !== lastArticle) {
      lastArticle = article
      shared.title = 0
      shared.subtitle = 0
    }
    // A loop, not closures: this runs for every candidate whose text lacks the phrase.
    let held = false
    for (let f = 0; f < others.length && !held; f++) {
      const field = others[f] as Exclude<Field, 'text'>
      if (field === 'heading') {
        held = fieldHoldsPhrase(id, entry, field, phrase, numbers, holdsAll)
        continue
      }
      if (shared[field] === 0)
        shared[field] = fieldHoldsPhrase(id, entry, field, phrase, numbers, holdsAll) ? 1 : -1
      held = shared[field] === 1
    }
    if (held) found.push(id)
  }
  return found
}

/** The phrase's terms as numbers (-1 for any word); undefined when a term has none. */
function phraseNumbers(index: NewsIndex, phrase: QueryPhrase): Int32Array | undefined {
  const numbers = new Int32Array(phrase.terms.length)
  for (const [k, term] of phrase.terms.entries()) {
    const number = term === null ? -1 : index.termNumbers.find(term)
    if (number === undefined) return undefined
    numbers[k] = number
  }
  return numbers
}

/**
 * Whether a paragraph holds every word of a phrase in a field, by the postings. Each word's run
 * of paragraph ids per field is found once, when the index reads its saved table: checking a
 * frequent phrase asks this of tens of thousands of paragraphs whose text does not hold it.
 */
function fieldPostings(
  index: NewsIndex,
  phrase: QueryPhrase,
): (paragraphId: number, fieldId: number) => boolean {
  const terms = phrase.terms.filter((term): term is string => term !== null)
  const runs = terms.map((term) => index.paragraphs.postingRuns(term))
  if (runs.some((run) => run === undefined))
    return (id, fieldId) => terms.every((term) => index.paragraphs.holds(id, term, [fieldId]))
  const lists = (runs as PostingRuns[]).map(({ starts, ids }) =>
    FIELDS.map((_, f) => ids.subarray(starts[f], starts[f + 1])),
  )
  return (id, fieldId) => lists.every((byField) => includes(byField[fieldId] as Int32Array, id))
}

/** Whether an ascending list holds `id` (a binary search). */
function includes(list: Int32Array, id: number): boolean {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((list[middle] as number) < id) low = middle + 1
    else high = middle
  }
  return list[low] === id
}

/**
 * Whether a paragraph's heading, title or subtitle holds the phrase. The title is read from the
 * tokens kept at indexing; a heading or subtitle (short, and rare) is analysed, and only when
 * the postings say it holds every word of the phrase (`holdsAll`, see `fieldPostings`).
 */
function fieldHoldsPhrase(
  id: number,
  entry: ArticleEntry,
  field: Exclude<Field, 'text'>,
  phrase: QueryPhrase,
  numbers: Int32Array | undefined,
  holdsAll: (paragraphId: number, fieldId: number) => boolean,
): boolean {
  if (field === 'title')
    return numbers !== undefined && packedHoldsPhrase(entry.titleTokens, numbers)
  // The postings first: reading a loaded article's headings decodes all its paragraphs.
  if (!holdsAll(id, FIELDS.indexOf(field))) return false
  const text =
    field === 'heading'
      ? entry.article.paragraphs[id - entry.first]?.heading
      : entry.article.subtitle
  return text !== undefined && findPhrase(analyze(text), phrase.terms).length > 0
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
