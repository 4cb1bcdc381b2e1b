// In-process performance measurements: build time, memory, size on disk and load time of newsdex
// against MiniSearch and lunr on exactly the same paragraphs, then query latency over one seeded
// query set, the slow cases, and the same at larger scales. Every engine sees the same input
// and the same queries, in the same process, interleaved, so their figures compare.
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import type { ReadResult } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { buildIndex } from '../index/build.ts'
import { manifestFor } from '../index/build-folder.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { loadIndex, saveIndex } from '../index/store.ts'
import { match } from '../search/match.ts'
import { search } from '../search/search.ts'
import { lunrTerms } from './engines.ts'
import { type BenchQuery, type PathologicalQuery, QUERY_KINDS, type QueryKind } from './queries.ts'
import { type SavedEngine, timeQueriesApart } from './query-timing.ts'
import { median, medianSummary, type Summary, summarize } from './stats.ts'

// ---------------------------------------------------------------------------------------------
// Memory

let collect: (() => void) | undefined

/** Forces a full garbage collection (exposing `gc` in-process the first time). */
export function forceGc(): void {
  if (collect === undefined) {
    v8.setFlagsFromString('--expose-gc')
    collect = vm.runInNewContext('gc') as () => void
  }
  collect()
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed
}

// ---------------------------------------------------------------------------------------------
// Engines

/** One document per paragraph, as MiniSearch and lunr index it: the article title and the text. */
export interface ParagraphDoc {
  id: number
  title: string
  text: string
}

/** The corpus as one document per paragraph, numbered in order: what the libraries index. */
export function paragraphDocs(articles: readonly Article[]): ParagraphDoc[] {
  const docs: ParagraphDoc[] = []
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      docs.push({ id: docs.length, title: article.title, text: paragraph.text })
    }
  }
  return docs
}

/** MiniSearch exactly as its README shows it: the fields, nothing else. */
export const MINISEARCH_DEFAULTS = { fields: ['title', 'text'] }

/** MiniSearch's documented options per query kind: prefix search as you type, fuzzy for typos. */
export function miniSearchOptions(query: Pick<BenchQuery, 'prefix' | 'typo'>) {
  if (query.prefix) return { prefix: true }
  if (query.typo) return { fuzzy: 0.2 }
  return undefined
}

/** A way of querying a built index; returns how many results it found. */
export interface Searcher<I> {
  name: string
  run: (index: I, query: BenchQuery) => number
}

/** An engine under measurement: how to build, save and load its index, and how to query it. */
export interface BenchEngine<I = unknown> {
  name: string
  /** Builds from articles; whatever the engine keeps of them counts as its memory. */
  build: (articles: readonly Article[]) => I
  /** Writes the index to `file`; returns its size in bytes. */
  save: (index: I, file: string) => Promise<number>
  /** Reads the index back from `file`, as a starting server would. */
  load: (file: string) => Promise<I>
  searchers: Searcher<I>[]
}

/** A read that found just the index's articles, for an engine built from articles that came from elsewhere. */
function readOf(index: NewsIndex): ReadResult {
  return {
    articles: index.articles(),
    skipped: [],
    duplicates: [],
    duplicateGroups: 0,
    sources: [],
    ignored: [],
    cp1252Files: [],
    bytes: 0,
  }
}

export function newsdexBenchEngine(read?: ReadResult, folder = ''): BenchEngine<NewsIndex> {
  return {
    name: 'newsdex',
    build: (articles) => buildIndex(articles),
    save: (index, file) => saveIndex(index, manifestFor(read ?? readOf(index), folder), file),
    load: (file) => loadIndex(file),
    searchers: [
      // Ranking only: what `match` returns before grouping, paging and snippets.
      {
        name: 'newsdex',
        run: (index, q) => match(index, q.text, { prefix: q.prefix }).paragraphs.length,
      },
      // What /search serves: page 1 of 10 articles, grouped, with snippets, facets, did-you-mean.
      {
        name: 'newsdex+snippets',
        run: (index, q) => search(index, { q: q.text, prefix: q.prefix }).results.length,
      },
    ],
  }
}

async function saveJson(value: unknown, file: string): Promise<number> {
  const text = JSON.stringify(value)
  await writeFile(file, text)
  return Buffer.byteLength(text)
}

