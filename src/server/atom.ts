import { searchHref, withQuery } from '../page/address.ts'
import type { SearchRequest, SearchResult } from '../search/types.ts'
import { ATOM_TYPE } from './opensearch.ts'
import { escapeXml as xml } from './xml.ts'

/** How many articles a feed holds: the newest. */
export const FEED_SIZE = 20

/** `/search.atom?q=…&from=…&to=…`: the feed of a search (sort and paging do not apply). */
export function feedHref(request: Pick<SearchRequest, 'q' | 'from' | 'to'>): string {
  const params = new URLSearchParams({ q: request.q })
  if (request.from !== undefined) params.set('from', request.from)
  if (request.to !== undefined) params.set('to', request.to)
  return `/search.atom?${params}`
}

export interface FeedOptions {
  /** The site's absolute address, no trailing slash (see `baseUrl`). */
  base: string
  /** The search the feed follows. */
  request: Pick<SearchRequest, 'q' | 'from' | 'to'>
  /** Its articles, newest first (at most FEED_SIZE are written). */
  results: readonly SearchResult[]
  /**
   * When the index was built (ISO 8601): the `updated` of an undated article, whose date is
   * unknown but which is in the index since then, and of a feed with no dated entry.
   */
  builtAt: string
}

/** An article date as Atom's date-time (RFC 3339): a day alone is its first instant, in UTC. */
export function atomDate(date: string): string {
  return date.length === 10 ? `${date}T00:00:00Z` : date
}

/**
 * The feed as XML. Each entry's `id` is the article's absolute URL (stable for as long as the
 * site's address is: set `--public-url`), its `link` the article page with the query marked, its
 * `summary` the best snippet as HTML (escaped: only `<mark>` is markup in it).
 */
export function atomFeed(options: FeedOptions): string {
  const { base, request } = options
  const results = options.results.slice(0, FEED_SIZE)
  const self = `${base}${feedHref(request)}`
  const entryUpdated = results.map((r) =>
    r.article.date === null ? options.builtAt : atomDate(r.article.date),
  )
  const updated = entryUpdated.reduce(
    (newest, date) => (Date.parse(date) > Date.parse(newest) ? date : newest),
    entryUpdated[0] ?? options.builtAt,
  )
  const q = request.q.trim()
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(self)}</id>`,
    `  <title type="text">${xml(`newsdex: ${q}`)}</title>`,
    `  <subtitle type="text">${xml(`The newest articles matching “${q}”.`)}</subtitle>`,
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="${ATOM_TYPE}" href="${xml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${base}${searchHref(request)}`)}"/>`,
    '  <author><name>newsdex</name></author>',
    '  <generator>newsdex</generator>',
  ]
  results.forEach((result, i) => {
    const { article } = result
    const snippet = result.paragraphs[0]?.snippet
    lines.push(
      '  <entry>',
      `    <id>${xml(`${base}${article.url}`)}</id>`,
      `    <title type="text">${xml(article.title)}</title>`,
      `    <updated>${xml(entryUpdated[i] as string)}</updated>`,
      ...(article.date === null
        ? []
        : [`    <published>${xml(atomDate(article.date))}</published>`]),
      `    <link rel="alternate" type="text/html" href="${xml(`${base}${withQuery(article.url, request.q)}`)}"/>`,
      ...(article.category === undefined
        ? []
        : [`    <category term="${xml(article.category)}"/>`]),
      ...(snippet === undefined ? [] : [`    <summary type="html">${xml(snippet)}</summary>`]),
      '  </entry>',
    )
  })
  lines.push('</feed>', '')
  return lines.join('\n')
}
