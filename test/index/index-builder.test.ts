// A full build makes the index's tables directly, without MiniSearch (index-builder.ts): its
// saved file must be the one indexing the same articles through MiniSearch saves, byte for byte,
// and an update must go on from it as from any index.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { readResultOf } from '../../src/articles/read.ts'
import type { Article } from '../../src/articles/types.ts'
import { AnalysisPacker } from '../../src/index/analysis-packer.ts'
import { buildIndex } from '../../src/index/build.ts'
import { IndexBuilder } from '../../src/index/index-builder.ts'
import type { Manifest } from '../../src/index/manifest.ts'
import { NewsIndex } from '../../src/index/news-index.ts'
import { manifestFor } from '../../src/index/source-manifest.ts'
import { saveIndex } from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'

let dir: string
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-builder-'))
})
after(async () => {
  await rm(dir, { recursive: true, force: true })
})

// Words that exercise the analyzer: stop words, capitals and acronyms, possessives, numbers,
// accents, a word whose display depends on how it was first written.
const WORD = fc.constantFrom(
  'oil',
  'Oil',
  'OIL',
  'prices',
  'price',
  'the',
  'and',
  'of',
  'U.S.',
  'US',
  'it',
  'IT',
  'NATO',
  "Iran's",
  'Iran',
  'Café',
  'cafe',
  '4,900,000',
  '16.2bn',
  '1987',
  'rose',
  'rises',
  'rising',
  'tanker',
  'harbour',
  'Bundesbank',
  'mln',
  'dlrs',
  'Reuters',
  'a',
  'is',
)
const TEXT = fc.array(WORD, { minLength: 0, maxLength: 30 }).map((words) => words.join(' '))

const ARTICLE = fc.record({
  title: fc.oneof(TEXT, fc.constant('')),
  subtitle: fc.option(TEXT, { nil: undefined }),
  paragraphs: fc.array(fc.record({ text: TEXT, heading: fc.option(TEXT, { nil: undefined }) }), {
    minLength: 0,
    maxLength: 5,
  }),
})

/** Articles with ids, a few made near-copies of an earlier one. */
const CORPUS = fc.array(ARTICLE, { minLength: 1, maxLength: 12 }).map((drafts) =>
  drafts.map((draft, i): Article => {
    const copied = i % 4 === 3 ? drafts[i - 1] : undefined
    const paragraphs = (copied ?? draft).paragraphs.map(({ text, heading }, index) => ({
      index,
      text,
      ...(heading !== undefined && { heading }),
    }))
    return {
      id: `a${i}`,
      title: draft.title,
      ...(draft.subtitle !== undefined && { subtitle: draft.subtitle }),
      paragraphs,
      file: `a${i}.txt`,
    }
  }),
)

function manifestOf(articles: Article[]): Manifest {
  const read = readResultOf(articles)
  return { ...manifestFor(read, '/articles'), buildId: 'build', builtAt: '2026-12-01T00:00:00Z' }
}

let saves = 0
async function saved(index: NewsIndex, manifest: Manifest): Promise<Buffer> {
  const path = join(dir, `${saves++}.index`)
  await saveIndex(index, manifest, path)
  return readFile(path)
}

/** The index MiniSearch makes: each article added through `NewsIndex.add`. */
function throughMiniSearch(articles: readonly Article[], threshold?: number | null): NewsIndex {
  const index = new NewsIndex(undefined, undefined, undefined, undefined, threshold)
  index.apply({ removed: [], added: articles })
  return index
}

describe('IndexBuilder', () => {
  it('saves the file that indexing through MiniSearch saves, on random corpora', async () => {
    await fc.assert(
      fc.asyncProperty(CORPUS, fc.constantFrom(0.8, null, 0.5), async (articles, threshold) => {
        const manifest = manifestOf(articles)
        const direct = await saved(buildIndex(articles, undefined, threshold), manifest)
        const miniSearch = await saved(throughMiniSearch(articles, threshold), manifest)
        assert.ok(direct.equals(miniSearch), 'the two files differ')
      }),
      { numRuns: 60 },
    )
  })

  it('saves the same file from analyses packed in batches, as workers send them', async () => {
    const articles = fc.sample(CORPUS, { numRuns: 1, seed: 7 })[0] as Article[]
    const manifest = manifestOf(articles)
    const packer = new AnalysisPacker()
    const builder = new IndexBuilder()
    for (let from = 0; from < articles.length; from += 3) {
      const batch = articles.slice(from, from + 3)
      for (const article of batch) packer.add(article)
      const packed = packer.take()
      batch.forEach((article, n) => {
        builder.add(article, { packed, n })
      })
    }
    const direct = await saved(builder.finish(), manifest)
    assert.ok(direct.equals(await saved(throughMiniSearch(articles), manifest)))
  })

  it('gives an index that updates as one indexed through MiniSearch does', () => {
    const articles = fc.sample(CORPUS, { numRuns: 1, seed: 11 })[0] as Article[]
    const [direct, miniSearch] = [buildIndex(articles), throughMiniSearch(articles)]
    const later: Article = {
      id: 'later',
      title: 'Oil tanker',
      paragraphs: [{ index: 0, text: 'Bundesbank oil prices rose' }],
      file: 'later.txt',
    }
    const change = { removed: ['a0'], added: [later] }
    direct.apply(change)
    miniSearch.apply(change)
    for (const q of ['oil', 'bundesbank', 'prices', '"oil prices"', 'iran', 'cafe', 'nato']) {
      assert.deepEqual(search(direct, { q }).results, search(miniSearch, { q }).results, q)
    }
    const found = search(direct, { q: 'bundesbank', size: 50 }).results.map((r) => r.article.id)
    assert.ok(found.includes('later') && !found.includes('a0'), 'the update is searched')
  })

  it('refuses an article id twice, as NewsIndex.add does', () => {
    const builder = new IndexBuilder()
    const article: Article = { id: 'x', title: 'T', paragraphs: [], file: 'x.txt' }
    builder.add(article)
    assert.throws(() => builder.add(article), /duplicate article id x/)
  })
})
