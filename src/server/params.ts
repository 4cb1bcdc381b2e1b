import { SORT_ORDERS, type SortOrder } from '../search/date-order.ts'
import { DateRangeError, parseDateRange } from '../search/date-range.ts'
import { DEFAULT_LIMITS, type Limits } from '../search/limits.ts'
import type { SearchRequest } from '../search/types.ts'
import { HttpError } from './errors.ts'

/** Longest query accepted by default, in characters (UTF-16 code units, as `String.length` counts). */
export const MAX_QUERY_LENGTH = DEFAULT_LIMITS.maxQueryLength
/** Largest page size accepted by default, as the search library allows. */
export const MAX_SIZE = DEFAULT_LIMITS.maxSize
/** Highest page number accepted by default. */
export const MAX_PAGE = DEFAULT_LIMITS.maxPage

/** The caps the parameters are checked against. */
export type ParamLimits = Pick<Limits, 'maxQueryLength' | 'maxSize' | 'maxPage'>

/** A parsed query string: Express's parser gives strings, arrays of strings for repeats, or more. */
export type QueryParams = Record<string, unknown>

/** What each search parameter may be given as. */
export interface SearchDefaults {
  /** `prefix` when the request does not say. The API defaults to false, the page to true. */
  prefix?: boolean
}

function badParameter(message: string): HttpError {
  return new HttpError(400, 'bad_parameter', message)
}

/**
 * One value of a parameter: undefined when absent; a 400 when it is repeated (`?q=a&q=b`) or is
 * anything but a string (an extended parser's `?q[x]=1`).
 */
function single(params: QueryParams, name: string): string | undefined {
  const value = params[name]
  if (value === undefined) return undefined
  if (Array.isArray(value)) throw badParameter(`\`${name}\` is given more than once.`)
  if (typeof value !== 'string') throw badParameter(`\`${name}\` must be a plain value.`)
  return value
}

/** The form `/suggest` answers in: newsdex's own JSON, or OpenSearch's `[query, [completions]]`. */
export type SuggestFormat = 'json' | 'opensearch'

/** The `format` of `/suggest`: `json` (the default) or `opensearch`; anything else is a 400. */
export function parseSuggestFormat(params: QueryParams): SuggestFormat {
  const format = single(params, 'format') ?? 'json'
  if (format !== 'json' && format !== 'opensearch') {
    throw badParameter('`format` must be json or opensearch.')
  }
  return format
}

/** The query text: missing is empty; at most `limits.maxQueryLength` characters. */
export function parseQueryText(params: QueryParams, limits: ParamLimits = DEFAULT_LIMITS): string {
  const q = single(params, 'q') ?? ''
  if (q.length > limits.maxQueryLength) {
    throw badParameter(`\`q\` is longer than ${limits.maxQueryLength} characters.`)
  }
  return q
}

const DIGITS = /^[0-9]+$/

function integer(params: QueryParams, name: string, max: number): number | undefined {
  const text = single(params, name)
  if (text === undefined) return undefined
  const value = DIGITS.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw badParameter(`\`${name}\` must be a whole number from 1 to ${max}.`)
  }
  return value
}

const BOOLEANS: Readonly<Record<string, boolean>> = { true: true, false: false, 1: true, 0: false }

function boolean(params: QueryParams, name: string): boolean | undefined {
  const text = single(params, name)
  if (text === undefined) return undefined
  const value = BOOLEANS[text]
  if (value === undefined) throw badParameter(`\`${name}\` must be one of true, false, 1, 0.`)
  return value
}

/** `sort`: one of relevance, newest, oldest, or undefined when absent. */
function sortOrder(params: QueryParams): SortOrder | undefined {
  const text = single(params, 'sort')
  if (text === undefined) return undefined
  if (!(SORT_ORDERS as readonly string[]).includes(text)) {
    throw badParameter(`\`sort\` must be one of ${SORT_ORDERS.join(', ')}.`)
  }
  return text as SortOrder
}

/**
 * `from` and `to`, checked (a date in one of the accepted forms, `from` not after `to`) but kept
 * as written, so that a page's address shows them as the reader gave them. Empty is absent, as a
 * form with a cleared box sends it.
 */
function dateBounds(params: QueryParams): { from?: string; to?: string } {
  const from = single(params, 'from')?.trim() || undefined
  const to = single(params, 'to')?.trim() || undefined
  try {
    parseDateRange(from, to)
  } catch (error) {
    if (error instanceof DateRangeError) throw badParameter(error.message)
    throw error
  }
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) }
}

/**
 * Validates the parameters of `/search` (and of the search page) into a SearchRequest; throws an
 * HttpError 400 naming the first bad one (a query, page or size beyond `limits` included).
 * Unknown parameters are ignored. Pure.
 */
export function parseSearchParams(
  params: QueryParams,
  defaults: SearchDefaults = {},
  limits: ParamLimits = DEFAULT_LIMITS,
): SearchRequest {
  const request: SearchRequest = { q: parseQueryText(params, limits) }
  const page = integer(params, 'page', limits.maxPage)
  const size = integer(params, 'size', limits.maxSize)
  const prefix = boolean(params, 'prefix') ?? defaults.prefix
  const group = boolean(params, 'group')
  const collapse = boolean(params, 'collapse')
  if (page !== undefined) request.page = page
  if (size !== undefined) request.size = size
  if (prefix !== undefined) request.prefix = prefix
  if (group !== undefined) request.group = group
  if (collapse !== undefined) request.collapse = collapse
  const sort = sortOrder(params)
  if (sort !== undefined) request.sort = sort
  return { ...request, ...dateBounds(params) }
}

/** Most related articles one request may ask for. */
export const MAX_RELATED = 20

/** The `size` of `/articles/:id/related`: 1 to `MAX_RELATED`, default 5; a 400 otherwise. */
export function parseRelatedSize(params: QueryParams): number {
  return integer(params, 'size', MAX_RELATED) ?? 5
}

/**
 * An article id from the segments Express gives `*id`, decoded. The id is only ever a key of the
 * index, never a file path, so `..` or `%2e%2e` simply name no article.
 */
export function articleId(segments: unknown): string {
  return Array.isArray(segments) ? segments.join('/') : String(segments)
}
