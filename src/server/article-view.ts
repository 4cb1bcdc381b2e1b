// What the article page shows, worked out before the template sees it. Pure.

import { searchHref } from '../page/address.ts'
import { type DateView, dateView } from '../page/results-view.ts'
import type { MarkedArticle } from '../search/article.ts'
import type { RelatedArticle } from '../search/related.ts'

/** An `http:` or `https:` URL as it should be linked, or undefined for anything else. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url.trim())
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

export interface ArticleView {
  titleHtml: string
  subtitleHtml?: string
  category?: string
  date?: DateView
  source?: string
  /** The original's address, only when it is http(s). */
  url?: string
  paragraphs: { id: string; html: string; matched: boolean; heading?: string }[]
  /** Back to the results the reader came from. */
  back?: { href: string; text: string }
  /** How many paragraphs have a mark, and the anchor of the first. */
  marks: number
  firstMatch?: string
  /** Articles on the same subject, best first. */
  related: RelatedArticle[]
}

/** Everything the article page shows; a heading is shown where the section changes. */
export function articleView(
  marked: MarkedArticle,
  q: string,
  related: RelatedArticle[] = [],
): ArticleView {
  const { article } = marked
  let section: string | undefined
  const view: ArticleView = {
    titleHtml: marked.titleHtml,
    related,
    paragraphs: marked.paragraphs.map((paragraph) => {
      const heading = paragraph.heading !== section ? paragraph.heading : undefined
      section = paragraph.heading
      return {
        id: `p${paragraph.index}`,
        html: paragraph.html,
        matched: paragraph.matched,
        ...(heading !== undefined && { heading }),
      }
    }),
    marks: marked.paragraphs.filter((paragraph) => paragraph.matched).length,
  }
  const first = view.paragraphs.find((paragraph) => paragraph.matched)
  if (first !== undefined) view.firstMatch = first.id
  if (marked.subtitleHtml !== undefined) view.subtitleHtml = marked.subtitleHtml
  if (article.category !== undefined) view.category = article.category
  if (article.date !== undefined) view.date = dateView(article.date)
  if (article.source !== undefined) view.source = article.source
  const url = safeHttpUrl(article.url)
  if (url !== undefined) view.url = url
  if (q.trim() !== '') view.back = { href: searchHref({ q }), text: `Results for “${q.trim()}”` }
  return view
}
