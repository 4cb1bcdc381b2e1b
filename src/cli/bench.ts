// `newsdex bench`: build, memory, load and query figures of newsdex beside MiniSearch and lunr on
// the same paragraphs and the same seeded queries, the slow cases, larger scales, and the HTTP
// server under load; as markdown tables (and JSON with --json). The arguments and the printing:
// the run is measure/bench-run.ts, the rendering measure/report-markdown.ts.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { CLUSTER_SHARDS } from '../measure/bench-cluster.ts'
import { relatedMarkdown } from '../measure/bench-related.ts'
import { runBench } from '../measure/bench-run.ts'
import { scaleMarkdown } from '../measure/bench-scale.ts'
import {
  NoArticlesError,
  runClusterOnly,
  runRelatedOnly,
  runReutersOnly,
} from '../measure/bench-sections.ts'
import {
  BBC_CORPUS,
  type BenchSettings,
  BUNDLED_CORPUS,
  CLUSTER_PER_KIND,
  DEFAULT_HTTP_SECONDS,
  DEFAULT_REUTERS_SCALES,
  DEFAULT_SCALES,
  NEAR_COPY_REPETITIONS,
  PATHOLOGICAL_TARGET_MS,
  QUERY_ROUNDS,
  QUICK_PER_KIND,
} from '../measure/bench-settings.ts'
import { DEFAULT_PER_KIND, DEFAULT_SEED } from '../measure/queries.ts'
import { markdownReport } from '../measure/report-markdown.ts'
import { clusterMarkdown } from '../measure/report-markdown-cluster.ts'
import { type Command, EXIT, parseCommandArgs, UsageError } from './command.ts'

const help = `Usage: newsdex bench [--corpus DIR] [--scale 1,4,10] [--json FILE] [--http-seconds N]
                     [--soak SECONDS] [--quick] [--queries N] [--seed N]
                     [--reuters LIST|none] [--reuters-only] [--related-only] [--cluster-only]

Measures newsdex beside MiniSearch (default options) and lunr (default pipeline, and with
position metadata as a highlighter needs) on exactly the same paragraphs and queries:
  build         build time (median), paragraphs/s, heap kept per paragraph (forced GC either
                side), size on disk, load from disk against rebuilding from the articles
  queries       p50/p99 latency (µs) of a seeded query set drawn from the corpus: single words,
                two and three words, as-you-type prefixes, one-edit typos, two-word phrases;
                newsdex with and without snippets; each in a worker thread of its own,
                medians of ${QUERY_ROUNDS} rounds
  pathological  the slowest run of each slow query (target: under ${PATHOLOGICAL_TARGET_MS} ms)
  scale         the corpus repeated to larger sizes: build, heap, query p50/p99
  reuters       Reuters-21578 (../shared/corpora/reuters21578) copied ×1 and ×10 with changed
                titles: build, load, RSS and heap per paragraph, and /search p50/p99 per query kind
                (the 50 most frequent words alone and in pairs, prefixes, typos, phrases,
                exclusions, category:) and the ratio between sizes; skipped when it is absent
  related       the build with near-copy detection against the same build without it
                (medians of ${NEAR_COPY_REPETITIONS}), and the related articles of every article: p50/p99
  cluster       newsdex through a local Sphinx cluster of ${CLUSTER_SHARDS} shards (searchd started and
                stopped by the bench; skipped when searchd is missing) beside the embedded
                index: ingest (paragraphs/s), p50/p99 of /search's work per query kind
                (${CLUSTER_PER_KIND} queries a kind), and /search requests/s under load
  update        adding one article to the corpus (a copy of it) in watch mode and with
                --incremental, against a full rebuild of the folder
  http          the newsdex server under autocannon (50 connections): /search over the query
                set, /healthz, and a naive Express + MiniSearch server, one at a time
Prints markdown tables; the corpus, date and machine come first.

Options:
      --corpus DIR        Articles to measure on (README.TXT is left out). Default: the BBC
                          corpus at ${relative(process.cwd(), BBC_CORPUS) || BBC_CORPUS}
                          when present, else ${relative(process.cwd(), BUNDLED_CORPUS)}.
      --scale LIST        Repetition factors of the corpus (default ${DEFAULT_SCALES.join(',')}).
      --json FILE         Also write every figure as JSON.
      --http-seconds N    Load per HTTP target, whole seconds (default ${DEFAULT_HTTP_SECONDS}); 0 skips HTTP.
      --soak SECONDS      Also load /search this long and report the server's memory before
                          and after (default: no soak).
      --reuters LIST      Factors of the Reuters scale section (default ${DEFAULT_REUTERS_SCALES.join(',')}; none skips it;
                          --quick skips it unless given).
      --reuters-only      Run the Reuters scale section alone.
      --related-only      Run the near-copies and related-articles section alone.
      --cluster-only      Run the distributed-engine section alone.
      --queries N         Queries of each kind (default ${DEFAULT_PER_KIND}).
      --seed N            Seed of the query set (default ${DEFAULT_SEED}).
      --quick             Tiny run for smoke tests: scale 1, ${QUICK_PER_KIND} queries a kind, one build,
                          HTTP 1 s.

Numbers are noisy on a shared machine: compare within one run, not across runs.`

