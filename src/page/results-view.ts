// What the results region shows for a search response, worked out before anything draws it:
// hrefs, texts, counts. Pure, and free of Node: views/_results.ejs draws it on the server and
// src/client/results.ts in the browser, so both show the same results (a browser test compares).
import type { Highlight, SearchRequest, SearchResponse } from '../search/types.ts'
import {
  activeCategories,
  addCategory,
  type PageAddress,
  removeCategory,
  searchHref,
  withQuery,
} from './address.ts'
import { type TimelineView, timelineView } from './timeline-view.ts'
import { displayDate, plural, resultsHeading } from './words.ts'

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

/** A date as `<time>` shows it. */
export function dateView(iso: string): DateView {
  return { iso, text: displayDate(iso) }
}

export interface HitView {
  heading?: string
  /** Escaped HTML with `<mark>`, for the server's template. */
  html: string
  /** The same snippet as plain text and the ranges to mark, for the browser's DOM building. */
  text: string
  highlights: Highlight[]
  href: string
}

export interface ResultView {
  /** The title as plain text: what the browser shows if `titleHtml` holds more than marks. */
  title: string
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
    title: result.article.title,
    titleHtml: result.article.titleHtml,
    href: withQuery(result.article.url, q),
    hits: result.paragraphs.map((hit) => ({
      ...(hit.heading !== undefined && { heading: hit.heading }),
      html: hit.snippet,
      text: hit.text,
      highlights: hit.highlights,
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
