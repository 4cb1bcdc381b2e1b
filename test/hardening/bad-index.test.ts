// A truncated, corrupt or incompatible index: `npm start` (the serve command) refuses to start,
// exit 1, with a message that says what is wrong and how to rebuild; a running server that sees
// its file replaced by one keeps serving the index it has.

import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { serve } from '../../src/cli/serve.ts'
import { decodeFrame, encodeFrame, type FrameArray } from '../../src/index/binary-frame.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import { FORMAT_VERSION } from '../../src/index/manifest.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { type RunningServer, startServer } from '../../src/server/server.ts'
import { capture } from '../fixtures/io.ts'
import { loggerInto, messages } from '../fixtures/logs.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

const REBUILD = /; rebuild it with `npm run build-index`\.$/

let dir: string
let good: string
/**
 * The good index's text: its manifest line, its other lines (sources, articles, paragraphs,
 * tables: see docs/index-format.md) and all of these.
 */
let manifestLine: string
let sourcesLine: string
let articlesLine: string
let paragraphsLine: string
let tablesLine: string
let payloadLine: string

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-bad-index-'))
  await writeArticles(join(dir, 'articles'), corpusFiles())
  good = join(dir, 'good.index')
  await buildFolder({ articles: join(dir, 'articles'), index: good })
  // Bytes as latin1 characters, one each, since the tables line is binary.
  const text = await readFile(good, 'latin1')
  const newline = text.indexOf('\n')
  manifestLine = text.slice(0, newline)
  payloadLine = text.slice(newline + 1)
  const lengths = (JSON.parse(manifestLine) as { lines: number[] }).lines
  let at = 0
  ;[sourcesLine = '', articlesLine = '', paragraphsLine = '', tablesLine = ''] = lengths.map(
    (length) => {
      const line = payloadLine.slice(at, at + length - 1)
      at += length
      return line
    },
  )
})

/** The good index's lines after its manifest, with some replaced (by position). */
function goodLines(replaced: Record<number, string> = {}): string[] {
  return [sourcesLine, articlesLine, paragraphsLine, tablesLine].map(
    (line, i) => replaced[i] ?? line,
  )
}

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** The good manifest with `changes`, and a new build id (so that a server tries to load it). */
function manifest(changes: Record<string, unknown> = {}): string {
  const parsed = JSON.parse(manifestLine) as Record<string, unknown>
  return JSON.stringify({ ...parsed, buildId: `bad-${Math.random()}`, ...changes })
}

/** An index file of `lines` under the good manifest (with `changes`), the lengths it gives right. */
function indexFile(lines: string[], changes: Record<string, unknown> = {}): string {
  const lengths = lines.map((line) => Buffer.byteLength(`${line}\n`, 'latin1'))
  return `${manifest({ lines: lengths, ...changes })}\n${lines.map((line) => `${line}\n`).join('')}`
}

/** The good tables line, its arrays (see tables.ts's TABLE_ARRAYS) changed by `change`. */
function tablesWith(change: (arrays: FrameArray[]) => void): string {
  const bytes = Buffer.alloc(tablesLine.length + 1, `${tablesLine}\n`, 'latin1')
  const { json, arrays } = decodeFrame(bytes)
  change(arrays)
  return Buffer.concat(encodeFrame(json, arrays)).toString('latin1').slice(0, -1)
}

