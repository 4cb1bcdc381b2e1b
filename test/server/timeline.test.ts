// The timeline and the sort choice on the results page: the view, the partial, the page.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import ejs from 'ejs'
import { resultsView } from '../../src/page/results-view.ts'
import { periodName, timelineView, withoutDateWords } from '../../src/page/timeline-view.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

const VIEWS = join(import.meta.dirname, '..', '..', 'views')

function response(date?: SearchResponse['facets']['date']): SearchResponse {
  return {
    query: 'oil',
    page: 1,
    size: 10,
    total: { articles: 20, paragraphs: 30, results: 20 },
    tookMs: 1,
    matched: 'all',
    facets: { category: {}, ...(date !== undefined && { date }) },
    results: [],
  }
}

const MONTHS = {
  interval: 'month' as const,
  buckets: [
    { key: '1987-11', count: 3 },
    { key: '1988-02', count: 12 },
  ],
  undated: 5,
}

describe('timelineView', () => {
  it('draws a bar a period, empty periods between, each non-empty one a link to its period', () => {
    const view = timelineView(MONTHS, { q: 'oil', sort: 'newest' })
    assert.equal(view?.caption, 'Articles by month')
    assert.equal(view?.undated, '5 undated articles')
    assert.equal(view?.clear, undefined)
    assert.deepEqual(
      view?.bars.map((bar) => [bar.key, bar.count, bar.level, bar.tick, bar.href, bar.text]),
      [
        [
          '1987-11',
          3,
          3,
          'Nov 1987',
          '/?q=oil&sort=newest&from=1987-11&to=1987-11',
          'November 1987: 3 articles',
        ],
        ['1987-12', 0, 0, undefined, undefined, 'December 1987: 0 articles'],
        ['1988-01', 0, 0, 'Jan 1988', undefined, 'January 1988: 0 articles'],
        [
          '1988-02',
          12,
          10,
          undefined,
          '/?q=oil&sort=newest&from=1988-02&to=1988-02',
          'February 1988: 12 articles',
        ],
      ],
    )
  })

  it('marks the period searched, and offers all dates back, without the query date words', () => {
    const view = timelineView(MONTHS, {
      q: 'oil from:1987',
      from: '1988-02',
      to: '1988-02',
      page: 2,
    })
    assert.deepEqual(
      view?.bars.filter((bar) => bar.current).map((bar) => bar.key),
      ['1988-02'],
    )
    assert.deepEqual(view?.clear, { href: '/?q=oil', text: 'All dates' })
    // With no facet yet, a date range still has its way out.
    assert.deepEqual(timelineView(undefined, { q: 'oil', to: '1987' }), {
      caption: 'Articles by day',
      bars: [],
      clear: { href: '/?q=oil', text: 'All dates' },
    })
    assert.equal(timelineView(undefined, { q: 'oil' }), undefined)
  })

  it('names periods and strips date words as the query language reads them', () => {
    assert.equal(periodName('1987'), '1987')
    assert.equal(periodName('1987-03'), 'March 1987')
    assert.equal(periodName('1987-03-05'), '5 March 1987')
    assert.equal(withoutDateWords('from:1987 oil -to:"1988" to:'), 'oil')
    assert.equal(withoutDateWords('fromage oil'), 'fromage oil')
  })

  it('is part of the results view, which keeps sort and range in its links', () => {
    const view = resultsView(
      { ...response(MONTHS), total: { articles: 30, paragraphs: 40, results: 30 } },
      { q: 'oil', sort: 'oldest', from: '1987' },
    )
    assert.equal(view.pager?.next, '/?q=oil&page=2&sort=oldest&from=1987')
    assert.equal(view.timeline?.clear?.href, '/?q=oil&sort=oldest')
  })
})

describe('the timeline partial', () => {
  async function render(date: SearchResponse['facets']['date'], from?: string): Promise<string> {
    const view = resultsView(response(date), {
      q: 'oil',
      ...(from !== undefined && { from, to: from }),
    })
    return ejs.renderFile(join(VIEWS, '_results.ejs'), { view })
  }

  it('renders bars as links labelled for screen readers, empty periods hidden from them', async () => {
    const html = await render(MONTHS, '1988-02')
    assert.match(html, /<nav class="timeline" aria-label="Filter by date">/)
    assert.match(
      html,
      /<li class="timeline-slot"><a class="timeline-bar level-3" href="\/\?q=oil&amp;from=1987-11&amp;to=1987-11" title="November 1987: 3 articles"><span class="visually-hidden">November 1987: 3 articles<\/span><\/a><span class="timeline-tick" aria-hidden="true">Nov 1987<\/span><\/li>/,
    )
    assert.match(
      html,
      /<a class="timeline-bar level-10 is-current" href="[^"]+" title="February 1988: 12 articles" aria-current="true">/,
    )
    assert.equal(
      html.match(
        /<li class="timeline-slot" aria-hidden="true"><span class="timeline-bar level-0"><\/span>/g,
      )?.length,
      2,
    )
    assert.match(html, /<a class="timeline-clear" href="\/\?q=oil">All dates<\/a>/)
    assert.match(html, /\(5 undated articles\)/)
  })

  it('renders nothing when there is no facet and no range', async () => {
    assert.doesNotMatch(await render(undefined), /timeline/)
  })
})

describe('the sort choice and the range on the page', () => {
  let server: TestServer

  before(async () => {
    server = await startTestServer()
  })

  after(async () => {
    await server.stop()
  })

  it('is a select in the GET form, showing the sort asked for, the range kept in hidden fields', async () => {
    const html = await (
      await fetch(`${server.url}/?q=missiles&sort=newest&from=2024-03&to=2024-03`)
    ).text()
    assert.match(html, /<select id="sort" class="sort-select" name="sort">/)
    assert.match(html, /<option value="newest" selected>Newest<\/option>/)
    assert.doesNotMatch(html, /<option value="relevance" selected>/)
    assert.match(html, /<input id="from" type="hidden" name="from" value="2024-03">/)
    assert.match(html, /<input id="to" type="hidden" name="to" value="2024-03">/)
    assert.match(
      html,
      /<a class="timeline-clear" href="\/\?q=missiles&amp;sort=newest">All dates<\/a>/,
    )
    const home = await (await fetch(`${server.url}/`)).text()
    assert.match(home, /<option value="relevance" selected>Relevance<\/option>/)
    assert.doesNotMatch(home, /name="from"/)
  })

  it('answers a bad sort or date with a 400 page naming the parameter', async () => {
    for (const [query, name] of [
      ['sort=date', 'sort'],
      ['to=1987-02-30', 'to'],
    ] as const) {
      const response = await fetch(`${server.url}/?q=missiles&${query}`)
      assert.equal(response.status, 400, query)
      assert.match(await response.text(), new RegExp(`<code>${name}</code>|\`${name}\``), query)
      const api = await fetch(`${server.url}/search?q=missiles&${query}`)
      assert.equal(api.status, 400, query)
      assert.match(
        ((await api.json()) as { error: { message: string } }).error.message,
        new RegExp(`\`${name}\``),
      )
    }
  })
})
