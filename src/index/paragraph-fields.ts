// What the paragraph index indexes: the fields of a paragraph, and MiniSearch's options for them.
import type { Options } from 'minisearch'

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
}
