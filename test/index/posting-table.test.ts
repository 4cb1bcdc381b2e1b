import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import type { Manifest } from '../../src/index/manifest.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { FIELDS } from '../../src/index/paragraph-index.ts'
import { loadIndex, saveIndex } from '../../src/index/store.ts'
import { defaultRankingOptions, impactParameters } from '../../src/search/score.ts'
import { testManifest } from '../helpers/manifest.ts'

// A saved index's paragraph index is a table of typed arrays, read as it is until an update
// makes MiniSearch's Maps from it. Both must answer exactly as the MiniSearch index it was saved
// from: every posting, every field length, every impact, before and after an update.

const WORDS = ['oil', 'oils', 'price', 'bank', 'rates', 'tokyo', 'stock', 'the', 'of', 'market']
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 })
  .map((words) => words.join(' '))
const articles = fc
  .array(
    fc.record({
      title: sentence,
      subtitle: fc.option(sentence, { nil: undefined }),
      paragraphs: fc.array(fc.tuple(sentence, fc.option(sentence, { nil: undefined })), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((records) =>
    records.map(
      (record, i): Article => ({
        id: `a${i}`,
        file: `${i}.txt`,
        title: record.title,
        ...(record.subtitle !== undefined && { subtitle: record.subtitle }),
        paragraphs: record.paragraphs.map(([text, heading], index) => ({
          index,
          text,
          ...(heading !== undefined && { heading }),
        })),
      }),
    ),
  )

const manifest: Manifest = testManifest()

/** Everything a search reads of the paragraph index, for every term the index knows. */
function observable(index: NewsIndex) {
  const impacts = index.impactPostings(impactParameters(defaultRankingOptions))
  const terms = [...index.termNumbers.terms(), 'absent'].sort()
  return {
    size: index.paragraphs.size,
    // A field no paragraph has is a hole in MiniSearch's averages, null once saved as JSON.
    averages: FIELDS.map((_, field) => index.paragraphs.averageFieldLengths[field] ?? 0),
    terms: terms.map((term) => {
      const postings: [number, number, number, number[]][] = []
      index.paragraphs.forEachPosting(term, (id, field, tf, lengths) => {
        // A field the paragraph lacks: a hole in MiniSearch's lengths, -1 in the table.
        postings.push([id, field, tf, FIELDS.map((_, field) => lengths[field] ?? -1)])
      })
      const held = postings.map(([id]) => index.paragraphs.holds(id, term))
      const typed = impacts.get(term, index.nextParagraphId)
      return {
        term,
        has: index.paragraphs.has(term),
        postings,
        held,
        impacts: typed && { ids: [...typed.ids], impacts: [...typed.impacts], own: [...typed.own] },
      }
    }),
  }
}

let dir: string
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-posting-table-'))
})
after(() => rm(dir, { recursive: true, force: true }))

describe('the saved paragraph table', () => {
  it('loads to exactly the postings, lengths and impacts MiniSearch had, and updates alike', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(articles, articles, fc.nat(), async (first, later, removals) => {
        const built = buildIndex(first)
        // Removing makes holes in the paragraph ids and MiniSearch's dirt, as updates do.
        const removed = first.filter((_, i) => (removals >> i) & 1).map((a) => a.id)
        for (const id of removed) built.remove(id)
        const path = join(dir, `${run++}.index`)
        await saveIndex(built, manifest, path)
        const loaded = await loadIndex(path)
        assert.deepEqual(observable(loaded), observable(built))
        // An update makes MiniSearch's Maps from the table: it must then go on as the built one.
        const added = later.map((article) => ({ ...article, id: `b${article.id}` }))
        const change = { removed: first.slice(0, 1).map((a) => a.id), added }
        built.apply(change)
        loaded.apply(change)
        assert.deepEqual(observable(loaded), observable(built))
        // And saved again after the update, from MiniSearch's Maps, it loads the same.
        await saveIndex(loaded, manifest, path)
        assert.deepEqual(observable(await loadIndex(path)), observable(built))
      }),
      { numRuns: 40 },
    )
  })
})
