// A server warms the index it serves between requests (search/warm-up.ts): after it starts and
// after each swap. A newer build arriving stops the warm-up of the index it replaces, so that
// the load gets the turns the requests leave, and the new index is warmed instead.
import assert from 'node:assert/strict'
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { saveIndex } from '../../src/index/store.ts'
import { DEFAULT_IMPACTS } from '../../src/search/rank-page.ts'
import { LiveIndex } from '../../src/server/live-index.ts'
import { testManifest } from '../helpers/manifest.ts'
import { syllableArticles } from '../helpers/warm-corpus.ts'

let dir: string
const builds: Record<string, string> = {}
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-swap-warm-'))
  for (const build of ['first', 'second']) {
    builds[build] = join(dir, `${build}.index`)
    await saveIndex(buildIndex(syllableArticles(400)), testManifest(build), builds[build] as string)
  }
})
after(() => rm(dir, { recursive: true, force: true }))

/** How many of the terms of the index's texts have their typed postings derived, of how many. */
function warmth(index: NewsIndex): [derived: number, terms: number] {
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  const terms = index.termNumbers.terms().filter((term) => index.paragraphs.textFrequency(term) > 0)
  return [terms.filter((term) => postings.has(term)).length, terms.length]
}

async function serve(build: string, name: string): Promise<string> {
  const path = join(dir, name)
  await copyFile(builds[build] as string, `${path}.tmp`)
  await rename(`${path}.tmp`, path)
  return path
}

describe('the warm-up of the index served', () => {
  it('runs after the start, and not when turned off', async () => {
    const lines: string[] = []
    const path = await serve('first', 'started.index')
    const live = await LiveIndex.open(path, { warm: { minPostings: 1 }, log: (l) => lines.push(l) })
    await live.warmed()
    const [derived, terms] = warmth(live.current)
    assert.equal(derived, terms)
    assert.ok(
      lines.some((line) => line.startsWith('index warmed: build first')),
      lines.join('\n'),
    )
    live.close()
    const cold = await LiveIndex.open(path, { warm: false })
    await cold.warmed()
    assert.equal(warmth(cold.current)[0], 0)
    cold.close()
  })

  it('stops when a newer build arrives, and warms the new index once swapped in', async () => {
    const lines: string[] = []
    const path = await serve('first', 'swapped.index')
    // The second build is copied beside it first, so that it arrives in one rename: a copy made
    // while the first is warmed gives the warm-up as many turns as the copy takes.
    await copyFile(builds.second as string, `${path}.next`)
    // A term a slice: the warm-up of the first build is far from done when the second comes.
    const live = await LiveIndex.open(path, {
      warm: { sliceMs: 0, minPostings: 1 },
      log: (line) => lines.push(line),
    })
    const first = live.current
    await rename(`${path}.next`, path)
    assert.equal(await live.reload(), true)
    await live.warmed()
    const second = live.current
    assert.notEqual(second, first)
    const [derived, terms] = warmth(second)
    assert.equal(derived, terms, 'the index served is warmed')
    assert.ok(
      lines.some((line) => line.startsWith('index warmed: build second')),
      lines.join('\n'),
    )
    // The first build's warm-up stopped for good: nothing more is derived for it.
    const stopped = warmth(first)[0]
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.equal(warmth(first)[0], stopped)
    assert.ok(stopped < terms / 2, `${stopped} of ${terms} terms warmed before the swap`)
    assert.ok(!lines.some((line) => line.startsWith('index warmed: build first')))
    live.close()
  })
})
