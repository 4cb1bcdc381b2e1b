// newsdex itself behind the measuring seam (engine.ts): built and saved as build-index does,
// ranked as /search ranks, and timed both as ranking alone and as /search serves a page.
import type { ReadResult } from '../articles/read.ts'
import { buildIndex } from '../index/build.ts'
import type { NewsIndex } from '../index/news-index.ts'
import { manifestFor } from '../index/source-manifest.ts'
import { loadIndex, saveIndex } from '../index/store.ts'
import { match } from '../search/match.ts'
import { search } from '../search/search.ts'
import type { Engine } from './engine.ts'

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

/** A read that found just the index's articles, for an index built from articles that came from elsewhere. */
function readOf(index: NewsIndex): ReadResult {
  return {
    articles: index.articles(),
    skipped: [],
    duplicates: [],
    duplicateGroups: 0,
    sources: [],
    ignored: [],
    cp1252Files: [],
    bytes: 0,
  }
}

/**
 * Ids of the best `k` articles for free text, paging through search's results, every article
 * on its own (CISI holds 7 near-copy pairs: folded, each hid a document from the ranking).
 */
function rank(index: NewsIndex, text: string, k: number): string[] {
  const q = newsdexSafe(text)
  return q === '' ? [] : rankedIds(index, q, k)
}

/**
 * Ids of the best `k` articles for `q`, paging through search's results (at most 50 a page)
 * until k are in hand or the results run out; near-copies are not folded into one result, so
 * that every judged document counts on its own. The evaluation through an engine reads the
 * same way (engine-eval.ts).
 */
export function rankedIds(index: NewsIndex, q: string, k: number): string[] {
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

/** newsdex; `read` and `folder` make the saved index's manifest (else one of its articles). */
export function newsdexEngine(read?: ReadResult, folder = ''): Engine<NewsIndex> {
  return {
    name: 'newsdex',
    build: (articles) => buildIndex(articles),
    save: (index, file) => saveIndex(index, manifestFor(read ?? readOf(index), folder), file),
    load: (file) => loadIndex(file),
    rank,
    searchers: [
      // Ranking only: what `match` returns before grouping, paging and snippets.
      {
        name: 'newsdex',
        run: (index, q) => match(index, q.text, { prefix: q.prefix }).paragraphs.length,
      },
      // What /search serves: page 1 of 10 articles, grouped, with snippets, facets, did-you-mean.
      {
        name: 'newsdex+snippets',
        run: (index, q) => search(index, { q: q.text, prefix: q.prefix }).results.length,
      },
    ],
  }
}
