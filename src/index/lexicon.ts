import SearchableMap from 'minisearch/SearchableMap'
import type { AnalyzedToken } from '../analysis/analyzer.ts'

/** What the index knows of one word as written (normalised, unstemmed). */
export interface LexiconEntry {
  /** The stem it is indexed under, or null for a stop word. */
  term: string | null
  /** How often it occurs in the collection. */
  count: number
  /** How to show it in completions: lower case unless it only ever appears capitalised. */
  display: string
}

const POSSESSIVE = /['’ʼ]s$/u

/** Words put in the radix tree between two pauses of `makeTree`. */
const TREE_WORDS_AT_ONCE = 4096

/** Saved form: `[word, term, count, display?]`, display left out when it equals the word. */
export type LexiconRow = [word: string, term: string | null, count: number, display?: string]

/**
 * Words as they appear in the text, in a radix tree. Stems break prefix search ("assistan" is
 * not a prefix of the stem "assist"), so as-you-type prefixes and typos are resolved here, on
 * whole words, and then mapped to the stems the paragraph index holds.
 */
export class Lexicon {
  // Counting goes through a hash map (a radix-tree lookup per token made indexing slow); the
  // tree for prefixes and typos is built from it when first needed after a change.
  readonly #words: Map<string, LexiconEntry>
  #tree: SearchableMap<LexiconEntry> | undefined

  constructor(words = new Map<string, LexiconEntry>()) {
    this.#words = words
  }

  static fromRows(rows: readonly LexiconRow[]): Lexicon {
    const words = new Map<string, LexiconEntry>()
    for (const [word, term, count, display] of rows) {
      words.set(word, { term, count, display: display ?? word })
    }
    return new Lexicon(words)
  }

  get #searchable(): SearchableMap<LexiconEntry> {
    this.#tree ??= SearchableMap.from(this.#words)
    return this.#tree
  }

  /**
   * Makes the radix tree now rather than at the first prefix or typo query (a load does, so
   * that no request pays for it), awaiting `pause` every few thousand words.
   */
  async makeTree(pause: () => Promise<void>): Promise<void> {
    const tree = new SearchableMap<LexiconEntry>()
    let count = 0
    for (const [word, entry] of this.#words) {
      tree.set(word, entry)
      if (++count % TREE_WORDS_AT_ONCE === 0) await pause()
    }
    this.#tree = tree
  }

  toRows(): LexiconRow[] {
    const rows: LexiconRow[] = []
    for (const [word, { term, count, display }] of this.#words) {
      rows.push(display === word ? [word, term, count] : [word, term, count, display])
    }
    return rows
  }

  /**
   * Counts every word of an analysed text, and returns the terms to index for it (stems of the
   * words that are not stop words, in order), so the text is analysed once for both.
   */
  addTokens(tokens: readonly AnalyzedToken[]): string[] {
    const terms: string[] = []
    for (const { text, word, term } of tokens) {
      if (word === '') continue
      if (term !== null) terms.push(term)
      this.addWord(text, word, term)
    }
    return terms
  }

  /**
   * Counts one occurrence of a word (`text` as written, `word` normalised, not empty, and its
   * `term`), and returns its entry, for `countAgain`.
   */
  addWord(text: string, word: string, term: string | null): LexiconEntry {
    const entry = this.#words.get(word)
    if (entry !== undefined) {
      Lexicon.countAgain(entry, text, word)
      return entry
    }
    this.#tree = undefined
    const added = { term, count: 1, display: text.replace(POSSESSIVE, '') }
    this.#words.set(word, added)
    return added
  }

  /**
   * Counts another occurrence of a word whose entry `addWord` returned, without looking it up
   * (a build counts millions). The entry must still be held.
   */
  static countAgain(entry: LexiconEntry, text: string, word: string): void {
    entry.count++
    if (entry.display !== word && text === word) entry.display = word
  }

  /**
   * Forgets one occurrence of every word of an analysed text (incremental updates), and returns
   * the terms `addTokens` returned for it.
   */
  removeTokens(tokens: readonly AnalyzedToken[]): string[] {
    const terms: string[] = []
    for (const { word, term } of tokens) {
      if (word === '') continue
      if (term !== null) terms.push(term)
      const entry = this.#words.get(word)
      if (entry === undefined) continue
      entry.count--
      if (entry.count <= 0) {
        this.#words.delete(word)
        this.#tree = undefined
      }
    }
    return terms
  }

  get(word: string): LexiconEntry | undefined {
    return this.#words.get(word)
  }

  get size(): number {
    return this.#words.size
  }

  /** Words starting with `prefix`, most frequent first, at most `limit`. */
  withPrefix(prefix: string, limit: number): [string, LexiconEntry][] {
    const found = [...this.#searchable.atPrefix(prefix)]
    return mostFrequent(found, limit)
  }

  /** Words within `distance` edits of `word` (itself included if present), most frequent first. */
  near(word: string, distance: number, limit: number): [string, LexiconEntry, number][] {
    const found: [string, LexiconEntry, number][] = []
    for (const [candidate, [entry, edits]] of this.#searchable.fuzzyGet(word, distance)) {
      found.push([candidate, entry, edits])
    }
    found.sort((a, b) => a[2] - b[2] || b[1].count - a[1].count || a[0].localeCompare(b[0]))
    return found.slice(0, limit)
  }
}

function mostFrequent(items: [string, LexiconEntry][], limit: number): [string, LexiconEntry][] {
  items.sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
  return items.slice(0, limit)
}
