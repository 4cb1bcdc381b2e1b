// Caps: each has a documented default, is enforced over HTTP with a clear answer (a 400 naming
// the parameter and the cap, or the extra terms listed as `ignored`), and can be configured in
// one place (`limits`, given to createApp/startServer, or `npm start -- --max-…`).
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { analyze } from '../../src/analysis/analyzer.ts'
import type { Io } from '../../src/cli/command.ts'
import { UsageError } from '../../src/cli/command.ts'
import { serve, command as serveCommand } from '../../src/cli/serve.ts'
import { DEFAULT_LIMITS, resolveLimits } from '../../src/search/limits.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { send } from '../fixtures/http.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { type Served, serveFiles } from '../fixtures/server/serve-files.ts'

let plain: Served
let capped: Served

const CAPS = {
  maxQueryLength: 40,
  maxTerms: 3,
  maxSize: 5,
  maxPage: 4,
  maxPrefixExpansions: 1,
  maxTypoExpansions: 1,
}

before(async () => {
  ;[plain, capped] = await Promise.all([
    serveFiles(corpusFiles()),
    serveFiles(corpusFiles(), { limits: CAPS }),
  ])
})

after(async () => {
  await Promise.all([plain?.stop(), capped?.stop()])
})

async function json<T>(server: Served, path: string): Promise<{ status: number; body: T }> {
  const reply = await send(server.url, path)
  assert.match(String(reply.headers['content-type']), /^application\/json/, path)
  return { status: reply.status, body: JSON.parse(reply.text) as T }
}

async function search(server: Served, query: string): Promise<SearchResponse> {
  const { status, body } = await json<SearchResponse>(server, `/search?${query}`)
  assert.equal(status, 200, query)
  return body
}

async function refused(server: Served, path: string, message: RegExp): Promise<void> {
  const reply = await send(server.url, path)
  assert.equal(reply.status, 400, path)
  if (/^\/(search|suggest)/.test(path)) {
    const { error } = JSON.parse(reply.text) as { error: { code: string; message: string } }
    assert.equal(error.code, 'bad_parameter')
    assert.match(error.message, message, path)
  } else {
    assert.match(reply.text, message, path)
  }
}

/** The distinct words marked in titles and snippets. */
function markedWords(response: SearchResponse): string[] {
  const words = new Set<string>()
  for (const result of response.results) {
    for (const html of [result.article.titleHtml, ...result.paragraphs.map((p) => p.snippet)])
      for (const [, word] of html.matchAll(/<mark>([^<]*)<\/mark>/g))
        words.add((word ?? '').toLowerCase())
  }
  return [...words].sort()
}

/** A pasted sentence of more than 64 distinct searchable words, within 512 characters. */
function pastedSentence(): { q: string; words: string[] } {
  const seen = new Set<string>()
  const words: string[] = []
  for (const text of Object.values(corpusFiles())) {
    for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
      const term = analyze(word)[0]?.term
      if (word.length > 6 || term === null || term === undefined || seen.has(term)) continue
      seen.add(term)
      words.push(word)
    }
  }
  while (words.join(' ').length > 512) words.pop()
  assert.ok(words.length > 64, `${words.length} words`)
  return { q: words.join(' '), words }
}

describe('the caps and their defaults', () => {
  it('are documented in one place', () => {
    assert.deepEqual(DEFAULT_LIMITS, {
      maxQueryLength: 512,
      maxTerms: 64,
      maxPrefixExpansions: 50,
      maxTypoExpansions: 8,
      maxSize: 50,
      maxPage: 1000,
    })
    assert.ok(Object.isFrozen(DEFAULT_LIMITS))
    assert.deepEqual(resolveLimits({ maxTerms: 3 }), { ...DEFAULT_LIMITS, maxTerms: 3 })
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      assert.throws(() => resolveLimits({ maxPage: bad }), /limits\.maxPage must be a whole number/)
    assert.match(serveCommand.help, /--max-query-length N[\s\S]*default: 512/)
    assert.match(serveCommand.help, /--max-terms N[\s\S]*default: 64/)
  })
})

describe('the default caps over HTTP', () => {
  it('refuses a query over 512 characters on every route, with the cap in the message', async () => {
    const ok = 'a'.repeat(512)
    const long = 'a'.repeat(513)
    for (const route of ['/search', '/suggest', '/', '/articles/politics/summit']) {
      assert.equal((await send(plain.url, `${route}?q=${ok}`)).status, 200, route)
      await refused(plain, `${route}?q=${long}`, /`q` is longer than 512 characters\./)
    }
    // Counted in UTF-16 code units, as the box's maxlength counts them.
    assert.equal((await send(plain.url, `/search?q=${'%F0%9F%99%82'.repeat(256)}`)).status, 200)
    await refused(plain, `/search?q=${'%F0%9F%99%82'.repeat(256)}a`, /longer than 512/)
    assert.match((await send(plain.url, '/')).text, /maxlength="512"/)
  })

  it('refuses a size over 50 and a page over 1,000', async () => {
    assert.equal((await search(plain, 'q=missiles&size=50&collapse=false')).results.length, 15)
    await refused(
      plain,
      '/search?q=missiles&size=51',
      /`size` must be a whole number from 1 to 50\./,
    )
    const last = await search(plain, 'q=missiles&page=1000')
    assert.equal(last.page, 1000)
    assert.deepEqual(last.results, [])
    assert.equal(last.total.articles, 15)
    for (const page of ['1001', '99999', '9007199254740991']) {
      await refused(
        plain,
        `/search?q=missiles&page=${page}`,
        /`page` must be a whole number from 1 to 1000\./,
      )
      await refused(plain, `/?q=missiles&page=${page}`, /must be a whole number from 1 to 1000/)
    }
    assert.match((await send(plain.url, '/?q=missiles&page=1000')).text, /There is no page 1000\./)
  })

  it('answers a pasted sentence of more than 64 words with results, listing the rest as ignored', async () => {
    const { q, words } = pastedSentence()
    const response = await search(plain, `q=${encodeURIComponent(q)}`)
    assert.ok(response.results.length > 0, 'results, not an error')
    assert.deepEqual(response.ignored, words.slice(64))
    const page = await send(plain.url, `/?q=${encodeURIComponent(q)}`)
    assert.equal(page.status, 200)
    assert.match(page.text, new RegExp(`Not searched: ${words.slice(64).join(', ')}`))
    // As you type too, and in the suggestions.
    assert.equal(
      (await search(plain, `q=${encodeURIComponent(q)}&prefix=true`)).ignored?.length,
      words.length - 64,
    )
    assert.equal((await send(plain.url, `/suggest?q=${encodeURIComponent(q)}`)).status, 200)
  })
})

