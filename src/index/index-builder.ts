// A full build's index, made from packed analyses (article-analysis.ts) straight into what the
// index file saves: the posting table (posting-builder.ts), the lexicon's counts, the packed
// tokens and the near-copy signatures. It reads the analyses as numbers, looking each distinct
// form of a batch up once (its term's number, its posting number, its word hash), where `NewsIndex.add` makes a token object per word and feeds
// MiniSearch strings. The index is the one `NewsIndex.add` makes of the same articles, to the
// byte of its saved file: incremental updates then go on from it as from a loaded index.
import type { Article } from '../articles/types.ts'
import {
  analyseArticle,
  type FormList,
  FormNumbers,
  type PackedAnalyses,
  type PackedArticle,
  packAnalyses,
} from './article-analysis.ts'
import { savedJsonOf } from './article-lines.ts'
import { Lexicon, type LexiconEntry } from './lexicon.ts'
import { jaccard, ShingleSigner, shingles, wordHash } from './minhash.ts'
import { DEFAULT_NEAR_COPY_THRESHOLD, NearCopies, type NearCopyThreshold } from './near-copies.ts'
import { type ArticleEntry, NewsIndex } from './news-index.ts'
import { ParagraphIndex } from './paragraph-index.ts'
import { PostingTableBuilder } from './posting-builder.ts'
import { TermNumbers } from './term-numbers.ts'
import { TokenArena } from './token-arena.ts'
import { unpackTokens } from './token-table.ts'

/**
 * What is known of each form of a form list (a worker's, or the builder's own): looked up at
 * its first token, for every later batch of the same list.
 */
interface FormCache {
  forms: FormList
  /** Its lexicon entry; undefined until first counted. */
  entries: (LexiconEntry | undefined)[]
  /** Its posting term number; -1 until looked up, -2 for none (a stop word, no word). */
  postingTerms: Int32Array
  /** Its number in `TermNumbers` plus one (0 for a stop word); -1 until looked up. */
  tokenTerms: Int32Array
  /** Its term's `wordHash`, for near-copy signatures; set with `tokenTerms`. */
  wordHashes: Int32Array
}

/**
 * Builds a new index from articles added in order (ids unique), each with its packed analysis
 * (made here when it has none), then `finish`es it. Near-copies are looked for from
 * `nearCopyThreshold` (default `0.8`; `null` looks for none).
 */
export class IndexBuilder {
  readonly #threshold: NearCopyThreshold
  readonly #lexicon = new Lexicon()
  readonly #termNumbers = new TermNumbers()
  readonly #postings = new PostingTableBuilder()
  readonly #tokens = new TokenArena()
  readonly #entries = new Map<string, ArticleEntry>()
  /** Linked as articles are added, taken over by the index at the end. */
  readonly #nearCopies: NearCopies
  /** The forms of the analyses made here. */
  readonly #forms = new FormNumbers()
  /** Signs each article from its packed paragraphs, when near-copies are looked for. */
  readonly #signer = new ShingleSigner()
  readonly #caches = new Map<FormList, FormCache>()
  #paragraphs = 0
  /** The terms of each field of the paragraph being added (`FIELDS` order), reused. */
  readonly #fieldTerms: number[][] = [[], [], [], []]

  constructor(nearCopyThreshold: NearCopyThreshold = DEFAULT_NEAR_COPY_THRESHOLD) {
    this.#threshold = nearCopyThreshold
    this.#nearCopies = new NearCopies(nearCopyThreshold, (a, b) =>
      jaccard(this.#shinglesOf(a), this.#shinglesOf(b)),
    )
  }

  /** Paragraphs added so far. */
  get paragraphs(): number {
    return this.#paragraphs
  }

  /** Adds an article, from its analysis made elsewhere (a build worker), else analysed here. */
  add(article: Article, analysis?: PackedArticle): void {
    if (this.#entries.has(article.id))
      throw new Error(`newsdex: duplicate article id ${article.id}`)
    const { packed, n } = analysis ?? {
      packed: packAnalyses([analyseArticle(article, false)], this.#forms),
      n: 0,
    }
    const paragraphs = article.paragraphs
    if (packed.paragraphCounts[n] !== paragraphs.length)
      throw new Error(`newsdex: the analysis of ${article.id} is not of its paragraphs`)
    const cache = this.#formsOf(packed.forms)
    const first = packed.firstTexts[n] as number
    // Texts run title, subtitle, then each paragraph's text and heading (see PackedAnalyses);
    // the lexicon counts them in that order, and MiniSearch's documents hold the present ones.
    const [texts, headings, titles, subtitles] = this.#fieldTerms as [
      number[],
      number[],
      number[],
      number[],
    ]
    const title = article.title ? this.#count(packed, cache, first, titles) : undefined
    const subtitle = article.subtitle ? this.#count(packed, cache, first + 1, subtitles) : undefined
    const firstParagraph = this.#postings.size
    paragraphs.forEach((paragraph, position) => {
      const text = paragraph.text
        ? this.#count(packed, cache, first + 2 + 2 * position, texts)
        : undefined
      const heading = paragraph.heading
        ? this.#count(packed, cache, first + 3 + 2 * position, headings)
        : undefined
      this.#postings.add([text, heading, title, subtitle])
    })
    const titleTokens = this.#pack(packed, cache, first)
    const tokens = paragraphs.map((_, position) =>
      this.#pack(packed, cache, first + 2 + 2 * position),
    )
    this.#entries.set(article.id, {
      article,
      first: firstParagraph,
      paragraphCount: paragraphs.length,
      titleTokens,
      tokens,
    })
    if (this.#threshold !== null)
      this.#nearCopies.add(article.id, this.#sign(packed, cache, first, paragraphs.length))
    // Encoded for the save now, while the workers read on, rather than all after the last file.
    savedJsonOf(article)
    this.#paragraphs += paragraphs.length
  }

