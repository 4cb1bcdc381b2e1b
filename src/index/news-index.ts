import type { AnalyzedToken, TermSpan } from '../analysis/analyzer.ts'
import type { Article, Paragraph } from '../articles/types.ts'
import { type ArticleAnalysis, analyseArticle } from './article-analysis.ts'
import { type ImpactParameters, ImpactPostings } from './impact-postings.ts'
import { Lexicon } from './lexicon.ts'
import type { IndexSources, ManifestHead } from './manifest.ts'
import { jaccard, shingles, wordHash } from './minhash.ts'
import { DEFAULT_NEAR_COPY_THRESHOLD, NearCopies, type NearCopyThreshold } from './near-copies.ts'
import { holdsPhrase } from './packed-phrase.ts'
import { type ParagraphDoc, ParagraphIndex } from './paragraph-index.ts'
import { TermNumbers } from './term-numbers.ts'
import { packTokens, unpackTokens } from './token-table.ts'

/** A paragraph of the index, with the article it belongs to. */
export interface IndexedParagraph {
  article: Article
  paragraph: Paragraph
}

/**
 * A change to an index's articles: the ids to remove, then the articles to add, in order (an
 * updated article is in both). An incremental build makes one; it is applied to an index in
 * memory, or saved beside the index's tables and applied when the index is next loaded.
 */
export interface IndexChange {
  removed: readonly string[]
  added: readonly Article[]
}

/**
 * An article as the index holds it: its first paragraph id, its paragraph count (without
 * reading its paragraphs, which a loaded article decodes when first read: see
 * article-lines.ts), and the tokens of its title and of each paragraph's text, packed (see
 * token-table.ts), one per paragraph.
 */
export interface ArticleEntry {
  readonly article: Article
  readonly first: number
  readonly paragraphCount: number
  readonly titleTokens: Uint8Array
  readonly tokens: readonly Uint8Array[]
}

/**
 * The articles numbered for typed arrays: `articleOf[paragraphId]` is the article's number in
 * `entries` (-1 for a removed paragraph).
 */
export interface ArticleNumbers {
  articleOf: Int32Array
  entries: ArticleEntry[]
}

/**
 * Everything a search needs, in memory: the articles (the store results are shown from), the
 * MiniSearch paragraph index, the lexicon of words as written, and the analysed tokens of every
 * paragraph. Paragraph ids are given out in order and never reused, so those of one article are
 * consecutive: `first + position`.
 */
export class NewsIndex {
  readonly paragraphs: ParagraphIndex
  readonly lexicon: Lexicon
  readonly termNumbers: TermNumbers
  /** Which articles are near-copies of which, from their paragraphs' terms. */
  readonly nearCopies: NearCopies
  manifest: ManifestHead | undefined
  /**
   * What each source file gave, for an incremental build: set by a save, and by a load that
   * asks for it (a server does not).
   */
  sources: IndexSources | undefined
  readonly #articles = new Map<string, ArticleEntry>()
  readonly #paragraphOwner: (Article | undefined)[] = []
  #nextParagraphId: number
  /** What a search reads besides MiniSearch, made when first asked for, dropped on any change. */
  #impacts: ImpactPostings | undefined
  #numbers: ArticleNumbers | undefined

