import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { Io } from '../../src/cli/command.ts'
import { UsageError } from '../../src/cli/command.ts'
import { command } from '../../src/cli/eval.ts'
import { EmbeddedEngine } from '../../src/engine/embedded.ts'
import { EngineUnavailableError, type QueryView } from '../../src/engine/engine.ts'
import { NewsIndex } from '../../src/index/news-index.ts'
import { lunrContender, lunrTerms, miniSearchContender } from '../../src/measure/baselines.ts'
import {
  detectFormat,
  loadCollection,
  parseCisiJudgments,
  parseCranJudgments,
  parseQueries,
  parseSmart,
} from '../../src/measure/collections.ts'
import type { Contender } from '../../src/measure/contender.ts'
import { evaluateCollection, judgedQueries, toArticle } from '../../src/measure/eval.ts'
import { METRICS } from '../../src/measure/metrics.ts'
import {
  newsdexContender,
  newsdexSafe,
  rankThroughEngine,
} from '../../src/measure/newsdex-contender.ts'

const TINY = join(import.meta.dirname, '..', 'fixtures', 'relevance', 'tiny')
const scratch = mkdtempSync(join(tmpdir(), 'newsdex-eval-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

// A Cranfield-format collection, written by the test: 3 documents, 2 queries with gapped ids.
const CRAN = join(scratch, 'cranlike')
mkdirSync(CRAN)
writeFileSync(
  join(CRAN, 'cran.all.1400'),
  [
    '.I 1',
    '.T',
    'flow past a flat plate .',
    '.A',
    'someone',
    '.B',
    'j. ae. 1958',
    '.W',
    'flow past a flat plate .',
    'the boundary layer on a flat plate in shear flow .',
    '.I 2',
    '.T',
    'heat transfer in hypersonic flight .',
    '.W',
    'heat transfer to the nose of a hypersonic vehicle .',
    '.I 3',
    '.T',
    'wing flutter .',
    '.W',
    'flutter of a swept wing at transonic speed .',
    '',
  ].join('\n'),
)
writeFileSync(
  join(CRAN, 'cran.qry'),
  '.I 001\n.W\nboundary layer on a plate .\n.I 004\n.W\nhypersonic heat transfer .\n',
)
writeFileSync(join(CRAN, 'cranqrel'), '1 1 1\n1 3 -1\n2 2 2\n2 1 4\n')

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false }, out, err }
}

describe('collections', () => {
  it('reads SMART records: markers with trailing spaces, repeated fields, zero-padded ids', () => {
    const records = parseSmart(
      'junk\n.I 007\n.T \nA title\n.W\none\n.A\nx\n.W  \ntwo\n.I 8\n.W\nz\n',
    )
    assert.equal(records.length, 2)
    assert.equal(records[0]?.id, '7')
    assert.equal(records[0]?.fields.get('T'), 'A title')
    assert.equal(records[0]?.fields.get('W'), 'one\ntwo')
    assert.equal(records[1]?.id, '8')
  })

  it('reads a CISI folder: title and abstract only, queries with their title, binary judgments', () => {
    assert.equal(detectFormat(TINY), 'cisi')
    const tiny = loadCollection(TINY)
    assert.equal(tiny.name, 'tiny')
    assert.equal(tiny.documents.length, 7)
    assert.deepEqual(tiny.documents[1], {
      id: '2',
      title: 'Tracking whales by satellite',
      text: 'Satellite tags reveal the routes of migrating whales across the oceans.',
    })
    assert.equal(tiny.queries.length, 4)
    // The title belongs to the query; the author and source do not.
    assert.equal(
      tiny.queries[1]?.text,
      'Cataloguing Rules for cataloguing books: subject headings and descriptive -entries in the library "catalogue".',
    )
    assert.deepEqual(
      [...(tiny.judgments.get('1') ?? [])],
      [
        ['1', 1],
        ['2', 1],
      ],
    )
    // Query 4 has no judgments: it is not evaluated.
    assert.deepEqual(
      judgedQueries(tiny).map((q) => q.id),
      ['1', '2', '3'],
    )
  })

  it('reads a Cranfield folder: queries renumbered by position, gain 5 − grade, −1 judged 0', () => {
    assert.equal(detectFormat(CRAN), 'cran')
    const cran = loadCollection(CRAN)
    assert.deepEqual(
      cran.queries.map((q) => q.id),
      ['1', '2'],
    )
    assert.equal(cran.documents[0]?.title, 'flow past a flat plate .')
    assert.deepEqual(
      cran.judgments.get('1'),
      new Map([
        ['1', 4],
        ['3', 0],
      ]),
    )
    assert.deepEqual(
      cran.judgments.get('2'),
      new Map([
        ['2', 3],
        ['1', 1],
      ]),
    )
  })

  it('parses judgment rows whatever the white space', () => {
    assert.deepEqual(
      parseCisiJudgments('     1     28\t0\t0.000000\n\n 1 35 0 0.0\n'),
      new Map([
        [
          '1',
          new Map([
            ['28', 1],
            ['35', 1],
          ]),
        ],
      ]),
    )
    assert.deepEqual(
      parseCranJudgments('3 10 5\n3 11 -1\n3 12 1'),
      new Map([
        [
          '3',
          new Map([
            ['10', 0],
            ['11', 0],
            ['12', 4],
          ]),
        ],
      ]),
    )
    assert.deepEqual(
      parseQueries('.I 9\n.W\nfirst\n.I 3\n.W\nsecond\n', true).map((q) => q.id),
      ['1', '2'],
    )
  })

  it('recognises neither format in a folder without the files', () => {
    assert.equal(detectFormat(scratch), undefined)
    assert.equal(detectFormat(join(scratch, 'missing')), undefined)
    assert.throws(() => loadCollection(scratch), /holds no relevance collection/)
  })
})

