// Queries that read only their best candidates from the sphinx engine (2 shards): page 1, the
// totals, related articles and did-you-mean must still be the embedded index's.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { readArticles } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'
import { searchDepth, withEngineTotals } from '../../src/engine/bounded.ts'
import { EmbeddedEngine } from '../../src/engine/embedded.ts'
import type { Engine } from '../../src/engine/engine.ts'
import { openEngine } from '../../src/engine/open.ts'
import { NewsIndex } from '../../src/index/news-index.ts'
import { relatedArticles } from '../../src/search/related.ts'
import { search } from '../../src/search/search.ts'
import type { SearchRequest, SearchResponse } from '../../src/search/types.ts'
import { type EngineServer, startEngineServer } from '../../src/server/server.ts'
import { loggerInto } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'
import { skipSphinx, startCluster, type TestCluster } from '../fixtures/sphinx.ts'

/** Few candidates, so that the small corpus's common words match more articles than are read. */
const MIN_CANDIDATES = 10

describe('bounded queries on the sphinx engine', { skip: skipSphinx }, () => {
  let cluster: TestCluster
  /** Reads at least 10 candidates a query; `whole` the default 200, more than the corpus. */
  let bounded: Engine
  let whole: Engine
  let embedded: EmbeddedEngine
  let articles: Article[]

  before(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'newsdex-bounded-'))
    try {
      await writeArticles(folder, corpusFiles())
      articles = (await readArticles(folder)).articles
      // A word misspelt once in the text, which did-you-mean respells to the common one.
      articles.push({
        id: 'politics/correction',
        title: 'Correction',
        paragraphs: [{ index: 0, text: 'An earlier version misspelt Osla in a headline.' }],
        file: 'politics/correction.txt',
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
    cluster = await startCluster(2)
    const options = { queryTimeoutMs: 10_000 }
    bounded = await openEngine(cluster.state.url, { ...options, minCandidates: MIN_CANDIDATES })
    await bounded.replaceAll(articles)
    whole = await openEngine(cluster.state.url, options)
    embedded = new EmbeddedEngine(new NewsIndex())
    await embedded.replaceAll(articles)
  })

  after(async () => {
    await bounded?.close()
    await whole?.close()
    await cluster?.stop()
  })

  /** A search as the server runs it on an engine: the view for its depth, then its totals. */
  async function searched(engine: Engine, request: SearchRequest) {
    const depth = searchDepth(request)
    const view = await engine.view({ q: request.q, ...(depth !== undefined && { depth }) })
    return { view, response: withEngineTotals(search(view.index, request), view, request) }
  }

  /** All but the time and the results total (less the near-copies folded among candidates). */
  function comparable(response: SearchResponse) {
    const { tookMs: _, candidates: __, total, ...rest } = response
    return { ...rest, articles: total.articles, paragraphs: total.paragraphs }
  }

  for (const request of [
    { q: 'missiles', size: 1 },
    { q: 'missiles talks', size: 2 },
    { q: 'missiles final', size: 1 },
    { q: 'missiles', size: 1, group: false },
  ] satisfies SearchRequest[]) {
    test(`page 1 and the totals of ${JSON.stringify(request)} are the embedded index's`, async () => {
      const { view, response } = await searched(bounded, request)
      const expected = search(embedded.current, request)
      // Fewer articles read than match: the view is bounded, and says so.
      assert.ok(view.bounded !== undefined, 'the view reads only the best candidates')
      assert.equal(response.candidates, view.index.articleCount)
      assert.ok(view.index.articleCount < expected.total.articles)
      // Same results, same scores (the collection's document frequencies), same totals; the
      // results total less only the near-copies folded among the candidates.
      assert.deepEqual(comparable(response), comparable(expected))
      if (request.group === false) assert.equal(response.total.results, expected.total.results)
      else {
        assert.ok(response.total.results >= expected.total.results)
        assert.ok(response.total.results <= expected.total.articles)
      }
    })
  }

  for (const request of [
    { q: '"sanctions relief"', size: 1 },
    { q: 'missiles -oslo', size: 1 },
    { q: 'title:missiles', size: 1 },
    { q: 'missiles', size: 1, sort: 'newest' },
    { q: 'missiles', size: 1, from: '2020' },
  ] satisfies SearchRequest[]) {
    test(`${JSON.stringify(request)} reads every match, as its filter or order needs`, async () => {
      const { view, response } = await searched(bounded, request)
      assert.equal(view.bounded, undefined)
      const { tookMs: _, ...expected } = search(embedded.current, request)
      const { tookMs: __, ...got } = response
      assert.deepEqual(got, expected)
    })
  }

  test('a typo gets the same did-you-mean as on the embedded index', async () => {
    // `missiles osla` matches more articles than the engine reads: its view is bounded.
    for (const q of ['Osla', 'talks in Osla', 'missiles osla']) {
      const { response } = await searched(bounded, { q })
      const expected = search(embedded.current, { q })
      assert.ok(expected.didYouMean?.includes('Oslo'), q)
      assert.equal(response.didYouMean, expected.didYouMean, q)
    }
  })

  test('related articles are the embedded index’s when every candidate is read', async () => {
    // Ids in order: scores differ a little where headings count (see sphinx-behaviour.test.ts).
    const ids = (related: { id: string }[] | undefined) => related?.map((other) => other.id)
    let listed = 0
    for (const article of articles) {
      const view = await whole.view({ q: '', related: article.id })
      assert.equal(view.bounded, undefined)
      const got = relatedArticles(view.index, article.id)
      if ((got?.length ?? 0) > 0) listed++
      assert.deepEqual(ids(got), ids(relatedArticles(embedded.current, article.id)), article.id)
    }
    assert.ok(listed > articles.length / 2, `${listed} of ${articles.length} have related ones`)
  })

  test('related articles from the best candidates share the embedded top one', async () => {
    const id = 'politics/missiles-1'
    const view = await bounded.view({ q: '', related: id, depth: 1 })
    assert.ok(view.bounded !== undefined)
    const got = relatedArticles(view.index, id, { size: 1 }) ?? []
    const expected = relatedArticles(embedded.current, id, { size: 1 }) ?? []
    assert.equal(got.length, 1)
    assert.equal(got[0]?.id, expected[0]?.id)
  })

  describe('through the server', () => {
    let server: EngineServer

    before(async () => {
      server = await startEngineServer(bounded, { port: 0, logger: loggerInto([]), metrics: 'off' })
    })

    after(async () => {
      await server?.close()
    })

    test('/search says how many candidates it ranked, and counts every match', async () => {
      const reply = await fetch(`${server.url}/search?q=missiles&size=1`)
      const body = (await reply.json()) as SearchResponse
      assert.equal(reply.status, 200)
      assert.equal(body.total.articles, search(embedded.current, { q: 'missiles' }).total.articles)
      assert.ok((body.candidates ?? 0) >= MIN_CANDIDATES)
      assert.equal(body.results.length, 1)
    })

    test('/articles/ID/related and the article page list related articles', async () => {
      const id = 'politics/missiles-2'
      const reply = await fetch(`${server.url}/articles/${id}/related`)
      const { related } = (await reply.json()) as { related: { id: string }[] }
      assert.equal(reply.status, 200)
      assert.ok(related.length > 0)
      assert.ok(related.every((other) => other.id !== id))
      const page = await (await fetch(`${server.url}/articles/${id}`)).text()
      assert.ok(page.includes(`/articles/${related[0]?.id}`), 'the page links the best one')
    })
  })
})
