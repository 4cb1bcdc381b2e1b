import { searchDepth, withEngineTotals } from '../engine/bounded.ts'
import { EmbeddedEngine } from '../engine/embedded.ts'
import type { Engine, QueryView, ViewRequest } from '../engine/engine.ts'
import type { Limits } from '../search/limits.ts'
import { search } from '../search/search.ts'
import type { SearchRequest, SearchResponse } from '../search/types.ts'
import type { LiveIndex } from './live-index.ts'
import type { Metrics } from './metrics.ts'

/** What every route of the app shares: where the index comes from, the caps, the metrics. */
export interface AppContext {
  engine: Engine
  /** The live index file, when the app serves one (the embedded engine); else undefined. */
  live: LiveIndex | undefined
  limits: Limits
  metrics: Metrics | undefined
  /** The site's public address, for absolute URLs; undefined: the request's own. */
  publicUrl: string | undefined
  /** The engine's index for a query, with the caps the search will apply. */
  viewFor(q: string, more?: Omit<ViewRequest, 'q'>): Promise<QueryView>
  /** `search` on the engine's view of the query, timed for the metrics; says which shards failed. */
  timedSearch(request: SearchRequest): Promise<SearchResponse>
}

/** The context over a live index file (served by the embedded engine) or another engine. */
export function appContext(
  source: LiveIndex | Engine,
  limits: Limits,
  metrics: Metrics | undefined,
  publicUrl: string | undefined,
): AppContext {
  const live = 'view' in source ? undefined : source
  const engine: Engine =
    live === undefined ? (source as Engine) : new EmbeddedEngine(() => live.current)
  const viewFor = (q: string, more: Omit<ViewRequest, 'q'> = {}): Promise<QueryView> =>
    engine.view({ q, ...more, ...limits })
  const timedSearch = async (request: SearchRequest): Promise<SearchResponse> => {
    const started = performance.now()
    const depth = searchDepth(request)
    const view = await viewFor(request.q, {
      prefix: request.prefix === true,
      ...(depth !== undefined && { depth }),
    })
    const found = withEngineTotals(search(view.index, request, limits), view, request)
    if (view.missing.length > 0) {
      found.partial = true
      found.missingShards = view.missing
    }
    found.tookMs = Math.round((performance.now() - started) * 100) / 100
    metrics?.searched(started)
    return found
  }
  return { engine, live, limits, metrics, publicUrl, viewFor, timedSearch }
}
