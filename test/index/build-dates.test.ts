// The build summary counts dated articles and those whose date cannot be read (kept, undated),
// in a full build and in an incremental one that reuses the saved articles.
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { command } from '../../src/cli/build-index.ts'
import { buildFolder } from '../../src/index/build-folder.ts'
import { loadIndex } from '../../src/index/store.ts'
import { search } from '../../src/search/search.ts'
import { capture } from '../fixtures/io.ts'

const md = (title: string, date: string) =>
  `---\ntitle: ${title}\ndate: "${date}"\n---\n\nHarbour news.\n`

describe('dates in the build', () => {
  it('keeps an undated article, counts it with an example, and keeps counting it incrementally', async (t) => {
    const root = await mkdtemp(join(tmpdir(), 'newsdex-dates-'))
    t.after(() => rm(root, { recursive: true, force: true }))
    const folder = join(root, 'articles')
    const index = join(root, 'dates.index')
    await mkdir(folder)
    await writeFile(join(folder, 'a.md'), md('Harbour opens', '12-JUN-1990 10:01:02.50&#5;&#5;F'))
    await writeFile(join(folder, 'b.md'), md('Harbour closes', 'after the storm'))
    await writeFile(join(folder, 'c.txt'), 'Harbour dredged\n\nHarbour news again.\n')

    const summary = await buildFolder({ articles: folder, index })
    assert.equal(summary.articles, 3)
    assert.deepEqual(summary.dates, {
      dated: 1,
      unread: 1,
      example: { file: 'b.md', written: 'after the storm', reason: 'no date found in it' },
    })
    const loaded = await loadIndex(index)
    const results = search(loaded, { q: 'harbour' }).results
    assert.deepEqual(results.map((r) => [r.article.id, r.article.date]).sort(), [
      ['a', '1990-06-12T10:01:02.500Z'],
      ['b', null],
      ['c', null],
    ])

    await writeFile(
      join(folder, 'd.txt'),
      'Harbour tides\n3 July 1990\n\nHarbour news once more.\n',
    )
    const io = capture()
    assert.equal(
      await command.run(['--articles', folder, '--index', index, '--incremental', '--quiet'], io),
      0,
    )
    assert.ok(
      io.lines.includes(
        'Dates: 2 articles dated; 1 give a date that cannot be read (kept, undated); 1 give none.',
      ),
      io.lines.join('\n'),
    )
    assert.ok(io.lines.includes('  e.g. b.md: "after the storm": no date found in it'))
  })
})
