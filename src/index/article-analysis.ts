import { type AnalyzedToken, analyze } from '../analysis/analyzer.ts'
import type { Article } from '../articles/types.ts'
import { ShingleSigner, wordHash } from './minhash.ts'

/**
 * What indexing an article analyses: the tokens of its title, subtitle, and each paragraph's
 * text and heading (empty for a text it lacks), and the MiniHash signature of its paragraphs'
 * terms (near-copies.ts). Pure: a worker thread can make it, and the index takes it as made.
 */
export interface ArticleAnalysis {
  title: AnalyzedToken[]
  subtitle: AnalyzedToken[]
  texts: AnalyzedToken[][]
  headings: AnalyzedToken[][]
  signature: Uint16Array | undefined
}

/**
 * Analyses an article as `NewsIndex.add` indexes it; without its signature when `signed` is
 * false (an index that looks for no near-copies).
 */
export function analyseArticle(article: Article, signed = true): ArticleAnalysis {
  const texts = article.paragraphs.map((paragraph) => analyze(paragraph.text))
  return {
    title: analyze(article.title),
    subtitle: article.subtitle ? analyze(article.subtitle) : [],
    texts,
    headings: article.paragraphs.map((paragraph) =>
      paragraph.heading ? analyze(paragraph.heading) : [],
    ),
    signature: signed ? signatureOf(texts) : undefined,
  }
}

/** One signer for every article analysed in this thread, in turn. */
const signer = new ShingleSigner()

/** The signature of the terms of an article's paragraphs, in order (stop words left out). */
function signatureOf(texts: readonly AnalyzedToken[][]): Uint16Array | undefined {
  signer.begin()
  for (const tokens of texts)
    for (const { term } of tokens) if (term !== null) signer.add(wordHash(term))
  return signer.finish()
}

/**
 * Analyses packed to pass between threads: a structured clone of millions of token objects
 * costs more than the analysis. Each distinct token form (as written, word, term) is listed
 * once in a `FormList`, which a worker keeps from batch to batch; a token is its start, end
 * and form number; per article, its paragraph count. Texts run title, subtitle, then each
 * paragraph's text and heading. No signature: the builder signs an article from these numbers,
 * hashing each form's term once (index-builder.ts).
 */
export interface PackedAnalyses {
  /** The forms the tokens are numbers of (the sender's whole list, once received). */
  forms: FormList
  /** Per token: start, end, form number. */
  tokens: Int32Array
  /** Per text, where its tokens end (in tokens). */
  textEnds: Int32Array
  /** Per article, its first text's number. */
  firstTexts: Int32Array
  paragraphCounts: Int32Array
}

/** Token forms by number: what each was as written, its word and its term. */
export interface FormList {
  texts: string[]
  words: string[]
  terms: (string | null)[]
}

/** One article's analysis in a pack: the pack, and its number there. */
export interface PackedArticle {
  packed: PackedAnalyses
  n: number
}

/**
 * Numbers token forms, the same form always the same number, for as long as it is kept: a
 * worker keeps one for all its batches, so that the index looks each form up once per worker
 * rather than once per batch.
 */
export class FormNumbers {
  readonly list: FormList = { texts: [], words: [], terms: [] }
  // A form is found by its text, then among the forms of that text (nearly always one) by its
  // word and term: a key string per token cost more than the rest of the packing.
  readonly #byText = new Map<string, number>()
  readonly #sameText: number[] = []

  numberOf(token: AnalyzedToken): number {
    const { texts, words, terms } = this.list
    const first = this.#byText.get(token.text)
    let number = first ?? -1
    while (number >= 0 && (words[number] !== token.word || terms[number] !== token.term))
      number = this.#sameText[number] as number
    if (number < 0) {
      number = texts.push(token.text) - 1
      words.push(token.word)
      terms.push(token.term)
      this.#sameText.push(first ?? -1)
      this.#byText.set(token.text, number)
    }
    return number
  }
}

/** Packs analyses (see `PackedAnalyses`), numbering their forms in `forms`. */
export function packAnalyses(
  analyses: readonly ArticleAnalysis[],
  forms = new FormNumbers(),
): PackedAnalyses {
  const tokens: number[] = []
  const textEnds: number[] = []
  const pack = (text: readonly AnalyzedToken[]) => {
    for (const token of text) tokens.push(token.start, token.end, forms.numberOf(token))
    textEnds.push(tokens.length / 3)
  }
  const firstTexts = new Int32Array(analyses.length)
  analyses.forEach((analysis, i) => {
    firstTexts[i] = textEnds.length
    pack(analysis.title)
    pack(analysis.subtitle)
    analysis.texts.forEach((text, position) => {
      pack(text)
      pack(analysis.headings[position] ?? [])
    })
  })
  return {
    forms: forms.list,
    tokens: Int32Array.from(tokens),
    textEnds: Int32Array.from(textEnds),
    firstTexts,
    paragraphCounts: Int32Array.from(analyses, (analysis) => analysis.texts.length),
  }
}
