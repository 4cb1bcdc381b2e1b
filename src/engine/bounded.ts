import type { SearchRequest, SearchResponse } from '../search/types.ts'
import type { QueryView } from './engine.ts'

/**
 * The `depth` of a view for a search: the results it pages through, when it reads them in
 * relevance order over the whole collection (a date order or range must see every match).
 */
export function searchDepth(request: SearchRequest): number | undefined {
  const byRelevance = request.sort === undefined || request.sort === 'relevance'
  if (!byRelevance || request.from !== undefined || request.to !== undefined) return undefined
  return Math.max(1, request.page ?? 1) * Math.max(1, request.size ?? 10)
}

/**
 * A search's response on a view, with the engine's totals when the view held only the best
 * candidates: the articles and paragraphs matching in the whole collection, and the results
 * (paragraphs when not grouping; else articles less the near-copies folded among the
 * candidates), and the facets over every match. Says how many candidates were ranked.
 */
export function withEngineTotals(
  response: SearchResponse,
  view: QueryView,
  request: Pick<SearchRequest, 'group'>,
): SearchResponse {
  const { bounded } = view
  if (bounded === undefined) return response
  const { total } = response
  const results =
    request.group === false
      ? bounded.paragraphs
      : bounded.articles - Math.max(0, total.articles - total.results)
  response.total = { articles: bounded.articles, paragraphs: bounded.paragraphs, results }
  response.facets = bounded.facets
  response.candidates = bounded.candidates
  return response
}