describe('engines', () => {
  it('gives lunr trimmed terms and no wildcards', () => {
    assert.deepEqual(lunrTerms('What are "titles"? bee* a*b high-speed'), [
      'what',
      'are',
      'titles',
      'bee',
      'a',
      'b',
      'high',
      'speed',
    ])
    assert.deepEqual(lunrTerms(' *** ?! '), [])
  })

  const contenders = [newsdexContender, lunrContender, miniSearchContender] as (() => Contender)[]
  for (const make of contenders) {
    it(`${make().name} finds the obvious document and never throws on operators`, async () => {
      const contender = make()
      const { documents } = loadCollection(TINY)
      const index = contender.build(documents.map(toArticle))
      const rank = (text: string, k: number) =>
        contender.rank(index, text, k, (paragraph) => documents[paragraph]?.id ?? '')
      assert.equal((await rank('whales satellite', 10))[0], '2')
      for (const query of ['title:foo +bar -baz~2 ^3 *', ':', '"', '-', '*', '', '\\', 'a~1^2']) {
        assert.ok(Array.isArray(await rank(query, 10)), query)
      }
      assert.ok((await rank('the bees and the whales', 1)).length <= 1)
    })
  }

  it('newsdex: queries lose their operators but keep their words', () => {
    assert.equal(
      newsdexSafe('Design: "exact phrase" -not high-speed'),
      'Design exact phrase not high-speed',
    )
    assert.equal(newsdexSafe('title:-x "a"-b --c'), 'title x a b c')
    assert.equal(newsdexSafe(' - " : '), '')
  })
})

describe('evaluateCollection', () => {
  it('scores each engine on the judged queries only, at the given depth', async () => {
    const tiny = loadCollection(TINY)
    const asked: string[] = []
    // Knows the answers: returns the relevant documents of the query it is asked, then the rest.
    const unbuilt = { build() {}, save: async () => 0, load: async () => undefined, searchers: [] }
    const oracle: Contender = {
      ...unbuilt,
      name: 'oracle',
      async rank(_index, query, k) {
        asked.push(query)
        const id = tiny.queries.find((q) => q.text === query)?.id ?? ''
        const relevant = [...(tiny.judgments.get(id)?.keys() ?? [])]
        const rest = tiny.documents.map((d) => d.id).filter((d) => !relevant.includes(d))
        return [...relevant, ...rest].slice(0, k)
      },
    }
    const nothing: Contender = { ...unbuilt, name: 'nothing', rank: async () => [] }
    const result = await evaluateCollection(tiny, [oracle, nothing], { depth: 5 })
    assert.equal(result.collection, 'tiny')
    assert.equal(result.documents, 7)
    assert.equal(result.queries, 3)
    assert.equal(asked.length, 3)
    const [best, none] = result.engines
    // Two relevant documents per query, both at the top: P@10 = 2/10.
    const expected = { map: 1, 'ndcg@10': 1, 'p@10': 0.2, 'recall@100': 1, mrr: 1 }
    for (const { key } of METRICS) {
      assert.ok(Math.abs((best?.metrics[key] ?? -1) - expected[key]) < 1e-9, key)
    }
    assert.deepEqual(none?.metrics, { map: 0, 'ndcg@10': 0, 'p@10': 0, 'recall@100': 0, mrr: 0 })
    assert.deepEqual([...(best?.perQuery.keys() ?? [])], ['1', '2', '3'])
  })

  it('ranks newsdex through an engine of the seam as the in-process newsdex ranks', async () => {
    const tiny = loadCollection(TINY)
    // The collection is written into the engine (replacing what it held), then ranked through it.
    const held = new NewsIndex()
    held.add({
      id: 'stale',
      title: 'whales satellite',
      paragraphs: [{ index: 0, text: 'x' }],
      file: 'stale.txt',
    })
    const engine = new EmbeddedEngine(held)
    const result = await evaluateCollection(tiny, [newsdexContender() as Contender, engine], {
      depth: 5,
    })
    const [inProcess, throughEngine] = result.engines
    assert.equal(throughEngine?.name, 'newsdex (embedded)')
    assert.deepEqual(throughEngine?.perQuery, inProcess?.perQuery)
    assert.equal(engine.current.articles().length, tiny.documents.length)
    assert.deepEqual(await rankThroughEngine(engine, ' - " : ', 10), [])
  })

  it('refuses a figure from an engine whose view misses shards', async () => {
    class HalfEngine extends EmbeddedEngine {
      override async view(): Promise<QueryView> {
        return { index: this.current, missing: ['127.0.0.1:9306/news_1'] }
      }
    }
    const engine = new HalfEngine(new NewsIndex())
    await assert.rejects(rankThroughEngine(engine, 'whales', 10), (error: Error) => {
      assert.ok(error instanceof EngineUnavailableError)
      assert.match(error.message, /news_1/)
      return true
    })
  })
})

