import type { Article } from '../articles/types.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { type PlanOptions, planQuery } from './plan.ts'
import { findMatches, markHtml } from './snippet.ts'

/** An article ready to show whole, with the query's words marked. */
export interface MarkedArticle {
  article: Article
  titleHtml: string
  subtitleHtml?: string
  paragraphs: { index: number; heading?: string; html: string; matched: boolean }[]
}

/**
 * The article with `id`, every paragraph escaped and the words of `q` marked exactly as the
 * search marks them in snippets (`prefix`: the last word as typed so far, as the search box
 * sends it; the other options cap terms and expansions as in a search); undefined when there is
 * no such article.
 */
export function markArticle(
  index: NewsIndex,
  id: string,
  q = '',
  options: PlanOptions = {},
): MarkedArticle | undefined {
  const article = index.article(id)
  if (article === undefined) return undefined
  const { marks } = planQuery(index, q, options)
  const mark = (text: string) => {
    const ranges = findMatches(text, marks)
    return { html: markHtml(text, ranges), matched: ranges.length > 0 }
  }
  const marked: MarkedArticle = {
    article,
    titleHtml: mark(article.title).html,
    paragraphs: article.paragraphs.map((paragraph) => ({
      index: paragraph.index,
      ...(paragraph.heading !== undefined && { heading: paragraph.heading }),
      ...mark(paragraph.text),
    })),
  }
  if (article.subtitle !== undefined) marked.subtitleHtml = mark(article.subtitle).html
  return marked
}
