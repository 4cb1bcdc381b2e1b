// newsdex through an engine (--engine URL) as an evaluation engine: the collection is written
// into the engine, replacing what it held, and each query runs on the engine's view of it for
// the depth the evaluation reads (a distributed engine's best candidates for that depth).
import { EngineUnavailableError, type Engine as SearchEngine } from '../engine/engine.ts'
import { search } from '../search/search.ts'
import type { RemoteEngine } from './eval.ts'
import { newsdexSafe } from './newsdex-engine.ts'

const PAGE_SIZE = 50

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
      const ids: string[] = []
      for (let page = 1; ids.length < k; page++) {
        // Every judged document counts on its own, as for the embedded index (newsdex-engine.ts).
        const response = search(index, { q, size: PAGE_SIZE, page, collapse: false })
        for (const result of response.results) ids.push(result.article.id)
        if (response.results.length < PAGE_SIZE || page * PAGE_SIZE >= response.total.articles) {
          break
        }
      }
      return ids.slice(0, k)
    },
  }
}