  /** The index of the articles added. The builder is spent. */
  finish(): NewsIndex {
    const table = this.#postings.finish()
    const next = this.#postings.size
    const index = new NewsIndex(
      ParagraphIndex.fromTable(table, next),
      this.#lexicon,
      this.#termNumbers,
      next,
      this.#threshold,
    )
    for (const entry of this.#entries.values()) index.restore(entry)
    index.nearCopies.adopt(this.#nearCopies)
    return index
  }

  /** An article's shingles, from its packed tokens (as `NewsIndex` makes them). */
  #shinglesOf(id: string): Uint32Array {
    const hashes: number[] = []
    for (const packed of this.#entries.get(id)?.tokens ?? []) {
      for (const { term } of unpackTokens(packed, this.#termNumbers))
        if (term !== null) hashes.push(wordHash(term))
    }
    return shingles(hashes)
  }

  /**
   * The near-copy signature of an article's paragraph texts (`analyseArticle`'s, from the word
   * hashes `#pack` cached per form: a few integer operations a token).
   */
  #sign(packed: PackedAnalyses, cache: FormCache, first: number, paragraphs: number) {
    const { tokenTerms, wordHashes } = cache
    const { tokens, textEnds } = packed
    const signer = this.#signer
    signer.begin()
    for (let position = 0; position < paragraphs; position++) {
      const text = first + 2 + 2 * position
      const end = textEnds[text] as number
      for (let t = textEnds[text - 1] as number; t < end; t++) {
        const form = tokens[3 * t + 2] as number
        if (tokenTerms[form] !== 0) signer.add(wordHashes[form] as number)
      }
    }
    return signer.finish()
  }

  /** The cache of a form list, grown to its length. */
  #formsOf(forms: FormList): FormCache {
    let cache = this.#caches.get(forms)
    if (cache === undefined) {
      cache = {
        forms,
        entries: [],
        postingTerms: new Int32Array(0),
        tokenTerms: new Int32Array(0),
        wordHashes: new Int32Array(0),
      }
      this.#caches.set(forms, cache)
    }
    const length = forms.texts.length
    if (cache.postingTerms.length < length) {
      const grow = (old: Int32Array) => {
        const next = new Int32Array(Math.max(length, 2 * old.length)).fill(-1)
        next.set(old)
        return next
      }
      cache.postingTerms = grow(cache.postingTerms)
      cache.tokenTerms = grow(cache.tokenTerms)
      cache.wordHashes = grow(cache.wordHashes)
    }
    return cache
  }

  /**
   * Counts the words of text number `text` into the lexicon, and returns the posting numbers of
   * its terms in order (what `Lexicon.addTokens` counts and returns) in `into`, emptied first.
   */
  #count(packed: PackedAnalyses, cache: FormCache, text: number, into: number[]): number[] {
    const { entries, postingTerms } = cache
    const { tokens, textEnds } = packed
    const { texts: forms, words, terms } = cache.forms
    into.length = 0
    const end = textEnds[text] as number
    for (let t = text === 0 ? 0 : (textEnds[text - 1] as number); t < end; t++) {
      const form = tokens[3 * t + 2] as number
      const word = words[form] as string
      if (word === '') continue
      const entry = entries[form]
      if (entry === undefined) {
        entries[form] = this.#lexicon.addWord(forms[form] as string, word, terms[form] ?? null)
      } else {
        Lexicon.countAgain(entry, forms[form] as string, word)
      }
      let posting = postingTerms[form] as number
      if (posting === -1) {
        const term = terms[form]
        posting = term === null || term === undefined ? -2 : this.#postings.termNumber(term)
        postingTerms[form] = posting
      }
      if (posting >= 0) into.push(posting)
    }
    return into
  }

  /** Text number `text`'s tokens packed (see token-table.ts), in the arena. */
  #pack(packed: PackedAnalyses, cache: FormCache, text: number): Uint8Array {
    const { tokenTerms, wordHashes } = cache
    const { tokens, textEnds } = packed
    const { terms } = cache.forms
    const arena = this.#tokens
    arena.begin()
    let previousEnd = 0
    const end = textEnds[text] as number
    for (let t = text === 0 ? 0 : (textEnds[text - 1] as number); t < end; t++) {
      const start = tokens[3 * t] as number
      const tokenEnd = tokens[3 * t + 1] as number
      const form = tokens[3 * t + 2] as number
      let number = tokenTerms[form] as number
      if (number === -1) {
        const term = terms[form]
        number = term === null || term === undefined ? 0 : this.#termNumbers.numberOf(term)
        tokenTerms[form] = number
        if (number !== 0) wordHashes[form] = wordHash(term as string)
      }
      arena.write(start - previousEnd)
      arena.write(tokenEnd - start)
      arena.write(number)
      previousEnd = tokenEnd
    }
    return arena.end()
  }
}
