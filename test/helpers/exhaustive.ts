// The typed path against the exhaustive one: `search` takes the typed path (rank-page.ts) under
// the default ranking options object; a copy of the same options takes the exhaustive path
// (every match scored into objects, grouped, sorted). Both must give the same page, scores,
// totals and facets.
import assert from 'node:assert/strict'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { defaultRankingOptions } from '../../src/search/score.ts'
import { search } from '../../src/search/search.ts'
import type { SearchRequest, SearchResponse } from '../../src/search/types.ts'

const exhaustive = { ranking: { ...defaultRankingOptions } }

/** A response without its timing, to compare answers. */
export function answers({ tookMs: _, ...rest }: SearchResponse) {
  return rest
}

/** The typed path's response, after asserting the exhaustive path answers the same. */
export function assertSame(index: NewsIndex, request: SearchRequest): SearchResponse {
  const fast = search(index, request)
  const slow = search(index, request, exhaustive)
  assert.deepEqual(answers(fast), answers(slow), `query ${JSON.stringify(request)}`)
  return fast
}
