import type { AnalyzedToken, TermSpan } from '../analysis/analyzer.ts'
import type { Article } from '../articles/types.ts'
import { analyseArticle } from './article-analysis.ts'
import {
  type ArticleEntry,
  type ArticleNumbers,
  type IndexChange,
  type IndexedParagraph,
  numberArticles,
} from './article-entry.ts'
import { type ImpactParameters, ImpactPostings } from './impact-postings.ts'
import { Lexicon } from './lexicon.ts'
import type { IndexSources, ManifestHead } from './manifest.ts'
import { jaccard } from './minhash.ts'
import { DEFAULT_NEAR_COPY_THRESHOLD, NearCopies, type NearCopyThreshold } from './near-copies.ts'
import { holdsPhrase } from './packed-phrase.ts'
import { packedShingles } from './packed-shingles.ts'
import { paragraphDocs } from './paragraph-docs.ts'
import { ParagraphIndex } from './paragraph-index.ts'
import { TermNumbers } from './term-numbers.ts'
import { packTokens, unpackTokens } from './token-table.ts'

export type { ArticleEntry, ArticleNumbers, IndexChange, IndexedParagraph }

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
    const shinglesOf = (id: string) =>
      packedShingles(this.#articles.get(id)?.tokens ?? [], this.termNumbers)
    this.nearCopies = new NearCopies(nearCopyThreshold, (a, b) =>
      jaccard(shinglesOf(a), shinglesOf(b)),
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
    const packed = this.#packedText(paragraphId)
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
    const packed = this.#packedText(paragraphId)
    const numbers = this.termNumbers.phraseNumbers(phrase)
    return packed !== undefined && numbers !== undefined && holdsPhrase(packed, numbers)
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
    this.#numbers ??= numberArticles([...this.#articles.values()], this.#nextParagraphId)
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
    const documents = paragraphDocs(article, first, analysis, (tokens) =>
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
    for (const doc of paragraphDocs(article, first, analyseArticle(article, false), count)) {
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

  /** A paragraph's text's tokens, packed. */
  #packedText(paragraphId: number): Uint8Array | undefined {
    const article = this.#paragraphOwner[paragraphId]
    const entry = article === undefined ? undefined : this.#articles.get(article.id)
    return entry?.tokens[paragraphId - entry.first]
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
