// OpenSearch 1.1: the description that lets a browser add newsdex as a search engine, and the
// suggestions in the form browsers read. Pure.
import type { Suggestion } from '../search/types.ts'
import { HttpError } from './errors.ts'
import { escapeXml as xml } from './xml.ts'

export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml'
export const SUGGESTIONS_TYPE = 'application/x-suggestions+json'
export const ATOM_TYPE = 'application/atom+xml'

/**
 * The site's address as given by `--public-url` (`https://news.example.org/search`): checked,
 * without a trailing slash, so that paths can be appended. Throws a message naming the problem.
 */
export function parsePublicUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`--public-url must be an absolute http(s) URL, not ${text}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--public-url must be an http or https URL, not ${text}`)
  }
  if (url.search !== '' || url.hash !== '') {
    throw new Error(`--public-url must not have a query or a fragment: ${text}`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** A `Host` header value: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/

/**
 * The site's address for absolute URLs: the public URL when one is configured, else the
 * request's protocol and `Host`. A `Host` that is not a host name (and port) is a 400.
 */
export function baseUrl(
  publicUrl: string | undefined,
  protocol: string,
  host: string | undefined,
): string {
  if (publicUrl !== undefined) return publicUrl
  const bad = new HttpError(400, 'bad_host', 'The Host header is not a host name and port.')
  if (host === undefined || !HOST.test(host)) throw bad
  try {
    return new URL(`${protocol}://${host}`).origin
  } catch {
    throw bad // an IPv6 address in brackets that is not one
  }
}

/**
 * The OpenSearch 1.1 description of the site at `base`: its HTML search URL, its Atom feed URL
 * (`/search.atom`) and its suggestions URL (`/suggest?format=opensearch`), each absolute.
 */
export function openSearchDescription(base: string, icon?: string): string {
  const at = (path: string) => xml(`${base}${path}`)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">',
    '  <ShortName>newsdex</ShortName>',
    '  <Description>Full-text search of the news articles newsdex serves.</Description>',
    '  <InputEncoding>UTF-8</InputEncoding>',
    ...(icon === undefined
      ? []
      : [`  <Image width="16" height="16" type="image/svg+xml">${at(icon)}</Image>`]),
    `  <Url type="text/html" method="get" template="${at('/?q={searchTerms}')}"/>`,
    `  <Url type="${ATOM_TYPE}" method="get" template="${at('/search.atom?q={searchTerms}')}"/>`,
    `  <Url type="${SUGGESTIONS_TYPE}" method="get" template="${at('/suggest?q={searchTerms}&format=opensearch')}"/>`,
    `  <Url type="${OPENSEARCH_TYPE}" rel="self" template="${at('/opensearch.xml')}"/>`,
    '</OpenSearchDescription>',
    '',
  ].join('\n')
}

/** Suggestions as OpenSearch wants them: `[query, [completion, …]]`, each completion once. */
export function openSearchSuggestions(q: string, suggestions: readonly Suggestion[]) {
  return [q, [...new Set(suggestions.map((suggestion) => suggestion.value))]] as const
}
