// The Atom feed of a query, parsed as XML: fields, order, absolute URLs, escaping.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { SearchResult } from '../../src/search/types.ts'
import { atomDate, atomFeed, feedHref } from '../../src/server/atom.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

interface Link {
  '@_rel': string
  '@_href': string
  '@_type'?: string
}

interface Entry {
  id: string
  title: { '#text': string; '@_type': string }
  updated: string
  published?: string
  link: Link[]
  category?: { '@_term': string }
  summary?: { '#text': string; '@_type': string }
}

interface Feed {
  '@_xmlns': string
  id: string
  title: { '#text': string }
  updated: string
  link: Link[]
  author: { name: string }
  entry?: Entry[]
}

function parseFeed(xml: string): Feed {
  assert.equal(XMLValidator.validate(xml), true)
  const parser = new XMLParser({
    ignoreAttributes: false,
    // Entities left as written would hide a double escape; decoded, text reads as a reader shows it.
    processEntities: true,
    htmlEntities: false,
    alwaysCreateTextNode: true,
    isArray: (name) => name === 'entry' || name === 'link',
  })
  const feed = (parser.parse(xml) as { feed: Feed }).feed
  // alwaysCreateTextNode wraps plain elements too; unwrap the ones read as strings.
  const text = (value: unknown) => (value as { '#text': string })['#text']
  feed.id = text(feed.id)
  feed.updated = text(feed.updated)
  feed.author = { name: text(feed.author.name) }
  for (const entry of feed.entry ?? []) {
    entry.id = text(entry.id)
    entry.updated = text(entry.updated)
    if (entry.published !== undefined) entry.published = text(entry.published)
  }
  return feed
}

function result(id: string, date: string | null, extra: Partial<SearchResult> = {}): SearchResult {
  return {
    article: {
      id,
      title: `Title of ${id}`,
      titleHtml: `Title of ${id}`,
      date,
      url: `/articles/${id}`,
    },
    score: 1,
    matches: 1,
    paragraphs: [
      {
        index: 2,
        score: 1,
        snippet: `Oil <mark>prices</mark> rose in ${id}`,
        text: `Oil prices rose in ${id}`,
        highlights: [[4, 10]],
        url: `/articles/${id}#p2`,
      },
    ],
    ...extra,
  }
}

const BUILT = '2024-06-01T08:00:00.000Z'

describe('atomFeed', () => {
  const xml = atomFeed({
    base: 'https://news.example.org/find',
    request: { q: 'oil prices', from: '1987' },
    builtAt: BUILT,
    results: [
      result('wire/b', '1987-03-02T09:30:00.000Z'),
      result('wire/a', '1987-02-26'),
      result('wire/c', null),
      {
        ...result('wire/evil', '1987-01-01'),
        article: {
          id: 'wire/evil',
          title: 'Rockets <script>alert(1)</script> & "quotes"\u0005',
          titleHtml: 'x',
          category: 'a&b',
          date: '1987-01-01',
          url: '/articles/wire/evil',
        },
      },
    ],
  })
  const feed = parseFeed(xml)

  it('is an Atom 1.0 feed titled for the query, with its own id, self link and updated', () => {
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom')
    assert.equal(feed.title['#text'], 'newsdex: oil prices')
    const self = 'https://news.example.org/find/search.atom?q=oil+prices&from=1987'
    assert.equal(feed.id, self)
    assert.deepEqual(
      feed.link.map((link) => [link['@_rel'], link['@_href']]),
      [
        ['self', self],
        ['alternate', 'https://news.example.org/find/?q=oil+prices&from=1987'],
      ],
    )
    // The newest of its entries' dates: the undated one counts as the index's build time.
    assert.equal(feed.updated, BUILT)
    assert.equal(feed.author.name, 'newsdex')
  })

  it('keeps the order given, each entry with a stable id, updated and an absolute link', () => {
    const entries = feed.entry ?? []
    assert.deepEqual(
      entries.map((entry) => entry.id),
      [
        'https://news.example.org/find/articles/wire/b',
        'https://news.example.org/find/articles/wire/a',
        'https://news.example.org/find/articles/wire/c',
        'https://news.example.org/find/articles/wire/evil',
      ],
    )
    assert.deepEqual(
      entries.map((entry) => entry.updated),
      ['1987-03-02T09:30:00.000Z', '1987-02-26T00:00:00Z', BUILT, '1987-01-01T00:00:00Z'],
    )
    assert.equal(entries[2]?.published, undefined)
    assert.equal(entries[0]?.published, '1987-03-02T09:30:00.000Z')
    assert.equal(
      entries[0]?.link[0]?.['@_href'],
      'https://news.example.org/find/articles/wire/b?q=oil+prices',
    )
  })

  it('gives the best snippet as HTML, escaped once, marks and all', () => {
    const summary = feed.entry?.[0]?.summary
    assert.equal(summary?.['@_type'], 'html')
    assert.equal(summary?.['#text'], 'Oil <mark>prices</mark> rose in wire/b')
  })

  it('escapes a hostile title and drops what XML cannot hold', () => {
    const evil = feed.entry?.[3]
    assert.equal(evil?.title['@_type'], 'text')
    assert.equal(evil?.title['#text'], 'Rockets <script>alert(1)</script> & "quotes"')
    assert.equal(evil?.category?.['@_term'], 'a&b')
    assert.doesNotMatch(xml, /<script>/)
  })

  it('names the build time as updated when there are no entries', () => {
    const empty = parseFeed(
      atomFeed({ base: 'http://h', request: { q: 'x' }, results: [], builtAt: BUILT }),
    )
    assert.equal(empty.updated, BUILT)
    assert.equal(empty.entry, undefined)
  })

  it('writes a day alone as its first instant, and links the feed of a search', () => {
    assert.equal(atomDate('1987-02-26'), '1987-02-26T00:00:00Z')
    assert.equal(atomDate('1987-02-26T15:01:01.790Z'), '1987-02-26T15:01:01.790Z')
    assert.equal(feedHref({ q: 'a&b', to: '1987-03' }), '/search.atom?q=a%26b&to=1987-03')
  })
})

