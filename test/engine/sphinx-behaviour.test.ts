// One behaviour suite, two engines: every query through the sphinx engine (2 shards) must
// answer exactly what the embedded index answers, but for the time taken.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { readArticles } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'
import { EmbeddedEngine } from '../../src/engine/embedded.ts'
import type { Engine } from '../../src/engine/engine.ts'
import { openEngine } from '../../src/engine/open.ts'
import { NewsIndex } from '../../src/index/news-index.ts'
import { search } from '../../src/search/search.ts'
import { suggest } from '../../src/search/suggest.ts'
import type { SearchRequest, SearchResponse } from '../../src/search/types.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'
import { skipSphinx, startCluster, type TestCluster } from '../fixtures/sphinx.ts'

/** The query language and the API's options, each answered by both engines. */
const REQUESTS: SearchRequest[] = [
  { q: 'missiles' },
  { q: 'missiles', page: 2 },
  { q: 'missiles', size: 3, page: 3 },
  { q: 'missiles talks' },
  { q: '"sanctions relief"' },
  { q: 'missiles -oslo' },
  { q: 'title:stadium' },
  { q: 'category:sport match' },
  { q: 'missi', prefix: true },
  { q: 'negotiatrs' },
  { q: 'stadum' },
  { q: 'missiles', group: false },
  { q: 'missiles', collapse: false },
  { q: 'missiles', sort: 'newest' },
  { q: 'talks', from: '2020', to: '2030' },
  { q: 'the of and' },
  { q: 'zzzzqqq' },
  { q: '"unclosed phrase' },
  { q: '@text \\ " ( ) | - ! ^ $ ~ / = < MAYBE NEAR/3 SENTENCE' },
  { q: `${'missiles '.repeat(300)}` },
]

/**
 * Scores differ where a field is missing from most paragraphs (headings): MiniSearch keeps a
 * running average length that depends on the order paragraphs were added, the sphinx engine
 * the exact mean over the paragraphs having the field. The results and their order agree.
 */
const UNSCORED: SearchRequest[] = [{ q: 'heading:background' }, { q: 'heading:next missiles' }]

function unscored(response: SearchResponse): unknown {
  return JSON.parse(
    JSON.stringify(comparable(response), (key, value) => (key === 'score' ? 0 : value)),
  )
}

function comparable(response: SearchResponse): Omit<SearchResponse, 'tookMs'> {
  const { tookMs: _, ...rest } = response
  return rest
}

describe('the sphinx engine answers as the embedded index does', { skip: skipSphinx }, () => {
  let cluster: TestCluster
  let sphinx: Engine
  let embedded: EmbeddedEngine
  let articles: Article[]

  before(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'newsdex-behaviour-'))
    try {
      await writeArticles(folder, corpusFiles())
      articles = (await readArticles(folder)).articles
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
    cluster = await startCluster(2)
    // Behaviour, not faults: a shard slowed by a busy machine must not be left out here.
    sphinx = await openEngine(cluster.state.url, { queryTimeoutMs: 10_000 })
    await sphinx.replaceAll(articles)
    embedded = new EmbeddedEngine(new NewsIndex())
    await embedded.replaceAll(articles)
  })

  after(async () => {
    await sphinx?.close()
    await cluster?.stop()
  })

  for (const request of REQUESTS) {
    test(`same response for ${JSON.stringify(request).slice(0, 90)}`, async () => {
      const view = await sphinx.view({ q: request.q, prefix: request.prefix === true })
      assert.deepEqual(view.missing, [])
      const expected = search(embedded.current, request)
      assert.deepEqual(comparable(search(view.index, request)), comparable(expected))
    })
  }

  for (const request of UNSCORED) {
    test(`same results in the same order for ${JSON.stringify(request)}`, async () => {
      const view = await sphinx.view({ q: request.q })
      const response = search(view.index, request)
      assert.ok(response.total.articles > 0)
      assert.deepEqual(unscored(response), unscored(search(embedded.current, request)))
    })
  }

  test('same suggestions for a word being typed', async () => {
    for (const q of ['mis', 'stad', 'talks in o']) {
      const view = await sphinx.view({ q, prefix: true })
      assert.deepEqual(suggest(view.index, q), suggest(embedded.current, q))
      assert.ok(suggest(view.index, q).length > 0, q)
    }
  })

  test('holds every article once, each with all its paragraphs on one shard', async () => {
    const health = await sphinx.health()
    assert.equal(health.articles, articles.length)
    const paragraphs = articles.reduce((n, article) => n + article.paragraphs.length, 0)
    assert.equal(health.paragraphs, paragraphs)
    assert.equal(health.shards?.length, 2)
    assert.ok(health.shards?.every((shard) => shard.state === 'up' && (shard.paragraphs ?? 0) > 0))
    assert.equal(
      health.shards?.reduce((n, shard) => n + (shard.paragraphs ?? 0), 0),
      paragraphs,
    )
  })

  test('an incremental update adds, replaces and removes one article', async () => {
    const [first, second] = articles as [Article, Article]
    const replaced: Article = {
      ...first,
      paragraphs: [{ index: 0, text: 'Quokkas were counted on the island this spring.' }],
    }
    const added: Article = {
      id: 'added/quokka',
      title: 'Quokka census',
      paragraphs: [{ index: 0, text: 'A quokka census found more quokkas than before.' }],
      file: 'added/quokka.txt',
    }
    const change = { removed: [first.id, second.id], added: [replaced, added] }
    await sphinx.update(change)
    await embedded.update(change)
    for (const q of ['quokkas', 'missiles', first.title]) {
      const view = await sphinx.view({ q })
      assert.deepEqual(
        comparable(search(view.index, { q })),
        comparable(search(embedded.current, { q })),
      )
    }
    const view = await sphinx.view({ q: 'quokkas' })
    assert.deepEqual(
      search(view.index, { q: 'quokkas' }).results.map((result) => result.article.id),
      [added.id, first.id],
    )
    const digests = await sphinx.digests()
    assert.equal(digests.has(second.id), false)
    // One removed, one replaced, one added.
    assert.equal(digests.size, articles.length)
  })
})