/** Every kind of bad index: its name, its content, and what the message must say. */
function badIndexes(): [name: string, content: string | Buffer, message: RegExp][] {
  return [
    ['empty', '', /is truncated or corrupt/],
    ['cut in the manifest', manifestLine.slice(0, 100), /is truncated or corrupt/],
    ['cut after the manifest', `${manifest()}\n`, /is truncated or corrupt/],
    [
      'cut in the payload',
      `${manifest()}\n${payloadLine.slice(0, payloadLine.length / 2)}`,
      /is truncated or corrupt/,
    ],
    [
      'binary garbage',
      Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x00, 0x8b]),
      /truncated or corrupt/,
    ],
    ['text, not an index', 'this is not an index\n', /is truncated or corrupt/],
    ['JSON, not an index', '{"hello":"world"}\n{}\n', /cannot be used: it is not a newsdex index/],
    ['no tables', indexFile([sourcesLine, '[]', '[]']), /is truncated or corrupt/],
    [
      'line lengths that are wrong',
      `${manifest({ lines: [1, 1, 1, payloadLine.length - 3] })}\n${payloadLine}`,
      /is truncated or corrupt/,
    ],
    [
      'a payload of another shape',
      indexFile(['5', '5', '5', '{"lexicon":"x"}']),
      /could not be read \(.+\)/,
    ],
    [
      'articles of garbage',
      indexFile(goodLines({ 1: `@@@${articlesLine.slice(3)}` })),
      /is truncated or corrupt|could not be read/,
    ],
    [
      'an article of garbage, its length kept',
      indexFile(goodLines({ 1: `[${'@'.repeat(articlesLine.length - 2)}]` })),
      /could not be read \(an article line does not split where the tables say\)/,
    ],
    [
      'paragraphs with a byte changed',
      indexFile(goodLines({ 2: paragraphsLine.replace('missile', 'missilf') })),
      /is truncated or corrupt/,
    ],
    [
      'paragraphs cut short',
      indexFile(goodLines({ 2: paragraphsLine.slice(0, paragraphsLine.length / 2) })),
      // The load hashes the paragraphs line before it splits it: its SHA-1 no longer matches.
      /is truncated or corrupt/,
    ],
    [
      'a tables frame cut short',
      indexFile(goodLines({ 3: tablesLine.slice(0, tablesLine.length / 2) })),
      /could not be read \(the binary frame is cut short\)/,
    ],
    [
      'postings that point past the paragraphs',
      indexFile(goodLines({ 3: tablesWith((arrays) => arrays[10]?.fill(1e6, 0, 1)) })),
      /could not be read \(the paragraph index's postings is inconsistent\)/,
    ],
    [
      'a near-copy link to no article',
      indexFile(
        goodLines({
          3: tablesWith((arrays) => {
            arrays[14] = Int32Array.of(0, 1e6)
          }),
        }),
      ),
      /could not be read \(a near-copy link names no article\)/,
    ],
    [
      'an appended change of garbage',
      indexFile([...goodLines(), '{"removed":[']),
      /is truncated or corrupt/,
    ],
    [
      'an appended change of another shape',
      indexFile([...goodLines(), '{"removed":5}']),
      /could not be read \(.+\)/,
    ],
    [
      'another format version',
      `${manifest({ formatVersion: FORMAT_VERSION + 1 })}\n${payloadLine}`,
      new RegExp(
        `cannot be used: it was saved in format ${FORMAT_VERSION + 1}, this version reads format ${FORMAT_VERSION}`,
      ),
    ],
    [
      'another analyzer',
      `${manifest({ analyzerVersion: 999 })}\n${payloadLine}`,
      /cannot be used: it was built by analyzer 999, this version analyses text with analyzer \d+/,
    ],
    [
      'other fields',
      `${manifest({ fields: ['text'] })}\n${payloadLine}`,
      /cannot be used: it was built with other fields/,
    ],
    [
      'another program',
      `${manifest({ format: 'lunr-index' })}\n${payloadLine}`,
      /cannot be used: it is not a newsdex index/,
    ],
  ]
}

describe('npm start on a bad index', () => {
  it('refuses to start, exit 1, saying what is wrong and how to rebuild', async () => {
    for (const [name, content, message] of badIndexes()) {
      const index = join(dir, `${name.replaceAll(' ', '-')}.index`)
      await writeFile(index, content, 'latin1')
      const io = capture()
      const code = await serve(['--port', '0', '--index', index], io, new EventEmitter())
      assert.equal(code, 1, name)
      assert.equal(io.errors.length, 1, `${name}: ${io.errors.join('\n')}`)
      const error = io.errors[0] ?? ''
      assert.ok(error.startsWith(`serve: The index at ${index} `), `${name}: ${error}`)
      assert.match(error, message, name)
      assert.match(error, REBUILD, name)
      assert.ok(!io.lines.some((line) => line.includes('listening on')), `${name}: not served`)
    }
  })
})

describe('a running server whose index is replaced by a bad one', () => {
  let server: RunningServer
  let index: string
  const logs: string[] = []

  before(async () => {
    index = join(dir, 'served.index')
    await writeFile(index, await readFile(good))
    server = await startServer({ index, port: 0, logger: loggerInto(logs), pollMs: 100 })
  })

  after(async () => {
    await server?.close()
  })

  async function missiles(): Promise<number> {
    const response = await fetch(`${server.url}/search?q=missiles`)
    assert.equal(response.status, 200)
    return ((await response.json()) as SearchResponse).total.articles
  }

  it('keeps serving its index, and says why in the log', async () => {
    const serving = server.live.buildId
    // Checked on demand (as on SIGHUP), so that each failure is this check's; the poller takes
    // the same path.
    server.live.close()
    for (const [name, content, message] of badIndexes()) {
      // Swapped in whole, as a build does.
      const next = `${index}.next`
      await writeFile(next, content, 'latin1')
      await rename(next, index)
      const seen = logs.length
      assert.equal(await server.live.reload(), false, name)
      assert.equal(server.live.buildId, serving, name)
      assert.equal(await missiles(), 15, name)
      const failure = messages(logs.slice(seen)).find((line) =>
        line.startsWith('index reload failed'),
      )
      assert.ok(failure, `${name}: ${logs.slice(seen).join('\n')}`)
      assert.ok(failure.startsWith(`index reload failed, still serving build ${serving}: `))
      assert.match(failure, message, name)
    }
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { buildId: string }
    assert.equal(health.buildId, serving)
  })

  it('loads the next good build, by itself', async () => {
    server.live.watch()
    const serving = server.live.buildId
    await buildFolder({ articles: join(dir, 'articles'), index })
    const started = Date.now()
    while (server.live.buildId === serving) {
      assert.ok(Date.now() - started < 10_000, 'the good build was never loaded')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.equal(await missiles(), 15)
  })
})
