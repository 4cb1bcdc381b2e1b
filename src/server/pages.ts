// What the pages show, worked out before the templates see it: hrefs, texts, counts. Pure.
// public/app.js renders search responses in the browser with the same rules (resultsView,
// searchHref, the category helpers), so server- and browser-rendered results match; a browser
// test compares the two.
import { displayDate } from '../articles/date.ts'
import type { MarkedArticle } from '../search/article.ts'
import type { SortOrder } from '../search/date-order.ts'
import type { RelatedArticle } from '../search/related.ts'
import type { SearchRequest, SearchResponse } from '../search/types.ts'
import { type TimelineView, timelineView } from './timeline.ts'

const DEFAULT_SIZE = 10

/** The parts of a search page address; each appears only when not the default. */
export interface PageAddress {
  q: string
  page?: number
  size?: number
  prefix?: boolean
  group?: boolean
  collapse?: boolean
  sort?: SortOrder
  from?: string
  to?: string
}

/** `/?q=…&page=…`: the address of a search page. */
export function searchHref(address: PageAddress): string {
  const params = new URLSearchParams()
  if (address.q !== '') params.set('q', address.q)
  if (address.page !== undefined && address.page > 1) params.set('page', String(address.page))
  if (address.size !== undefined && address.size !== DEFAULT_SIZE)
    params.set('size', String(address.size))
  if (address.prefix === false) params.set('prefix', 'false')
  if (address.group === false) params.set('group', 'false')
  if (address.collapse === false) params.set('collapse', 'false')
  if (address.sort !== undefined && address.sort !== 'relevance') params.set('sort', address.sort)
  if (address.from !== undefined) params.set('from', address.from)
  if (address.to !== undefined) params.set('to', address.to)
  const query = params.toString()
  return query === '' ? '/' : `/?${query}`
}

/** An article or paragraph URL from the search library, with `?q=` put before any `#p3`. */
export function withQuery(url: string, q: string): string {
  if (q.trim() === '') return url
  const hash = url.indexOf('#')
  const path = hash === -1 ? url : url.slice(0, hash)
  const fragment = hash === -1 ? '' : url.slice(hash)
  return `${path}?${new URLSearchParams({ q })}${fragment}`
}

// `category:NAME` or `category:"NAME"` at the start or after white space (a `-category:` is not a
// filter), as the query language reads it.
const CATEGORY = /(^|\s)category:(?:"([^"]*)"?|([^\s"]+))/giu

/** The categories a query filters on, lower case. */
export function activeCategories(q: string): string[] {
  return [...q.matchAll(CATEGORY)]
    .map((match) => (match[2] ?? match[3] ?? '').trim().toLowerCase())
    .filter((name) => name !== '')
}

