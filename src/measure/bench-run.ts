// A whole bench run: reads the corpus, then measures every section in order, each contender on the
// same paragraphs and queries, in a scratch folder removed after.
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import type MiniSearch from 'minisearch'
import type { Article } from '../articles/types.ts'
import type { BaselineDoc } from './baselines.ts'
import { benchBuilds } from './bench-build.ts'
import type { SoakReport } from './bench-http.ts'
import { timePathological } from './bench-pathological.ts'
import { summarizeByKind } from './bench-queries.ts'
import { benchRelated } from './bench-related.ts'
import { benchScale, type ScaleReport, scaleFromRounds } from './bench-repeat.ts'
import type { BenchReport } from './bench-report.ts'
import {
  clusterSection,
  loadCorpus,
  type Progress,
  relatedOptions,
  reutersSection,
  stamped,
} from './bench-sections.ts'
import {
  type BenchSettings,
  EXCLUDE,
  PATHOLOGICAL_RUNS,
  PATHOLOGICAL_TARGET_MS,
  SCALE_CONTENDERS,
  SCALE_PER_KIND,
  UPDATE_REPETITIONS,
} from './bench-settings.ts'
import { benchUpdate } from './bench-update.ts'
import { type BoundSearcher, bind, paragraphCount, savedContender } from './contender.ts'
import { benchContenders } from './contenders.ts'
import { pathologicalQueries } from './pathological-queries.ts'
import { firstOfEachKind, generateQueries, QUERY_KINDS } from './queries.ts'
import { timeQueriesApart } from './query-timing.ts'
import { ratio } from './stats.ts'

