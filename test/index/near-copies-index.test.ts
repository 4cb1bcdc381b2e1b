import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex } from '../../src/index/store.ts'

/** A paragraph of 24 words of its own, so that articles share only what a test gives them. */
const paragraph = (seed: string) =>
  Array.from({ length: 24 }, (_, i) => `${seed}word${i}`).join(' ') + '.'

const article = (id: string, title: string, texts: string[]): Article => ({
  id,
  title,
  file: `${id}.txt`,
  paragraphs: texts.map((text, index) => ({ index, text })),
})

const story = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map(paragraph)

/** The kinds of near-copy news archives hold, and an article that only shares half its text. */
function articles(): Article[] {
  const corrected = [...story]
  corrected[2] = (story[2] as string).replace('charlieword7', '16.2bn')
  return [
    article('wire/original', 'Pipeline deal signed', story),
    article('wire/corrected', 'Pipeline deal signed', corrected),
    article('wire/updated', 'Pipeline deal signed', [...story, paragraph('golf')]),
    article('wire/retitled', 'Deal on the pipeline is signed at last', story),
    article('wire/half', 'Pipeline deal signed', [
      ...story.slice(0, 3),
      ...'xyz'.split('').map(paragraph),
    ]),
    article('other/unrelated', 'Harvest festival opens', ['kilo', 'lima', 'mike'].map(paragraph)),
  ]
}

const GROUP = ['wire/corrected', 'wire/original', 'wire/retitled', 'wire/updated']

describe('near-copies in the index', () => {
  it('groups a corrected figure, an added paragraph and a new title, not a half-shared text', () => {
    const index = buildIndex(articles())
    assert.deepEqual(index.nearCopies.groups(), [GROUP])
    assert.deepEqual(
      index.nearCopies.copiesOf('wire/original'),
      GROUP.slice(0, 1).concat(GROUP.slice(2)),
    )
    assert.deepEqual(index.nearCopies.copiesOf('wire/half'), [])
    assert.deepEqual(index.nearCopies.copiesOf('other/unrelated'), [])
  })

  it('keeps the groups through updates as a full build would make them', () => {
    const all = articles()
    const index = buildIndex(all.filter((a) => a.id !== 'wire/updated'))
    index.apply({ removed: [], added: [all.find((a) => a.id === 'wire/updated') as Article] })
    assert.deepEqual(index.nearCopies.groups(), [GROUP])
    // The original goes: the others still are near-copies of each other.
    index.apply({ removed: ['wire/original'], added: [] })
    assert.deepEqual(index.nearCopies.groups(), [GROUP.filter((id) => id !== 'wire/original')])
    // The corrected one is rewritten into something else: it leaves the group.
    const rewritten = article(
      'wire/corrected',
      'Pipeline deal signed',
      ['p', 'q', 'r'].map(paragraph),
    )
    index.apply({ removed: ['wire/corrected'], added: [rewritten] })
    assert.deepEqual(index.nearCopies.groups(), [['wire/retitled', 'wire/updated']])
  })

  it('finds the same groups in an index loaded from disk', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'newsdex-near-copies-'))
    try {
      const path = join(folder, 'test.index')
      for (const { file, title, paragraphs } of articles()) {
        const text = `${title}\n\n${paragraphs.map((p) => p.text).join('\n\n')}\n`
        await mkdir(dirname(join(folder, 'articles', file)), { recursive: true })
        await writeFile(join(folder, 'articles', file), text)
      }
      await buildFolder({ articles: join(folder, 'articles'), index: path })
      const loaded = await loadIndex(path)
      assert.deepEqual(loaded.nearCopies.groups(), [GROUP])
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