/** The query with a `category:` filter added (quoted when the name has spaces). */
export function addCategory(q: string, name: string): string {
  const token = /^[^\s"]+$/u.test(name) ? name : `"${name.replaceAll('"', '')}"`
  return `${q.trim()} category:${token}`.trim()
}

/** The query without any `category:` filter on `name`. */
export function removeCategory(q: string, name: string): string {
  const wanted = name.toLowerCase()
  return q
    .replace(CATEGORY, (whole, space: string, quoted?: string, bare?: string) =>
      (quoted ?? bare ?? '').trim().toLowerCase() === wanted ? space : whole,
    )
    .replace(/\s+/gu, ' ')
    .trim()
}

/** The level-one heading of a results page: `Results for “red line”`. */
export function resultsHeading(q: string): string {
  return `Results for “${q.trim()}”`
}

/** `1 article`, `2 articles`, `1,234 articles`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

export interface FacetView {
  name: string
  count: number
  href: string
  active: boolean
}

/** A date for `<time datetime="iso">text</time>`. */
export interface DateView {
  iso: string
  text: string
}

function dateView(iso: string): DateView {
  return { iso, text: displayDate(iso) }
}

export interface HitView {
  heading?: string
  /** Escaped HTML with `<mark>` (server); the browser builds it from `text` and `highlights`. */
  html: string
  href: string
}

export interface ResultView {
  titleHtml: string
  href: string
  category?: string
  date?: DateView
  hits: HitView[]
  /** Words of the query the best paragraph lacks (a partial match). */
  missing?: string
  more?: { text: string; href: string }
  /** Near-copies folded into this result: "N similar versions", and each version's link. */
  similar?: { summary: string; items: { title: string; href: string; date?: DateView }[] }
}

export interface ResultsView {
  q: string
  /** The page's level-one heading. */
  heading: string
  /** The sentence the live region announces. */
  status: string
  didYouMean?: { text: string; href: string }
  partial: boolean
  ignored?: string
  /** The engine's shards that did not answer, when the results are incomplete. */
  missingShards?: string
  facets: FacetView[]
  /** The date facet as bars, and the way out of a date range. */
  timeline?: TimelineView
  results: ResultView[]
  /** The number of the first result on the page (for `<ol start>`). */
  start: number
  pager?: { prev?: string; next?: string; info: string }
  empty?: { title: string; hint: string; href?: string; link?: string }
}

/** Everything the results partial shows for a response. */
export function resultsView(response: SearchResponse, request: SearchRequest): ResultsView {
  const q = response.query
  const address: PageAddress = { q, size: response.size }
  if (request.prefix === false) address.prefix = false
  if (request.group === false) address.group = false
  if (request.collapse === false) address.collapse = false
  if (request.sort !== undefined && request.sort !== 'relevance') address.sort = request.sort
  if (request.from !== undefined) address.from = request.from
  if (request.to !== undefined) address.to = request.to
  const grouped = request.group !== false
  const total = grouped ? response.total.articles : response.total.paragraphs
  const pages = Math.max(1, Math.ceil(response.total.results / response.size))
  const active = activeCategories(q)
  const facets: FacetView[] = Object.entries(response.facets.category)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([name, count]) => facet(q, name, count, active.includes(name.toLowerCase()), address))
  for (const name of active) {
    if (!facets.some((f) => f.name.toLowerCase() === name))
      facets.push(facet(q, name, 0, true, address))
  }
  const view: ResultsView = {
    q,
    heading: resultsHeading(q),
    status:
      total === 0
        ? `No results for “${q.trim()}”`
        : `${plural(response.total.articles, 'article')}, ${plural(response.total.paragraphs, 'paragraph')} · ${response.tookMs} ms`,
    partial: response.matched === 'some' && total > 0,
    facets,
    results: response.results.map((result) => resultView(result, q)),
    start: (response.page - 1) * response.size + 1,
  }
  const timeline = timelineView(response.facets.date, address)
  if (timeline !== undefined) view.timeline = timeline
  if (response.didYouMean !== undefined) {
    view.didYouMean = {
      text: response.didYouMean,
      href: searchHref({ ...address, q: response.didYouMean }),
    }
  }
  if (response.ignored !== undefined && response.ignored.length > 0)
    view.ignored = response.ignored.join(', ')
  if (response.partial === true) view.missingShards = (response.missingShards ?? []).join(', ')
  if (pages > 1 && response.page <= pages) {
    view.pager = { info: `Page ${response.page} of ${pages}` }
    if (response.page > 1) view.pager.prev = searchHref({ ...address, page: response.page - 1 })
    if (response.page < pages) view.pager.next = searchHref({ ...address, page: response.page + 1 })
  }
  if (total === 0) {
    view.empty = {
      title: 'Nothing found.',
      hint:
        active.length > 0
          ? 'Try fewer words, check the spelling, or remove the category filter.'
          : 'Try fewer or other words, or check the spelling.',
    }
  } else if (response.results.length === 0) {
    view.empty = {
      title: `There is no page ${response.page}.`,
      hint: `The results end on page ${pages}.`,
      href: searchHref({ ...address, page: pages }),
      link: 'Go to the last page',
    }
  }
  return view
}

function facet(
  q: string,
  name: string,
  count: number,
  active: boolean,
  address: PageAddress,
): FacetView {
  const next = active ? removeCategory(q, name) : addCategory(q, name)
  return { name, count, active, href: searchHref({ ...address, q: next }) }
}

function resultView(result: SearchResponse['results'][number], q: string): ResultView {
  const view: ResultView = {
    titleHtml: result.article.titleHtml,
    href: withQuery(result.article.url, q),
    hits: result.paragraphs.map((hit) => ({
      ...(hit.heading !== undefined && { heading: hit.heading }),
      html: hit.snippet,
      href: withQuery(hit.url, q),
    })),
  }
  if (result.article.category !== undefined) view.category = result.article.category
  if (result.article.date !== null) view.date = dateView(result.article.date)
  if (result.missing !== undefined && result.missing.length > 0)
    view.missing = result.missing.join(', ')
  const more = result.matches - result.paragraphs.length
  if (more > 0) {
    view.more = {
      text: `${plural(more, 'more matching paragraph')}`,
      href: withQuery(result.article.url, q),
    }
  }
  if (result.similar !== undefined && result.similar.length > 0) {
    view.similar = {
      summary: plural(result.similar.length, 'similar version'),
      items: result.similar.map((item) => ({
        title: item.title,
        href: withQuery(item.url, q),
        ...(item.date !== null && { date: dateView(item.date) }),
      })),
    }
  }
  return view
}

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
