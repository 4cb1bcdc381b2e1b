import { Lexicon } from '../../index/lexicon.ts'
import { EngineUnavailableError } from '../engine.ts'
import { engineUrl, type SphinxAddress } from './address.ts'
import { readLexicon, sumCounts } from './collection-counts.ts'
import { type CollectionStats, type CollectionWords, collectionWords } from './collection-view.ts'
import { BULK_TIMEOUT_MS, type Shard, type ShardCounts } from './shards.ts'

/** How long the collection's counts are trusted before they are asked for again (ms). */
const STATS_TTL_MS = 1000

/**
 * What the engine knows of the whole collection between queries: its counts and statistics,
 * its lexicon (read again only when an article was written), and which shards did not answer.
 * One read at a time: callers arriving during a read share it.
 */
export class CollectionState {
  readonly #address: SphinxAddress
  readonly #shards: readonly Shard[]
  #words: CollectionWords = collectionWords(new Lexicon())
  #stats: CollectionStats = { articles: 0, paragraphs: 0, averageFieldLengths: [0, 0, 0, 0] }
  #missing: string[] = []
  #readAt = 0
  #lexiconStamp: string | undefined
  #reading: Promise<void> | undefined

  constructor(address: SphinxAddress, shards: readonly Shard[]) {
    this.#address = address
    this.#shards = shards
  }

  get words(): CollectionWords {
    return this.#words
  }

  get stats(): CollectionStats {
    return this.#stats
  }

  /** The shards that did not answer the last read (or a query since). */
  get missing(): readonly string[] {
    return this.#missing
  }

  /** Names the state of the collection and of its shards: changes when an article is written. */
  get stamp(): string {
    return this.#lexiconStamp ?? ''
  }

  /** Whether the counts are older than a second. */
  get stale(): boolean {
    return Date.now() - this.#readAt > STATS_TTL_MS
  }

  /** A shard failed a query: it stays missing until a read finds it answering. */
  markMissing(name: string): void {
    if (!this.#missing.includes(name)) this.#missing = [...this.#missing, name]
  }

  /** Reads every shard's counts (and the lexicon, when an article was written since). */
  refresh(timeout?: number): Promise<void> {
    this.#reading ??= this.#read(timeout).finally(() => {
      this.#reading = undefined
    })
    return this.#reading
  }

  /**
   * Reads again after a write, waiting for no read begun before it: counting right after a
   * write may take a busy shard longer than a query may wait, hence the bulk timeout.
   */
  async reread(): Promise<void> {
    this.#readAt = 0
    await this.#reading?.catch(() => undefined)
    await this.refresh(BULK_TIMEOUT_MS)
  }

  async #read(timeout?: number): Promise<void> {
    const answers = await Promise.allSettled(this.#shards.map((shard) => shard.counts(timeout)))
    const counts: ShardCounts[] = []
    const missing: string[] = []
    answers.forEach((answer, number) => {
      if (answer.status === 'fulfilled') counts.push(answer.value)
      else missing.push((this.#shards[number] as Shard).name)
    })
    if (counts.length === 0) {
      const reason = answers.find((answer) => answer.status === 'rejected')?.reason as Error
      throw new EngineUnavailableError(
        `no shard of ${engineUrl(this.#address)} answers (${reason?.message})`,
      )
    }
    const summed = sumCounts(counts)
    this.#stats = summed.stats
    this.#missing = missing
    this.#readAt = Date.now()
    const stamp = `${missing.join(',')}|${this.#stats.articles}|${summed.stamp}`
    if (stamp !== this.#lexiconStamp) {
      this.#words = collectionWords(await readLexicon(this.#shards, missing))
      this.#lexiconStamp = stamp
    }
  }
}
