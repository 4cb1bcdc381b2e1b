import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { BuildSummary } from '../../src/index/build-folder.ts'
import { readManifest } from '../../src/index/store.ts'
import { watchFolder } from '../../src/index/watch-folder.ts'

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('watching a folder', () => {
  it('batches a burst of 100 new files into a handful of updates, and saves them all', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'newsdex-watch-'))
    t.after(() => rm(root, { recursive: true, force: true }))
    const folder = join(root, 'articles')
    const index = join(root, 'watch.index')
    await mkdir(folder)
    await writeFile(join(folder, 'first.txt'), 'First\n\nThe first story.\n')
    const builds: BuildSummary[] = []
    const errors: unknown[] = []
    const watcher = watchFolder({
      articles: folder,
      index,
      onBuilt: (summary) => builds.push(summary),
      onError: (error) => errors.push(error),
    })
    try {
      await until(() => builds.length === 1, 10_000)
      for (let i = 0; i < 100; i++) {
        await writeFile(join(folder, `story-${i}.txt`), `Story ${i}\n\nNumber ${i} of the burst.\n`)
      }
      await until(() => builds.at(-1)?.articles === 101, 20_000)
      assert.ok(builds.length <= 6, `${builds.length} updates for 100 files`)
      assert.equal((await readManifest(index)).counts.articles, 101)
      assert.deepEqual(errors, [])
    } finally {
      watcher.close()
    }
  })
})
