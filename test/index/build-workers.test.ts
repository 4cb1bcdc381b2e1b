// A full build whose files are read and analysed by worker threads writes the same index as one
// that does it all on the main thread, and an incremental update goes on from it as from any.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex } from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

let dir: string
let folder: string

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-workers-'))
  folder = join(dir, 'articles')
  const files = corpusFiles()
  // Near-copies, a JSON file of several records and a file that is skipped, so that every part
  // of the index has something in it.
  files['politics/missiles-copy.txt'] = (files['politics/missiles-1.txt'] as string).replace(
    'round 1',
    'round one',
  )
  files['wire/batch.jsonl'] = [1, 2, 3]
    .map((n) => JSON.stringify({ title: `Wire story ${n}`, body: `Missiles moved on day ${n}.` }))
    .join('\n')
  files['wire/empty.txt'] = '   \n'
  await writeArticles(folder, files)
})

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An index file without its manifest line (which holds the build's id and time). */
async function payload(path: string): Promise<Buffer> {
  const bytes = await readFile(path)
  return bytes.subarray(bytes.indexOf(0x0a) + 1)
}

describe('a build with worker threads', () => {
  it('writes the same index as a build on the main thread', async () => {
    const threaded = join(dir, 'threaded.index')
    const single = join(dir, 'single.index')
    const summary = await buildFolder({
      articles: folder,
      index: threaded,
      workers: { count: 2, minFiles: 0 },
    })
    await buildFolder({ articles: folder, index: single, workers: { count: 0 } })
    assert.ok(summary.articles > 26 && summary.skipped.length === 1, 'the corpus was read')
    assert.ok((summary.index?.nearCopies.groups().length ?? 0) > 0, 'it has near-copies')
    assert.deepEqual(await payload(threaded), await payload(single))
    const [a, b] = [await loadIndex(threaded), await loadIndex(single)]
    for (const q of ['missiles', 'guidance chips', '"wire story"']) {
      assert.deepEqual(search(a, { q }).results, search(b, { q }).results, q)
    }
  })

  it('leaves an index that an incremental update goes on from', async () => {
    const index = join(dir, 'updated.index')
    const built = await buildFolder({ articles: folder, index, workers: { count: 2, minFiles: 0 } })
    await writeFile(join(folder, 'tech', 'later.txt'), 'A later story\n\nMissiles again, later.\n')
    const update = await buildFolder({ articles: folder, index, incremental: true })
    const unchanged = built.articles
    assert.deepEqual(update.changes, { added: 1, updated: 0, removed: 0, unchanged })
    const loaded = await loadIndex(index)
    assert.equal(search(loaded, { q: 'later' }).results[0]?.article.id, 'tech/later')
    await rm(join(folder, 'tech', 'later.txt'))
  })
})
