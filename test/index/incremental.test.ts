import assert from 'node:assert/strict'
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { command } from '../../src/cli/build-index.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import type { NewsIndex } from '../../src/index/news-index.ts'
import { loadIndex, readManifest } from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'
import { capture } from '../fixtures/io.ts'

const story = (title: string, ...paragraphs: string[]) => `${title}\n\n${paragraphs.join('\n\n')}\n`

const QUERIES = [
  'pipeline',
  'oil prices',
  '"red line"',
  'missiles -Jazeera',
  'category:energy',
  'negot',
]

/** What a user could tell apart: every article, and the answers to a spread of queries. */
function observable(index: NewsIndex) {
  const articles = index.articles().sort((a, b) => (a.id < b.id ? -1 : 1))
  const answers = QUERIES.map((q) => {
    const { tookMs: _, ...response } = search(index, { q, prefix: q === 'negot', size: 50 })
    return response
  })
  return { articles, answers }
}

describe('incremental rebuilds', () => {
  it('give the same articles and results as a full rebuild after each kind of change', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'newsdex-incremental-'))
    t.after(() => rm(root, { recursive: true, force: true }))
    const folder = join(root, 'articles')
    const incrementalIndex = join(root, 'incremental.index')
    const watchedIndex = join(root, 'watched.index')
    await cp('index-data/articles', folder, { recursive: true })
    const write = (path: string, text: string) => writeFile(join(folder, path), text)
    await cp('index-data/articles', join(folder, 'energy'), { recursive: true })
    await write(
      'energy/pipeline.txt',
      story('Pipeline opens', 'Oil flows through the new pipeline.', 'Prices fell.'),
    )
    await buildFolder({ articles: folder, index: incrementalIndex })
    // Watch mode keeps its index in memory from one update to the next, and saves each.
    let watched = (await buildFolder({ articles: folder, index: watchedIndex })).index

    const steps: [string, () => Promise<unknown>][] = [
      [
        'add',
        () => write('energy/prices.txt', story('Oil prices rise', 'Oil prices rose on Monday.')),
      ],
      [
        'edit',
        () =>
          write('energy/pipeline.txt', story('Pipeline delayed', 'The pipeline will open late.')),
      ],
      [
        'rename',
        () => rename(join(folder, 'energy/prices.txt'), join(folder, 'energy/oil-prices.txt')),
      ],
      ['delete', () => rm(join(folder, 'energy/iran-missiles-red-line.txt'))],
      ['duplicate', () => cp(join(folder, 'energy/pipeline.txt'), join(folder, 'energy/copy.txt'))],
      ['delete the original of a duplicate', () => rm(join(folder, 'energy/pipeline.txt'))],
    ]
    for (const [name, change] of steps) {
      await change()
      const updated = await buildFolder({
        articles: folder,
        index: incrementalIndex,
        incremental: true,
      })
      assert.ok(updated.changes !== undefined, `${name}: updated in place`)
      watched = (
        await buildFolder({
          articles: folder,
          index: watchedIndex,
          incremental: true,
          previous: watched,
        })
      ).index
      const full = await buildFolder({ articles: folder, index: join(root, `${name}.index`) })
      const expected = observable(full.index)
      assert.deepEqual(observable(updated.index), expected, `after: ${name}`)
      assert.deepEqual(observable(watched), expected, `after: ${name}, in memory`)
      assert.deepEqual(observable(await loadIndex(watchedIndex)), expected, `after: ${name}, saved`)
    }
  })

  it('reports what it added, updated, removed and left alone', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'newsdex-changes-'))
    t.after(() => rm(root, { recursive: true, force: true }))
    const folder = join(root, 'articles')
    await mkdir(folder)
    const index = join(root, 'changes.index')
    await writeFile(join(folder, 'a.txt'), story('Alpha', 'First story.'))
    await writeFile(join(folder, 'b.txt'), story('Beta', 'Second story.'))
    await writeFile(join(folder, 'c.txt'), story('Gamma', 'Third story.'))
    const first = await buildFolder({ articles: folder, index, incremental: true })
    assert.match(first.fullBuildReason ?? '', /No index/)
    await writeFile(join(folder, 'a.txt'), story('Alpha', 'First story, revised.'))
    await rm(join(folder, 'b.txt'))
    await writeFile(join(folder, 'd.txt'), story('Delta', 'Fourth story.'))
    const second = await buildFolder({ articles: folder, index, incremental: true })
    assert.deepEqual(second.changes, { added: 1, updated: 1, removed: 1, unchanged: 1 })
    assert.equal(second.written, true)
  })

  it('leaves the saved index as it was when nothing changed', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'newsdex-unchanged-'))
    t.after(() => rm(root, { recursive: true, force: true }))
    const folder = join(root, 'articles')
    await mkdir(folder)
    const index = join(root, 'unchanged.index')
    await writeFile(join(folder, 'a.txt'), story('Alpha', 'First story.'))
    const built = await buildFolder({ articles: folder, index })
    const { buildId } = await readManifest(index)
    for (const previous of [undefined, built.index]) {
      const again = await buildFolder({ articles: folder, index, incremental: true, previous })
      assert.equal(again.written, false)
      assert.equal((await readManifest(index)).buildId, buildId)
    }
    const io = capture()
    const args = ['--articles', folder, '--index', index, '--incremental', '--quiet']
    assert.equal(await command.run(args, io), 0)
    assert.ok(
      io.lines.includes('Updated incrementally: 0 added, 0 updated, 0 removed, 1 left alone.'),
    )
    assert.match(io.lines.at(-1) ?? '', /unchanged: nothing to update\.$/)

    await writeFile(join(folder, 'b.txt'), story('Beta', 'Second story.'))
    const changed = await buildFolder({ articles: folder, index, incremental: true })
    assert.equal(changed.written, true)
    assert.notEqual((await readManifest(index)).buildId, buildId)
  })
})
