// newsdex as a contender (contender.ts): a thin adapter over its engine seam. Built and saved as
// build-index does, held by the embedded engine as the server holds it, ranked through the seam
// as /search ranks (the same path as a Sphinx cluster's, `rankThroughEngine`), and timed both as
// ranking alone and as /search serves a page.
import { type ReadResult, readResultOf } from '../articles/read.ts'
import { EmbeddedEngine } from '../engine/embedded.ts'
import { type Engine, EngineUnavailableError } from '../engine/engine.ts'
import { buildIndex } from '../index/build.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { manifestFor } from '../index/source-manifest.ts'
import { loadIndex, saveIndex } from '../index/store.ts'
import { match } from '../search/match.ts'
import { search } from '../search/search.ts'
import type { Contender } from './contender.ts'

/** The largest page newsdex's search serves. */
const PAGE_SIZE = 50

/**
 * Free text made safe for newsdex's query language: its operators lose their meaning but the
 * words stay. Every `"` (phrase) and `:` (the end of a `word:` field prefix) becomes a space, so
 * `Design: methods` searches `Design methods`; then a `-` that starts a word (exclusion) goes —
 * in that order, so `title:-x` and `"a"-b` cannot leave an exclusion behind. Hyphens inside
 * words (`high-speed`) are left alone.
 */
export function newsdexSafe(text: string): string {
  return text
    .replace(/["“”:]/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Ids of the best `k` articles for `q`, paging through search's results (at most 50 a page)
 * until k are in hand or the results run out; near-copies are not folded into one result, so
 * that every judged document counts on its own (CISI holds 7 near-copy pairs: folded, each hid
 * a document from the ranking).
 */
function rankedIds(index: NewsIndex, q: string, k: number): string[] {
  const ids: string[] = []
  for (let page = 1; ids.length < k; page++) {
    const response = search(index, { q, size: PAGE_SIZE, page, collapse: false })
    for (const result of response.results) ids.push(result.article.id)
    if (response.results.length < PAGE_SIZE || page * PAGE_SIZE >= response.total.articles) {
      break
    }
  }
  return ids.slice(0, k)
}

/**
 * Ids of the best `k` articles for free text through any engine of the seam: the engine's view
 * for that depth (a distributed engine's best candidates for it, the embedded index whole), then
 * newsdex's ranking on it, as /search does. Refuses a view with shards missing: a figure from part
 * of the collection would be wrong.
 */
export async function rankThroughEngine(
  engine: Engine,
  text: string,
  k: number,
): Promise<string[]> {
  const q = newsdexSafe(text)
  if (q === '') return []
  const { index, missing } = await engine.view({ q, depth: k })
  if (missing.length > 0) {
    throw new EngineUnavailableError(
      `shards did not answer (${missing.join(', ')}): no figure from part of the collection`,
    )
  }
  return rankedIds(index, q, k)
}

/**
 * newsdex on the embedded engine; `read` and `folder` make the saved index's manifest (else one
 * of its articles). The timed searchers read the engine's current index, which is what its view
 * resolves to, synchronously: no promise sits inside the microseconds each query is timed at.
 */
export function newsdexContender(read?: ReadResult, folder = ''): Contender<EmbeddedEngine> {
  return {
    name: 'newsdex',
    build: (articles) => new EmbeddedEngine(buildIndex(articles)),
    save: (engine, file) =>
      saveIndex(
        engine.current,
        manifestFor(read ?? readResultOf(engine.current.articles()), folder),
        file,
      ),
    load: async (file) => new EmbeddedEngine(await loadIndex(file)),
    rank: (engine, text, k) => rankThroughEngine(engine, text, k),
    searchers: [
      // Ranking only: what `match` returns before grouping, paging and snippets.
      {
        name: 'newsdex',
        run: (engine, q) => match(engine.current, q.text, { prefix: q.prefix }).paragraphs.length,
      },
      // What /search serves: page 1 of 10 articles, grouped, with snippets, facets, did-you-mean.
      {
        name: 'newsdex+snippets',
        run: (engine, q) => search(engine.current, { q: q.text, prefix: q.prefix }).results.length,
      },
    ],
  }
}
