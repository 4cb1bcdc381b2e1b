import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFolder } from '../../src/index/build-folder.ts'
import { LiveIndex } from '../../src/server/live-index.ts'
import { corpusFiles } from '../fixtures/server/corpus.ts'
import { writeArticles } from '../fixtures/server/write-articles.ts'

let dir: string
let articles: string
let index: string

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'newsdex-heap-'))
  articles = join(dir, 'articles')
  index = join(dir, 'newsdex.index')
  await writeArticles(articles, corpusFiles())
  await buildFolder({ articles, index })
})

after(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a reload that would not fit the heap', () => {
  it('is refused with how to give Node more heap, and the old index keeps serving', async () => {
    const logs: string[] = []
    const open = (heapLimitBytes: number) =>
      LiveIndex.open(index, { heapLimitBytes, log: (line) => logs.push(line) })
    const tight = await open(1)
    assert.match(logs.join('\n'), /^warning: .*--max-old-space-size=\d+/m)
    const roomy = await open(Number.MAX_SAFE_INTEGER)
    const serving = tight.buildId
    await buildFolder({ articles, index })

    assert.equal(await tight.reload(), false)
    assert.equal(tight.buildId, serving)
    assert.match(logs.at(-1) ?? '', /reload skipped, still serving build .*max-old-space-size=\d+/)

    assert.equal(await roomy.reload(), true)
    assert.notEqual(roomy.buildId, serving)
  })
})
