import { createHash } from 'node:crypto'
import type { Article } from '../articles/types.ts'
import type { IndexChange } from '../index/news-index.ts'

/** What identifies an article's content: the SHA-256 of its JSON. */
export function articleDigest(article: Article): string {
  return createHash('sha256').update(JSON.stringify(article)).digest('hex')
}

/**
 * The change that makes an engine holding `held` (id → digest) hold exactly `articles`: the
 * ids gone or changed are removed, the articles new or changed are added.
 */
export function changeTo(
  held: ReadonlyMap<string, string>,
  articles: readonly Article[],
): IndexChange & { unchanged: number } {
  const wanted = new Set(articles.map((article) => article.id))
  const removed = [...held.keys()].filter((id) => !wanted.has(id))
  const added: Article[] = []
  let unchanged = 0
  for (const article of articles) {
    const digest = held.get(article.id)
    if (digest === articleDigest(article)) unchanged++
    else {
      if (digest !== undefined) removed.push(article.id)
      added.push(article)
    }
  }
  return { removed, added, unchanged }
}
