import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { readArticles } from '../../src/articles/read.ts'
import { benchScaleSection, copyScaled } from '../../src/measure/bench-scale.ts'
import { FREQUENT_WORDS, scaleQueries, scaleRequest } from '../../src/measure/scale-queries.ts'

const story = (title: string, text: string) =>
  `---\ntitle: "${title}"\ndate: "1987-03-26T12:11:42Z"\n---\n\n${text}\n`

describe('the scale section', () => {
  it('copies a corpus N times with changed titles, so none is dropped as a duplicate, categories kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdex-scale-'))
    try {
      const source = join(dir, 'source')
      await mkdir(join(source, 'crude'), { recursive: true })
      await writeFile(join(source, 'crude', '1.md'), story('OIL PRICES RISE', 'Oil prices rose.'))
      await writeFile(join(source, 'crude', '2.md'), story('OPEC MEETS', 'Opec met in Vienna.'))
      await copyScaled(source, join(dir, 'x3'), 3)
      const read = await readArticles(join(dir, 'x3'))
      assert.equal(read.articles.length, 6)
      assert.equal(read.duplicates.length, 0)
      assert.ok(read.articles.every((article) => article.category === 'crude'))
      assert.deepEqual(read.articles.map((article) => article.title).sort(), [
        'OIL PRICES RISE',
        'OIL PRICES RISE ·',
        'OIL PRICES RISE ··',
        'OPEC MEETS',
        'OPEC MEETS ·',
        'OPEC MEETS ··',
      ])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('asks the most frequent words alone and in pairs, and every other kind', () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) =>
      Array.from(
        { length: 8 },
        (_, k) =>
          `word${String.fromCharCode(97 + ((i + k * 7) % 26))}${String.fromCharCode(97 + (k % 26))}`,
      ).join(' '),
    )
    paragraphs.push('the oil and the prices')
    const dates = Array.from(
      { length: 100 },
      (_, i) => `1987-${String(1 + (i % 12)).padStart(2, '0')}-02`,
    )
    const queries = scaleQueries(paragraphs, ['crude', 'earn'], dates)
    const kinds = new Map<string, number>()
    for (const query of queries) kinds.set(query.kind, (kinds.get(query.kind) ?? 0) + 1)
    assert.equal(kinds.get('word'), FREQUENT_WORDS)
    assert.equal(kinds.get('pair'), FREQUENT_WORDS)
    for (const kind of ['prefix', 'typo', 'phrase', 'exclusion', 'category', 'newest', 'range'])
      assert.equal(kinds.get(kind), 20, kind)
    assert.ok(
      queries.every((query) => !/\bthe\b/.test(query.text)),
      'no stop word is searched',
    )
    assert.ok(queries.filter((query) => query.kind === 'prefix').every((query) => query.prefix))
    assert.ok(queries.some((query) => query.text === 'category:earn'))
    const newest = queries.filter((query) => query.kind === 'newest')
    assert.ok(newest.every((query) => scaleRequest(query).sort === 'newest'))
    // Each range holds about half the dates: months 1987-02 or later to 1987-08 or later.
    for (const query of queries.filter((query) => query.kind === 'range')) {
      const { from, to } = scaleRequest(query)
      assert.ok(
        from !== undefined && to !== undefined && from >= '1987-02' && to >= '1987-07',
        `${from}…${to}`,
      )
      assert.ok(to > from)
    }
  })

  it('asks no date range of a corpus without dates', () => {
    const queries = scaleQueries(['oil prices rose', 'oil output fell'], ['crude'])
    assert.ok(queries.every((query) => query.kind !== 'range'))
  })

  it('builds, loads, swaps and times each size, the rounds of all sizes in turn in one process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'newsdex-scale-run-'))
    try {
      const corpus = join(dir, 'corpus')
      const words = ['oil', 'prices', 'rose', 'tanker', 'output', 'bank', 'rates', 'shares']
      for (let i = 0; i < 24; i++) {
        const category = i % 3 === 0 ? 'crude' : 'earn'
        await mkdir(join(corpus, category), { recursive: true })
        const text = Array.from(
          { length: 12 },
          (_, k) => words[(i * 5 + k * 3) % words.length],
        ).join(' ')
        await writeFile(
          join(corpus, category, `${i}.md`),
          `---\ntitle: "Report ${i}"\ndate: "1987-0${1 + (i % 9)}-1${i % 10}T10:00:00Z"\n---\n\n${text}.\n\n${text} again.\n`,
        )
      }
      const work = join(dir, 'work')
      await mkdir(work)
      const report = await benchScaleSection({ corpus, factors: [1, 2], dir: work, rounds: 2 })
      assert.ok(!('skipped' in report), 'the section ran')
      assert.deepEqual(
        report.sizes.map((size) => [size.factor, size.articles]),
        [
          [1, 24],
          [2, 48],
        ],
      )
      for (const size of report.sizes) {
        const { all } = size.kinds
        // Every query timed, in every round (the median of the rounds' summaries).
        assert.equal(all.count, report.queries)
        assert.ok(all.p50 > 0 && all.p50 <= all.p99 && all.p99 <= all.max, `×${size.factor}`)
        assert.equal(size.firstRound.count, report.queries)
        assert.ok(size.load.loadMs > 0 && size.heapBytesPerParagraph > 0)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
