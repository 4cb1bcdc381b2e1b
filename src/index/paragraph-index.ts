import MiniSearch, { type Options } from 'minisearch'
import type SearchableMap from 'minisearch/SearchableMap'

/** The fields a query can match, in MiniSearch's field-id order. */
export const FIELDS = ['text', 'heading', 'title', 'subtitle'] as const
export type Field = (typeof FIELDS)[number]

/**
 * What MiniSearch indexes for one paragraph: its own text plus its article's title fields, each
 * already analysed into terms joined by spaces (the lexicon analyses the text once for both).
 * An empty field is left out.
 */
export interface ParagraphDoc {
  /** The paragraph's number in the index's paragraph table. */
  id: number
  text?: string
  heading?: string
  title?: string
  subtitle?: string
}

/**
 * MiniSearch options, identical at build and load time (MiniSearch needs the same ones to load).
 * Fields arrive analysed, so tokenizing is splitting; nothing is stored in MiniSearch, since the
 * article store holds what results show.
 */
export const MINISEARCH_OPTIONS: Options<ParagraphDoc> = {
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (terms) => (terms === '' ? [] : terms.split(' ')),
  processTerm: (term) => term,
  autoVacuum: false,
}

/** Per field: paragraph id → how often the term occurs in that field. */
export type Postings = ReadonlyMap<number, ReadonlyMap<number, number>>

/**
 * The part of MiniSearch's state that scoring reads directly. MiniSearch keeps these private,
 * but re-scoring its results with BM25F needs term frequencies per field, which its public
 * `search` does not return; reading them here is about 10× cheaper than re-analysing the
 * stored text per query. The version is pinned in package.json and `assertInternals` fails
 * loudly at load if a MiniSearch upgrade changes this shape.
 */
interface MiniSearchInternals {
  _index: SearchableMap<Map<number, Map<number, number>>>
  _documentIds: Map<number, number>
  _idToShortId: Map<number, number>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _fieldIds: Record<string, number>
}

function internals(miniSearch: MiniSearch<ParagraphDoc>): MiniSearchInternals {
  return miniSearch as unknown as MiniSearchInternals
}

/** Throws if the installed MiniSearch no longer has the internal shape newsdex reads. */
export function assertInternals(miniSearch: MiniSearch<ParagraphDoc>): void {
  const state = internals(miniSearch)
  const fieldsInOrder = FIELDS.every((field, i) => state._fieldIds?.[field] === i)
  if (
    !(state._documentIds instanceof Map) ||
    !(state._idToShortId instanceof Map) ||
    !(state._fieldLength instanceof Map) ||
    !Array.isArray(state._avgFieldLength) ||
    typeof state._index?.get !== 'function' ||
    !fieldsInOrder
  ) {
    throw new Error(
      'newsdex: the installed MiniSearch has an internal layout this version does not know; install the version in package-lock.json (npm ci)',
    )
  }
}

/** Read access to a MiniSearch paragraph index, for scoring. */
export class ParagraphIndex {
  readonly miniSearch: MiniSearch<ParagraphDoc>
  readonly #state: MiniSearchInternals

  constructor(miniSearch: MiniSearch<ParagraphDoc>) {
    assertInternals(miniSearch)
    this.miniSearch = miniSearch
    this.#state = internals(miniSearch)
  }

  static create(): ParagraphIndex {
    return new ParagraphIndex(new MiniSearch(MINISEARCH_OPTIONS))
  }

  static fromJSON(json: ReturnType<MiniSearch['toJSON']>): ParagraphIndex {
    return new ParagraphIndex(MiniSearch.loadJS(json, MINISEARCH_OPTIONS))
  }

  /** Number of live paragraphs. */
  get size(): number {
    return this.miniSearch.documentCount
  }

  /** Whether `term` (an analysed stem) occurs anywhere. */
  has(term: string): boolean {
    return this.#state._index.has(term)
  }

  /**
   * Calls `visit` for every occurrence of `term` with the paragraph, the field, the term's
   * frequency there and the paragraph's field lengths. Discarded paragraphs, which MiniSearch
   * keeps in its postings until a vacuum, are passed over.
   */
  forEachPosting(
    term: string,
    visit: (
      paragraphId: number,
      fieldId: number,
      tf: number,
      fieldLengths: readonly number[],
    ) => void,
  ): void {
    const byField = this.#state._index.get(term)
    if (byField === undefined) return
    const { _documentIds: documentIds, _fieldLength: fieldLength } = this.#state
    for (const [fieldId, postings] of byField) {
      for (const [shortId, tf] of postings) {
        const paragraphId = documentIds.get(shortId)
        const lengths = fieldLength.get(shortId)
        if (paragraphId !== undefined && lengths !== undefined)
          visit(paragraphId, fieldId, tf, lengths)
      }
    }
  }

  /** Whether a paragraph holds `term` in any of `fieldIds` (all fields when not given). */
  holds(paragraphId: number, term: string, fieldIds?: readonly number[]): boolean {
    const shortId = this.#state._idToShortId.get(paragraphId)
    const byField = this.#state._index.get(term)
    if (shortId === undefined || byField === undefined) return false
    for (const [fieldId, postings] of byField) {
      if ((fieldIds === undefined || fieldIds.includes(fieldId)) && postings.has(shortId))
        return true
    }
    return false
  }

  /** Average length of each field over the live paragraphs. */
  get averageFieldLengths(): readonly number[] {
    return this.#state._avgFieldLength
  }
}
