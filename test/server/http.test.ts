import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import fc from 'fast-check'
import { parse } from 'node-html-parser'
import { FORMAT_VERSION } from '../../src/index/manifest.ts'
import type { RelatedArticle } from '../../src/search/related.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { type Reply, send as sendTo } from '../fixtures/http.ts'
import { startTestServer, type TestServer } from '../fixtures/server/corpus.ts'

let server: TestServer

/** A request to the test server with the path sent exactly as given, body not decoded. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return sendTo(server.url, path, options)
}

async function json<T = unknown>(path: string): Promise<{ reply: Reply; body: T }> {
  const reply = await send(path)
  assert.match(String(reply.headers['content-type']), /^application\/json/, path)
  return { reply, body: JSON.parse(reply.text) as T }
}

async function expectApiError(path: string, status: number, code: string): Promise<void> {
  const { reply, body } = await json<{ error: { code: string; message: string } }>(path)
  assert.equal(reply.status, status, path)
  assert.equal(body.error.code, code, path)
  assert.equal(typeof body.error.message, 'string')
  assert.ok(body.error.message.length > 0)
}

before(async () => {
  server = await startTestServer()
})

after(async () => {
  await server.stop()
})

describe('GET /search', () => {
  it('answers the SearchResponse as JSON, uncached', async () => {
    const { reply, body } = await json<SearchResponse>('/search?q=missiles')
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['cache-control'], 'no-store')
    assert.equal(body.query, 'missiles')
    assert.equal(body.page, 1)
    assert.equal(body.size, 10)
    assert.equal(body.total.articles, 15)
    assert.equal(body.results.length, 10)
    assert.equal(body.matched, 'all')
    assert.deepEqual(body.facets.category, { politics: 9, tech: 4, sport: 2 })
    const first = body.results[0]
    assert.ok(first)
    assert.match(first.article.titleHtml, /<mark>missiles<\/mark>/i)
    assert.match(first.article.url, /^\/articles\//)
    assert.ok(first.paragraphs.length >= 1)
    assert.match(first.paragraphs[0]?.url ?? '', /^\/articles\/.+#p\d+$/)
  })

  it('pages, sizes, prefixes and flattens as asked', async () => {
    // 15 articles, 12 stories once near-copies fold: page 2 holds the last 2.
    const page2 = (await json<SearchResponse>('/search?q=missiles&page=2')).body
    assert.equal(page2.page, 2)
    assert.equal(page2.results.length, 2)
    const unfolded = (await json<SearchResponse>('/search?q=missiles&page=2&collapse=false')).body
    assert.equal(unfolded.results.length, 5)
    const small = (await json<SearchResponse>('/search?q=missiles&size=3')).body
    assert.equal(small.results.length, 3)
    const prefix = (await json<SearchResponse>('/search?q=missil&prefix=true')).body
    assert.equal(prefix.total.articles, 15)
    const exact = (await json<SearchResponse>('/search?q=zzzmissil&prefix=0')).body
    assert.equal(exact.total.articles, 0)
    const flat = (await json<SearchResponse>('/search?q=missiles&group=false&size=50')).body
    assert.ok(flat.results.every((result) => result.paragraphs.length === 1))
    assert.ok(flat.total.paragraphs > flat.total.articles)
  })

  it('answers an empty or missing q with no results', async () => {
    for (const path of ['/search', '/search?q=', '/search?q=%20%20']) {
      const { reply, body } = await json<SearchResponse>(path)
      assert.equal(reply.status, 200, path)
      assert.equal(body.results.length, 0)
      assert.equal(body.total.articles, 0)
    }
  })

  it('ignores unknown parameters', async () => {
    const { reply, body } = await json<SearchResponse>('/search?q=missiles&utm_source=x&x=1&x=2')
    assert.equal(reply.status, 200)
    assert.equal(body.total.articles, 15)
  })

  it('answers 400 with a JSON error for every kind of bad parameter', async () => {
    const bad = [
      '/search?q=a&q=b',
      '/search?q=missiles&page=1&page=2',
      '/search?q=x&size=5&size=6',
      '/search?q=x&prefix=true&prefix=false',
      '/search?q=x&page=0',
      '/search?q=x&page=-1',
      '/search?q=x&page=1.5',
      '/search?q=x&page=abc',
      '/search?q=x&page=',
      '/search?q=x&page=99999999999999999999',
      '/search?q=x&size=0',
      '/search?q=x&size=51',
      '/search?q=x&size=ten',
      '/search?q=x&prefix=yes',
      '/search?q=x&prefix=',
      '/search?q=x&group=TRUE',
      `/search?q=${'a'.repeat(513)}`,
    ]
    for (const path of bad) await expectApiError(path, 400, 'bad_parameter')
    // 512 characters is still fine.
    assert.equal((await send(`/search?q=${'a'.repeat(512)}`)).status, 200)
  })

  it('never answers 500 to whatever a client sends', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('%', '%zz', '%00', '%ff%fe', '%ED%A0%80', '[]', '"', 'category:', '-', '*'),
    )
    const key = fc.constantFrom('q', 'page', 'size', 'prefix', 'group', 'q[]', 'q[a]', 'other')
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(key, value), { maxLength: 4 }),
        fc.constantFrom('/search', '/suggest', '/'),
        async (pairs, path) => {
          const query = pairs
            .map(([k, v]) => `${k}=${/^%|^\[/.test(v) ? v : encodeURIComponent(v)}`)
            .join('&')
          const reply = await send(`${path}?${query}`)
          assert.ok(
            reply.status === 200 || reply.status === 400,
            `${path}?${query}: ${reply.status}`,
          )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('compresses when the client accepts gzip', async () => {
    const reply = await send('/search?q=missiles', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(reply.headers['content-encoding'], 'gzip')
    const body = JSON.parse(gunzipSync(reply.body).toString()) as SearchResponse
    assert.equal(body.total.articles, 15)
    const page = await send('/?q=missiles', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(page.headers['content-encoding'], 'gzip')
  })

  it('answers 405 to other methods', async () => {
    const reply = await send('/search?q=x', { method: 'POST' })
    assert.equal(reply.status, 405)
    assert.equal(reply.headers.allow, 'GET, HEAD')
    assert.equal(
      (JSON.parse(reply.text) as { error: { code: string } }).error.code,
      'method_not_allowed',
    )
  })
})

describe('near-copies in results', () => {
  it('fold into one result a story, listing the others as similar', async () => {
    const { body } = await json<SearchResponse>('/search?q=missiles&size=50')
    assert.deepEqual(body.total, { articles: 15, paragraphs: body.total.paragraphs, results: 12 })
    assert.equal(body.results.length, 12)
    // Facets count articles, every near-copy included, as total.articles does.
    assert.deepEqual(body.facets.category, { politics: 9, tech: 4, sport: 2 })
    const guidance = body.results.filter((r) => r.article.id.startsWith('tech/guidance-'))
    assert.equal(guidance.length, 1)
    const shown = guidance[0]?.article.id as string
    assert.deepEqual(
      guidance[0]?.similar?.map((item) => item.id),
      ['tech/guidance-1', 'tech/guidance-2', 'tech/guidance-3'].filter((id) => id !== shown),
    )
    for (const item of guidance[0]?.similar ?? []) {
      assert.deepEqual(Object.keys(item).sort(), ['date', 'id', 'title', 'url'])
      assert.equal(item.url, `/articles/${item.id}`)
    }
    const ids = body.results.map((r) => r.article.id)
    assert.equal(new Set(ids).size, ids.length)
    assert.ok(body.results.filter((r) => r.similar !== undefined).length === 2, 'guidance, stadium')
  })

  it('all show with collapse=false, and a bad value is a 400', async () => {
    const { body } = await json<SearchResponse>('/search?q=missiles&size=50&collapse=false')
    assert.equal(body.total.results, 15)
    assert.equal(body.results.length, 15)
    assert.ok(body.results.every((r) => r.similar === undefined))
    await expectApiError('/search?q=missiles&collapse=maybe', 400, 'bad_parameter')
  })

  it('shows "N similar versions" on the page, opening to their links', async () => {
    const reply = await send('/?q=guidance+chips')
    assert.equal((reply.text.match(/<li class="result">/g) ?? []).length, 1)
    assert.match(reply.text, /<details class="similar">\s*<summary>2 similar versions<\/summary>/)
    const list = reply.text.slice(reply.text.indexOf('<ul class="similar-list">'))
    assert.equal(
      [...list.matchAll(/<li><a href="\/articles\/tech\/guidance-\d\?q=guidance\+chips">/g)].length,
      2,
    )
  })
})

describe('GET /articles/:id/related', () => {
  interface Related {
    related: RelatedArticle[]
  }

  it('gives up to 5 related articles, best first, never the article itself', async () => {
    const { reply, body } = await json<Related>('/articles/politics/missiles-1/related')
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['cache-control'], 'no-store')
    assert.equal(body.related.length, 5)
    for (const item of body.related) {
      assert.notEqual(item.id, 'politics/missiles-1')
      assert.equal(item.url, `/articles/${item.id}`)
      assert.deepEqual(Object.keys(item).sort(), [
        'category',
        'date',
        'id',
        'score',
        'title',
        'url',
      ])
    }
    // The other rounds of the same talks come before anything else.
    assert.ok(body.related.every((item) => item.id.startsWith('politics/missiles-')))
    const scores = body.related.map((item) => item.score)
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    )
  })

  it('takes a size from 1 to 20', async () => {
    assert.equal(
      (await json<Related>('/articles/sport/match-1/related?size=2')).body.related.length,
      2,
    )
    for (const size of ['0', '21', 'two', '1.5']) {
      await expectApiError(`/articles/sport/match-1/related?size=${size}`, 400, 'bad_parameter')
    }
  })

  it('is a 404 JSON error for an unknown article', async () => {
    await expectApiError('/articles/no/such/article/related', 404, 'not_found')
  })

  it('lists them on the article page, each a link', async () => {
    const reply = await send('/articles/politics/missiles-1')
    assert.equal(reply.status, 200)
    const section = reply.text.slice(reply.text.indexOf('<section class="related"'))
    assert.match(section, /<h2 id="related-title" class="related-title">Related articles<\/h2>/)
    const links = [...section.matchAll(/<li><a href="([^"]+)">/g)].map((m) => m[1])
    assert.equal(links.length, 5)
    assert.ok(!links.includes('/articles/politics/missiles-1'))
  })
})

describe('GET /suggest', () => {
  it('completes the last word and offers titles', async () => {
    const { reply, body } = await json<{
      suggestions: { value: string; kind: string; url?: string }[]
    }>('/suggest?q=missi')
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['cache-control'], 'no-store')
    assert.ok(body.suggestions.some((s) => s.kind === 'word' && s.value === 'missiles'))
    assert.ok(body.suggestions.some((s) => s.kind === 'title' && s.url?.startsWith('/articles/')))
  })

  it('validates q like /search', async () => {
    assert.deepEqual((await json('/suggest')).body, { suggestions: [] })
    await expectApiError('/suggest?q=a&q=b', 400, 'bad_parameter')
    await expectApiError(`/suggest?q=${'a'.repeat(513)}`, 400, 'bad_parameter')
  })
})

describe('GET /healthz', () => {
  it('reports the index being served', async () => {
    const { reply, body } = await json<Record<string, unknown>>('/healthz')
    assert.equal(reply.status, 200)
    assert.equal(reply.headers['cache-control'], 'no-store')
    assert.deepEqual(Object.keys(body).sort(), [
      'articles',
      'buildId',
      'builtAt',
      'engine',
      'indexVersion',
      'paragraphs',
      'status',
    ])
    assert.equal(body.status, 'ok')
    assert.equal(body.engine, 'embedded')
    assert.equal(body.articles, 25)
    assert.equal(typeof body.paragraphs, 'number')
    assert.equal(body.buildId, server.live.buildId)
    assert.equal(body.indexVersion, FORMAT_VERSION)
    assert.ok(!Number.isNaN(Date.parse(String(body.builtAt))))
  })
})

describe('not found', () => {
  it('answers JSON under the API paths', async () => {
    await expectApiError('/search/more', 404, 'not_found')
    await expectApiError('/healthz/x', 404, 'not_found')
  })

  it('answers an HTML page elsewhere', async () => {
    for (const path of ['/nope', '/articles/no/such/article', '/static/app.0000.js', '/static/']) {
      const reply = await send(path)
      assert.equal(reply.status, 404, path)
      assert.match(String(reply.headers['content-type']), /^text\/html/, path)
      assert.match(reply.text, /<h1[^>]*>Not found<\/h1>/)
      assert.doesNotMatch(reply.text, /at .*\.ts|node_modules|\/tmp\//)
    }
  })

  it('finds no article for path traversal attempts', async () => {
    for (const path of [
      '/articles/../package.json',
      '/articles/../../etc/passwd',
      '/articles/%2e%2e/package.json',
      '/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/articles/..%5c..%5cpackage.json',
      '/articles/sport/../politics/summit',
    ]) {
      const reply = await send(path)
      assert.equal(reply.status, 404, path)
      assert.match(String(reply.headers['content-type']), /^text\/html/)
    }
  })

  it('answers a malformed path with 400, not 500', async () => {
    const reply = await send('/articles/%E0%A4%A')
    assert.equal(reply.status, 400)
  })
})

describe('headers', () => {
  it('sets the security headers on every response', async () => {
    const page = await send('/')
    const asset = /\/static\/app\.[0-9a-f]{12}\.css/.exec(page.text)?.[0] ?? '/static/app.css'
    for (const path of ['/', '/?q=missiles', '/search?q=x', '/nope', '/search?page=0', asset]) {
      const reply = await send(path)
      const csp = String(reply.headers['content-security-policy'])
      assert.match(csp, /default-src 'self'/, path)
      assert.match(csp, /script-src 'self'/)
      assert.match(csp, /style-src 'self'/)
      assert.match(csp, /frame-ancestors 'none'/)
      assert.match(csp, /base-uri 'none'/)
      assert.match(csp, /form-action 'self'/)
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/)
      assert.equal(reply.headers['x-content-type-options'], 'nosniff')
      assert.equal(reply.headers['referrer-policy'], 'no-referrer')
      assert.equal(reply.headers['x-powered-by'], undefined)
    }
  })

  it('has no inline script, style or handler in the HTML', async () => {
    for (const path of ['/', '/?q=missiles', '/articles/politics/summit?q=missiles', '/nope']) {
      const { text } = await send(path)
      assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, path)
      assert.doesNotMatch(text, /<style|\sstyle=|\son[a-z]+=/i, path)
    }
  })
})

describe('static files', () => {
  it('serves fingerprinted assets for a year, plain names with revalidation', async () => {
    const page = await send('/')
    const js = /\/static\/app\.([0-9a-f]{12})\.js/.exec(page.text)
    const css = /\/static\/app\.([0-9a-f]{12})\.css/.exec(page.text)
    assert.ok(js && css, 'the page links fingerprinted assets')
    const script = await send(js[0])
    assert.equal(script.status, 200)
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.match(String(script.headers['content-type']), /^text\/javascript/)
    const style = await send(css[0])
    assert.match(String(style.headers['content-type']), /^text\/css/)
    const plain = await send('/static/app.js')
    assert.equal(plain.headers['cache-control'], 'no-cache')
    assert.equal(plain.text, script.text)
    const etag = String(plain.headers.etag)
    const again = await send('/static/app.js', { headers: { 'if-none-match': etag } })
    assert.equal(again.status, 304)
  })
})

describe('the search page', () => {
  it('shows the search form and tips without a query', async () => {
    const reply = await send('/')
    assert.equal(reply.status, 200)
    assert.match(String(reply.headers['content-type']), /^text\/html/)
    assert.equal(reply.headers['cache-control'], 'no-cache')
    assert.match(reply.text, /<form class="search-form" role="search" action="\/" method="get"/)
    assert.match(reply.text, /<label[^>]+for="q"/)
    assert.match(reply.text, /aria-live="polite"/)
    assert.match(reply.text, /<header/)
    assert.match(reply.text, /<main/)
    assert.match(reply.text, /<footer/)
    assert.doesNotMatch(reply.text, /class="result"/)
  })

  it('renders results, facets and paging on the server', async () => {
    const { text } = await send('/?q=missiles')
    assert.equal((text.match(/<li class="result">/g) ?? []).length, 10)
    assert.match(text, /<mark>missiles<\/mark>/i)
    assert.match(text, /15 articles, \d+ paragraphs/)
    assert.match(text, /href="\/\?q=missiles\+category%3Apolitics"/)
    assert.match(text, /rel="next" href="\/\?q=missiles&amp;page=2"/)
    assert.match(text, /href="\/articles\/[^"?#]+\?q=missiles#p\d+"/)
    const page2 = (await send('/?q=missiles&page=2')).text
    assert.match(page2, /<ol class="result-list" start="11">/)
    // 12 stories over 2 pages: the last 2 on page 2.
    assert.equal((page2.match(/<li class="result">/g) ?? []).length, 2)
    assert.match(page2, /rel="prev"/)
  })

  it('filters by a facet and offers to remove it', async () => {
    // The two stadium reports are near-copies: one result, the other folded into it.
    const { text } = await send('/?q=missiles+category%3Asport')
    assert.equal((text.match(/<li class="result">/g) ?? []).length, 1)
    assert.match(text, /<summary>1 similar version<\/summary>/)
    assert.match(text, /class="facet is-active" href="\/\?q=missiles" aria-current="true"/)
  })

  it('shows did-you-mean, partial matches and ignored words', async () => {
    const typo = (await send('/?q=goel&prefix=false')).text
    assert.match(typo, /Did you mean <a href="\/\?q=goal&amp;prefix=false">goal<\/a>\?/)
    const partial = (await send('/?q=cup+finl&prefix=false')).text
    assert.match(partial, /No paragraph has all the words; showing partial matches\./)
    assert.match(partial, /<p class="result-missing">Missing: finl<\/p>/)
    const ignored = (await send('/?q=the+missiles')).text
    assert.match(ignored, /Not searched: the/)
    const none = (await send('/?q=qqqqqq')).text
    assert.match(none, /Nothing found\./)
  })

  it('answers bad parameters with a 400 page', async () => {
    const reply = await send('/?q=x&page=0')
    assert.equal(reply.status, 400)
    assert.match(String(reply.headers['content-type']), /^text\/html/)
    assert.match(reply.text, /Bad request/)
  })

  it('escapes what it echoes', async () => {
    const { text } = await send(`/?q=${encodeURIComponent('"><script>alert(1)</script>')}`)
    assert.doesNotMatch(text, /<script>alert/)
    assert.match(text, /&#34;&gt;&lt;script&gt;/)
  })
})

describe('every page', () => {
  const pages: [path: string, description: RegExp][] = [
    ['/', /^Full-text search of \d+ news articles \(\d+ paragraphs\), with results as you type\.$/],
    ['/?q=missiles', /^15 news articles match “missiles”, best paragraphs first\.$/],
    ['/?q=goel', /^No news articles match “goel”\.$/],
    ['/articles/politics/summit?q=missiles', /^Leaders sign a short statement$/],
    ['/articles/no/such-article', /^There is no such article\.$/],
  ]

  it('has one level-one heading in view and a meta description of its own', async () => {
    for (const [path, description] of pages) {
      const { text } = await send(path)
      const shown = parse(text)
        .querySelectorAll('h1')
        .filter((h1) => !h1.closest('[hidden]'))
        .map((h1) => h1.text)
      assert.equal(shown.length, 1, `${path}: ${shown.join(' | ')}`)
      const meta = text.match(/<meta name="description" content="([^"]*)">/)
      assert.match(meta?.[1] ?? '', description, path)
    }
    assert.match(
      (await send('/?q=missiles')).text,
      /<h1 id="results-title" [^>]*>Results for “missiles”<\/h1>/,
    )
  })
})

describe('the article page', () => {
  it('shows the whole article with anchors, headings and metadata', async () => {
    const reply = await send('/articles/politics/summit')
    assert.equal(reply.status, 200)
    const { text } = reply
    assert.match(
      text,
      /<h1 id="article-title" class="article-title">Summit agrees a timetable on missiles<\/h1>/,
    )
    assert.match(text, /Leaders sign a short statement/)
    assert.match(text, /<p id="p0" class="para">/)
    assert.match(text, /<h2 class="article-heading">Background<\/h2>/)
    assert.match(text, /2024-03-01/)
    assert.match(text, /Example Wire/)
    assert.match(
      text,
      /<a href="https:\/\/example.com\/news\/summit" rel="noopener noreferrer nofollow">/,
    )
    assert.doesNotMatch(text, /<mark>/)
  })

  it('marks the words of ?q=', async () => {
    const { text } = await send('/articles/politics/summit?q=missiles')
    assert.match(text, /<p id="p0" class="para is-match">.*<mark>missiles<\/mark>/)
    assert.match(text, /<mark>missiles<\/mark><\/h1>/)
    assert.match(text, /href="\/\?q=missiles"/)
  })

  it('marks a half-typed last word as the results did, unless prefix=false', async () => {
    assert.match((await send('/articles/politics/summit?q=missi')).text, /<mark>missiles<\/mark>/)
    const exact = await send('/articles/politics/summit?q=missi&prefix=false')
    assert.doesNotMatch(exact.text, /<mark>/)
  })

  it('never links a non-http url and escapes the text', async () => {
    const { text } = await send('/articles/tech/unsafe?q=missiles')
    assert.doesNotMatch(text, /javascript:/)
    assert.doesNotMatch(text, /<script>alert|<b>markup|<img src=x/)
    assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; <mark>missiles<\/mark>/)
  })

  it('validates q', async () => {
    assert.equal((await send('/articles/politics/summit?q=a&q=b')).status, 400)
  })
})
