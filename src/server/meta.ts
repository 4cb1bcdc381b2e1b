// What each page says about itself in `<meta name="description">`: the line search engines and
// link previews show under its title. Plain text (the layout escapes it). Pure.
import type { Article } from '../articles/types.ts'
import { plural } from '../page/words.ts'

/** Descriptions are cut to about this many characters, the length search engines show. */
export const DESCRIPTION_LENGTH = 160

/** The text squeezed to one line and cut at a word boundary, with `…`, if longer than `max`. */
export function summary(text: string, max = DESCRIPTION_LENGTH): string {
  const line = text.replace(/\s+/gu, ' ').trim()
  if (line.length <= max) return line
  const cut = line.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`
}

/** The home page: what the site is and how much it holds. */
export function homeDescription(stats: { articles: number; paragraphs: number }): string {
  return `Full-text search of ${plural(stats.articles, 'news article')} (${plural(stats.paragraphs, 'paragraph')}), with results as you type.`
}

/** A results page: the query and how many articles match it. */
export function resultsDescription(q: string, articles: number): string {
  const query = summary(q, 80)
  return articles === 0
    ? `No news articles match “${query}”.`
    : `${plural(articles, 'news article')} ${articles === 1 ? 'matches' : 'match'} “${query}”, best paragraphs first.`
}

/** An article: its subtitle, or else its first paragraph. */
export function articleDescription(article: Article): string {
  const text = article.subtitle ?? article.paragraphs[0]?.text ?? article.title
  return summary(text)
}
