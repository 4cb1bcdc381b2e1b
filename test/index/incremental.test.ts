import assert from 'node:assert/strict'
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it, type TestContext } from 'node:test'
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

/** An empty articles folder and an index path beside it, removed after the test. */
async function workspace(t: TestContext, name: string) {
  const root = await mkdtemp(join(tmpdir(), `newsdex-${name}-`))
  t.after(() => rm(root, { recursive: true, force: true }))
  const folder = join(root, 'articles')
  await mkdir(folder)
  return { root, folder, index: join(root, `${name}.index`) }
}

describe('incremental rebuilds', () => {
  it('give the same articles and results as a full rebuild after each kind of change', async (t) => {
    const { root, folder } = await workspace(t, 'incremental')
    await cp('index-data/articles', folder, { recursive: true })
    const write = (path: string, text: string) => writeFile(join(folder, path), text)
    await cp('index-data/articles', join(folder, 'energy'), { recursive: true })
    await write(
      'energy/pipeline.txt',
      story('Pipeline opens', 'Oil flows through the new pipeline.', 'Prices fell.'),
    )
    // Three ways to keep up: appending each change to the saved index, loading and saving it
    // in full each time, and watch mode's index held in memory from one update to the next.
    const appended = join(root, 'appended.index')
    const folded = join(root, 'folded.index')
    const watchedIndex = join(root, 'watched.index')
    await buildFolder({ articles: folder, index: appended })
    await buildFolder({ articles: folder, index: folded })
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
    let pending = 0
    for (const [name, change] of steps) {
      await change()
      const update = { articles: folder, incremental: true }
      const append = await buildFolder({ ...update, index: appended, pendingLimit: Infinity })
      assert.equal(append.index, undefined, `${name}: appended without loading`)
      const { added = 0, updated = 0, removed = 0 } = append.changes ?? {}
      assert.equal(append.pendingChanges, pending + added + 2 * updated + removed, name)
      pending = append.pendingChanges
      const fold = await buildFolder({ ...update, index: folded, pendingLimit: 0 })
      assert.equal(fold.pendingChanges, 0, `${name}: saved in full`)
      watched = (await buildFolder({ ...update, index: watchedIndex, previous: watched })).index
      assert.ok(watched !== undefined)

      const full = await buildFolder({ articles: folder, index: join(root, `${name}.index`) })
      const expected = observable(await loadIndex(full.indexPath))
      for (const [how, index] of [
        ['appended', await loadIndex(appended)],
        ['folded in', await loadIndex(folded)],
        ['in memory', watched],
        ['saved from memory', await loadIndex(watchedIndex)],
      ] as const) {
        assert.deepEqual(observable(index), expected, `after: ${name}, ${how}`)
      }
      for (const path of [appended, folded, watchedIndex]) {
        const { counts } = await readManifest(path)
        assert.deepEqual(counts, (await readManifest(full.indexPath)).counts, `${name}: ${path}`)
      }
    }
  })

  it('folds appended changes into a full save once they pass the limit', async (t) => {
    const { folder, index } = await workspace(t, 'fold')
    await writeFile(join(folder, 'a.txt'), story('Alpha', 'First story.'))
    await buildFolder({ articles: folder, index })
    // The lines after the manifest, as it lists them (the tables line is binary).
    const lines = async () => (await readManifest(index)).lines?.length
    assert.equal(await lines(), 4, 'a full save: sources, articles, paragraphs, tables')

    const update = { articles: folder, index, incremental: true, pendingLimit: 3 }
    await writeFile(join(folder, 'b.txt'), story('Beta', 'Second story.'))
    assert.equal((await buildFolder(update)).pendingChanges, 1)
    await writeFile(join(folder, 'a.txt'), story('Alpha', 'First story, revised.'))
    assert.equal((await buildFolder(update)).pendingChanges, 3, 'an update removes and adds')
    assert.equal(await lines(), 6, 'two changes appended')
    assert.equal((await buildFolder(update)).written, false, 'nothing changed')
    await rm(join(folder, 'b.txt'))
    const folded = await buildFolder(update)
    assert.equal(folded.pendingChanges, 0)
    assert.equal(await lines(), 4, 'folded in')
    const loaded = await loadIndex(index)
    assert.deepEqual(
      loaded.articles().map((article) => article.paragraphs[0]?.text),
      ['First story, revised.'],
    )
  })

  it('reports what it added, updated, removed and left alone', async (t) => {
    const { folder, index } = await workspace(t, 'changes')
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

    // A file with a bad record is parsed again at every update; what it gives is unchanged.
    const records = [{ title: 'Epsilon', text: 'Fifth story.' }, { title: 'No text' }]
    await writeFile(join(folder, 'e.json'), JSON.stringify(records))
    await buildFolder({ articles: folder, index, incremental: true })
    await writeFile(join(folder, 'f.txt'), story('Zeta', 'Sixth story.'))
    const third = await buildFolder({ articles: folder, index, incremental: true })
    assert.deepEqual(third.changes, { added: 1, updated: 0, removed: 0, unchanged: 4 })
  })

  it('leaves the saved index as it was when nothing changed', async (t) => {
    const { folder, index } = await workspace(t, 'unchanged')
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

  it('says when it appended the change, and folds changes in past a twentieth of the articles', async (t) => {
    const { folder, index } = await workspace(t, 'cli-incremental')
    const add = (n: number) =>
      writeFile(join(folder, `story-${n}.txt`), story(`Story ${n}`, `Text of story number ${n}.`))
    for (let n = 0; n < 40; n++) await add(n)
    const run = async (...flags: string[]) => {
      const io = capture()
      const args = ['--articles', folder, '--index', index, '--incremental', ...flags]
      assert.equal(await command.run(args, io), 0, io.errors.join('\n'))
      return io.lines
    }
    await run('--quiet')
    await add(40)
    const appended = await run()
    // Progress, then the summary: the reading stage is seen to its end though nothing is indexed.
    const summaryAt = appended.indexOf(
      'Updated incrementally: 1 added, 0 updated, 0 removed, 40 left alone.',
    )
    assert.ok(summaryAt > 0, appended.join('\n'))
    assert.equal(appended[summaryAt - 1], 'reading: 41/41 files')
    assert.ok(!appended.some((line) => line.startsWith('indexing')))
    assert.match(appended.at(-1) ?? '', /the update appended to it \(article changes held: 1;/)
    assert.equal((await loadIndex(index)).articleCount, 41)

    await add(41)
    await add(42)
    const folded = await run('--quiet')
    assert.match(folded.at(-1) ?? '', /^Index: .*\)\.$/, 'saved in full: 3 changes pass 41 / 20')
    // The sources, the articles, their paragraphs and the tables, no change line after them.
    assert.equal((await readManifest(index)).lines?.length, 4)
    assert.equal((await loadIndex(index)).articleCount, 43)
  })
})