function positiveInteger(name: string, value: string, allowZero = false): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < (allowZero ? 0 : 1)) {
    throw new UsageError(
      `--${name} must be a ${allowZero ? 'whole number' : 'positive whole number'}, not ${value}`,
    )
  }
  return number
}

export function parseScales(value: string): number[] {
  const scales = value.split(',').map((part) => positiveInteger('scale', part.trim()))
  return [...new Set(scales)].sort((a, b) => a - b)
}

function settingsFrom(values: Record<string, string | boolean | undefined>): BenchSettings {
  const quick = values.quick === true
  const str = (name: string) => values[name] as string | undefined
  let corpus: string
  let corpusKind: BenchSettings['corpusKind']
  const given = str('corpus')
  const corpusDefaulted = given === undefined
  if (given !== undefined) {
    corpus = resolve(given)
    corpusKind = corpus === BBC_CORPUS ? 'bbc' : corpus === BUNDLED_CORPUS ? 'bundled' : 'custom'
  } else if (existsSync(BBC_CORPUS)) {
    corpus = BBC_CORPUS
    corpusKind = 'bbc'
  } else {
    corpus = BUNDLED_CORPUS
    corpusKind = 'bundled'
  }
  const scaleText = str('scale')
  const scales = scaleText !== undefined ? parseScales(scaleText) : quick ? [1] : DEFAULT_SCALES
  const perKindText = str('queries')
  const seedText = str('seed')
  const httpText = str('http-seconds')
  const soakText = str('soak')
  const reutersText = str('reuters')
  return {
    corpus,
    corpusKind,
    corpusDefaulted,
    scales,
    perKind:
      perKindText !== undefined
        ? positiveInteger('queries', perKindText)
        : quick
          ? QUICK_PER_KIND
          : DEFAULT_PER_KIND,
    seed: seedText !== undefined ? positiveInteger('seed', seedText, true) : DEFAULT_SEED,
    repetitions: quick ? 1 : 3,
    queryRounds: quick ? 1 : QUERY_ROUNDS,
    httpSeconds:
      httpText !== undefined
        ? positiveInteger('http-seconds', httpText, true)
        : quick
          ? 1
          : DEFAULT_HTTP_SECONDS,
    soakSeconds: soakText !== undefined ? positiveInteger('soak', soakText, true) : 0,
    quick,
    reuters:
      reutersText === 'none'
        ? []
        : reutersText !== undefined
          ? parseScales(reutersText)
          : quick
            ? []
            : DEFAULT_REUTERS_SCALES,
    reutersOnly: values['reuters-only'] === true,
    relatedOnly: values['related-only'] === true,
    clusterOnly: values['cluster-only'] === true,
  }
}

/** Writes `value` as JSON to `file`, making its folder. */
async function writeJson(file: string, value: unknown): Promise<string> {
  const path = resolve(file)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`)
  return path
}

export const command: Command = {
  name: 'bench',
  summary: 'Build, memory, query latency and HTTP throughput against MiniSearch and lunr',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      corpus: { type: 'string' },
      scale: { type: 'string' },
      json: { type: 'string' },
      'http-seconds': { type: 'string' },
      soak: { type: 'string' },
      queries: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean' },
      reuters: { type: 'string' },
      'reuters-only': { type: 'boolean' },
      'related-only': { type: 'boolean' },
      'cluster-only': { type: 'boolean' },
    })
    const settings = settingsFrom(values)
    const progress = (message: string) => io.err(message)
    let markdown: string
    let report: unknown
    try {
      if (settings.reutersOnly) {
        const section = await runReutersOnly(settings, progress)
        markdown = ['# newsdex bench: scale, Reuters-21578', '', ...scaleMarkdown(section)].join(
          '\n',
        )
        report = section
      } else if (!existsSync(settings.corpus)) {
        io.err(`bench: corpus folder not found: ${settings.corpus}`)
        return EXIT.failed
      } else if (settings.clusterOnly) {
        const section = await runClusterOnly(settings, progress)
        markdown = [
          `# newsdex bench: the distributed engine, ${settings.corpus}`,
          '',
          ...clusterMarkdown(section),
        ].join('\n')
        report = section
      } else if (settings.relatedOnly) {
        const section = await runRelatedOnly(settings, progress)
        markdown = [
          `# newsdex bench: near-copies and related articles, ${settings.corpus}`,
          '',
          ...relatedMarkdown(section),
        ].join('\n')
        report = section
      } else {
        const full = await runBench(settings, progress)
        markdown = markdownReport(full)
        report = full
      }
    } catch (error) {
      if (!(error instanceof NoArticlesError)) throw error
      io.err(`bench: ${error.message}`)
      return EXIT.failed
    }
    io.out(markdown)
    if (values.json !== undefined) io.err(`bench: wrote ${await writeJson(values.json, report)}`)
    return EXIT.ok
  },
}