describe('GET /search.atom', () => {
  let server: TestServer

  before(async () => {
    server = await startTestServer()
  })

  after(async () => {
    await server.stop()
  })

  it('serves the feed of a query as application/atom+xml, dated entries newest first', async () => {
    const response = await fetch(`${server.url}/search.atom?q=missiles`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^application\/atom\+xml/)
    const feed = parseFeed(await response.text())
    assert.equal(feed.title['#text'], 'newsdex: missiles')
    const entries = feed.entry ?? []
    assert.equal(entries.length, 15)
    // The two dated articles lead, newest first; every link is absolute on this host.
    assert.deepEqual(
      entries.slice(0, 2).map((entry) => entry.id),
      [`${server.url}/articles/tech/unsafe`, `${server.url}/articles/politics/summit`],
    )
    assert.ok(
      entries.every((entry) => entry.link[0]?.['@_href'].startsWith(`${server.url}/articles/`)),
    )
    assert.equal(
      entries[0]?.title['#text'],
      'Rockets <script>alert(1)</script> & missiles "quoted"',
    )
  })

  it('narrows to a date range, and answers a bad one with a 400 naming it', async () => {
    const feed = parseFeed(
      await (await fetch(`${server.url}/search.atom?q=missiles&to=2024-03-01`)).text(),
    )
    assert.deepEqual(
      (feed.entry ?? []).map((entry) => entry.id),
      [`${server.url}/articles/politics/summit`],
    )
    const bad = await fetch(`${server.url}/search.atom?q=missiles&from=2024-13`)
    assert.equal(bad.status, 400)
    const body = (await bad.json()) as { error: { code: string; message: string } }
    assert.equal(body.error.code, 'bad_parameter')
    assert.match(body.error.message, /`from`/)
  })

  it('is named by /opensearch.xml and advertised by pages with a query', async () => {
    const description = await (await fetch(`${server.url}/opensearch.xml`)).text()
    assert.match(
      description,
      new RegExp(
        `<Url type="application/atom\\+xml" method="get" template="${server.url}/search.atom\\?q=\\{searchTerms\\}"/>`,
      ),
    )
    const page = await (await fetch(`${server.url}/?q=missiles&from=2024`)).text()
    assert.match(
      page,
      /<link rel="alternate" type="application\/atom\+xml" title="newsdex: missiles" href="\/search.atom\?q=missiles&amp;from=2024">/,
    )
    const article = await (await fetch(`${server.url}/articles/politics/summit?q=missiles`)).text()
    assert.match(
      article,
      /<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/search.atom\?q=missiles">/,
    )
    const home = await (await fetch(`${server.url}/`)).text()
    assert.doesNotMatch(home, /application\/atom\+xml/)
  })
})
