// A server derives its frequent terms' typed postings between requests (warm-up.ts), so that
// the first search of a frequent word costs what later ones do. Warmed or not, the answers are
// the same; the warm-up hands the event loop back between slices and stops when told to.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildIndex } from '../../src/index/build.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { loadIndex, saveIndex } from '../../src/index/store.ts'
import { DEFAULT_IMPACTS } from '../../src/search/rank-page.ts'
import { search } from '../../src/search/search.ts'
import type { SearchResponse } from '../../src/search/types.ts'
import { warmUp } from '../../src/search/warm-up.ts'
import { testManifest } from '../helpers/manifest.ts'
import { syllableArticles } from '../helpers/warm-corpus.ts'

let dir: string
let file: string
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-warm-'))
  file = join(dir, 'warm.index')
  await saveIndex(buildIndex(syllableArticles(400)), testManifest('warm'), file)
})
after(() => rm(dir, { recursive: true, force: true }))

/** The terms held by at least `min` paragraphs' texts. */
function frequentTerms(index: NewsIndex, min: number): string[] {
  return index.termNumbers.terms().filter((term) => index.paragraphs.textFrequency(term) >= min)
}

function derived(index: NewsIndex, terms: readonly string[]): number {
  const postings = index.impactPostings(DEFAULT_IMPACTS)
  return terms.filter((term) => postings.has(term)).length
}

function answers({ tookMs: _, ...rest }: SearchResponse) {
  return rest
}

describe('warming an index up', () => {
  it('derives the postings of the frequent terms only, and answers as a cold index does', async () => {
    const [warm, cold] = [await loadIndex(file), await loadIndex(file)]
    const frequent = frequentTerms(warm, 40)
    const rare = warm.termNumbers.terms().filter((term) => !frequent.includes(term))
    assert.ok(frequent.length > 5 && rare.length > 5, 'the corpus has frequent and rare terms')
    const done = await warmUp(warm, { minPostings: 40 })
    assert.deepEqual(
      { finished: done.finished, terms: done.terms },
      { finished: true, terms: frequent.length },
    )
    assert.equal(derived(warm, frequent), frequent.length)
    assert.equal(derived(warm, rare), 0)
    const words = [...frequent.slice(0, 4), ...rare.slice(0, 2)]
    const queries = [
      ...words,
      `${words[0]} ${words[1]}`,
      `"${words[0]} ${words[1]}"`,
      `${words[2]} -${words[3]}`,
      `${words[0]?.slice(0, 3)}`,
    ]
    for (const q of queries) {
      for (const sort of ['relevance', 'newest'] as const)
        assert.deepEqual(answers(search(warm, { q, sort })), answers(search(cold, { q, sort })), q)
    }
  })

  it('hands the event loop back between slices', async () => {
    const index = await loadIndex(file)
    const frequent = frequentTerms(index, 1)
    let seenMidway = -1
    setImmediate(() => {
      seenMidway = derived(index, frequent)
    })
    const done = await warmUp(index, { sliceMs: 0, minPostings: 1 })
    assert.equal(done.finished, true)
    assert.ok(
      seenMidway >= 0 && seenMidway < frequent.length,
      `${seenMidway} of ${frequent.length}`,
    )
    assert.equal(derived(index, frequent), frequent.length)
  })

  it('stops at its next slice when its signal aborts', async () => {
    const index = await loadIndex(file)
    const frequent = frequentTerms(index, 1)
    const controller = new AbortController()
    setImmediate(() => controller.abort())
    const done = await warmUp(index, { sliceMs: 0, minPostings: 1, signal: controller.signal })
    assert.equal(done.finished, false)
    assert.ok(derived(index, frequent) < frequent.length)
    await new Promise((resolve) => setTimeout(resolve, 20))
    assert.equal(derived(index, frequent), done.terms, 'nothing derived after it stopped')
  })
})