export function miniSearchBenchEngine(): BenchEngine<MiniSearch<ParagraphDoc>> {
  return {
    name: 'minisearch',
    build(articles) {
      const index = new MiniSearch<ParagraphDoc>(MINISEARCH_DEFAULTS)
      index.addAll(paragraphDocs(articles))
      return index
    },
    save: saveJson,
    load: async (file) => MiniSearch.loadJSON(await readFile(file, 'utf8'), MINISEARCH_DEFAULTS),
    searchers: [
      { name: 'minisearch', run: (index, q) => index.search(q.plain, miniSearchOptions(q)).length },
    ],
  }
}

/**
 * lunr's query for free text: its own terms (see `lunrTerms`), every one optional as
 * `idx.search` makes them; `term*` (no pipeline, as lunr's parser does for wildcards) for
 * prefixes and `term~1` for typos, lunr's documented syntax for each.
 */
export function lunrSearch(index: lunr.Index, q: Pick<BenchQuery, 'plain' | 'prefix' | 'typo'>) {
  const terms = lunrTerms(q.plain)
  if (terms.length === 0) return []
  const clause: Partial<lunr.Query.Clause> = q.prefix
    ? { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false }
    : q.typo
      ? { editDistance: 1 }
      : {}
  return index.query((query) => query.term(terms, clause))
}

/** lunr with its default pipeline; with `positions`, the metadata a highlighter would need. */
export function lunrBenchEngine(positions = false): BenchEngine<lunr.Index> {
  const name = positions ? 'lunr+positions' : 'lunr'
  return {
    name,
    build(articles) {
      const docs = paragraphDocs(articles)
      return lunr(function () {
        this.ref('id')
        this.field('title')
        this.field('text')
        if (positions) this.metadataWhitelist = ['position']
        for (const doc of docs) this.add(doc)
      })
    },
    save: saveJson,
    load: async (file) => lunr.Index.load(JSON.parse(await readFile(file, 'utf8'))),
    searchers: [{ name, run: (index, q) => lunrSearch(index, q).length }],
  }
}

/** Every engine of the comparison, newsdex first. */
export function benchEngines(read?: ReadResult, folder?: string): BenchEngine[] {
  return [
    newsdexBenchEngine(read, folder),
    miniSearchBenchEngine(),
    lunrBenchEngine(false),
    lunrBenchEngine(true),
  ] as BenchEngine[]
}

// ---------------------------------------------------------------------------------------------
// Build

export function paragraphCount(articles: readonly Article[]): number {
  return articles.reduce((sum, article) => sum + article.paragraphs.length, 0)
}

/**
 * Builds from a fresh copy of the articles, so that what the index keeps of its input is
 * counted as its memory and nothing else is. A function of its own, so that the copy is
 * unreachable once it returns.
 */
function buildFresh<I>(engine: BenchEngine<I>, articles: readonly Article[]) {
  const input = structuredClone(articles) as Article[]
  const started = performance.now()
  const index = engine.build(input)
  return { index, ms: performance.now() - started }
}

export interface MeasuredBuild<I> {
  index: I
  ms: number
  /** Heap retained by the index: used heap after the build minus before, each after a full GC. */
  heapBytes: number
}

/** One build, timed, with the heap it retains (forced GC before and after). */
export function measureBuild<I>(
  engine: BenchEngine<I>,
  articles: readonly Article[],
): MeasuredBuild<I> {
  forceGc()
  const before = heapUsed()
  const { index, ms } = buildFresh(engine, articles)
  forceGc()
  const heapBytes = heapUsed() - before
  return { index, ms, heapBytes }
}

export interface BuildReport {
  engine: string
  paragraphs: number
  /** Every build's time, in order (the first runs on a cold JIT). */
  buildRunsMs: number[]
  buildMs: number
  paragraphsPerSecond: number
  heapBytes: number
  heapBytesPerParagraph: number
  diskBytes: number
  loadRunsMs: number[]
  loadMs: number
  /** Rebuilding from the articles in memory: the median build. */
  rebuildMs: number
  loadOverRebuild: number
}

export interface BuildOptions {
  /** Builds (and loads) per engine; the median is reported. */
  repetitions: number
  /** Where the saved indexes go. */
  dir: string
  onProgress?: (message: string) => void
}

/** One engine's measured build: its figures, the last built index (for querying), the saved file. */
export interface BuiltEngine {
  engine: BenchEngine
  report: BuildReport
  index: unknown
  file: string
}

/**
 * Builds every engine `repetitions` times, in turns (newsdex, MiniSearch, lunr…, then again), so
 * that a busy spell of the machine falls on all of them rather than on one; saves each last
 * build and loads it back `repetitions` times, in turns as well. Medians are reported; the last
 * build of each is kept for querying.
 */
