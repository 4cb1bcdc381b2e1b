// The facets of a query that reads only its best candidates from the sphinx engine (2 shards):
// counted by the engine over every match, they must be the embedded index's, not the
// candidates'. And an engine index made without the facets' attributes is refused.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { searchDepth, withEngineTotals } from '../../src/engine/bounded.ts'
import { EmbeddedEngine } from '../../src/engine/embedded.ts'
import type { Engine } from '../../src/engine/engine.ts'
import { openEngine } from '../../src/engine/open.ts'
import { run, sphinxPool } from '../../src/engine/sphinx/shards.ts'
import { NewsIndex } from '../../src/index/news-index.ts'
import { search } from '../../src/search/search.ts'
import type { SearchRequest } from '../../src/search/types.ts'
import { skipSphinx, startCluster, type TestCluster } from '../fixtures/sphinx.ts'

/** Few candidates, so that every query below matches more articles than are read. */
const MIN_CANDIDATES = 5

const CATEGORIES = ['Sport', 'sport', 'World', undefined]
const STORY =
  'The harbour authority said the new breakwater would shelter the fishing fleet from winter storms for decades to come.'

/**
 * Articles whose words match over different spans of time, so that the date facet of each
 * query takes another interval: `harbour` over twelve years, `ferry` over eighteen months,
 * `storm` over four weeks. Categories differ only in case in places (a facet key each), some
 * articles are undated, and three are near-copies of one story (counted each in facets).
 */
function articles(): Article[] {
  const made: Article[] = []
  const article = (id: string, n: number, text: string, date: string | undefined): Article => {
    const category = CATEGORIES[n % CATEGORIES.length]
    return {
      id,
      title: `Report ${n}`,
      ...(category !== undefined && { category }),
      ...(date !== undefined && n % 7 !== 3 && { date }),
      paragraphs: [
        { index: 0, text },
        { index: 1, text: `Further notes, number ${n}.` },
      ],
      file: `${id}.txt`,
    }
  }
  const two = (n: number) => String(n).padStart(2, '0')
  for (let n = 0; n < 36; n++) {
    const date = `${2001 + (n % 12)}-${two(1 + (n % 12))}-${two(1 + (n % 28))}`
    made.push(article(`harbour-${n}`, n, `The harbour reopened, report ${n}.`, date))
  }
  for (let n = 0; n < 24; n++) {
    const date = `${2020 + Math.floor(n / 12)}-${two(1 + ((n * 5) % 12))}-15T0${n % 10}:30:00.000Z`
    made.push(article(`ferry-${n}`, n, `The ferry sailed late, report ${n}.`, date))
  }
  for (let n = 0; n < 20; n++) {
    const date = `2022-03-${two(1 + ((n * 3) % 28))}`
    const text = n % 4 === 0 ? `A storm and the harbour, report ${n}.` : `A storm hit, report ${n}.`
    made.push(article(`storm-${n}`, n, text, date))
  }
  for (let n = 0; n < 3; n++) made.push(article(`copy-${n}`, n, STORY, '2022-03-10'))
  return made
}

describe('facets of bounded queries on the sphinx engine', { skip: skipSphinx }, () => {
  let cluster: TestCluster
  let bounded: Engine
  let embedded: EmbeddedEngine

  before(async () => {
    cluster = await startCluster(2)
    bounded = await openEngine(cluster.state.url, {
      queryTimeoutMs: 10_000,
      minCandidates: MIN_CANDIDATES,
    })
    await bounded.replaceAll(articles())
    embedded = new EmbeddedEngine(new NewsIndex())
    await embedded.replaceAll(articles())
  })

  after(async () => {
    await bounded?.close()
    await cluster?.stop()
  })

  for (const [q, interval] of [
    ['harbour', 'year'],
    ['ferry', 'month'],
    ['storm', 'day'],
    ['storm breakwater', 'day'],
    ['harbor', 'year'],
  ] as const) {
    test(`the facets of ${q} count every match (by ${interval}), as the embedded index does`, async () => {
      const request: SearchRequest = { q, size: 1 }
      const depth = searchDepth(request) as number
      const view = await bounded.view({ q, depth })
      const onCandidates = search(view.index, request)
      const response = withEngineTotals(search(view.index, request), view, request)
      const expected = search(embedded.current, request)
      assert.ok(view.bounded !== undefined, 'the view reads only the best candidates')
      assert.ok(view.bounded.candidates < expected.total.articles)
      assert.equal(expected.facets.date?.interval, interval)
      assert.deepEqual(response.facets, expected.facets)
      assert.equal(response.total.articles, expected.total.articles)
      // What the test guards against: the candidates alone give other counts.
      assert.notDeepEqual(onCandidates.facets, expected.facets)
    })
  }

  test('an engine index without the facets’ attributes is refused, saying how to fix it', async () => {
    const shard = cluster.state.shards[1] as { sql: number }
    const pool = sphinxPool('127.0.0.1', shard.sql)
    try {
      // As an older newsdex made it: no day key to group the date facet on.
      await run(pool, 'ALTER TABLE news_1 DROP COLUMN day_key')
    } finally {
      await pool.end()
    }
    await assert.rejects(
      openEngine(cluster.state.url),
      (error: Error) =>
        /lacks day_key/.test(error.message) &&
        /older newsdex/.test(error.message) &&
        /npm run cluster -- down/.test(error.message) &&
        /npm run build-index/.test(error.message),
    )
  })
})
