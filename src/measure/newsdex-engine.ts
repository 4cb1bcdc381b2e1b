// newsdex itself as an evaluation engine: each test document becomes a one-paragraph article.
// Kept apart from engines.ts, and loaded lazily by the eval command, so the rest of the
// evaluation runs even while the index and search stages are missing or broken.
import type { Article } from '../articles/types.ts'
import { buildIndex } from '../index/build.ts'
import { search } from '../search/search.ts'
import type { CollectionDocument } from './collections.ts'
import type { Engine } from './engines.ts'

/** The largest page newsdex's search serves. */
const PAGE_SIZE = 50

/**
 * Free text made safe for newsdex's query language: its operators lose their meaning but the
 * words stay. Every `"` (phrase) and `:` (the end of a `word:` field prefix) becomes a space, so
 * `Design: methods` searches `Design methods`; then a `-` that starts a word (exclusion) goes —
 * in that order, so `title:-x` and `"a"-b` cannot leave an exclusion behind. Hyphens inside
 * words (`high-speed`) are left alone.
 */
export function newsdexSafe(text: string): string {
  return text
    .replace(/["“”:]/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A test document as newsdex reads an article: the title, and the text as its only paragraph. */
export function toArticle(doc: CollectionDocument): Article {
  return { id: doc.id, title: doc.title, paragraphs: [{ index: 0, text: doc.text }], file: doc.id }
}

export function newsdexEngine(): Engine {
  let index: ReturnType<typeof buildIndex> | undefined
  return {
    name: 'newsdex',
    build(docs) {
      index = buildIndex(docs.map(toArticle))
    },
    search(query, k) {
      if (index === undefined) throw new Error('newsdex: search before build')
      const q = newsdexSafe(query)
      if (q === '') return []
      // Results come at most 50 a page: page on until k are in hand or the results run out.
      const ids: string[] = []
      for (let page = 1; ids.length < k; page++) {
        const response = search(index, { q, size: PAGE_SIZE, page })
        for (const result of response.results) ids.push(result.article.id)
        if (response.results.length < PAGE_SIZE || page * PAGE_SIZE >= response.total.articles) {
          break
        }
      }
      return ids.slice(0, k)
    },
  }
}
