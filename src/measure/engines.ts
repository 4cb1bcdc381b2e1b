// The engines newsdex is measured against, each with its library's default options, behind one
// small interface so the evaluation treats them all alike.
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import type { CollectionDocument } from './collections.ts'

export interface Engine {
  name: string
  build(docs: readonly CollectionDocument[]): void | Promise<void>
  /** Ids of the best `k` documents for free-text `query`, best first. */
  search(query: string, k: number): string[]
}

/**
 * The terms lunr should look up for free text: lunr's own tokenizer (white space and hyphens),
 * then its trimmer — the first stage of the pipeline every indexed word went through — so that
 * `titles?` is looked up as `titles`. lunr's search pipeline (the stemmer) runs on each term at
 * query time. Terms are given to the query API, never to the query-string parser, so `+ - : ~ ^`
 * mean nothing and cannot throw; `*` still means a wildcard there, so it is removed first.
 */
export function lunrTerms(text: string): string[] {
  return lunr
    .tokenizer(text.replace(/\*/g, ' '))
    .map((token) => lunr.trimmer(token).toString())
    .filter((term) => term !== '')
}

/**
 * lunr with its defaults: the built-in pipeline (trimmer, stop words, Porter stemmer) and BM25;
 * every query term optional, as `idx.search` makes them, so documents holding any term match.
 */
export function lunrEngine(): Engine {
  let index: lunr.Index | undefined
  return {
    name: 'lunr',
    build(docs) {
      index = lunr(function () {
        this.ref('id')
        this.field('title')
        this.field('text')
        for (const doc of docs) this.add(doc)
      })
    },
    search(query, k) {
      if (index === undefined) throw new Error('lunr: search before build')
      const terms = lunrTerms(query)
      if (terms.length === 0) return []
      return index
        .query((q) => q.term(terms, {}))
        .slice(0, k)
        .map((result) => result.ref)
    },
  }
}

/** MiniSearch with its defaults: no stemming or stop words, BM25+, `OR` of the query's terms. */
export function miniSearchEngine(): Engine {
  let index: MiniSearch<CollectionDocument> | undefined
  return {
    name: 'minisearch',
    build(docs) {
      index = new MiniSearch<CollectionDocument>({ fields: ['title', 'text'] })
      index.addAll([...docs])
    },
    search(query, k) {
      if (index === undefined) throw new Error('minisearch: search before build')
      return index
        .search(query)
        .slice(0, k)
        .map((result) => String(result.id))
    },
  }
}
