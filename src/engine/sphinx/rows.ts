import { createHash } from 'node:crypto'
import { analyze } from '../../analysis/analyzer.ts'
import type { Article } from '../../articles/types.ts'
import type { LexiconRow } from '../../index/lexicon.ts'
import { NewsIndex } from '../../index/news-index.ts'
import { articleDigest } from '../sync.ts'

/**
 * How newsdex's analysed terms reach Sphinx whole: letters a–z and digits stand for themselves,
 * every other character is `_<hex code point>_`. The index's `charset_table` is exactly
 * `0..9, a..z, _`, so Sphinx's tokenizer never splits a term (`u.s` → `u_2e_s`,
 * `16.2bn` → `16_2e_2bn`), and no query text can carry a SphinxQL operator into `MATCH()`.
 */
export function encodeTerm(term: string): string {
  let out = ''
  for (const char of term) {
    out += /^[a-z0-9]$/.test(char) ? char : `_${(char.codePointAt(0) as number).toString(16)}_`
  }
  return out
}

/** The full-text fields of a paragraph row, in newsdex's field order (see paragraph-index.ts). */
export const ROW_FIELDS = ['text', 'heading', 'title', 'subtitle'] as const

/** One paragraph as a row of an RT shard. */
export interface ParagraphRow {
  id: number
  /** Encoded analysed terms per field ('' when the paragraph lacks the field). */
  fields: Record<(typeof ROW_FIELDS)[number], string>
  /** The article's key (see `articleKey`): which rows are one article's. */
  akey: number
  para: number
  /** Distinct terms per field, and whether the paragraph has it: the collection's statistics. */
  lengths: number[]
  present: number[]
  /**
   * The article's category as written ('' for none) and its day (`YYYY-MM-DD`, '' undated) on
   * every row, each with a key to group by (0 for none): the engine counts the facets over
   * every match. Keys, not the strings, are grouped on: Sphinx compares strings without case.
   */
  category: string
  categoryKey: number
  day: string
  dayKey: number
  /** On an article's first row only: the article as JSON, its digest, its lexicon rows as JSON. */
  article: string
  digest: string
  words: string
}

/** A 52-bit positive number from a string: exact in a JavaScript number and in Sphinx's bigint. */
function hash52(text: string): number {
  const digest = createHash('sha256').update(text).digest()
  return digest.readUIntBE(0, 6) * 16 + (digest[6] as number) / 16 + 1
}

/** The key of a facet value: 0 for none, else a positive 52-bit hash of the exact text. */
export function facetKey(value: string): number {
  return value === '' ? 0 : Math.floor(hash52(value))
}

/** An article's key: its rows' `akey` attribute, and (mod the shard count) its shard. */
export function articleKey(id: string): number {
  return Math.floor(hash52(id))
}

/** Which of `shards` holds an article: all its paragraphs together, spread by its id's hash. */
export function shardOf(id: string, shards: number): number {
  return articleKey(id) % shards
}

/**
 * An article's rows: its paragraphs' terms per field as MiniSearch would index them (title and
 * subtitle on every paragraph), with the counts newsdex scores by. Terms come from the one
 * analyzer, so a Sphinx match is always a newsdex match.
 */
export function articleRows(article: Article): ParagraphRow[] {
  const terms = (text: string | undefined): string[] | undefined =>
    text ? analyze(text).flatMap((token) => (token.term === null ? [] : [token.term])) : undefined
  const title = terms(article.title)
  const subtitle = terms(article.subtitle)
  const akey = articleKey(article.id)
  const words = lexiconRows(article)
  const digest = `${article.id}\t${articleDigest(article)}`
  const category = article.category ?? ''
  // The date facet's finest bucket is a day: its key is the date cut to one (date-facet.ts).
  const day = article.date?.slice(0, 10) ?? ''
  return article.paragraphs.map((paragraph, position) => {
    const byField = [terms(paragraph.text), terms(paragraph.heading), title, subtitle]
    const [text, heading, titleText, subtitleText] = byField.map((list) =>
      (list ?? []).map(encodeTerm).join(' '),
    ) as [string, string, string, string]
    return {
      id: Math.floor(hash52(`${article.id}\u0000${position}`)),
      fields: { text, heading, title: titleText, subtitle: subtitleText },
      akey,
      para: position,
      lengths: byField.map((list) => new Set(list ?? []).size),
      present: byField.map((list) => (list === undefined ? 0 : 1)),
      category,
      categoryKey: facetKey(category),
      day,
      dayKey: facetKey(day),
      article: position === 0 ? JSON.stringify(article) : '',
      digest: position === 0 ? digest : '',
      words: position === 0 ? JSON.stringify(words) : '',
    }
  })
}

/**
 * The distinct analysed terms of an article's title and paragraphs: what its related articles
 * share with it (search/related.ts draws its most distinctive terms from these).
 */
export function articleTerms(article: Article): string[] {
  const terms = new Set<string>()
  for (const text of [article.title, ...article.paragraphs.map((paragraph) => paragraph.text)]) {
    for (const { term } of analyze(text)) if (term !== null) terms.add(term)
  }
  return [...terms]
}

/** The words an article adds to the lexicon, counted as the embedded index counts them. */
function lexiconRows(article: Article): LexiconRow[] {
  const scratch = new NewsIndex()
  scratch.add(article)
  return scratch.lexicon.toRows()
}
