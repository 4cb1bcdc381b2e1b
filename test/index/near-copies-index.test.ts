import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { command } from '../../src/cli/build-index.ts'
import { buildIndex } from '../../src/index/build.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex, readManifest } from '../../src/index/store.ts'
import { capture } from '../fixtures/io.ts'

/** A paragraph of 24 words of its own, so that articles share only what a test gives them. */
const paragraph = (seed: string) =>
  `${Array.from({ length: 24 }, (_, i) => `${seed}word${i}`).join(' ')}.`

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
    await withFolder(async (folder, path) => {
      await buildFolder({ articles: folder, index: path })
      const loaded = await loadIndex(path)
      assert.deepEqual(loaded.nearCopies.groups(), [GROUP])
      // The saved signatures find new near-copies and let old ones go, as the built index does.
      const copy = article('wire/copy', 'Pipeline deal signed', story)
      loaded.apply({ removed: ['wire/retitled'], added: [copy] })
      const group = [...GROUP.filter((id) => id !== 'wire/retitled'), 'wire/copy'].sort()
      assert.deepEqual(loaded.nearCopies.groups(), [group])
      assert.deepEqual(loaded.nearCopies.copiesOf('wire/retitled'), [])
    })
  })

  it('takes the threshold from build-index, keeps it in the manifest, and reports the groups', async () => {
    await withFolder(async (folder, path) => {
      const io = capture()
      assert.equal(await command.run(['--articles', folder, '--index', path], io), 0)
      assert.ok(
        io.lines.includes(
          `Near-copies: 1 groups holding 4 articles, each shown as one story (similarity 0.8); e.g. ${GROUP.join(' ~ ')}.`,
        ),
        io.lines.join('\n'),
      )
      // At 1, only the texts that are the same word for word (the new title) are near-copies.
      const strict = capture()
      assert.equal(
        await command.run(['--articles', folder, '--index', path, '--near-copies', '1'], strict),
        0,
      )
      assert.equal((await readManifest(path)).nearCopyThreshold, 1)
      assert.deepEqual((await loadIndex(path)).nearCopies.groups(), [
        ['wire/original', 'wire/retitled'],
      ])
      // An update keeps it; asking an update for another one is refused with what to do.
      const update = capture()
      assert.equal(
        await command.run(['--articles', folder, '--index', path, '--incremental'], update),
        0,
      )
      assert.equal((await readManifest(path)).nearCopyThreshold, 1)
      const refused = capture()
      const args = ['--articles', folder, '--index', path, '--incremental', '--near-copies', '0.8']
      assert.equal(await command.run(args, refused), 2)
      assert.match(
        refused.errors.join('\n'),
        /built with --near-copies 1; a build without --incremental/,
      )
    })
  })

  it('looks for none with --near-copies off, through saves, loads and updates', async () => {
    await withFolder(async (folder, path) => {
      const io = capture()
      const off = ['--articles', folder, '--index', path, '--near-copies', 'off']
      assert.equal(await command.run(off, io), 0)
      assert.ok(
        io.lines.includes('Near-copies: not looked for (--near-copies off).'),
        io.lines.join('\n'),
      )
      assert.equal((await readManifest(path)).nearCopyThreshold, null)
      const loaded = await loadIndex(path)
      assert.equal(loaded.nearCopies.detecting, false)
      assert.deepEqual(loaded.nearCopies.groups(), [])
      assert.deepEqual(loaded.nearCopies.copiesOf('wire/original'), [])
      // An update keeps it off, and a threshold asked of an update is refused.
      const args = ['--articles', folder, '--index', path, '--incremental']
      assert.equal(await command.run(args, capture()), 0)
      assert.equal((await readManifest(path)).nearCopyThreshold, null)
      const refused = capture()
      assert.equal(await command.run([...args, '--near-copies', '0.8'], refused), 2)
      assert.match(refused.errors.join('\n'), /built with --near-copies off; a build without/)
    })
    assert.deepEqual(buildIndex(articles(), undefined, null).nearCopies.groups(), [])
  })

  it('refuses a threshold that is not above 0 and at most 1', async () => {
    for (const bad of ['0', '1.5', 'high', '-0.2']) {
      await assert.rejects(
        command.run([`--near-copies=${bad}`], capture()),
        /--near-copies must be/,
      )
    }
  })
})

/** The articles as files in a temp folder, and an index path beside them; removed after. */
async function withFolder(test: (folder: string, path: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'newsdex-near-copies-'))
  try {
    const folder = join(root, 'articles')
    for (const { file, title, paragraphs } of articles()) {
      const text = `${title}\n\n${paragraphs.map((p) => p.text).join('\n\n')}\n`
      await mkdir(dirname(join(folder, file)), { recursive: true })
      await writeFile(join(folder, file), text)
    }
    await test(folder, join(root, 'test.index'))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