export async function benchBuilds(
  engines: readonly BenchEngine[],
  articles: readonly Article[],
  options: BuildOptions,
): Promise<BuiltEngine[]> {
  const progress = options.onProgress ?? (() => {})
  const paragraphs = paragraphCount(articles)
  if (options.repetitions < 1) throw new Error('benchBuilds: repetitions must be at least 1')
  const state = engines.map((engine) => ({
    engine,
    index: undefined as unknown,
    builds: [] as { ms: number; heapBytes: number }[],
    loads: [] as number[],
    file: join(options.dir, `${engine.name}.index`),
    diskBytes: 0,
  }))
  for (let i = 0; i < options.repetitions; i++) {
    for (const entry of state) {
      progress(`build: ${entry.engine.name} ${i + 1}/${options.repetitions}…`)
      entry.index = undefined
      const run = measureBuild(entry.engine, articles)
      entry.index = run.index
      entry.builds.push({ ms: run.ms, heapBytes: run.heapBytes })
    }
  }
  for (const entry of state) {
    entry.diskBytes = await entry.engine.save(entry.index, entry.file)
    const onDisk = (await stat(entry.file)).size
    if (onDisk !== entry.diskBytes) {
      throw new Error(`${entry.engine.name}: saved ${entry.diskBytes} bytes, found ${onDisk}`)
    }
  }
  for (let i = 0; i < options.repetitions; i++) {
    for (const entry of state) {
      progress(`load: ${entry.engine.name} ${i + 1}/${options.repetitions}…`)
      forceGc()
      const started = performance.now()
      const loaded = await entry.engine.load(entry.file)
      entry.loads.push(performance.now() - started)
      if (loaded === undefined) throw new Error(`${entry.engine.name}: nothing loaded`)
    }
  }
  return state.map((entry) => {
    const buildRunsMs = entry.builds.map((run) => run.ms)
    const buildMs = median(buildRunsMs)
    const heapBytes = median(entry.builds.map((run) => run.heapBytes))
    const loadMs = median(entry.loads)
    return {
      engine: entry.engine,
      index: entry.index,
      file: entry.file,
      report: {
        engine: entry.engine.name,
        paragraphs,
        buildRunsMs,
        buildMs,
        paragraphsPerSecond: paragraphs / (buildMs / 1000),
        heapBytes,
        heapBytesPerParagraph: heapBytes / paragraphs,
        diskBytes: entry.diskBytes,
        loadRunsMs: entry.loads,
        loadMs,
        rebuildMs: buildMs,
        loadOverRebuild: loadMs / buildMs,
      },
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Queries

/** An engine whose index is saved at `file`, for the query workers (see query-timing.ts). */
export function savedEngine(engine: BenchEngine, file: string): SavedEngine {
  return { engine: engine.name, file, searchers: engine.searchers.map((searcher) => searcher.name) }
}

/** A searcher bound to its built index. */
export interface BoundSearcher {
  name: string
  run: (query: BenchQuery) => number
}

export function bind<I>(engine: BenchEngine<I>, index: I): BoundSearcher[] {
  return engine.searchers.map((searcher) => ({
    name: searcher.name,
    run: (query: BenchQuery) => searcher.run(index, query),
  }))
}

export type KindSummaries = Record<QueryKind | 'all', Summary>

/**
 * Per searcher: the latency summary of each kind of query, and of all together (µs); with
 * several rounds, each figure is the median of the rounds' figures.
 */
export function summarizeByKind(
  rounds: readonly Map<string, number[]>[],
  queries: readonly BenchQuery[],
): Record<string, KindSummaries> {
  const result: Record<string, KindSummaries> = {}
  for (const name of rounds[0]?.keys() ?? []) {
    const rows = rounds.map((times) => times.get(name) ?? [])
    const over = (keep: (i: number) => boolean) =>
      medianSummary(rows.map((row) => summarize(row.filter((_, i) => keep(i)))))
    const byKind = {} as KindSummaries
    for (const kind of QUERY_KINDS) byKind[kind] = over((i) => queries[i]?.kind === kind)
    byKind.all = over(() => true)
    result[name] = byKind
  }
  return result
}

// ---------------------------------------------------------------------------------------------
// Pathological queries

/** Once an engine's runs of one slow query add up to this, it is not run again. */
export const PATHOLOGICAL_BUDGET_MS = 1000

export interface PathologicalRun {
  /** Slowest run, ms. */
  maxMs: number
  medianMs: number
  runs: number
  error?: string
}

export interface PathologicalReport {
  name: string
  chars: number
  prefix: boolean
  searchers: Record<string, PathologicalRun>
}

/** Time each slow query on each searcher `repetitions` times (fewer once its runs pass 1 s). */
export function timePathological(
  searchers: readonly BoundSearcher[],
  queries: readonly PathologicalQuery[],
  repetitions: number,
): PathologicalReport[] {
  return queries.map((pathological) => {
    const query: BenchQuery = {
      kind: 'word',
      text: pathological.text,
      plain: pathological.text,
      prefix: pathological.prefix,
      typo: false,
    }
    const report: PathologicalReport = {
      name: pathological.name,
      chars: pathological.text.length,
      prefix: pathological.prefix,
      searchers: {},
    }
    for (const searcher of searchers) {
      const runs: number[] = []
      let error: string | undefined
      for (
        let i = 0;
        i < repetitions && runs.reduce((a, b) => a + b, 0) < PATHOLOGICAL_BUDGET_MS;
        i++
      ) {
        const started = performance.now()
        try {
          searcher.run(query)
        } catch (thrown) {
          error = (thrown as Error).message.split('\n')[0]
        }
        runs.push(performance.now() - started)
        if (error !== undefined) break
      }
      report.searchers[searcher.name] = {
        maxMs: Math.max(...runs),
        medianMs: median(runs),
        runs: runs.length,
        ...(error !== undefined && { error }),
      }
    }
    return report
  })
}

// ---------------------------------------------------------------------------------------------
// Scale

/**
 * The corpus `factor` times over: the originals, then copies whose article ids end in `~2`,
 * `~3`… Each copy is a new object (its strings are copied when the build takes a fresh clone),
 * so memory grows as a real corpus of that size would; the vocabulary does not.
 */
export function repeatCorpus(articles: readonly Article[], factor: number): Article[] {
  const all: Article[] = [...articles]
  for (let copy = 2; copy <= factor; copy++) {
    for (const article of articles) {
      all.push({
        ...article,
        id: `${article.id}~${copy}`,
        paragraphs: article.paragraphs.map((paragraph) => ({ ...paragraph })),
      })
    }
  }
  return all
}

export interface ScaleRow {
  engine: string
  buildMs: number
  heapBytesPerParagraph: number
  /** All kinds together, µs. */
  p50Us: number
  p99Us: number
}

export interface ScaleReport {
  factor: number
  paragraphs: number
  builds: number
  /** How many queries were timed. */
  queries: number
  rows: ScaleRow[]
}

export interface ScaleOptions {
  queries: readonly BenchQuery[]
  warmup: readonly BenchQuery[]
  /** Where the indexes are saved for the query workers to load. */
  dir: string
  onProgress?: (message: string) => void
}

/**
 * Build and query figures of `engines` on the corpus repeated `factor` times (one build each;
 * the queries timed as at ×1, each engine in a worker of its own).
 */
export async function benchScale(
  engines: readonly BenchEngine[],
  articles: readonly Article[],
  factor: number,
  options: ScaleOptions,
): Promise<ScaleReport> {
  const progress = options.onProgress ?? (() => {})
  const scaled = repeatCorpus(articles, factor)
  const paragraphs = paragraphCount(scaled)
  const built: { engine: BenchEngine; ms: number; heapBytes: number; file: string }[] = []
  for (const engine of engines) {
    progress(`scale ×${factor}: building ${engine.name} (${paragraphs} paragraphs)…`)
    const { index, ms, heapBytes } = measureBuild(engine, scaled)
    const file = join(options.dir, `${engine.name}-x${factor}.index`)
    await engine.save(index, file)
    built.push({ engine, ms, heapBytes, file })
  }
  progress(`scale ×${factor}: querying…`)
  const saved = built.map(({ engine, file }) => savedEngine(engine, file))
  const [times = new Map<string, number[]>()] = await timeQueriesApart(
    saved,
    options.queries,
    options.warmup,
  )
  const rows: ScaleRow[] = built.flatMap((build) =>
    build.engine.searchers.map((searcher) => {
      const summary = summarize(times.get(searcher.name) ?? [])
      return {
        engine: searcher.name,
        buildMs: build.ms,
        heapBytesPerParagraph: build.heapBytes / paragraphs,
        p50Us: summary.p50,
        p99Us: summary.p99,
      }
    }),
  )
  return { factor, paragraphs, builds: 1, queries: options.queries.length, rows }
}
