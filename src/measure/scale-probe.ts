// A child process of the scale section (see bench-scale.ts): one job in a fresh process, so its
// time, peak RSS and heap are its own. `build FOLDER INDEX`: a full build of a folder, as
// `build-index` does. `query INDEX QUERIES ROUNDS`: loads the index as a starting server does (ready to search),
// then times `search` as `/search` calls it over a query set (JSON), round after round (each
// query's sort and date range as `scaleRequest` gives them), after the warm-up a server runs
// between its first requests (search/warm-up.ts), or without it with a fourth argument `cold`.
// `swap INDEX`: serves the index and swaps in another build of it (swap-probe.ts).
// `alternate QUERIES ROUNDS INDEX…`: loads and warms every index, then times the query set on
// each in turn, round after round, so that the machine's drift over the minutes of a run falls
// on every size alike (measured apart, minutes apart, two sizes' p99 moved by half between runs).
// Prints one line of JSON.
import { readFile } from 'node:fs/promises'
import { buildFolder } from '../index/build-folder.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { loadIndex } from '../index/store.ts'
import { prepareForSearch } from '../search/prepare.ts'
import { search } from '../search/search.ts'
import { warmUp } from '../search/warm-up.ts'
import { forceGc } from './memory.ts'
import { type ScaleQuery, scaleRequest } from './scale-queries.ts'
import { probeSwap } from './swap-probe.ts'

/** What a build job reports. */
export interface BuildProbe {
  ms: number
  articles: number
  paragraphs: number
  indexBytes: number
  peakRssBytes: number
}

/** What a query job reports. */
export interface QueryProbe {
  loadMs: number
  rssBytes: number
  heapBytes: number
  peakRssBytes: number
  /** The warm-up's time, and the heap and RSS after it (as the load's); 0 for a cold run. */
  warmMs: number
  warmHeapBytes: number
  warmRssBytes: number
  /** Per round, each query's time in µs, in the query set's order. */
  rounds: number[][]
}

async function build(folder: string, index: string): Promise<BuildProbe> {
  const started = performance.now()
  const summary = await buildFolder({ articles: folder, index })
  return {
    ms: performance.now() - started,
    articles: summary.articles,
    paragraphs: summary.paragraphs,
    indexBytes: summary.indexBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
}

async function query(
  file: string,
  queriesFile: string,
  rounds: number,
  cold: boolean,
): Promise<QueryProbe> {
  const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as ScaleQuery[]
  forceGc()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  // Ready as a starting server is: loaded, and what searches derive made.
  const index = await loadIndex(file)
  prepareForSearch(index)
  const loadMs = performance.now() - started
  forceGc()
  const { heapUsed, rss } = process.memoryUsage()
  const warm = cold ? undefined : await warmUp(index)
  forceGc()
  const warmed = process.memoryUsage()
  // A warm-up pass, so the first round does not pay for compiling the search code.
  for (const q of queries.slice(0, 20)) search(index, scaleRequest(q))
  const times: number[][] = []
  for (let round = 0; round < rounds; round++) times.push(timeRound(index, queries))
  return {
    loadMs,
    rssBytes: rss,
    heapBytes: heapUsed - heapBefore,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    warmMs: warm?.ms ?? 0,
    warmHeapBytes: warm === undefined ? 0 : warmed.heapUsed - heapBefore,
    warmRssBytes: warm === undefined ? 0 : warmed.rss,
    rounds: times,
  }
}

/** Each query's time in µs, in the query set's order, as `/search` runs it. */
function timeRound(index: NewsIndex, queries: readonly ScaleQuery[]): number[] {
  let sink = 0
  const times = queries.map((q) => {
    const at = process.hrtime.bigint()
    sink += search(index, scaleRequest(q)).results.length
    return Number(process.hrtime.bigint() - at) / 1000
  })
  if (sink < 0) throw new Error('unreachable')
  return times
}

/** What an alternating job reports: per index, per round, each query's time in µs. */
export interface AlternatingProbe {
  rounds: number[][][]
}

async function alternate(
  queriesFile: string,
  rounds: number,
  files: readonly string[],
): Promise<AlternatingProbe> {
  const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as ScaleQuery[]
  const indexes: NewsIndex[] = []
  for (const file of files) {
    const index = await loadIndex(file)
    prepareForSearch(index)
    await warmUp(index)
    // The first round of each, as `query` runs it: what it makes is kept for the rounds.
    timeRound(index, queries)
    indexes.push(index)
  }
  const times: number[][][] = indexes.map(() => [])
  for (let round = 0; round < rounds; round++) {
    // Each round in the other order, so that neither size always follows the other.
    const order = indexes.map((_, i) => (round % 2 === 0 ? i : indexes.length - 1 - i))
    for (const i of order) times[i]?.push(timeRound(indexes[i] as NewsIndex, queries))
  }
  return { rounds: times }
}

const [mode, first = '', second = '', third = '1', fourth] = process.argv.slice(2)
const result =
  mode === 'build'
    ? await build(first, second)
    : mode === 'alternate'
      ? await alternate(first, Number(second), process.argv.slice(5))
      : mode === 'swap'
        ? await probeSwap(first)
        : await query(first, second, Number(third), fourth === 'cold')
process.stdout.write(`${JSON.stringify(result)}\n`)
