// The bench's scale section on the measured corpus: the corpus repeated to larger sizes, each
// contender built once at each size, and the same queries timed as at ×1.
import { join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { type BuildReport, measureBuild } from './bench-build.ts'
import { type Contender, paragraphCount, savedContender } from './contender.ts'
import type { BenchQuery } from './queries.ts'
import { timeQueriesApart } from './query-timing.ts'
import { medianSummary, summarize } from './stats.ts'

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
  /** The searcher's name (the key keeps the bench's JSON readable by bench:docs). */
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
 * Build and query figures of `contenders` on the corpus repeated `factor` times (one build each;
 * the queries timed as at ×1, each contender in a worker of its own).
 */
export async function benchScale(
  contenders: readonly Contender[],
  articles: readonly Article[],
  factor: number,
  options: ScaleOptions,
): Promise<ScaleReport> {
  const progress = options.onProgress ?? (() => {})
  const scaled = repeatCorpus(articles, factor)
  const paragraphs = paragraphCount(scaled)
  const built: { contender: Contender; ms: number; heapBytes: number; file: string }[] = []
  for (const contender of contenders) {
    progress(`scale ×${factor}: building ${contender.name} (${paragraphs} paragraphs)…`)
    const { index, ms, heapBytes } = measureBuild(contender, scaled)
    const file = join(options.dir, `${contender.name}-x${factor}.index`)
    await contender.save(index, file)
    built.push({ contender, ms, heapBytes, file })
  }
  progress(`scale ×${factor}: querying…`)
  const saved = built.map(({ contender, file }) => savedContender(contender, file))
  const [times = new Map<string, number[]>()] = await timeQueriesApart(
    saved,
    options.queries,
    options.warmup,
  )
  const rows: ScaleRow[] = built.flatMap((build) =>
    build.contender.searchers.map((searcher) => {
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

export interface MeasuredScale {
  /** The contenders of the scale table. */
  contenders: readonly Contender[]
  /** Their builds at ×1. */
  build: readonly BuildReport[]
  /** Each round's times of every query, per searcher (µs). */
  rounds: readonly Map<string, number[]>[]
  /** Which of those queries are in the scale table's set. */
  kept: readonly boolean[]
  paragraphs: number
  builds: number
}

/** The ×1 row of the scale table, from the builds and query rounds already measured at ×1. */
export function scaleFromRounds(measured: MeasuredScale): ScaleReport {
  // Searcher → the contender whose build it queries.
  const owners = new Map(
    measured.contenders.flatMap((contender) =>
      contender.searchers.map((s) => [s.name, contender.name]),
    ),
  )
  const rows = [...(measured.rounds[0]?.keys() ?? [])].flatMap((name): ScaleRow[] => {
    const contender = owners.get(name)
    if (contender === undefined) return []
    const owner = measured.build.find((b) => b.engine === contender)
    const summary = medianSummary(
      measured.rounds.map((times) =>
        summarize((times.get(name) ?? []).filter((_, i) => measured.kept[i])),
      ),
    )
    return [
      {
        engine: name,
        buildMs: owner?.buildMs ?? Number.NaN,
        heapBytesPerParagraph: owner?.heapBytesPerParagraph ?? Number.NaN,
        p50Us: summary.p50,
        p99Us: summary.p99,
      },
    ]
  })
  return {
    factor: 1,
    paragraphs: measured.paragraphs,
    builds: measured.builds,
    queries: measured.kept.filter(Boolean).length,
    rows,
  }
}
