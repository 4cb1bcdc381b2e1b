// The bench's build section: every contender built from the same articles, in turns, timed, with
// the heap each index keeps; saved, its size on disk, and loaded back as a starting server would.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { type Contender, paragraphCount } from './contender.ts'
import { forceGc, heapUsed } from './memory.ts'
import { median } from './stats.ts'

/**
 * Builds from a fresh copy of the articles, so that what the index keeps of its input is
 * counted as its memory and nothing else is. A function of its own, so that the copy is
 * unreachable once it returns.
 */
function buildFresh<I>(contender: Contender<I>, articles: readonly Article[]) {
  const input = structuredClone(articles) as Article[]
  const started = performance.now()
  const index = contender.build(input)
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
  contender: Contender<I>,
  articles: readonly Article[],
): MeasuredBuild<I> {
  forceGc()
  const before = heapUsed()
  const { index, ms } = buildFresh(contender, articles)
  forceGc()
  const heapBytes = heapUsed() - before
  return { index, ms, heapBytes }
}

export interface BuildReport {
  /** The contender's name (the key keeps the bench's JSON readable by bench:docs). */
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
  /** Builds (and loads) per contender; the median is reported. */
  repetitions: number
  /** Where the saved indexes go. */
  dir: string
  onProgress?: (message: string) => void
}

/** One contender's measured build: its figures, the last built index (for querying), the saved file. */
export interface BuiltContender {
  contender: Contender
  report: BuildReport
  index: unknown
  file: string
}

/**
 * Builds every contender `repetitions` times, in turns (newsdex, MiniSearch, lunr…, then again), so
 * that a busy spell of the machine falls on all of them rather than on one; saves each last
 * build and loads it back `repetitions` times, in turns as well. Medians are reported; the last
 * build of each is kept for querying.
 */
export async function benchBuilds(
  contenders: readonly Contender[],
  articles: readonly Article[],
  options: BuildOptions,
): Promise<BuiltContender[]> {
  const progress = options.onProgress ?? (() => {})
  const paragraphs = paragraphCount(articles)
  if (options.repetitions < 1) throw new Error('benchBuilds: repetitions must be at least 1')
  const state = contenders.map((contender) => ({
    contender,
    index: undefined as unknown,
    builds: [] as { ms: number; heapBytes: number }[],
    loads: [] as number[],
    file: join(options.dir, `${contender.name}.index`),
    diskBytes: 0,
  }))
  for (let i = 0; i < options.repetitions; i++) {
    for (const entry of state) {
      progress(`build: ${entry.contender.name} ${i + 1}/${options.repetitions}…`)
      entry.index = undefined
      const run = measureBuild(entry.contender, articles)
      entry.index = run.index
      entry.builds.push({ ms: run.ms, heapBytes: run.heapBytes })
    }
  }
  for (const entry of state) {
    entry.diskBytes = await entry.contender.save(entry.index, entry.file)
    const onDisk = (await stat(entry.file)).size
    if (onDisk !== entry.diskBytes) {
      throw new Error(`${entry.contender.name}: saved ${entry.diskBytes} bytes, found ${onDisk}`)
    }
  }
  for (let i = 0; i < options.repetitions; i++) {
    for (const entry of state) {
      progress(`load: ${entry.contender.name} ${i + 1}/${options.repetitions}…`)
      forceGc()
      const started = performance.now()
      const loaded = await entry.contender.load(entry.file)
      entry.loads.push(performance.now() - started)
      if (loaded === undefined) throw new Error(`${entry.contender.name}: nothing loaded`)
    }
  }
  return state.map((entry) => {
    const buildRunsMs = entry.builds.map((run) => run.ms)
    const buildMs = median(buildRunsMs)
    const heapBytes = median(entry.builds.map((run) => run.heapBytes))
    const loadMs = median(entry.loads)
    return {
      contender: entry.contender,
      index: entry.index,
      file: entry.file,
      report: {
        engine: entry.contender.name,
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
