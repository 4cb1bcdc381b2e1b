// OpenSearch: the description a browser reads to add newsdex as a search engine, parsed as XML,
// and the suggestions it names.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { createApp } from '../../src/server/app.ts'
import { createLogger } from '../../src/server/logger.ts'
import { parsePublicUrl } from '../../src/server/opensearch.ts'
import { type Reply, send } from '../fixtures/http.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'
import { listenApp } from '../fixtures/server/listen-app.ts'

let server: TestServer

before(async () => {
  server = await startTestServer()
})

after(async () => {
  await server.stop()
})

interface UrlElement {
  '@_type': string
  '@_template': string
  '@_method'?: string
  '@_rel'?: string
}

interface Description {
  OpenSearchDescription: {
    '@_xmlns': string
    ShortName: string
    Description: string
    InputEncoding: string
    Url: UrlElement[]
  }
}

function parseDescription(xml: string): Description['OpenSearchDescription'] {
  assert.equal(XMLValidator.validate(xml), true)
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'Url',
  })
  return (parser.parse(xml) as Description).OpenSearchDescription
}

function templateOf(description: Description['OpenSearchDescription'], type: string): string {
  const url = description.Url.find((u) => u['@_type'] === type)
  assert.ok(url, `a Url of type ${type}`)
  return url['@_template']
}

/** A GET with a Host header of our choosing (fetch does not allow setting it). */
/** A GET naming `host` in its `Host` header (fetch does not let a test set it). */
function getWithHost(path: string, host: string): Promise<Reply> {
  return send(server.url, path, { headers: { host } })
}

describe('GET /opensearch.xml', () => {
  it('is an OpenSearch 1.1 description with absolute search and suggestion URLs', async () => {
    const response = await fetch(`${server.url}/opensearch.xml`)
    assert.equal(response.status, 200)
    assert.match(
      response.headers.get('content-type') ?? '',
      /^application\/opensearchdescription\+xml/,
    )
    const description = parseDescription(await response.text())
    assert.equal(description['@_xmlns'], 'http://a9.com/-/spec/opensearch/1.1/')
    assert.equal(description.ShortName, 'newsdex')
    assert.ok(description.ShortName.length <= 16)
    assert.equal(description.InputEncoding, 'UTF-8')
    assert.equal(templateOf(description, 'text/html'), `${server.url}/?q={searchTerms}`)
    assert.equal(
      templateOf(description, 'application/x-suggestions+json'),
      `${server.url}/suggest?q={searchTerms}&format=opensearch`,
    )
    assert.equal(
      templateOf(description, 'application/opensearchdescription+xml'),
      `${server.url}/opensearch.xml`,
    )
  })

  it('builds its URLs from the request Host, and refuses a Host that is not one', async () => {
    const reply = await getWithHost('/opensearch.xml', 'news.example.org:8080')
    assert.equal(reply.status, 200)
    const description = parseDescription(reply.text)
    assert.equal(
      templateOf(description, 'text/html'),
      'http://news.example.org:8080/?q={searchTerms}',
    )
    for (const host of ['evil"><x', 'a b', '[zz]:80', 'host/path']) {
      const bad = await getWithHost('/opensearch.xml', host)
      assert.equal(bad.status, 400, host)
      assert.equal(JSON.parse(bad.text).error.code, 'bad_host', host)
    }
  })

  it('its search URL, filled in, answers the search page', async () => {
    const description = parseDescription(await (await fetch(`${server.url}/opensearch.xml`)).text())
    const url = templateOf(description, 'text/html').replace('{searchTerms}', 'missiles')
    const page = await fetch(url)
    assert.equal(page.status, 200)
    assert.match(await page.text(), /15 articles/)
  })

  it('is linked from every page', async () => {
    const link =
      /<link rel="search" type="application\/opensearchdescription\+xml" title="newsdex" href="\/opensearch.xml">/
    for (const path of ['/', '/?q=missiles', '/articles/politics/summit', '/no/such/page']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } })
      assert.match(await response.text(), link, path)
    }
  })
})

describe('GET /suggest?format=opensearch', () => {
  it('answers [query, [completions]] as application/x-suggestions+json', async () => {
    const response = await fetch(`${server.url}/suggest?q=missi&format=opensearch`)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^application\/x-suggestions\+json/)
    const body = (await response.json()) as unknown
    assert.ok(Array.isArray(body))
    assert.equal(body.length, 2)
    const [query, completions] = body as [unknown, unknown]
    assert.equal(query, 'missi')
    assert.ok(Array.isArray(completions))
    assert.ok(completions.every((c) => typeof c === 'string'))
    assert.equal(completions[0], 'missiles')
    assert.equal(new Set(completions).size, completions.length)
  })

  it('answers an empty query with no completions, and a bad format with a 400', async () => {
    const empty = await (await fetch(`${server.url}/suggest?format=opensearch`)).json()
    assert.deepEqual(empty, ['', []])
    for (const path of ['/suggest?q=a&format=xml', '/suggest?q=a&format=opensearch&format=json']) {
      const bad = await fetch(`${server.url}${path}`)
      assert.equal(bad.status, 400, path)
      assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'bad_parameter')
    }
  })

  it('keeps the JSON form by default', async () => {
    const body = await (await fetch(`${server.url}/suggest?q=missi`)).json()
    assert.ok(Array.isArray((body as { suggestions: unknown }).suggestions))
  })
})

describe('--public-url', () => {
  it('names the public address in the description, whatever the Host', async () => {
    const app = createApp(server.live, {
      logger: createLogger({ level: 'silent' }),
      publicUrl: parsePublicUrl('https://news.example.org/find/'),
    })
    const { url, close } = await listenApp(app)
    try {
      const xml = await (await fetch(`${url}/opensearch.xml`)).text()
      const description = parseDescription(xml)
      assert.equal(
        templateOf(description, 'text/html'),
        'https://news.example.org/find/?q={searchTerms}',
      )
      assert.equal(
        templateOf(description, 'application/x-suggestions+json'),
        'https://news.example.org/find/suggest?q={searchTerms}&format=opensearch',
      )
    } finally {
      await close()
    }
  })

  it('must be an absolute http(s) URL without a query', () => {
    assert.equal(parsePublicUrl('http://localhost:3000'), 'http://localhost:3000')
    for (const bad of ['news.example.org', 'ftp://example.org', 'https://example.org/?a=1', '']) {
      assert.throws(() => parsePublicUrl(bad), /--public-url/, bad)
    }
  })
})
