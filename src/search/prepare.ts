import type { NewsIndex } from '../index/news-index.ts'
import { articleColumns } from './article-columns.ts'

/**
 * Makes what searches derive from an index once per state of it, so that a server pays for it
 * before it answers from the index rather than in its first request: the article columns (a
 * load has made the index's own article numbering, near-copy groups and lexicon tree). A term's
 * impacts are left to its first query: the most frequent term of Reuters ×10 (192k postings)
 * derives them in tens of ms, and deriving every term's would hold memory for terms never asked.
 */
export function prepareForSearch(index: NewsIndex): void {
  articleColumns(index)
}
