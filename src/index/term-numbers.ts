// The numbering of stems that packed tokens refer to, shared by the whole index and saved with
// it. Numbers are given in order of first sight and never reused.

/**
 * Stems numbered from 1 in order of first sight; 0 stands for a stop word. A number is never
 * given to another term, so packed tokens stay readable as the index is updated.
 */
export class TermNumbers {
  readonly #numbers = new Map<string, number>()
  readonly #terms: string[] = []

  static from(terms: readonly string[]): TermNumbers {
    const numbers = new TermNumbers()
    for (const term of terms) numbers.numberOf(term)
    return numbers
  }

  /** The term's number, given one now if it has none. */
  numberOf(term: string): number {
    let number = this.#numbers.get(term)
    if (number === undefined) {
      number = this.#terms.push(term)
      this.#numbers.set(term, number)
    }
    return number
  }

  /** The term's number, if it has one. */
  find(term: string): number | undefined {
    return this.#numbers.get(term)
  }

  /**
   * The numbers of a phrase's terms, `null` (any word) kept; undefined when a term has none (the
   * phrase is nowhere).
   */
  phraseNumbers(phrase: readonly (string | null)[]): (number | null)[] | undefined {
    const numbers: (number | null)[] = []
    for (const term of phrase) {
      const number = term === null ? null : this.#numbers.get(term)
      if (number === undefined) return undefined
      numbers.push(number)
    }
    return numbers
  }

  /** The terms in number order, the first numbered 1 (also the saved form). */
  terms(): readonly string[] {
    return this.#terms
  }
}
