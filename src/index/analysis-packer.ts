// Packs articles' analyses straight from the tokenizer: each word is looked up once, by its
// surface, to the numbers of its forms in either reading, and written as three numbers into a
// typed array. Analysing into token objects and then packing them made two objects and two Map
// lookups per word, most of a build worker's time and garbage.
import { type CachedWord, CaseTally, lookUp, type WordAnalysis } from '../analysis/analyzer.ts'
import { wordPattern } from '../analysis/tokenize.ts'
import type { Article } from '../articles/types.ts'
import type { FormList, PackedAnalyses } from './article-analysis.ts'
import { ShingleSigner, SIGNATURE_BINS, wordHash } from './minhash.ts'

/** What is known of a surface word: its shape, and its form number in each reading. */
interface Surface {
  shape: CachedWord['shape']
  inText: number
  inCapitals: number
}

/** A growable list of int32, copied out when taken. */
class IntList {
  values = new Int32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Int32Array(2 * this.values.length)
      next.set(this.values)
      this.values = next
    }
    this.values[this.length++] = value
  }

  /** The values pushed, as an array of their own; the list is emptied. */
  take(): Int32Array {
    const taken = this.values.slice(0, this.length)
    this.length = 0
    return taken
  }
}

/**
 * Packs the analyses of articles (see `PackedAnalyses`) as `analyseArticle` would make them:
 * `add` articles, then `take` the pack of those added since the last take. Forms are numbered
 * for as long as the packer is kept (`forms`, the same list from take to take), so that a worker
 * sends each once and the index looks each up once. Signs articles when `signed`.
 */
export class AnalysisPacker {
  readonly forms: FormList = { texts: [], words: [], terms: [] }
  readonly #signed: boolean
  readonly #surfaces = new Map<string, Surface>()
  /** Per form, the `wordHash` of its term (any int32), and whether it has a term at all. */
  readonly #hashes: number[] = []
  readonly #hasTerm: boolean[] = []
  readonly #tokens = new IntList()
  readonly #words = wordPattern()
  readonly #textEnds = new IntList()
  readonly #filled = new IntList()
  readonly #firstTexts = new IntList()
  readonly #paragraphCounts = new IntList()
  #signatures: Uint16Array[] = []
  /** The surfaces of the text being packed, in order (reused). */
  readonly #textSurfaces: Surface[] = []
  /** Signs the article being packed, word by word, as `analyseArticle` signs it. */
  readonly #signer = new ShingleSigner()

  constructor(signed = true) {
    this.#signed = signed
  }

  /** Packs an article: title, subtitle, then each paragraph's text and heading. */
  add(article: Article): void {
    this.#firstTexts.push(this.#textEnds.length)
    this.#pack(article.title, false)
    this.#pack(article.subtitle ?? '', false)
    this.#signer.begin()
    for (const paragraph of article.paragraphs) {
      this.#pack(paragraph.text, this.#signed)
      this.#pack(paragraph.heading ?? '', false)
    }
    this.#paragraphCounts.push(article.paragraphs.length)
    const signature = this.#signed ? this.#signer.finish() : undefined
    this.#signatures.push(signature ?? EMPTY)
  }

  /** The pack of the articles added since the last take. */
  take(): PackedAnalyses {
    const count = this.#signatures.length
    const signatures = new Uint16Array(count * SIGNATURE_BINS)
    const signed = new Uint8Array(count)
    this.#signatures.forEach((signature, i) => {
      if (signature === EMPTY) return
      signatures.set(signature, i * SIGNATURE_BINS)
      signed[i] = 1
    })
    this.#signatures = []
    return {
      forms: this.forms,
      tokens: this.#tokens.take(),
      textEnds: this.#textEnds.take(),
      filled: new Uint8Array(this.#filled.take()),
      firstTexts: this.#firstTexts.take(),
      paragraphCounts: this.#paragraphCounts.take(),
      signatures,
      signed,
    }
  }

  /**
   * Packs one text's tokens. A text set in capitals is read so (see `readsInCapitals`), which
   * is known only once all its words are seen: their forms are written after.
   */
  #pack(text: string, signing: boolean): void {
    const tokens = this.#tokens
    const surfaces = this.#textSurfaces
    const known = this.#surfaces
    const tally = new CaseTally()
    const pattern = this.#words
    surfaces.length = 0
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const surface = match[0]
      const found = known.get(surface) ?? this.#surface(surface)
      tally.add(found.shape)
      surfaces.push(found)
      tokens.push(match.index)
      tokens.push(match.index + surface.length)
      tokens.push(0)
    }
    const capitals = tally.setInCapitals
    let at = tokens.length - 3 * surfaces.length + 2
    for (const found of surfaces) {
      const form = capitals ? found.inCapitals : found.inText
      tokens.values[at] = form
      at += 3
      if (signing && this.#hasTerm[form]) this.#signer.add(this.#hashes[form] as number)
    }
    this.#textEnds.push(tokens.length / 3)
    this.#filled.push(text === '' ? 0 : 1)
  }

  /** A surface word seen for the first time: its forms numbered. */
  #surface(surface: string): Surface {
    const readings = lookUp(surface)
    const inText = this.#form(surface, readings.inText)
    const { inCapitals: reading } = readings
    const same = reading.word === readings.inText.word && reading.term === readings.inText.term
    const inCapitals = same ? inText : this.#form(surface, reading)
    const known = { shape: readings.shape, inText, inCapitals }
    this.#surfaces.set(surface, known)
    return known
  }

  #form(text: string, { word, term }: WordAnalysis): number {
    const { texts, words, terms } = this.forms
    words.push(word)
    terms.push(term)
    this.#hashes.push(term === null ? 0 : wordHash(term))
    this.#hasTerm.push(term !== null)
    return texts.push(text) - 1
  }
}

/** Where an article has no signature (too short), until `take` marks it unsigned. */
const EMPTY = new Uint16Array(0)