  constructor(
    paragraphs = ParagraphIndex.create(),
    lexicon = new Lexicon(),
    termNumbers = new TermNumbers(),
    nextParagraphId = 0,
    nearCopyThreshold: NearCopyThreshold = DEFAULT_NEAR_COPY_THRESHOLD,
  ) {
    this.nearCopies = new NearCopies(nearCopyThreshold, (a, b) =>
      jaccard(this.#shinglesOf(a), this.#shinglesOf(b)),
    )
    this.paragraphs = paragraphs
    this.lexicon = lexicon
    this.termNumbers = termNumbers
    this.#nextParagraphId = nextParagraphId
  }

  get articleCount(): number {
    return this.#articles.size
  }

  get paragraphCount(): number {
    return this.paragraphs.size
  }

  /** Live articles, in the order they were added. */
  articles(): Article[] {
    return [...this.#articles.values()].map((entry) => entry.article)
  }

  article(id: string): Article | undefined {
    return this.#articles.get(id)?.article
  }

  /** The paragraph behind a paragraph id from the MiniSearch index. */
  paragraph(paragraphId: number): IndexedParagraph | undefined {
    const article = this.#paragraphOwner[paragraphId]
    if (article === undefined) return undefined
    const first = this.#articles.get(article.id)?.first ?? 0
    const paragraph = article.paragraphs[paragraphId - first]
    return paragraph === undefined ? undefined : { article, paragraph }
  }

  /** A paragraph's text as analysed when it was indexed: where each token stands, and its term. */
  textTokens(paragraphId: number): TermSpan[] | undefined {
    const article = this.#paragraphOwner[paragraphId]
    const entry = article === undefined ? undefined : this.#articles.get(article.id)
    const packed = entry?.tokens[paragraphId - entry.first]
    return packed === undefined ? undefined : unpackTokens(packed, this.termNumbers)
  }

  /** An article's title as analysed when it was indexed. */
  titleTokens(articleId: string): TermSpan[] | undefined {
    const entry = this.#articles.get(articleId)
    return entry === undefined ? undefined : unpackTokens(entry.titleTokens, this.termNumbers)
  }

  /**
   * Whether a paragraph's text holds a phrase: terms in order, `null` where any word may stand.
   * Read from the tokens kept at indexing, without making them.
   */
  textHoldsPhrase(paragraphId: number, phrase: readonly (string | null)[]): boolean {
    const article = this.#paragraphOwner[paragraphId]
    const entry = article === undefined ? undefined : this.#articles.get(article.id)
    const packed = entry?.tokens[paragraphId - entry.first]
    if (packed === undefined) return false
    const numbers: (number | null)[] = []
    for (const term of phrase) {
      const number = term === null ? null : this.termNumbers.find(term)
      if (number === undefined) return false
      numbers.push(number)
    }
    return holdsPhrase(packed, numbers)
  }

  /** The article a paragraph belongs to (cheaper than `paragraph` when that is all one needs). */
  articleOf(paragraphId: number): Article | undefined {
    return this.#paragraphOwner[paragraphId]
  }

  /**
   * Orders two paragraphs by article id, then position: the tie-break for equal scores, so that
   * results do not depend on the order articles were added in (full versus incremental builds).
   * An article's paragraph ids are consecutive, in order.
   */
  compareOrder(a: number, b: number): number {
    const idA = this.#paragraphOwner[a]?.id ?? ''
    const idB = this.#paragraphOwner[b]?.id ?? ''
    if (idA !== idB) return idA < idB ? -1 : 1
    return a - b
  }

  /** The paragraph id of an article's first paragraph (the others follow it in order). */
  firstParagraphOf(articleId: string): number | undefined {
    return this.#articles.get(articleId)?.first
  }

  /**
   * Typed postings with impacts under `parameters` (see impact-postings.ts). Kept while the
   * index is unchanged and the same parameters object is asked for.
   */
  impactPostings(parameters: ImpactParameters): ImpactPostings {
    if (this.#impacts === undefined || this.#impacts.parameters !== parameters)
      this.#impacts = new ImpactPostings(this.paragraphs, parameters)
    return this.#impacts
  }

  /** The live articles numbered, with each paragraph's article number (see `ArticleNumbers`). */
  articleNumbers(): ArticleNumbers {
    if (this.#numbers === undefined) {
      const entries = [...this.#articles.values()]
      const articleOf = new Int32Array(this.#nextParagraphId).fill(-1)
      entries.forEach((entry, number) => {
        articleOf.fill(number, entry.first, entry.first + entry.paragraphCount)
      })
      this.#numbers = { articleOf, entries }
    }
    return this.#numbers
  }

  /** Whether the paragraph is the first of its article. */
  isLead(paragraphId: number): boolean {
    const article = this.#paragraphOwner[paragraphId]
    return article !== undefined && this.#articles.get(article.id)?.first === paragraphId
  }

  /**
   * Indexes an article (its id must be new), from its `analysis` when it was made elsewhere (a
   * worker thread of the build), else analysing it here.
   */
  add(article: Article, analysis = analyseArticle(article, this.nearCopies.detecting)): void {
    if (this.#articles.has(article.id))
      throw new Error(`newsdex: duplicate article id ${article.id}`)
    const first = this.#nextParagraphId
    this.#nextParagraphId += article.paragraphs.length
    const documents = this.#documents(article, first, analysis, (tokens) =>
      this.lexicon.addTokens(tokens),
    )
    // The title is packed first: term numbers are given in the order a full build gives them.
    const titleTokens = packTokens(analysis.title, this.termNumbers)
    const tokens = analysis.texts.map((text) => packTokens(text, this.termNumbers))
    this.#register({ article, first, paragraphCount: tokens.length, titleTokens, tokens })
    for (const doc of documents) this.paragraphs.add(doc)
    this.nearCopies.add(article.id, analysis.signature)
  }

  /** Removes, then adds in order; `onAdded` hears how many paragraphs have been indexed. */
  apply(change: IndexChange, onAdded?: (paragraphs: number) => void): void {
    for (const id of change.removed) this.remove(id)
    let paragraphs = 0
    for (const article of change.added) {
      this.add(article)
      paragraphs += article.paragraphs.length
      onAdded?.(paragraphs)
    }
  }

  /** Removes an article. */
  remove(id: string): void {
    const entry = this.#articles.get(id)
    if (entry === undefined) return
    const { article, first } = entry
    const count = (tokens: readonly AnalyzedToken[]) => this.lexicon.removeTokens(tokens)
    for (const doc of this.#documents(article, first, analyseArticle(article, false), count)) {
      this.paragraphs.remove(doc)
      this.#paragraphOwner[doc.id] = undefined
    }
    this.#articles.delete(id)
    this.nearCopies.remove(id)
    this.#changed()
  }

  /** Drops what was derived from the index as it was. */
  #changed(): void {
    this.#impacts = undefined
    this.#numbers = undefined
  }

  /**
   * The MiniSearch documents of an article's paragraphs, from its analysis. `count` is the
   * lexicon counting the words in or out; it returns the terms to index. Removing an article
   * rebuilds exactly the documents it was added with, as MiniSearch's `remove` requires.
   */
  #documents(
    article: Article,
    first: number,
    analysis: ArticleAnalysis,
    count: (tokens: readonly AnalyzedToken[]) => string[],
  ): ParagraphDoc[] {
    const title = article.title ? count(analysis.title).join(' ') : undefined
    const subtitle = article.subtitle ? count(analysis.subtitle).join(' ') : undefined
    return article.paragraphs.map((paragraph, position) => {
      const text = analysis.texts[position] ?? []
      const heading = analysis.headings[position] ?? []
      return {
        id: first + position,
        text: paragraph.text ? count(text).join(' ') : undefined,
        heading: paragraph.heading ? count(heading).join(' ') : undefined,
        title,
        subtitle,
      }
    })
  }

  /**
   * Re-registers a saved article at its saved paragraph ids (loading, not indexing). Its
   * near-copies are restored apart, for all articles at once (`NearCopies.restore`).
   */
  restore(entry: ArticleEntry): void {
    this.#register(entry)
  }

  /**
   * The article table, for saving. An article's entry is the same object from call to call, for
   * as long as the index holds it.
   */
  articleTable(): ArticleEntry[] {
    return [...this.#articles.values()]
  }

  get nextParagraphId(): number {
    return this.#nextParagraphId
  }

  /** An article's shingles, from the tokens kept at indexing. */
  #shinglesOf(id: string): Uint32Array {
    const packed = this.#articles.get(id)?.tokens ?? []
    const terms = packed.flatMap((tokens) => termsOf(unpackTokens(tokens, this.termNumbers)))
    return shingles(terms.map(wordHash))
  }

  #register(entry: ArticleEntry): void {
    const { article, first } = entry
    this.#changed()
    this.#articles.set(article.id, entry)
    // The count, not the paragraphs: a loaded article decodes its paragraphs when read.
    for (let position = 0; position < entry.paragraphCount; position++) {
      this.#paragraphOwner[first + position] = article
    }
  }
}

/** The terms of analysed tokens, in order, stop words left out. */
function termsOf(tokens: readonly TermSpan[]): string[] {
  const terms: string[] = []
  for (const { term } of tokens) if (term !== null) terms.push(term)
  return terms
}