describe('configured caps', () => {
  it('refuse a query over the configured length, and the box stops there too', async () => {
    for (const route of ['/search', '/suggest', '/', '/articles/politics/summit']) {
      assert.equal((await send(capped.url, `${route}?q=${'a'.repeat(40)}`)).status, 200, route)
      await refused(capped, `${route}?q=${'a'.repeat(41)}`, /`q` is longer than 40 characters\./)
    }
    assert.match((await send(capped.url, '/')).text, /maxlength="40"/)
  })

  it('search the configured number of terms and list the rest as ignored', async () => {
    const response = await search(capped, 'q=missiles+talks+oslo+deal+round')
    assert.deepEqual(response.ignored, ['deal', 'round'])
    assert.ok(response.results.length > 0)
    assert.equal((await search(plain, 'q=missiles+talks+oslo+deal+round')).ignored, undefined)
    // A phrase counts each of its words.
    assert.deepEqual((await search(capped, 'q=oslo+%22missiles+question+remained%22')).ignored, [
      'missiles question remained',
    ])
  })

  it('refuse a size and a page over the configured caps', async () => {
    assert.equal((await search(capped, 'q=missiles&size=5')).results.length, 5)
    await refused(
      capped,
      '/search?q=missiles&size=6',
      /`size` must be a whole number from 1 to 5\./,
    )
    assert.equal(
      (await search(capped, 'q=missiles&size=5&page=3&collapse=false')).results.length,
      5,
    )
    await refused(
      capped,
      '/search?q=missiles&page=5',
      /`page` must be a whole number from 1 to 4\./,
    )
    await refused(capped, '/?q=missiles&page=5', /from 1 to 4/)
  })

  it('expand a prefix and a typo to at most the configured number of words', async () => {
    const prefix = 'q=st&prefix=true&group=false&size=50'
    assert.ok(markedWords(await search(plain, prefix)).length > 1, 'default: several')
    assert.equal(markedWords(await search(capped, prefix.replace('size=50', 'size=5'))).length, 1)
    const typo = 'q=thrqw&group=false&size=50'
    assert.deepEqual(markedWords(await search(plain, typo)), ['threw', 'throw'])
    assert.equal(markedWords(await search(capped, typo.replace('size=50', 'size=5'))).length, 1)
  })
})

describe('npm start -- --max-query-length N --max-terms N', () => {
  const io = (): Io & { lines: string[] } => {
    const lines: string[] = []
    return { out: (line) => lines.push(line), err: (line) => lines.push(line), isTTY: false, lines }
  }

  it('serves with those caps', async () => {
    const out = io()
    const signals = new EventEmitter()
    const args = ['--port', '0', '--index', plain.index, '--max-query-length', '20']
    const exit = serve([...args, '--max-terms', '2'], out, signals)
    let url: string | undefined
    for (let i = 0; i < 500 && url === undefined; i++) {
      await sleep(20)
      url = out.lines.map((line) => /listening on (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean)
    }
    try {
      assert.ok(url, out.lines.join('\n'))
      assert.equal((await fetch(`${url}/search?q=${'a'.repeat(20)}`)).status, 200)
      const long = await fetch(`${url}/search?q=${'a'.repeat(21)}`)
      assert.equal(long.status, 400)
      assert.match(
        ((await long.json()) as { error: { message: string } }).error.message,
        /longer than 20/,
      )
      const terms = (await (await fetch(`${url}/search?q=missiles+talks+oslo`)).json()) as {
        ignored?: string[]
      }
      assert.deepEqual(terms.ignored, ['oslo'])
    } finally {
      signals.emit('SIGTERM')
      assert.equal(await exit, 0)
    }
  })

  it('refuses a cap that is not a whole number from 1', async () => {
    for (const [flag, value] of [
      ['--max-query-length', '0'],
      ['--max-query-length', 'lots'],
      ['--max-terms', '-3'],
      ['--max-terms', '1.5'],
    ] as const) {
      await assert.rejects(
        serve(
          ['--port', '0', '--index', plain.index, `${flag}=${value}`],
          io(),
          new EventEmitter(),
        ),
        (error: unknown) =>
          error instanceof UsageError && error.message.includes(`${flag} must be a whole number`),
      )
    }
  })
})
