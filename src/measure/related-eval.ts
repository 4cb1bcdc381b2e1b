// The related-articles section of `npm run eval`: a corpus whose articles people labelled,
// indexed, and every labelled article asked for its related articles.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { readArticles } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { buildIndex } from '../index/build.ts'
import { type RelatedAgreement, relatedAgreement } from './related-quality.ts'

/** A labelled corpus: where it is and which labels say two articles share a subject. */
export interface RelatedCorpus {
  name: 'bbc' | 'reuters'
  dir: string
  label: 'category' | 'topics'
}

const CORPORA = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpora')

const KNOWN: Record<RelatedCorpus['name'], RelatedCorpus> = {
  bbc: { name: 'bbc', dir: resolve(CORPORA, 'bbc'), label: 'category' },
  reuters: { name: 'reuters', dir: resolve(CORPORA, 'reuters21578'), label: 'topics' },
}

/**
 * The corpora to measure: those named (`none` for none); by default each that is present, unless
 * `collectionsNamed` (an eval of named collections measures only those). Throws for an unknown
 * name or a named corpus that is not there.
 */
export function relatedCorpora(
  names: readonly string[] | undefined,
  collectionsNamed = false,
): RelatedCorpus[] {
  if (names === undefined) {
    return collectionsNamed ? [] : Object.values(KNOWN).filter((corpus) => existsSync(corpus.dir))
  }
  if (names.includes('none')) return []
  return names.map((name) => {
    const corpus = KNOWN[name as RelatedCorpus['name']]
    if (corpus === undefined) throw new Error(`--related takes bbc, reuters or none, not ${name}`)
    if (!existsSync(corpus.dir)) throw new Error(`--related ${name}: ${corpus.dir} is not there`)
    return corpus
  })
}

/** A corpus's labels for an article: its category (folder), or its topics (`tags`). */
function labeller(label: RelatedCorpus['label']): (article: Article) => readonly string[] {
  return label === 'category'
    ? (article) => (article.category === undefined ? [] : [article.category])
    : (article) => article.tags ?? []
}

/** Indexes the corpus, measures, and renders a markdown table. */
export async function runRelated(
  corpus: RelatedCorpus,
  progress: (message: string) => void,
): Promise<RelatedAgreement & { corpus: string; label: string; table: string }> {
  progress(`eval: related articles on ${corpus.name}: reading and indexing ${corpus.dir}`)
  const { articles } = await readArticles(corpus.dir, { exclude: ['README.TXT'] })
  const index = buildIndex(articles)
  progress(`eval: related articles on ${corpus.name}: asking ${index.articleCount} articles`)
  const figures = relatedAgreement(index, labeller(corpus.label))
  const groups = index.nearCopies.groups()
  const table = [
    `## Related articles: ${corpus.name}, ${figures.articles} articles with a ${corpus.label === 'category' ? 'category' : 'topic'}`,
    '',
    `| top 5 sharing a ${corpus.label === 'category' ? 'category' : 'topic'} | related offered | p50 ms | p99 ms | near-copy groups | articles in them |`,
    '|---:|---:|---:|---:|---:|---:|',
    `| ${figures.share.toFixed(3)} | ${figures.offered} | ${figures.p50Ms.toFixed(2)} | ${figures.p99Ms.toFixed(2)} | ${groups.length} | ${groups.reduce((sum, group) => sum + group.length, 0)} |`,
  ].join('\n')
  return { corpus: corpus.name, label: corpus.label, ...figures, table }
}
