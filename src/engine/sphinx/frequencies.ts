import { encodeTerm } from './rows.ts'
import type { Shard } from './shards.ts'

/**
 * Document frequencies over the whole collection, for a query that reads only its best
 * candidates: each term's paragraph count from every shard's dictionary (`CALL KEYWORDS`),
 * summed, and kept until the collection changes (`stamp`), so that a term is asked for once
 * per state of the engine, not once per query.
 */
export class CollectionFrequencies {
  readonly #shards: readonly Shard[]
  #known = new Map<string, number>()
  #stamp: string | undefined

  constructor(shards: readonly Shard[]) {
    this.#shards = shards
  }

  /**
   * Each term's paragraph count, summed over the shards not in `missing`. `stamp` names the
   * collection's state (and which shards answer): a new one forgets what was counted before.
   * A shard that does not answer is named in `failed`, and the counts are then not kept.
   */
  async of(
    terms: readonly string[],
    stamp: string,
    missing: ReadonlySet<string>,
  ): Promise<{ frequencies: Map<string, number>; failed: string[] }> {
    if (stamp !== this.#stamp) {
      this.#known = new Map()
      this.#stamp = stamp
    }
    const unknown = [...new Set(terms)].filter((term) => !this.#known.has(term))
    const counted = new Map<string, number>()
    const failed: string[] = []
    if (unknown.length > 0) {
      const encoded = unknown.map(encodeTerm)
      const answering = this.#shards.filter((shard) => !missing.has(shard.name))
      const answers = await Promise.allSettled(
        answering.map((shard) => shard.documentFrequencies(encoded)),
      )
      answers.forEach((answer, number) => {
        if (answer.status === 'rejected') failed.push((answering[number] as Shard).name)
      })
      unknown.forEach((term, position) => {
        let sum = 0
        for (const answer of answers) {
          if (answer.status === 'fulfilled') sum += answer.value[position] ?? 0
        }
        counted.set(term, sum)
        // A later state may have been counted meanwhile: keep only whole counts of this one.
        if (failed.length === 0 && this.#stamp === stamp) this.#known.set(term, sum)
      })
    }
    const frequencies = new Map(
      terms.map((term) => [term, counted.get(term) ?? this.#known.get(term) ?? 0]),
    )
    return { frequencies, failed }
  }
}
