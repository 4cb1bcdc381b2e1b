// newsdex through an engine (--engine URL) as an evaluation engine: the collection is written
// into the engine, replacing what it held, and each query runs on the engine's view of it for
// the depth the evaluation reads (a distributed engine's best candidates for that depth).
import { EngineUnavailableError, type Engine as SearchEngine } from '../engine/engine.ts'
import type { RemoteEngine } from './eval.ts'
import { newsdexSafe, rankedIds } from './newsdex-engine.ts'

/** An evaluation engine over `engine`, named after its kind (`newsdex (sphinx)`). */
export function engineUnderTest(engine: SearchEngine): RemoteEngine {
  return {
    name: `newsdex (${engine.kind})`,
    replace: (articles) => engine.replaceAll(articles),
    async rank(query, k) {
      const q = newsdexSafe(query)
      if (q === '') return []
      const { index, missing } = await engine.view({ q, depth: k })
      if (missing.length > 0) {
        throw new EngineUnavailableError(
          `shards did not answer (${missing.join(', ')}): no figure from part of the collection`,
        )
      }
      return rankedIds(index, q, k)
    },
  }
}
