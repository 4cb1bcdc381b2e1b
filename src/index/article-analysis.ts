import { type AnalyzedToken, analyze } from '../analysis/analyzer.ts'
import type { Article } from '../articles/types.ts'
import { wordHash, wordSignature } from './minhash.ts'

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
  const words: number[] = []
  if (signed) {
    for (const tokens of texts)
      for (const { term } of tokens) if (term !== null) words.push(wordHash(term))
  }
  return {
    title: analyze(article.title),
    subtitle: article.subtitle ? analyze(article.subtitle) : [],
    texts,
    headings: article.paragraphs.map((paragraph) =>
      paragraph.heading ? analyze(paragraph.heading) : [],
    ),
    signature: signed ? wordSignature(words) : undefined,
  }
}

/**
 * Analyses packed to pass between threads: a structured clone of millions of token objects
 * costs more than the analysis. Each distinct token form (as written, word, term) is listed
 * once in a `FormList`, which a worker keeps from batch to batch; a token is its start, end
 * and form number; per article, its paragraph count and signature. Texts run title, subtitle,
 * then each paragraph's text and heading. Made by `AnalysisPacker` (analysis-packer.ts).
 */
export interface PackedAnalyses {
  /** The forms the tokens are numbers of (the sender's whole list, once received). */
  forms: FormList
  /** Per token: start, end, form number. */
  tokens: Int32Array
  /** Per text, where its tokens end (in tokens). */
  textEnds: Int32Array
  /**
   * Per text, 1 unless it is empty: a field the article lacks, which is not indexed, where one
   * with no words is (told without reading the article's paragraphs, which the main thread of a
   * build leaves as bytes).
   */
  filled: Uint8Array
  /** Per article, its first text's number. */
  firstTexts: Int32Array
  paragraphCounts: Int32Array
  signatures: Uint16Array
  signed: Uint8Array
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
