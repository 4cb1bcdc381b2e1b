import MiniSearch from 'minisearch'
import type { AnalyzedToken } from '../../analysis/analyzer.ts'
import type { Article } from '../../articles/types.ts'
import type { ArticleAnalysis } from '../../index/article-analysis.ts'
import { Lexicon, type LexiconEntry } from '../../index/lexicon.ts'
import { NewsIndex } from '../../index/news-index.ts'
import { MINISEARCH_OPTIONS, ParagraphIndex } from '../../index/paragraph-index.ts'

/** What scoring needs of the whole collection, summed over every shard. */
export interface CollectionStats {
  articles: number
  paragraphs: number
  /** Average distinct terms per field, over the paragraphs that have the field (FIELDS order). */
  averageFieldLengths: number[]
}

/**
 * The collection's lexicon, read-only to the indexes of queries: counting an article's words
 * leaves it unchanged, while prefixes, typos and did-you-mean read the whole collection's words.
 */
class CollectionLexicon extends Lexicon {
  readonly #whole: Lexicon

  constructor(whole: Lexicon) {
    super()
    this.#whole = whole
  }

  override addTokens(tokens: readonly AnalyzedToken[]): string[] {
    return termsOf(tokens)
  }

  override removeTokens(tokens: readonly AnalyzedToken[]): string[] {
    return termsOf(tokens)
  }

  override get(word: string): LexiconEntry | undefined {
    return this.#whole.get(word)
  }

  override get size(): number {
    return this.#whole.size
  }

  override withPrefix(prefix: string, limit: number): [string, LexiconEntry][] {
    return this.#whole.withPrefix(prefix, limit)
  }

  override near(word: string, distance: number, limit: number): [string, LexiconEntry, number][] {
    return this.#whole.near(word, distance, limit)
  }
}

/**
 * Paragraphs of the articles a query reads, scored as part of the whole collection: the
 * paragraph count and average field lengths are the collection's, and a term is known when the
 * collection has it. When every paragraph holding a query term is among them, a term's document
 * frequency counted here is the collection's; when only the best candidates are (`frequencies`
 * given), the collection's counts come from the engine. Either way the ranking does not depend
 * on shards.
 */
class CollectionParagraphs extends ParagraphIndex {
  readonly #stats: CollectionStats
  readonly #terms: ReadonlySet<string>
  readonly #frequencies: ReadonlyMap<string, number> | undefined

  constructor(
    stats: CollectionStats,
    terms: ReadonlySet<string>,
    frequencies?: ReadonlyMap<string, number>,
  ) {
    super(new MiniSearch(MINISEARCH_OPTIONS))
    this.#stats = stats
    this.#terms = terms
    this.#frequencies = frequencies
  }

  override documentFrequency(term: string, counted: number): number {
    return this.#frequencies?.get(term) ?? counted
  }

  /** Over part of the collection, a term's paragraphs in any field: shards count no finer. */
  override textFrequency(term: string): number {
    return this.#frequencies?.get(term) ?? super.textFrequency(term)
  }

  override get size(): number {
    return this.#stats.paragraphs
  }

  override get averageFieldLengths(): readonly number[] {
    return this.#stats.averageFieldLengths
  }

  override has(term: string): boolean {
    return this.#terms.has(term)
  }
}

/** The collection's words, and the set of terms they stem to. */
export interface CollectionWords {
  lexicon: Lexicon
  terms: ReadonlySet<string>
}

/** The terms of a collection's lexicon. */
export function collectionWords(lexicon: Lexicon): CollectionWords {
  const terms = new Set<string>()
  for (const [, term] of lexicon.toRows()) if (term !== null) terms.add(term)
  return { lexicon, terms }
}

/**
 * An index for one query: `articles` (those that can match it, or its best candidates with
 * the collection's `frequencies` of its terms) indexed by the one code path the embedded index
 * uses, from their analyses, over the collection's lexicon and statistics. Articles go in id
 * order, so that the same articles give the same index whichever shard answered first.
 */
export function collectionView(
  words: CollectionWords,
  stats: CollectionStats,
  articles: readonly { article: Article; analysis: ArticleAnalysis }[],
  frequencies?: ReadonlyMap<string, number>,
): NewsIndex {
  const index = new NewsIndex(
    new CollectionParagraphs(stats, words.terms, frequencies),
    new CollectionLexicon(words.lexicon),
  )
  const byId = (a: { article: Article }, b: { article: Article }) =>
    a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0
  for (const { article, analysis } of [...articles].sort(byId)) index.add(article, analysis)
  return index
}

function termsOf(tokens: readonly AnalyzedToken[]): string[] {
  const terms: string[] = []
  for (const { word, term } of tokens) if (word !== '' && term !== null) terms.push(term)
  return terms
}
