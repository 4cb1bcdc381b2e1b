import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { isStopWord } from '../../src/analysis/analyzer.ts'
import type { Article } from '../../src/articles/types.ts'
import { command, parseScales } from '../../src/cli/bench.ts'
import { command as docsCommand } from '../../src/cli/bench-docs.ts'
import type { Io } from '../../src/cli/command.ts'
import { UsageError } from '../../src/cli/command.ts'
import {
  baselineDocs,
  lunrContender,
  lunrSearch,
  miniSearchOptions,
} from '../../src/measure/baselines.ts'
import { measureBuild } from '../../src/measure/bench-build.ts'
import { repeatCorpus } from '../../src/measure/bench-repeat.ts'
import type { BenchReport } from '../../src/measure/bench-report.ts'
import { bind } from '../../src/measure/contender.ts'
import { benchContenders } from '../../src/measure/contenders.ts'
import { searchPath, setupClientModule } from '../../src/measure/http-load.ts'
import { pathologicalQueries } from '../../src/measure/pathological-queries.ts'
import { type BenchQuery, generateQueries, QUERY_KINDS } from '../../src/measure/queries.ts'
import { mulberry32, oneEdit } from '../../src/measure/random.ts'
import { median, medianSummary, percentile, ratio, summarize } from '../../src/measure/stats.ts'
import { skipSphinx } from '../fixtures/sphinx.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const BUNDLED = join(ROOT, 'index-data', 'articles')
const scratch = mkdtempSync(join(tmpdir(), 'newsdex-bench-test-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false }, out, err }
}

const PARAGRAPHS = [
  'Ministers warned that the interest rates would rise again before the general election.',
  'The central bank raised interest rates to curb inflation, economists said on Tuesday.',
  'Striker scores twice as the home team wins the championship final in extra time.',
  'Mobile phone makers expect broadband sales to grow strongly over the coming year.',
]

const ARTICLES: Article[] = [
  {
    id: 'business/1',
    title: 'Rates rise again',
    category: 'business',
    paragraphs: PARAGRAPHS.slice(0, 2).map((text, index) => ({ index, text })),
    file: 'business/1.txt',
  },
  {
    id: 'sport/2',
    title: 'Cup final',
    category: 'sport',
    paragraphs: PARAGRAPHS.slice(2).map((text, index) => ({ index, text })),
    file: 'sport/2.txt',
  },
]

describe('stats', () => {
  it('median averages the two middle values of an even count', () => {
    assert.equal(median([3, 1, 2]), 2)
    assert.equal(median([4, 1, 3, 2]), 2.5)
    assert.ok(Number.isNaN(median([])))
  })

  it('percentile is nearest-rank: always one of the values', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i) // 200..1, unsorted input
    assert.equal(percentile(values, 50), 100)
    assert.equal(percentile(values, 99), 198)
    assert.equal(percentile(values, 100), 200)
    assert.equal(percentile(values, 0), 1)
    assert.equal(percentile([7], 99), 7)
    assert.ok(Number.isNaN(percentile([], 50)))
    assert.throws(() => percentile([1], 101), RangeError)
  })

  it('summarize gives count, extremes, mean, p50 ≤ p99; ratio guards against nonsense', () => {
    const s = summarize([5, 1, 4, 2, 3])
    assert.deepEqual(s, { count: 5, min: 1, p50: 3, p99: 5, max: 5, mean: 3 })
    assert.equal(summarize([]).count, 0)
    assert.equal(ratio(6, 3), 2)
    assert.ok(Number.isNaN(ratio(1, 0)))
    assert.ok(Number.isNaN(ratio(Number.NaN, 2)))
  })

  it('medianSummary takes each figure from the middle round', () => {
    const rounds = [summarize([1, 2, 30]), summarize([1, 2, 3]), summarize([1, 2, 300])]
    const middle = medianSummary(rounds)
    assert.equal(middle.max, 30)
    assert.equal(middle.p50, 2)
    assert.equal(middle.count, 3)
  })
})

