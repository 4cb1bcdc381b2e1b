import assert from 'node:assert/strict'
import { renameSync } from 'node:fs'
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { loadIndex, saveIndex } from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'
import { LiveIndex } from '../../src/server/live-index.ts'
import { testManifest } from '../helpers/manifest.ts'

// A server loads a new index beside the one it serves. The load must hand the event loop back
// while it works, or every request waits for the whole load; and of builds that come while one
// loads, the last must end up served.

const ARTICLES = 3000

function articles(word: string): Article[] {
  return Array.from({ length: ARTICLES }, (_, i) => ({
    id: `story-${i}`,
    file: `${i}.txt`,
    title: `Story ${i} about ${word}`,
    paragraphs: [
      { index: 0, text: `The ${word} market moved on day ${i}.` },
      { index: 1, text: `Traders said ${word} would stay in demand.` },
    ],
  }))
}

let dir: string
/** Index files of three builds, each of its own word. */
const builds: Record<string, string> = {}
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-swap-'))
  for (const word of ['copper', 'wheat', 'coffee']) {
    builds[word] = join(dir, `${word}.index`)
    await saveIndex(
      buildIndex(articles(word)),
      testManifest(word, ARTICLES),
      builds[word] as string,
    )
  }
})
after(() => rm(dir, { recursive: true, force: true }))

describe('loading an index beside the one served', () => {
  it('in slices, runs what was queued meanwhile before the load ends', async () => {
    const ranDuring: boolean[] = []
    let loading = true
    const index = await loadIndex(builds.copper as string, {
      sliceMs: 0,
      onProgress: () => setImmediate(() => ranDuring.push(loading)),
    })
    loading = false
    assert.equal(index.articleCount, ARTICLES)
    assert.ok(ranDuring.includes(true), 'a callback queued during the load ran during it')
  })

  it('in one go (a starting server), holds the event loop to the end, as it may', async () => {
    const ranDuring: boolean[] = []
    let loading = true
    const index = await loadIndex(builds.copper as string, {
      onProgress: () => setImmediate(() => ranDuring.push(loading)),
    })
    loading = false
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(index.articleCount, ARTICLES)
    assert.ok(ranDuring.length > 0 && !ranDuring.includes(true))
  })

  it('stops when told to, between slices', async () => {
    const controller = new AbortController()
    controller.abort(new Error('a newer build'))
    await assert.rejects(
      loadIndex(builds.copper as string, { sliceMs: 0, signal: controller.signal }),
      /a newer build/,
    )
  })

  it('makes what a search derives before the swap, so the first request does not', async () => {
    const path = join(dir, 'prepared.index')
    await saveIndex(buildIndex(articles('tin')), testManifest('tin', ARTICLES), path)
    const live = await LiveIndex.open(path)
    await saveIndex(buildIndex(articles('zinc')), testManifest('zinc', ARTICLES), path)
    assert.equal(await live.reload(), true)
    // Deriving the article columns reads the near-copy groups: a request must not.
    live.current.nearCopies.groups = () => {
      throw new Error('the near-copy groups were read in a request')
    }
    assert.equal(search(live.current, { q: 'zinc' }).total.articles, ARTICLES)
  })

  it('abandons a load when a later build replaces the file, and serves the later one', async () => {
    const path = join(dir, 'abandoned.index')
    await saveIndex(buildIndex(articles('tin')), testManifest('tin', ARTICLES), path)
    const lines: string[] = []
    const live = await LiveIndex.open(path, { log: (line) => lines.push(line) })
    await copyFile(builds.wheat as string, `${path}.wheat`)
    await copyFile(builds.coffee as string, `${path}.coffee`)
    await rename(`${path}.wheat`, path)
    const first = live.reload()
    while (!lines.some((line) => line.includes('loading build wheat')))
      await new Promise((resolve) => setImmediate(resolve))
    // At once, while wheat loads: only the served index and one loading are ever in memory.
    renameSync(`${path}.coffee`, path)
    const second = live.reload()
    assert.equal(await first, true)
    assert.equal(await second, true)
    assert.equal(live.buildId, 'coffee', lines.join('\n'))
    assert.ok(
      lines.some((line) => /load of build wheat abandoned, still serving build tin/.test(line)),
      lines.join('\n'),
    )
    assert.ok(!lines.some((line) => /reloaded: build wheat/.test(line)), lines.join('\n'))
  })

  it('serves the later of two builds that replace the file while one loads', async () => {
    const path = join(dir, 'served.index')
    await rename(builds.copper as string, path)
    const lines: string[] = []
    const live = await LiveIndex.open(path, { log: (line) => lines.push(line) })
    await rename(builds.wheat as string, path)
    const first = live.reload()
    await rename(builds.coffee as string, path)
    const second = live.reload()
    assert.equal(await first, true)
    assert.equal(await second, true)
    assert.equal(live.buildId, 'coffee', lines.join('\n'))
    assert.equal(search(live.current, { q: 'coffee' }).total.articles, ARTICLES)
    assert.equal(search(live.current, { q: 'wheat' }).total.articles, 0)
  })
})
