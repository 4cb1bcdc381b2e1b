// The posting table of a full build, made straight from analysed paragraphs: each posting is
// appended to a log of typed arrays and the log is counting-sorted by term and field at the
// end, where MiniSearch's `add` kept a Map per term and field and an entry per posting (half
// of a large build's time, and most of its memory). The table is the one `tableFrom` makes of
// MiniSearch's Maps after the same adds, to the byte.
import SearchableMap from 'minisearch/SearchableMap'
import { FIELDS } from './paragraph-index.ts'
import type { PostingTable } from './posting-table.ts'

const F = FIELDS.length

/** Postings per chunk of the log: chunks are never copied, where a doubling array would be. */
const CHUNK = 1 << 20

/** A growable list of int32 in chunks. */
class IntLog {
  readonly chunks: Int32Array[] = []
  #current = new Int32Array(0)
  #at = CHUNK
  length = 0

  push(value: number): void {
    if (this.#at === CHUNK) {
      this.#current = new Int32Array(CHUNK)
      this.chunks.push(this.#current)
      this.#at = 0
    }
    this.#current[this.#at++] = value
    this.length++
  }
}

/** `array` with room for `length` items, its contents kept. */
function grown<T extends Int32Array | Uint8Array>(array: T, length: number): T {
  if (length <= array.length) return array
  const next = new (array.constructor as new (n: number) => T)(Math.max(length, 2 * array.length))
  next.set(array)
  return next
}

/**
 * Builds a `PostingTable` from paragraphs given in paragraph id order (ids 0, 1, 2…), each as
 * its fields' terms: what MiniSearch would index for the same `ParagraphDoc`s, without its
 * Maps. Terms are given by number (`termNumber`), so that a caller can look each up once.
 */
export class PostingTableBuilder {
  readonly #numbers = new Map<string, number>()
  readonly #terms: string[] = []
  /** Per term number, whether a posting of it has been seen; and the numbers in that order. */
  #seen = new Uint8Array(1024)
  readonly #firstSeen: number[] = []
  /** Per term number, its frequency in the field being added (0 between fields). */
  #frequency = new Int32Array(1024)
  readonly #touched: number[] = []
  readonly #slots = new IntLog()
  readonly #docs = new IntLog()
  readonly #tfs = new IntLog()
  #fieldLength = new Int32Array(1024 * F)
  /** As MiniSearch keeps it: a hole for a field no paragraph has had yet. */
  readonly #averageFieldLength: number[] = []
  #count = 0

  /** The number of a term (a stem: never empty, no space), given one if it has none. */
  termNumber(term: string): number {
    let number = this.#numbers.get(term)
    if (number === undefined) {
      if (term === '' || term.includes(' '))
        throw new Error(`newsdex: a term cannot be indexed: ${JSON.stringify(term)}`)
      number = this.#terms.push(term) - 1
      this.#numbers.set(term, number)
      this.#seen = grown(this.#seen, this.#terms.length)
      this.#frequency = grown(this.#frequency, this.#terms.length)
    }
    return number
  }

  /** Paragraphs added so far. */
  get size(): number {
    return this.#count
  }

  /**
   * Adds the next paragraph: per field (`FIELDS` order), the numbers of its terms in order, or
   * undefined for a field it lacks (an empty list is a field with no terms, as MiniSearch
   * counts it).
   */
  add(fields: readonly (readonly number[] | undefined)[]): void {
    const doc = this.#count++
    this.#fieldLength = grown(this.#fieldLength, this.#count * F)
    const lengths = this.#fieldLength
    for (let field = 0; field < F; field++) {
      const terms = fields[field]
      if (terms === undefined) {
        lengths[doc * F + field] = -1
        continue
      }
      const frequency = this.#frequency
      const touched = this.#touched
      for (const term of terms) {
        if (frequency[term] === 0) touched.push(term)
        frequency[term] = (frequency[term] as number) + 1
      }
      // MiniSearch's field length is the count of distinct terms, and its average is updated
      // in this order, so that the floating-point result is its to the last bit.
      lengths[doc * F + field] = touched.length
      const average = this.#averageFieldLength[field] || 0
      this.#averageFieldLength[field] = (average * doc + touched.length) / (doc + 1)
      for (const term of touched) {
        if (this.#seen[term] === 0) {
          this.#seen[term] = 1
          this.#firstSeen.push(term)
        }
        this.#slots.push(term * F + field)
        this.#docs.push(doc)
        this.#tfs.push(frequency[term] as number)
        frequency[term] = 0
      }
      touched.length = 0
    }
  }

  /**
   * The table. Terms are in the order MiniSearch's radix tree lists them after the same adds
   * (it depends on the order terms were first met), postings by ascending paragraph id. The
   * builder is spent.
   */
  finish(): PostingTable {
    const tree = new SearchableMap<number>()
    for (const number of this.#firstSeen) tree.set(this.#terms[number] as string, number)
    const terms: string[] = []
    const rank = new Int32Array(this.#terms.length)
    for (const [term, number] of tree) {
      rank[number] = terms.length
      terms.push(term)
    }
    const count = this.#count
    const starts = new Int32Array(terms.length * F + 1)
    const total = this.#slots.length
    // Each logged slot (term number × F + field) as its slot in the table (rank × F + field),
    // in place: counted, then placed, in loops over the chunks (a call per posting cost more
    // than the sort).
    const slotChunks = this.#slots.chunks
    slotChunks.forEach((slots, chunk) => {
      const end = Math.min(CHUNK, total - chunk * CHUNK)
      for (let i = 0; i < end; i++) {
        const raw = slots[i] as number
        const field = raw % F
        const slot = (rank[(raw - field) / F] as number) * F + field
        slots[i] = slot
        starts[slot + 1] = (starts[slot + 1] as number) + 1
      }
    })
    for (let slot = 1; slot < starts.length; slot++)
      starts[slot] = (starts[slot] as number) + (starts[slot - 1] as number)
    const next = starts.slice(0, starts.length - 1)
    const ids = new Int32Array(total)
    const tfs = new Int32Array(total)
    slotChunks.forEach((slots, chunk) => {
      const end = Math.min(CHUNK, total - chunk * CHUNK)
      const docs = this.#docs.chunks[chunk] as Int32Array
      const frequencies = this.#tfs.chunks[chunk] as Int32Array
      for (let i = 0; i < end; i++) {
        const slot = slots[i] as number
        const at = next[slot] as number
        next[slot] = at + 1
        ids[at] = docs[i] as number
        tfs[at] = frequencies[i] as number
      }
    })
    const paragraphIds = Int32Array.from({ length: count }, (_, i) => i)
    return {
      documentCount: count,
      nextId: count,
      dirtCount: 0,
      averageFieldLength: [...this.#averageFieldLength],
      shortIds: paragraphIds.slice(),
      paragraphIds,
      fieldLength: this.#fieldLength.slice(0, count * F),
      terms,
      starts,
      ids,
      tfs,
    }
  }
}