describe('eval command', () => {
  it('runs every engine on a folder, prints a table and writes the JSON report', async () => {
    const { io, out, err } = capture()
    const json = join(scratch, 'out', 'eval.json')
    const code = await command.run(
      ['--collection', TINY, '--collection', CRAN, '--json', json, '--depth', '100'],
      io,
    )
    assert.equal(code, 0, err.join('\n'))
    const text = out.join('\n')
    assert.match(text, /^## tiny: 7 documents, 3 queries$/m)
    assert.match(text, /^## cranlike: 3 documents, 2 queries$/m)
    assert.match(text, /^\| Engine \| MAP \| nDCG@10 \| P@10 \| Recall@100 \| MRR \|$/m)
    assert.match(text, /^\| lunr( \| [01]\.\d{3}){5} \|$/m)
    assert.match(text, /^\| minisearch( \| [01]\.\d{3}){5} \|$/m)
    assert.match(text, /Depth 100 per engine/)

    const report = JSON.parse(readFileSync(json, 'utf8')) as unknown
    assert.ok(Array.isArray(report))
    assert.deepEqual(
      report.map((entry: { collection: string; documents: number; queries: number }) => [
        entry.collection,
        entry.documents,
        entry.queries,
      ]),
      [
        ['tiny', 7, 3],
        ['cranlike', 3, 2],
      ],
    )
    for (const entry of report as { engines: Record<string, Record<string, number>> }[]) {
      const names = Object.keys(entry.engines)
      assert.ok(names.includes('lunr') && names.includes('minisearch'), names.join())
      // newsdex is there exactly when its stages load, and the table then has its row too.
      if (names.includes('newsdex')) assert.match(text, /^\| newsdex( \| [01]\.\d{3}){5} \|$/m)
      for (const [name, metrics] of Object.entries(entry.engines)) {
        assert.deepEqual(
          Object.keys(metrics),
          METRICS.map((m) => m.key),
          name,
        )
        for (const value of Object.values(metrics)) {
          assert.ok(typeof value === 'number' && value >= 0 && value <= 1, `${name}: ${value}`)
        }
      }
      // On these easy queries lunr puts a relevant document first every time.
      assert.equal(entry.engines.lunr?.mrr, 1)
    }
  })

  it('fails clearly on a folder that is not a collection', async () => {
    const missing = capture()
    assert.equal(await command.run(['-c', join(scratch, 'nope')], missing.io), 1)
    assert.match(missing.err.join('\n'), /collection folder not found/)
    const empty = capture()
    mkdirSync(join(scratch, 'empty'), { recursive: true })
    assert.equal(await command.run(['-c', join(scratch, 'empty')], empty.io), 1)
    assert.match(empty.err.join('\n'), /holds no relevance collection/)
  })

  it('reports usage mistakes as UsageError', async () => {
    const { io } = capture()
    await assert.rejects(command.run(['--depth', '0', '-c', TINY], io), UsageError)
    await assert.rejects(command.run(['--depth', 'ten', '-c', TINY], io), UsageError)
    await assert.rejects(command.run(['--bogus'], io), UsageError)
    await assert.rejects(command.run(['stray'], io), UsageError)
  })
})
