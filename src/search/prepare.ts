import type { NewsIndex } from '../index/news-index.ts'
import { articleColumns } from './article-columns.ts'

/**
 * Makes what searches derive from an index once per state of it, so that a server pays for it
 * before it answers from the index rather than in its first request: the article columns (a
 * load has made the index's own article numbering, near-copy groups and lexicon tree). Terms'
 * impacts are not made here: a server derives its frequent terms' between requests once it
 * serves the index (warm-up.ts), and a rare term's at its first query; deriving every term's
 * before serving would add to the load and hold memory for terms never asked.
 */
export function prepareForSearch(index: NewsIndex): void {
  articleColumns(index)
}