describe('query set', () => {
  it('mulberry32 is seeded: same seed, same stream; floats in [0, 1)', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const first = Array.from({ length: 100 }, () => a())
    assert.deepEqual(
      first,
      Array.from({ length: 100 }, () => b()),
    )
    assert.notDeepEqual(
      first,
      Array.from({ length: 100 }, () => c()),
    )
    assert.ok(first.every((x) => x >= 0 && x < 1))
  })

  it('the same paragraphs and seed give the same queries; another seed others', () => {
    const one = generateQueries(PARAGRAPHS, { seed: 7, perKind: 30 })
    assert.deepEqual(one, generateQueries(PARAGRAPHS, { seed: 7, perKind: 30 }))
    assert.notDeepEqual(one, generateQueries(PARAGRAPHS, { seed: 8, perKind: 30 }))
    assert.equal(one.length, 30 * QUERY_KINDS.length)
    for (const kind of QUERY_KINDS) assert.equal(one.filter((q) => q.kind === kind).length, 30)
  })

  it('makes each kind as described', () => {
    const queries = generateQueries(PARAGRAPHS, { seed: 1, perKind: 40 })
    const vocabulary = new Set(
      PARAGRAPHS.join(' ')
        .toLowerCase()
        .match(/\p{L}+/gu),
    )
    const of = (kind: string) => queries.filter((q) => q.kind === kind)
    for (const q of of('word')) {
      assert.ok(vocabulary.has(q.text) && !isStopWord(q.text), q.text)
    }
    for (const q of of('two-words')) assert.equal(q.text.split(' ').length, 2)
    for (const q of of('three-words')) {
      const words = q.text.split(' ')
      assert.equal(words.length, 3)
      assert.equal(new Set(words).size, 3)
      assert.ok(
        words.every((w) => vocabulary.has(w) && !isStopWord(w)),
        q.text,
      )
    }
    for (const q of of('prefix')) {
      assert.ok(q.prefix && q.text.length >= 3 && q.text.length <= 5, q.text)
      assert.ok(
        [...vocabulary].some((w) => w.startsWith(q.text) && w !== q.text),
        q.text,
      )
    }
    for (const q of of('typo')) {
      assert.ok(q.typo && !q.prefix && q.text.length >= 4)
      assert.ok(!vocabulary.has(q.text) || q.text.length >= 5, q.text)
    }
    for (const q of of('phrase')) {
      assert.match(q.text, /^"\p{L}+ \p{L}+"$/u)
      assert.equal(q.plain, q.text.slice(1, -1))
      // Two words standing together in some paragraph.
      assert.ok(
        PARAGRAPHS.some((p) => p.toLowerCase().includes(q.plain)),
        q.text,
      )
    }
  })

  it('oneEdit changes a word by exactly one edit', () => {
    const random = mulberry32(3)
    for (let i = 0; i < 200; i++) {
      const edited = oneEdit(random, 'election')
      assert.notEqual(edited, 'election')
      assert.ok(Math.abs(edited.length - 'election'.length) <= 1)
    }
  })

  it('stops rather than loops when a corpus cannot supply a kind', () => {
    const queries = generateQueries(['Hello.'], { seed: 1, perKind: 5 })
    assert.equal(queries.filter((q) => q.kind === 'word').length, 5)
    assert.equal(queries.filter((q) => q.kind === 'phrase').length, 0)
    assert.deepEqual(generateQueries([], { perKind: 5 }), [])
  })

  it('pathological queries are the five slow cases, the same for the same seed', () => {
    const slow = pathologicalQueries(PARAGRAPHS, 5)
    assert.deepEqual(slow, pathologicalQueries(PARAGRAPHS, 5))
    assert.equal(slow.length, 5)
    assert.equal(slow[0]?.text.length, 512)
    assert.equal(slow[1]?.text.split(' ').length, 64)
    assert.equal(slow[1]?.prefix, true)
    const soup = slow[2]?.text ?? ''
    assert.equal(soup.length, 512)
    assert.ok(soup.includes('"') && soup.includes('-'))
    assert.equal([...(slow[3]?.text ?? '')].length, 10_000)
    assert.equal(slow[4]?.text.length, 2)
    assert.equal(slow[4]?.prefix, true)
  })
})

