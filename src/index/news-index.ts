import type { Article, Paragraph } from '../articles/types.ts'
import { Lexicon } from './lexicon.ts'
import type { Manifest } from './manifest.ts'
import { type ParagraphDoc, ParagraphIndex } from './paragraph-index.ts'

/** A paragraph of the index, with the article it belongs to. */
export interface IndexedParagraph {
  article: Article
  paragraph: Paragraph
}

/**
 * Everything a search needs, in memory: the articles (the store results are shown from), the
 * MiniSearch paragraph index, and the lexicon of words as written. Paragraph ids are given out
 * in order and never reused, so those of one article are consecutive: `first + position`.
 */
export class NewsIndex {
  readonly paragraphs: ParagraphIndex
  readonly lexicon: Lexicon
  manifest: Manifest | undefined
  readonly #articles = new Map<string, { article: Article; first: number }>()
  readonly #paragraphOwner: (Article | undefined)[] = []
  #nextParagraphId: number

  constructor(paragraphs = ParagraphIndex.create(), lexicon = new Lexicon(), nextParagraphId = 0) {
    this.paragraphs = paragraphs
    this.lexicon = lexicon
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

  /** Whether the paragraph is the first of its article. */
  isLead(paragraphId: number): boolean {
    const article = this.#paragraphOwner[paragraphId]
    return article !== undefined && this.#articles.get(article.id)?.first === paragraphId
  }

  /** Indexes an article (its id must be new). */
  add(article: Article): void {
    if (this.#articles.has(article.id))
      throw new Error(`newsdex: duplicate article id ${article.id}`)
    const first = this.#nextParagraphId
    this.#nextParagraphId += article.paragraphs.length
    this.#register(article, first)
    for (const doc of this.#documents(article, first, (text) => this.lexicon.addText(text))) {
      this.paragraphs.add(doc)
    }
  }

  /** Removes an article. */
  remove(id: string): void {
    const entry = this.#articles.get(id)
    if (entry === undefined) return
    const { article, first } = entry
    for (const doc of this.#documents(article, first, (text) => this.lexicon.removeText(text))) {
      this.paragraphs.remove(doc)
      this.#paragraphOwner[doc.id] = undefined
    }
    this.#articles.delete(id)
  }

  /**
   * The MiniSearch documents of an article's paragraphs, their fields analysed by `analyze`
   * (the lexicon, which counts the words in or out as it goes). Removing an article rebuilds
   * exactly the documents it was added with, as MiniSearch's `remove` requires.
   */
  #documents(article: Article, first: number, analyze: (text: string) => string[]): ParagraphDoc[] {
    const terms = (text: string | undefined) => (text ? analyze(text).join(' ') : undefined)
    const title = terms(article.title)
    const subtitle = terms(article.subtitle)
    return article.paragraphs.map((paragraph, position) => ({
      id: first + position,
      text: terms(paragraph.text),
      heading: terms(paragraph.heading),
      title,
      subtitle,
    }))
  }

  /** Re-registers a saved article at its saved paragraph ids (loading, not indexing). */
  restore(article: Article, first: number): void {
    this.#register(article, first)
  }

  /**
   * Saved form of the article table: each article with its first paragraph id. An article's
   * entry is the same object from call to call, for as long as the index holds it.
   */
  articleTable(): { article: Article; first: number }[] {
    return [...this.#articles.values()]
  }

  get nextParagraphId(): number {
    return this.#nextParagraphId
  }

  #register(article: Article, first: number): void {
    this.#articles.set(article.id, { article, first })
    for (let position = 0; position < article.paragraphs.length; position++) {
      this.#paragraphOwner[first + position] = article
    }
  }
}
