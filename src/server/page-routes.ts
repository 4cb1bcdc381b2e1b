import type { Request, Response, Router } from 'express'
import { resultsView } from '../page/results-view.ts'
import { pageTitle } from '../page/words.ts'
import { markArticle } from '../search/article.ts'
import { relatedArticles } from '../search/related.ts'
import type { AppContext } from './app-context.ts'
import { articleView } from './article-view.ts'
import { feedHref } from './atom.ts'
import { HttpError } from './errors.ts'
import { articleDescription, homeDescription, resultsDescription } from './meta.ts'
import { articleId, parseQueryText, parseSearchParams } from './params.ts'

/** The HTML pages: `/` (the search page, results rendered on the server) and `/articles/<id>`. */
export function addPageRoutes(router: Router, context: AppContext): void {
  const { engine, limits, viewFor, timedSearch } = context

  router.get('/', async (req, res) => {
    // The page reads the last word as a prefix, as the box does while typing, so a reloaded or
    // shared address shows what the box showed.
    const request = parseSearchParams(req.query, { prefix: true }, limits)
    const q = request.q
    const response = q.trim() === '' ? undefined : await timedSearch(request)
    const counts = engine.counts()
    await renderPage(req, res, 'search', {
      title: pageTitle(q),
      description:
        response === undefined
          ? homeDescription(counts)
          : resultsDescription(q, response.total.articles),
      q,
      view: response === undefined ? undefined : resultsView(response, request),
      page: 'search',
      form: { sort: request.sort ?? 'relevance', from: request.from, to: request.to },
      feed: q.trim() === '' ? undefined : feedHref(request),
    })
  })

  router.get('/articles/*id', async (req, res) => {
    const q = parseQueryText(req.query, limits)
    const id = articleId(req.params.id)
    // Links from results carry the query as the box had it, last word possibly half typed.
    const prefix = req.query.prefix !== 'false'
    const { index } = await viewFor(q, { prefix, articles: [id], related: id })
    const marked = markArticle(index, id, q, { ...limits, prefix })
    if (marked === undefined) throw new HttpError(404, 'not_found', 'There is no such article.')
    await renderPage(req, res, 'article', {
      title: `${marked.article.title} — newsdex`,
      description: articleDescription(marked.article),
      q,
      view: articleView(marked, q, relatedArticles(index, id) ?? []),
      page: 'article',
      feed: q.trim() === '' ? undefined : feedHref({ q }),
    })
  })
}

/** Renders a view into the layout and sends it; pages may change with the index, so `no-cache`. */
async function renderPage(
  req: Request,
  res: Response,
  view: string,
  locals: Record<string, unknown>,
): Promise<void> {
  const all = { ...req.app.locals, ...locals }
  const body = await renderView(req.app, view, all)
  const html = await renderView(req.app, 'layout', { ...all, body })
  res.set('Cache-Control', 'no-cache').type('html').send(html)
}

function renderView(
  app: Request['app'],
  view: string,
  locals: Record<string, unknown>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    app.render(view, locals, (error, html) => (error ? reject(error) : resolve(html)))
  })
}