describe('contenders and measurement', () => {
  it('every contender indexes the same paragraphs and finds an obvious word', () => {
    const query: BenchQuery = {
      kind: 'word',
      text: 'inflation',
      plain: 'inflation',
      prefix: false,
      typo: false,
    }
    for (const contender of benchContenders()) {
      const built = measureBuild(contender, ARTICLES)
      assert.ok(built.ms > 0)
      for (const searcher of bind(contender, built.index)) {
        assert.ok(searcher.run(query) >= 1, `${searcher.name} finds "inflation"`)
        for (const q of pathologicalQueries(PARAGRAPHS)) searcher.run({ ...query, ...q })
      }
    }
    assert.equal(baselineDocs(ARTICLES).length, 4)
    assert.deepEqual(
      baselineDocs(ARTICLES).map((d) => d.id),
      [0, 1, 2, 3],
    )
  })

  it('gives each library its documented options for prefixes and typos', () => {
    assert.deepEqual(miniSearchOptions({ prefix: true, typo: false }), { prefix: true })
    assert.deepEqual(miniSearchOptions({ prefix: false, typo: true }), { fuzzy: 0.2 })
    assert.equal(miniSearchOptions({ prefix: false, typo: false }), undefined)
    const index = lunrContender().build(ARTICLES)
    assert.ok(lunrSearch(index, { plain: 'infla', prefix: true, typo: false }).length >= 1)
    assert.ok(lunrSearch(index, { plain: 'bamk', prefix: false, typo: true }).length >= 1)
    assert.equal(lunrSearch(index, { plain: 'bamk', prefix: false, typo: false }).length, 0)
    assert.deepEqual(lunrSearch(index, { plain: '"- *', prefix: false, typo: false }), [])
  })

  it('repeats the corpus with new ids and fresh objects', () => {
    const three = repeatCorpus(ARTICLES, 3)
    assert.deepEqual(
      three.map((a) => a.id),
      ['business/1', 'sport/2', 'business/1~2', 'sport/2~2', 'business/1~3', 'sport/2~3'],
    )
    assert.notEqual(three[2]?.paragraphs, ARTICLES[0]?.paragraphs)
    assert.deepEqual(three[2]?.paragraphs, ARTICLES[0]?.paragraphs)
  })

  it('http: paths say prefix mode; each connection starts at its own place', () => {
    assert.equal(searchPath({ text: '"rate rise"', prefix: false }), '/search?q=%22rate%20rise%22')
    assert.equal(searchPath({ text: 'infl', prefix: true }), '/search?q=infl&prefix=true')
    const file = join(scratch, 'setup.cjs')
    writeFileSync(file, setupClientModule(['/a', '/b', '/c']))
    const setup = createRequire(import.meta.url)(file) as (client: unknown) => void
    const firsts: string[] = []
    for (let i = 0; i < 3; i++) {
      setup({
        setRequests: (requests: { path: string }[]) => {
          assert.equal(requests.length, 3)
          firsts.push(requests[0]?.path ?? '')
        },
      })
    }
    assert.equal(new Set(firsts).size, 3)
  })
})

function assertSane(value: unknown, what: string): void {
  assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `${what}: ${value}`)
}

