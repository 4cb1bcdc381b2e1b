import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { buildFolder, NothingToBuildError } from '../../src/index/build-folder.ts'
import type { Manifest } from '../../src/index/manifest.ts'
import {
  appendChange,
  IndexLoadError,
  loadIndex,
  readManifest,
  readSavedArticles,
  saveIndex,
} from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'
import { testManifest as manifestOf } from '../helpers/manifest.ts'

const testManifest: Manifest = manifestOf('test', 3, 6)

let dir: string
let indexPath: string
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-store-'))
  indexPath = join(dir, 'test.index')
  await buildFolder({ articles: 'index-data/articles', index: indexPath })
})
after(() => rm(dir, { recursive: true, force: true }))

const rejectsWith = (promise: Promise<unknown>, pattern: RegExp) =>
  assert.rejects(promise, (error: Error) => {
    assert.ok(error instanceof IndexLoadError, `${error.name}: ${error.message}`)
    assert.match(error.message, pattern)
    return true
  })

describe('saving and loading an index', () => {
  it('loads to the same answers the built index gives', async () => {
    const loaded = await loadIndex(indexPath)
    const response = search(loaded, { q: 'negotiating "red line"' })
    assert.equal(response.total.articles, 1)
    assert.match(response.results[0]?.paragraphs[0]?.snippet ?? '', /<mark>red line<\/mark>/)
    assert.equal(loaded.articleCount, 1)
    assert.equal(loaded.paragraphCount, 14)
  })

  it('writes a manifest with versions, counts, build time and a hash per source file', async () => {
    const manifest = await readManifest(indexPath)
    assert.equal(manifest.format, 'newsdex-index')
    assert.equal(manifest.counts.articles, 1)
    assert.equal(manifest.counts.paragraphs, 14)
    assert.ok(Date.parse(manifest.builtAt) > 0)
    const { files } = (await readSavedArticles(indexPath)).manifest
    const file = files['iran-missiles-red-line.txt']
    assert.match(file?.hash ?? '', /^[0-9a-f]{64}$/)
    assert.deepEqual(file?.articles, ['iran-missiles-red-line'])
  })

  it('refuses an index made by an incompatible version, saying to rebuild', async () => {
    const text = await readFile(indexPath, 'utf8')
    const newline = text.indexOf('\n')
    const manifest = JSON.parse(text.slice(0, newline))
    const older = join(dir, 'older.index')
    await writeFile(
      older,
      `${JSON.stringify({ ...manifest, formatVersion: 0 })}${text.slice(newline)}`,
    )
    await rejectsWith(loadIndex(older), /format 0.*npm run build-index/)
    // Format 7 hashed near-copy shingles differently: its signatures would not match new ones.
    const format7 = join(dir, 'format7.index')
    await writeFile(
      format7,
      `${JSON.stringify({ ...manifest, formatVersion: 7 })}${text.slice(newline)}`,
    )
    await rejectsWith(
      loadIndex(format7),
      /format 7, this version reads format 8.*npm run build-index/,
    )
    const otherAnalyzer = join(dir, 'analyzer.index')
    await writeFile(
      otherAnalyzer,
      `${JSON.stringify({ ...manifest, analyzerVersion: 99 })}${text.slice(newline)}`,
    )
    await rejectsWith(loadIndex(otherAnalyzer), /analyzer 99.*npm run build-index/)
  })

  it('refuses a truncated or corrupt index, and a missing one, with a clear message', async () => {
    const text = await readFile(indexPath, 'utf8')
    const truncated = join(dir, 'truncated.index')
    await writeFile(truncated, text.slice(0, Math.floor(text.length * 0.6)))
    await rejectsWith(loadIndex(truncated), /truncated or corrupt.*npm run build-index/)
    const garbage = join(dir, 'garbage.index')
    await writeFile(garbage, Buffer.from([0, 1, 2, 255, 10, 3]))
    await rejectsWith(loadIndex(garbage), /truncated or corrupt/)
    await rejectsWith(loadIndex(join(dir, 'nothing-here.index')), /No index at .*build one/)
  })

  it('replaces the index atomically: no temporary file is left and a reader never sees half', async () => {
    const path = join(dir, 'atomic.index')
    await buildFolder({ articles: 'index-data/articles', index: path })
    const first = await readManifest(path)
    const reads: Promise<unknown>[] = []
    const rebuild = buildFolder({ articles: 'index-data/articles', index: path })
    for (let i = 0; i < 20; i++) reads.push(loadIndex(path))
    await rebuild
    await Promise.all(reads)
    const second = await readManifest(path)
    assert.notEqual(first.buildId, second.buildId)
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name.includes('.tmp-')),
      [],
    )
  })

  it('refuses to append a change to an index replaced since it was read', async () => {
    const path = join(dir, 'replaced.index')
    await buildFolder({ articles: 'index-data/articles', index: path })
    const saved = await readSavedArticles(path)
    await buildFolder({ articles: 'index-data/articles', index: path })
    const replaced = await readFile(path)
    await assert.rejects(
      appendChange(saved, { removed: [], added: [] }, saved.manifest, path),
      /was replaced during the update; run the update again/,
    )
    assert.deepEqual(await readFile(path), replaced, 'the newer index is left as it was')
  })

  it('refuses to build from a folder with no articles', async () => {
    const empty = join(dir, 'empty')
    await mkdir(empty)
    await writeFile(join(empty, 'notes.txt'), '')
    await assert.rejects(
      buildFolder({ articles: empty, index: join(dir, 'empty.index') }),
      (error: Error) =>
        error instanceof NothingToBuildError && /notes\.txt: empty/.test(error.message),
    )
  })
})

describe('a loaded article', () => {
  it('is the article saved, keys in order, its paragraphs and tokens read when first asked', async () => {
    const articles: Article[] = ['a', 'b', 'c'].map((id, i) => ({
      id,
      file: `${id}.txt`,
      title: `Title ${id}`,
      date: `1987-03-0${i + 1}`,
      paragraphs: [
        { index: 0, text: `First paragraph of ${id}, about copper.` },
        { index: 1, heading: 'Prices', text: `Second paragraph of ${id}, about tin.` },
      ],
      category: 'metals',
    }))
    const built = buildIndex(articles)
    const path = join(dir, 'articles.index')
    await saveIndex(built, testManifest, path)
    const loaded = await loadIndex(path)
    for (const article of articles) {
      const read = loaded.article(article.id) as Article
      assert.deepEqual(Object.keys(read), Object.keys(article))
      assert.deepEqual(read, article)
      assert.equal(JSON.stringify(read), JSON.stringify(article))
      const first = loaded.firstParagraphOf(article.id) as number
      assert.deepEqual(loaded.textTokens(first + 1), built.textTokens(first + 1))
      assert.deepEqual(loaded.titleTokens(article.id), built.titleTokens(article.id))
    }
    // An article's paragraphs can be replaced, as a built article's can.
    const read = loaded.article('b') as Article
    read.paragraphs = []
    assert.deepEqual(read.paragraphs, [])
  })
})
