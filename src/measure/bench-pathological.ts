// The bench's slow cases: queries built to be slow (very long, many prefixes, operator soup,
// emoji), each run a few times on every searcher in the main thread, the slowest run reported.
import type { BoundSearcher } from './contender.ts'
import type { PathologicalQuery } from './pathological-queries.ts'
import type { BenchQuery } from './queries.ts'
import { median } from './stats.ts'

/** Once a searcher's runs of one slow query add up to this, it is not run again. */
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
