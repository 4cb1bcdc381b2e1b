// What turns the articles an index holds into the articles a folder holds now. Pure.
import { isDeepStrictEqual } from 'node:util'
import type { Article } from '../articles/types.ts'
import type { IndexChange } from './news-index.ts'

/** What an incremental build did to the articles. */
export interface Changes {
  added: number
  updated: number
  removed: number
  unchanged: number
}

/**
 * What turns the `current` articles into `articles`: the gone removed, the new added, the
 * changed replaced. An article that is the same object as before is left alone, and so is one
 * parsed again to the same content (a file whose parse depends on others is always re-read).
 */
export function diffArticles(
  current: ReadonlyMap<string, Article>,
  articles: readonly Article[],
): { change: IndexChange; changes: Changes } {
  const changes: Changes = { added: 0, updated: 0, removed: 0, unchanged: 0 }
  const removed: string[] = []
  const added: Article[] = []
  const wanted = new Set(articles.map((article) => article.id))
  for (const id of current.keys()) {
    if (!wanted.has(id)) {
      removed.push(id)
      changes.removed++
    }
  }
  for (const article of articles) {
    const before = current.get(article.id)
    if (before === article || (before !== undefined && sameArticle(before, article))) {
      changes.unchanged++
    } else if (before === undefined) {
      added.push(article)
      changes.added++
    } else {
      removed.push(article.id)
      added.push(article)
      changes.updated++
    }
  }
  return { change: { removed, added }, changes }
}

function sameArticle(a: Article, b: Article): boolean {
  return isDeepStrictEqual(a, b)
}
