// The baselines newsdex is measured against: lunr and MiniSearch, each with its documented
// default options, as contenders (contender.ts) that index one document per paragraph.
import { readFile, writeFile } from 'node:fs/promises'
import lunr from 'lunr'
import MiniSearch from 'minisearch'
import type { Article } from '../articles/types.ts'
import type { Contender } from './contender.ts'
import type { BenchQuery } from './queries.ts'

/** One document per paragraph, as MiniSearch and lunr index it: the article title and the text. */
export interface BaselineDoc {
  id: number
  title: string
  text: string
}

/** The corpus as one document per paragraph, numbered in order: what the libraries index. */
export function baselineDocs(articles: readonly Article[]): BaselineDoc[] {
  const docs: BaselineDoc[] = []
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      docs.push({ id: docs.length, title: article.title, text: paragraph.text })
    }
  }
  return docs
}

/** The first `k` distinct articles of ranked paragraphs. */
function articlesOfParagraphs(
  paragraphs: Iterable<number>,
  k: number,
  articleOf: (paragraph: number) => string,
): string[] {
  const ids = new Set<string>()
  for (const paragraph of paragraphs) {
    if (ids.size >= k) break
    ids.add(articleOf(paragraph))
  }
  return [...ids]
}

/** MiniSearch exactly as its README shows it: the fields, nothing else. */
export const MINISEARCH_DEFAULTS = { fields: ['title', 'text'] }

/** MiniSearch's documented options per query kind: prefix search as you type, fuzzy for typos. */
export function miniSearchOptions(query: Pick<BenchQuery, 'prefix' | 'typo'>) {
  if (query.prefix) return { prefix: true }
  if (query.typo) return { fuzzy: 0.2 }
  return undefined
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
 * lunr's query for free text: its own terms (see `lunrTerms`), every one optional as
 * `idx.search` makes them; `term*` (no pipeline, as lunr's parser does for wildcards) for
 * prefixes and `term~1` for typos, lunr's documented syntax for each.
 */
export function lunrSearch(index: lunr.Index, q: Pick<BenchQuery, 'plain' | 'prefix' | 'typo'>) {
  const terms = lunrTerms(q.plain)
  if (terms.length === 0) return []
  const clause: Partial<lunr.Query.Clause> = q.prefix
    ? { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false }
    : q.typo
      ? { editDistance: 1 }
      : {}
  return index.query((query) => query.term(terms, clause))
}

async function saveJson(value: unknown, file: string): Promise<number> {
  const text = JSON.stringify(value)
  await writeFile(file, text)
  return Buffer.byteLength(text)
}

/** MiniSearch with its defaults: no stemming or stop words, BM25+, `OR` of the query's terms. */
export function miniSearchContender(): Contender<MiniSearch<BaselineDoc>> {
  return {
    name: 'minisearch',
    build(articles) {
      const index = new MiniSearch<BaselineDoc>(MINISEARCH_DEFAULTS)
      index.addAll(baselineDocs(articles))
      return index
    },
    save: saveJson,
    load: async (file) => MiniSearch.loadJSON(await readFile(file, 'utf8'), MINISEARCH_DEFAULTS),
    rank: async (index, text, k, articleOf) =>
      articlesOfParagraphs(
        index.search(text).map((result) => result.id as number),
        k,
        articleOf,
      ),
    searchers: [
      { name: 'minisearch', run: (index, q) => index.search(q.plain, miniSearchOptions(q)).length },
    ],
  }
}

/**
 * lunr with its defaults: the built-in pipeline (trimmer, stop words, Porter stemmer) and BM25;
 * with `positions`, the metadata a highlighter would need. Free text ranks with every term
 * optional, as `idx.search` makes them, so documents holding any term match.
 */
export function lunrContender(positions = false): Contender<lunr.Index> {
  const name = positions ? 'lunr+positions' : 'lunr'
  return {
    name,
    build(articles) {
      const docs = baselineDocs(articles)
      return lunr(function () {
        this.ref('id')
        this.field('title')
        this.field('text')
        if (positions) this.metadataWhitelist = ['position']
        for (const doc of docs) this.add(doc)
      })
    },
    save: saveJson,
    load: async (file) => lunr.Index.load(JSON.parse(await readFile(file, 'utf8'))),
    async rank(index, text, k, articleOf) {
      const terms = lunrTerms(text)
      if (terms.length === 0) return []
      const results = index.query((q) => q.term(terms, {}))
      return articlesOfParagraphs(
        results.map((result) => Number(result.ref)),
        k,
        articleOf,
      )
    },
    searchers: [{ name, run: (index, q) => lunrSearch(index, q).length }],
  }
}
