// Dates as the API and the pages give them: ISO 8601 or null in /search, readable in <time>.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { SearchResponse } from '../../src/search/types.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

let server: TestServer

before(async () => {
  server = await startTestServer()
})

after(async () => {
  await server.stop()
})

async function get(path: string): Promise<Response> {
  const response = await fetch(`${server.url}${path}`)
  assert.equal(response.status, 200, path)
  return response
}

describe('dates in /search and on the pages', () => {
  it('gives article.date as ISO 8601 in UTC, or null when the article is undated', async () => {
    const body = (await (await get('/search?q=missiles&size=50')).json()) as SearchResponse
    const dates = new Map(body.results.map((result) => [result.article.id, result.article.date]))
    assert.equal(dates.get('politics/summit'), '2024-03-01')
    assert.equal(dates.get('tech/unsafe'), '2024-03-05T17:30:00.000Z')
    assert.equal(dates.get('politics/missiles-1'), null)
    assert.ok(body.results.every((result) => 'date' in result.article))
  })

  it('shows the date on the results page in a readable <time datetime>', async () => {
    const html = await (await get('/?q=missiles&size=50')).text()
    assert.match(html, /<time class="result-date" datetime="2024-03-01">1 Mar 2024<\/time>/)
    assert.match(
      html,
      /<time class="result-date" datetime="2024-03-05T17:30:00.000Z">5 Mar 2024, 17:30 UTC<\/time>/,
    )
    assert.equal(html.match(/class="result-date"/g)?.length, 2)
  })

  it('shows the date on the article page in a readable <time datetime>', async () => {
    const html = await (await get('/articles/politics/summit')).text()
    assert.match(html, /<time class="article-date" datetime="2024-03-01">1 Mar 2024<\/time>/)
    const undated = await (await get('/articles/politics/missiles-1')).text()
    assert.doesNotMatch(undated, /<time class="article-date"/)
  })
})
