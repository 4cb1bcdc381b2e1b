import type { Router } from 'express'
import { relatedArticles } from '../search/related.ts'
import { suggest } from '../search/suggest.ts'
import type { SuggestResponse } from '../search/types.ts'
import type { AppContext } from './app-context.ts'
import type { AssetUrls } from './assets.ts'
import { atomFeed, FEED_SIZE } from './atom.ts'
import { HttpError } from './errors.ts'
import {
  ATOM_TYPE,
  baseUrl,
  OPENSEARCH_TYPE,
  openSearchDescription,
  openSearchSuggestions,
  SUGGESTIONS_TYPE,
} from './opensearch.ts'
import {
  articleId,
  parseQueryText,
  parseRelatedSize,
  parseSearchParams,
  parseSuggestFormat,
} from './params.ts'

/** Article titles `/suggest` offers at most (suggest.ts's default). */
const SUGGESTED_TITLES = 3

/**
 * The machine-readable routes: `/search` and `/suggest` (JSON), `/opensearch.xml`,
 * `/search.atom`, and `/articles/<id>/related`. API answers are `no-store`, so a swapped index
 * is never hidden behind a cache.
 */
export function addApiRoutes(router: Router, context: AppContext, urls: AssetUrls): void {
  const { engine, limits, publicUrl, viewFor, timedSearch } = context

  router.get('/search', async (req, res) => {
    const request = parseSearchParams(req.query, {}, limits)
    res.set('Cache-Control', 'no-store').json(await timedSearch(request))
  })

  router.get('/suggest', async (req, res) => {
    const q = parseQueryText(req.query, limits)
    const format = parseSuggestFormat(req.query)
    // Titles of the best few articles: a distributed engine reads only its best candidates.
    const view = await viewFor(q, { prefix: true, depth: SUGGESTED_TITLES })
    const suggestions = suggest(view.index, q, limits)
    res.set('Cache-Control', 'no-store')
    if (format === 'json') res.json({ suggestions } satisfies SuggestResponse)
    else res.type(SUGGESTIONS_TYPE).send(JSON.stringify(openSearchSuggestions(q, suggestions)))
  })

  router.get('/opensearch.xml', (req, res) => {
    const base = baseUrl(publicUrl, req.protocol, req.get('host'))
    // The description names this host unless a public URL is set: caches must tell hosts apart.
    res.set({ 'Cache-Control': 'no-cache', Vary: 'Host' })
    res.type(OPENSEARCH_TYPE).send(openSearchDescription(base, urls['favicon.svg']))
  })

  router.get('/search.atom', async (req, res) => {
    const request = parseSearchParams(req.query, {}, limits)
    const base = baseUrl(publicUrl, req.protocol, req.get('host'))
    // Every article, near-copies too: a corrected or updated story is news to a subscriber.
    const newest = {
      ...request,
      page: 1,
      size: FEED_SIZE,
      sort: 'newest' as const,
      collapse: false,
    }
    const { results } = await timedSearch(newest)
    const builtAt = engine.counts().builtAt ?? new Date().toISOString()
    res.set({ 'Cache-Control': 'no-cache', Vary: 'Host' })
    res.type(ATOM_TYPE).send(atomFeed({ base, request, results, builtAt }))
  })

  router.get('/articles/*id/related', async (req, res, next) => {
    const id = articleId(req.params.id)
    // A distributed engine reads candidates enough for the largest size (20) by default.
    const { index } = await viewFor('', { articles: [id, `${id}/related`], related: id })
    // An article whose own id ends in `/related` is served as an article (page-routes.ts).
    if (index.article(`${id}/related`) !== undefined) return next()
    const related = relatedArticles(index, id, { size: parseRelatedSize(req.query) })
    if (related === undefined) throw new HttpError(404, 'not_found', 'There is no such article.')
    res.set('Cache-Control', 'no-store').json({ related })
  })
}