/** Runs the whole bench; `onProgress` hears what it is doing. */
export async function runBench(
  settings: BenchSettings,
  onProgress: Progress,
): Promise<BenchReport> {
  const loadAtStart = loadavg()[0] ?? Number.NaN
  const progress = stamped(onProgress)
  const { read, readMs } = await loadCorpus(settings, onProgress)
  const articles: Article[] = read.articles
  const texts = articles.flatMap((article) => article.paragraphs.map((p) => p.text))
  const queries = generateQueries(texts, { seed: settings.seed, perKind: settings.perKind })
  const warmup = generateQueries(texts, {
    seed: settings.seed + 1,
    perKind: Math.max(5, Math.round(settings.perKind / 4)),
  })
  const counts: Record<string, number> = {}
  for (const query of queries) counts[query.kind] = (counts[query.kind] ?? 0) + 1

  const dir = await mkdtemp(join(tmpdir(), 'newsdex-bench-'))
  try {
    // Build: every contender, its figures, and the built index kept for the queries.
    const contenders = benchContenders(read, settings.corpus)
    const built = await benchBuilds(contenders, articles, {
      repetitions: settings.repetitions,
      dir,
      onProgress: progress,
    })
    const build = built.map((entry) => entry.report)
    const searchers: BoundSearcher[] = built.flatMap((entry) => bind(entry.contender, entry.index))
    const newsdexFile = built.find((entry) => entry.contender.name === 'newsdex')?.file ?? ''
    const saved = built.map(({ contender, file }) => savedContender(contender, file))
    let naiveIndex = built.find((entry) => entry.contender.name === 'minisearch')?.index as
      | MiniSearch<BaselineDoc>
      | undefined
    built.length = 0

    progress(`queries: ${queries.length} on ${searchers.length} searchers…`)
    const rounds = await timeQueriesApart(saved, queries, warmup, settings.queryRounds)
    const bySearcher = summarizeByKind(rounds, queries)
    const snippetsRatio: Record<string, number> = {}
    for (const kind of [...QUERY_KINDS, 'all'] as const) {
      snippetsRatio[kind] = ratio(
        bySearcher['newsdex+snippets']?.[kind].p99 ?? Number.NaN,
        bySearcher.minisearch?.[kind].p99 ?? Number.NaN,
      )
    }

    progress('pathological queries…')
    const pathological = timePathological(
      searchers,
      pathologicalQueries(texts, settings.seed),
      settings.quick ? 1 : PATHOLOGICAL_RUNS,
    )

    // Scale ×1 is the figures above (on the smaller query set); larger factors build afresh.
    const scaleContenders = contenders.filter((contender) =>
      SCALE_CONTENDERS.includes(contender.name),
    )
    const scalePerKind = Math.min(settings.perKind, SCALE_PER_KIND)
    const scaleQueries = firstOfEachKind(queries, scalePerKind)
    const scaleWarmup = firstOfEachKind(warmup, Math.ceil(scalePerKind / 4))
    const inScaleSet = queries.map((query) => scaleQueries.includes(query))
    searchers.length = 0
    const scale: ScaleReport[] = []
    for (const factor of settings.scales) {
      if (factor === 1) {
        scale.push(
          scaleFromRounds({
            contenders: scaleContenders,
            build,
            rounds,
            kept: inScaleSet,
            paragraphs: paragraphCount(articles),
            builds: settings.repetitions,
          }),
        )
      } else {
        scale.push(
          await benchScale(scaleContenders, articles, factor, {
            queries: scaleQueries,
            warmup: scaleWarmup,
            dir,
            onProgress: progress,
          }),
        )
      }
    }

    const reuters = await reutersSection(settings, dir, progress)
    const related = benchRelated(articles, relatedOptions(settings, progress))
    const cluster = await clusterSection(settings, articles, queries, dir, progress)
    const update = await benchUpdate({
      corpus: settings.corpus,
      exclude: EXCLUDE,
      articles,
      dir,
      repetitions: settings.quick ? 1 : UPDATE_REPETITIONS,
      onProgress: progress,
    })

    let http: BenchReport['http'] = { skipped: '--http-seconds 0' }
    let soak: SoakReport | null = null
    if (settings.httpSeconds > 0) {
      try {
        const { benchHttp } = await import('./bench-http.ts')
        const result = await benchHttp({
          indexPath: newsdexFile,
          articles,
          ...(naiveIndex !== undefined && { naiveIndex }),
          queries,
          seconds: settings.httpSeconds,
          warmupRequests: settings.quick ? 0 : 500,
          soakSeconds: settings.soakSeconds,
          onProgress: progress,
        })
        http = result.http
        soak = result.soak ?? null
        naiveIndex = undefined
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0] ?? 'unknown error'
        onProgress(`bench: http not measured: ${reason}`)
        http = { skipped: reason }
      }
    }

    const cpu = cpus()
    return {
      date: new Date().toISOString(),
      machine: {
        cores: cpu.length,
        cpu: cpu[0]?.model.trim() ?? 'unknown',
        totalMemoryBytes: totalmem(),
        freeMemoryBytes: freemem(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
      },
      corpus: {
        path: settings.corpus,
        kind: settings.corpusKind,
        defaulted: settings.corpusDefaulted,
        articles: articles.length,
        paragraphs: paragraphCount(articles),
        bytes: read.bytes,
        readMs,
      },
      settings: {
        scales: settings.scales,
        perKind: settings.perKind,
        seed: settings.seed,
        repetitions: settings.repetitions,
        queryRounds: settings.queryRounds,
        httpSeconds: settings.httpSeconds,
        soakSeconds: settings.soakSeconds,
        quick: settings.quick,
        reuters: settings.reuters,
        reutersOnly: settings.reutersOnly,
        relatedOnly: settings.relatedOnly,
        clusterOnly: settings.clusterOnly,
      },
      build,
      queries: {
        counts,
        warmup: warmup.length,
        searchers: bySearcher,
        snippetsP99OverMiniSearchP99: snippetsRatio,
      },
      pathological: { targetMs: PATHOLOGICAL_TARGET_MS, queries: pathological },
      scale,
      reuters,
      related,
      cluster,
      update,
      http,
      soak,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
