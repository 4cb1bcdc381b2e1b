// Addresses of search pages and of articles opened from them, and the query's `category:`
// filters. Pure, and free of Node: the server's pages and the browser's script both use it, so
// a link drawn in either place is the same link.
import type { SearchRequest } from '../search/types.ts'

/** Results per page when the address gives none (the API's default too). */
const DEFAULT_SIZE = 10

/**
 * A search page's address: the request it shows. `searchHref` writes each part only when it is
 * not the default.
 */
export type PageAddress = SearchRequest

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
