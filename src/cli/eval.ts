// `newsdex eval`: ranking quality of newsdex, lunr and MiniSearch side by side on relevance test
// collections, as markdown tables (and JSON with --json).
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { loadCollection } from '../measure/collections.ts'
import { evalContenders } from '../measure/contenders.ts'
import {
  type CollectionResult,
  DEFAULT_DEPTH,
  type Evaluated,
  evaluateCollection,
} from '../measure/eval.ts'
import { METRICS, type Metrics } from '../measure/metrics.ts'
import { type RelatedCorpus, relatedCorpora, runRelated } from '../measure/related-eval.ts'
import {
  type Command,
  EXIT,
  type Io,
  parseCommandArgs,
  UsageError,
  wholeNumber,
} from './command.ts'
import { openEngineFlag } from './engine-build.ts'

/** The read-only collections, beside the repository: `<repo>/../shared/relevance`. */
export const RELEVANCE_DIR = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'relevance')

/** Collections known by name, as folders of RELEVANCE_DIR. */
const NAMED = ['cisi', 'cran'] as const

const help = `Usage: newsdex eval [--collection cisi|cran|DIR]... [--json FILE] [--depth N]

Measures ranking quality on relevance test collections: newsdex, lunr and MiniSearch (each
library with its default options) build an index of the collection's documents and answer its
queries; their rankings are scored against the human judgments with trec_eval's definitions.
Prints a markdown table per collection: rows engines, columns MAP, nDCG@10, P@10, Recall@100, MRR.

Options:
  -c, --collection NAME|DIR  cisi or cran (from ${RELEVANCE_DIR}), or a folder
                             holding CISI.ALL, CISI.QRY, CISI.REL or cran.all.1400, cran.qry,
                             cranqrel. Repeat for several; default: cisi and cran.
                             To use a folder named cisi or cran, write it as ./cisi.
      --json FILE            Also write the figures as JSON: an array with one object per
                             collection {collection, documents, queries, engines: {name: metrics}}.
      --engine URL           Also measure newsdex through that engine (sphinx://HOST:PORT/NAME,
                             see npm run cluster): each collection is indexed into it,
                             replacing what it holds.
      --depth N              Results asked of every engine per query (default ${DEFAULT_DEPTH}).
                             MAP counts only what was retrieved, so it depends on the depth.
      --related NAME         Related articles on bbc (agreement of categories) or reuters
                             (agreement of topics), from ../shared/corpora; repeat for both,
                             or none. Default: each that is present, unless
                             --collection is given.

Only queries with at least one relevant judgment are scored (CISI: 76 of 112). Cranfield queries
are numbered by position, and its grades 1..4 give nDCG gains 4..1; CISI judgments are binary.`

interface Source {
  name: string
  dir: string
}

/** Where each requested collection lives; throws a message for one that is not there. */
function resolveSources(requested: string[] | undefined, io: Io): Source[] {
  if (requested === undefined || requested.length === 0) {
    const present = NAMED.filter((name) => existsSync(join(RELEVANCE_DIR, name)))
    if (present.length === 0) {
      throw new Error(
        `no relevance collections: ${RELEVANCE_DIR} holds neither cisi/ nor cran/. ` +
          'Pass --collection DIR for a folder holding one.',
      )
    }
    for (const name of NAMED) {
      if (!present.includes(name)) io.err(`eval: ${name} not found in ${RELEVANCE_DIR}; skipped`)
    }
    return present.map((name) => ({ name, dir: join(RELEVANCE_DIR, name) }))
  }
  return requested.map((spec) => {
    if ((NAMED as readonly string[]).includes(spec)) {
      const dir = join(RELEVANCE_DIR, spec)
      if (!existsSync(dir)) throw new Error(`collection ${spec} not found: no ${dir}`)
      return { name: spec, dir }
    }
    const dir = resolve(spec)
    if (!existsSync(dir)) throw new Error(`collection folder not found: ${dir}`)
    return { name: basename(dir), dir }
  })
}