describe('bench command', () => {
  it('runs quick on the bundled articles: every section, sane numbers, JSON', async () => {
    const json = join(scratch, 'bench.json')
    const { io, out, err } = capture()
    const code = await command.run(
      ['--corpus', BUNDLED, '--quick', '--json', json, '--queries', '8', '--soak', '1'],
      io,
    )
    assert.equal(code, 0, err.join('\n'))
    const text = out.join('\n')
    const sections = [
      '## build',
      '## queries',
      '## pathological',
      '## scale',
      '## near-copies and related articles',
      '## distributed engine (sphinx)',
      '## update',
      '## http',
      '## soak',
    ]
    for (const section of sections) {
      assert.ok(text.includes(section), `section ${section}`)
    }
    assert.match(text, /Corpus: .*index-data\/articles — the bundled index-data\/articles:/)
    assert.match(text, /Machine: \d+ cores/)
    assert.match(text, /denser than real text/)

    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport
    assert.equal(report.corpus.kind, 'bundled')
    assert.ok(report.corpus.paragraphs > 0)
    assert.deepEqual(
      report.build.map((b) => b.engine),
      ['newsdex', 'minisearch', 'lunr', 'lunr+positions'],
    )
    for (const b of report.build) {
      for (const key of ['buildMs', 'paragraphsPerSecond', 'diskBytes', 'loadMs'] as const) {
        assertSane(b[key], `${b.engine} ${key}`)
      }
      assert.ok(Number.isFinite(b.heapBytesPerParagraph), `${b.engine} heap`)
    }
    assert.deepEqual(Object.keys(report.queries.searchers), [
      'newsdex',
      'newsdex+snippets',
      'minisearch',
      'lunr',
      'lunr+positions',
    ])
    for (const [name, kinds] of Object.entries(report.queries.searchers)) {
      for (const kind of [...QUERY_KINDS, 'all'] as const) {
        const s = kinds[kind]
        if (s.count === 0) continue
        assertSane(s.p50, `${name} ${kind} p50`)
        assert.ok(s.p50 <= s.p99 && s.p99 <= s.max, `${name} ${kind} p50 ≤ p99 ≤ max`)
      }
      const total = Object.values(report.queries.counts).reduce((a, b) => a + b, 0)
      assert.equal(kinds.all.count, total)
    }
    assertSane(report.queries.snippetsP99OverMiniSearchP99.all, 'ratio')
    assert.equal(report.pathological.queries.length, 5)
    for (const q of report.pathological.queries) {
      for (const [name, run] of Object.entries(q.searchers)) {
        assert.equal(run.error, undefined, `${name} on ${q.name}`)
        assert.ok(run.maxMs >= 0 && run.maxMs >= run.medianMs)
      }
    }
    assert.deepEqual(
      report.scale.map((s) => s.factor),
      [1],
    )
    assert.deepEqual(
      report.scale[0]?.rows.map((r) => r.engine),
      ['newsdex', 'newsdex+snippets', 'minisearch'],
    )
    assert.equal(report.related.nearCopies.repetitions, 1)
    assertSane(report.related.nearCopies.ratio, 'near-copy build ratio')
    assert.equal(report.related.related.articles, report.corpus.articles)
    assert.equal(report.update.repetitions, 1)
    const keys = [
      'fullMs',
      'watchMs',
      'incrementalMs',
      'foldMs',
      'loadMs',
      'loadWithChangeMs',
    ] as const
    for (const key of keys) {
      assertSane(report.update[key], `update ${key}`)
    }
    assert.match(text, /\| add one article, watch mode \| [\d.,]+ \| [\d.]+× rebuild \|/)
    assert.match(text, /\| load it with one appended change \| [\d.,]+ \| [\d.]+× load \|/)
    assert.ok(!('skipped' in report.http), JSON.stringify(report.http))
    if (!('skipped' in report.http)) {
      assert.deepEqual(
        report.http.targets.map((t) => t.name),
        [
          'newsdex /search',
          'newsdex /healthz',
          'newsdex /healthz --quiet',
          'naive MiniSearch /search',
        ],
      )
      for (const t of report.http.targets) {
        assertSane(t.requests, `${t.name} requests`)
        assertSane(t.requestsPerSecond, `${t.name} req/s`)
        assert.ok(t.p50Ms <= t.p99Ms, `${t.name} p50 ≤ p99`)
        // The server's own request times were recorded through its hook, logs on or off.
        assertSane(t.serverP50Ms, `${t.name} server p50`)
        assert.ok(t.serverP50Ms <= t.serverP99Ms, `${t.name} server p50 ≤ p99`)
        assert.ok(
          t.loopDelayMaxMs >= t.loopDelayP99Ms && t.loopDelayP99Ms > 0,
          `${t.name} loop delay`,
        )
        assert.equal(t.non2xx, 0, `${t.name} non-2xx`)
        assert.equal(t.errors, 0, `${t.name} errors`)
      }
      assertSane(report.http.ratios.searchOverNaiveRps, '/search ÷ naive')
      assertSane(report.http.ratios.searchOverHealthzRps, '/search ÷ /healthz')
      assertSane(report.http.ratios.loggedOverQuietRps, '/healthz logged ÷ quiet')
      assert.match(text, /\/healthz logging each request ÷ \/healthz --quiet: [\d.]+×/)
    }
    // The distributed engine beside the embedded index, its searchd processes gone after.
    if (skipSphinx) assert.match(text, /Skipped: no searchd/)
    else {
      assert.ok(!('skipped' in report.cluster), JSON.stringify(report.cluster))
      if (!('skipped' in report.cluster)) {
        assert.equal(report.cluster.shards, 2)
        for (const name of ['sphinx', 'embedded']) {
          assertSane(report.cluster.ingest[name]?.paragraphsPerSecond, `${name} ingest`)
          const all = report.cluster.queries[name]?.all
          assertSane(all?.p50, `${name} query p50`)
          assert.ok((all?.p50 ?? 0) <= (all?.p99 ?? 0), `${name} p50 ≤ p99`)
        }
        assert.ok(!('skipped' in report.cluster.http))
        if (!('skipped' in report.cluster.http)) {
          for (const [name, target] of Object.entries(report.cluster.http)) {
            assertSane(target.requestsPerSecond, `${name} /search req/s`)
            assert.equal(target.errors + target.non2xx, 0, `${name} errors`)
          }
        }
      }
      assert.match(text, /\| sphinx \| [\d.,]+ \| [\d,]+ \|/)
    }
    assert.ok(report.soak !== null)
    if (report.soak !== null) {
      assert.equal(report.soak.seconds, 1)
      assertSane(report.soak.target.requests, 'soak requests')
      assert.equal(report.soak.target.errors, 0)
      for (const sample of [report.soak.before, report.soak.after]) {
        assertSane(sample.heapUsed, 'heapUsed')
        assert.ok(sample.rss >= sample.heapUsed)
      }
      assert.equal(
        report.soak.heapGrowthBytes,
        report.soak.after.heapUsed - report.soak.before.heapUsed,
      )
    }

    // The benchmarks page is that report, every section, under its own title and a notice.
    const page = join(scratch, 'docs', 'benchmarks.md')
    assert.equal(await docsCommand.run([json, '--out', page], capture().io), 0)
    const doc = readFileSync(page, 'utf8')
    assert.match(doc, /^# Benchmarks\n/)
    assert.match(doc, /Generated by `npm run bench:docs -- .*bench\.json`/)
    assert.ok(!doc.includes('# newsdex bench'))
    for (const section of sections) assert.ok(doc.includes(`\n${section}\n`), section)
    assert.ok(doc.includes(text.split('\n').slice(1).join('\n')), 'the report as printed')
  })

  it('refuses to make the benchmarks page from a report of one section', async () => {
    const partial = join(scratch, 'related-only.json')
    writeFileSync(partial, JSON.stringify({ articles: 1, nearCopies: {}, related: {} }))
    const { io, err } = capture()
    assert.equal(await docsCommand.run([partial, '--out', join(scratch, 'no.md')], io), 1)
    assert.match(err.join('\n'), /not a bench report: it has no date, machine, .*a whole run/)
    assert.equal(await docsCommand.run([join(scratch, 'missing.json')], io), 1)
    await assert.rejects(docsCommand.run([], io), UsageError)
  })

  it('reports usage mistakes as UsageError and a missing corpus as a failure', async () => {
    const { io, err } = capture()
    await assert.rejects(command.run(['--scale', '0'], io), UsageError)
    await assert.rejects(command.run(['--scale', '1,x'], io), UsageError)
    await assert.rejects(command.run(['--http-seconds', '-1'], io), UsageError)
    await assert.rejects(command.run(['--bogus'], io), UsageError)
    assert.equal(await command.run(['--corpus', join(scratch, 'nope')], io), 1)
    assert.match(err.join('\n'), /corpus folder not found/)
    assert.deepEqual(parseScales('10, 1,4,4'), [1, 4, 10])
  })
})
