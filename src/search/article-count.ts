import type { NewsIndex } from '../index/news-index.ts'
import { articleColumns } from './article-columns.ts'
import type { QueryPlan } from './plan.ts'
import { DEFAULT_IMPACTS } from './rank-page.ts'

/**
 * How many articles a query of words alone (no phrase, exclusion or field scope; `category:`
 * allowed) matches, counted over typed postings and given up past `limit`: the same articles
 * `findMatching` finds, where a paragraph holding any word matches, or through its title only
 * if it is its article's lead. Undefined for any other query. Did-you-mean asks whether a
 * respelling finds more than the query did, and a respelling of a typo to a frequent word
 * matches a hundred thousand articles at a million paragraphs: the first few answer it.
 */
export function articlesUpTo(index: NewsIndex, plan: QueryPlan, limit: number): number | undefined {
  const { parsed, words } = plan
  const plain =
    words.length > 0 &&
    parsed.phrases.length === 0 &&
    parsed.excludedWords.length === 0 &&
    parsed.excludedPhrases.length === 0 &&
    words.every((word) => word.field === undefined)
  if (!plain) return undefined
  const columns = articleColumns(index)
  const { articleOf, entries, category, categoryKeys } = columns
  const asked = new Set(parsed.categories)
  const admitted = Uint8Array.from(categoryKeys, (key) => (asked.has(key) ? 1 : 0))
  const admits = (article: number) => {
    if (asked.size === 0) return true
    const kind = category[article] as number
    return kind < 0 ? asked.has('') : admitted[kind] === 1
  }
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const size = index.nextParagraphId
  const seen = new Uint8Array(entries.length)
  let count = 0
  for (const word of words) {
    for (const expansion of word.expansions) {
      const list = postings.get(expansion.term, size)
      if (list === undefined) continue
      // A paragraph matching through its title alone counts only as its article's lead, but
      // the lead holds the title too: every paragraph holding a word counts its article.
      const { ids } = list
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number
        const article = articleOf[id] as number
        if (article < 0 || seen[article] === 1) continue
        if (!admits(article)) continue
        seen[article] = 1
        if (++count > limit) return count
      }
    }
  }
  return count
}