function parseDepth(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEPTH
  return wholeNumber(value, '--depth')
}

function format(value: number): string {
  return value.toFixed(3)
}

/** One collection's figures as a markdown table. */
export function markdownTable(result: CollectionResult): string {
  const header = ['Engine', ...METRICS.map((m) => m.label)]
  const lines = [
    `## ${result.collection}: ${result.documents} documents, ${result.queries} queries`,
    '',
    `| ${header.join(' | ')} |`,
    `|${['---', ...METRICS.map(() => '---:')].join('|')}|`,
    ...result.engines.map(
      (engine) =>
        `| ${[engine.name, ...METRICS.map((m) => format(engine.metrics[m.key]))].join(' | ')} |`,
    ),
  ]
  return lines.join('\n')
}

/** The JSON report's entry for one collection. */
export function jsonReport(result: CollectionResult): {
  collection: string
  documents: number
  queries: number
  engines: Record<string, Metrics>
} {
  return {
    collection: result.collection,
    documents: result.documents,
    queries: result.queries,
    engines: Object.fromEntries(result.engines.map((engine) => [engine.name, engine.metrics])),
  }
}

export const command: Command = {
  name: 'eval',
  summary: 'Ranking quality (MAP, nDCG@10, P@10, Recall@100, MRR) against lunr and MiniSearch',
  help,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      collection: { type: 'string', short: 'c', multiple: true },
      json: { type: 'string' },
      depth: { type: 'string' },
      related: { type: 'string', multiple: true },
      engine: { type: 'string' },
    })
    const depth = parseDepth(values.depth)
    let sources: Source[]
    try {
      sources = resolveSources(values.collection, io)
    } catch (error) {
      io.err(`eval: ${(error as Error).message}`)
      return EXIT.failed
    }
    let related: RelatedCorpus[]
    try {
      related = relatedCorpora(values.related, values.collection !== undefined)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const evaluated: Evaluated[] = evalContenders()
    let engine: Awaited<ReturnType<typeof openEngineFlag>> | undefined
    if (values.engine !== undefined) {
      // A figure from a shard left out would be wrong: wait for slow shards as writes do.
      engine = await openEngineFlag(values.engine, io, 'eval', { queryTimeoutMs: 30_000 })
      if (typeof engine === 'number') return engine
      evaluated.splice(1, 0, engine)
    }
    try {
      return await evaluate()
    } finally {
      if (typeof engine === 'object') await engine.close()
    }

    async function evaluate(): Promise<number> {
      const results: CollectionResult[] = []
      for (const [i, source] of sources.entries()) {
        let collection: ReturnType<typeof loadCollection>
        try {
          collection = loadCollection(source.dir, source.name)
        } catch (error) {
          io.err(`eval: ${(error as Error).message}`)
          return EXIT.failed
        }
        const result = await evaluateCollection(collection, evaluated, {
          depth,
          onProgress: (message) => io.err(message),
        })
        results.push(result)
        if (i > 0) io.out('')
        io.out(markdownTable(result))
      }
      io.out('')
      io.out(
        `Depth ${depth} per engine; trec_eval definitions; only queries with a relevant judgment.`,
      )
      const relatedResults = []
      for (const corpus of related) {
        const result = await runRelated(corpus, (message) => io.err(message))
        relatedResults.push(result)
        io.out('')
        io.out(result.table)
      }
      if (values.json !== undefined) {
        const file = resolve(values.json)
        await mkdir(dirname(file), { recursive: true })
        const report = [
          ...results.map(jsonReport),
          ...relatedResults.map(({ table: _, ...figures }) => figures),
        ]
        await writeFile(file, `${JSON.stringify(report, null, 2)}\n`)
        io.err(`eval: wrote ${file}`)
      }
      return EXIT.ok
    }
  },
}
