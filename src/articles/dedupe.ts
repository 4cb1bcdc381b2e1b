// Articles whose content repeats an earlier one: dropped once, reported against the first.
import { createHash } from 'node:crypto'
import type { Article } from './types.ts'

/** An article whose content is identical to an earlier one (in sorted path order). */
export interface DuplicateArticle {
  file: string
  duplicateOf: string
}

/**
 * Digests already computed. Articles are never changed once read, and an incremental build
 * passes the same objects again for the files that did not change.
 */
const contentKeys = new WeakMap<Article, string>()

/** A digest of what a reader sees: title, subtitle, headings and texts, each length-prefixed. */
export function contentKey(article: Article): string {
  let key = contentKeys.get(article)
  if (key === undefined) {
    key = digest(article)
    contentKeys.set(article, key)
  }
  return key
}

/**
 * Takes an article's `contentKey` as computed elsewhere (by the build worker that read it, from
 * the same content), so that deduplicating it does not read its paragraphs here.
 */
export function rememberContentKey(article: Article, key: string): void {
  contentKeys.set(article, key)
}

function digest(article: Article): string {
  // The fields joined, then hashed at once: an update per field cost more than the hashing.
  const parts: string[] = []
  const field = (text: string) => parts.push(`${text.length}:`, text)
  field(article.title)
  field(article.subtitle ?? '')
  for (const paragraph of article.paragraphs) {
    field(paragraph.heading ?? '')
    field(paragraph.text)
  }
  return createHash('sha256').update(parts.join('')).digest('base64')
}

/**
 * Drops articles whose content (title, subtitle, paragraph headings and texts) is identical to
 * an earlier one in the given order, reporting each against the one kept.
 */
export function dedupeArticles(articles: Article[]): {
  articles: Article[]
  duplicates: DuplicateArticle[]
  duplicateGroups: number
} {
  const dedupe = new Deduplicator()
  const kept = articles.filter((article) => dedupe.keeps(article))
  return { articles: kept, duplicates: dedupe.duplicates, duplicateGroups: dedupe.groups }
}

/** `dedupeArticles` one article at a time, in order, for a reader that hands them on as read. */
export class Deduplicator {
  readonly #first = new Map<string, { file: string; copies: number }>()
  readonly duplicates: DuplicateArticle[] = []

  /** Whether the next article is kept: false for a copy of an earlier one (then listed). */
  keeps(article: Article): boolean {
    const key = contentKey(article)
    const original = this.#first.get(key)
    if (original === undefined) {
      this.#first.set(key, { file: article.file, copies: 1 })
      return true
    }
    original.copies++
    this.duplicates.push({ file: article.file, duplicateOf: original.file })
    return false
  }

  /** How many distinct contents were found more than once. */
  get groups(): number {
    let groups = 0
    for (const { copies } of this.#first.values()) if (copies > 1) groups++
    return groups
  }
}
