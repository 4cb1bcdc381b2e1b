import type { Pool } from 'mysql2/promise'
import type { Article } from '../../articles/types.ts'
import type { IndexChange } from '../../index/news-index.ts'
import {
  type Engine,
  type EngineHealth,
  EngineUnavailableError,
  type QueryView,
  type ViewRequest,
} from '../engine.ts'
import { engineUrl, type SphinxAddress } from './address.ts'
import { ArticleCache } from './article-cache.ts'
import { MIN_CANDIDATES } from './candidates.ts'
import { CollectionState } from './collection-state.ts'
import { CollectionFrequencies } from './frequencies.ts'
import { readView, type ViewSource } from './query-view.ts'
import { articleKey, articleRows, shardOf } from './rows.ts'
import { checkSchema } from './schema.ts'
import {
  BULK_TIMEOUT_MS,
  connectTimeoutFor,
  QUERY_TIMEOUT_MS,
  run,
  Shard,
  sphinxPool,
} from './shards.ts'

export interface SphinxOptions {
  /** How long a query waits for a shard before leaving it out, ms. Defaults to `1000`. */
  queryTimeoutMs?: number
  /**
   * Fewest articles a query that reads only its best candidates reads (see
   * `ViewRequest.depth`). Defaults to `MIN_CANDIDATES` (200).
   */
  minCandidates?: number
  /**
   * Articles kept read and analysed between queries, for the candidates a later query reads
   * again (article-cache.ts). Defaults to `DEFAULT_CAPACITY` (1000); 0 keeps none.
   */
  cachedArticles?: number
}

/**
 * The sphinx engine: paragraphs in RT shards behind a distributed index, on Sphinx 2.2.11 or
 * Manticore. Sphinx finds the articles that hold a query's terms (its analysed, expanded terms,
 * encoded) and counts their totals and facets; newsdex ranks them with its own BM25F over the
 * collection's statistics, summed over the shards, and keeps the lexicon (read from the shards)
 * for prefixes, typos and did-you-mean (query-view.ts).
 */
export class SphinxEngine implements Engine {
  readonly kind = 'sphinx'
  readonly address: SphinxAddress
  readonly #shards: Shard[]
  readonly #state: CollectionState
  readonly #source: ViewSource

  private constructor(
    address: SphinxAddress,
    front: Pool,
    shards: Shard[],
    options: SphinxOptions,
  ) {
    this.address = address
    this.#shards = shards
    this.#state = new CollectionState(address, shards)
    this.#source = {
      index: address.name,
      front,
      shards,
      state: this.#state,
      frequencies: new CollectionFrequencies(shards),
      cache: new ArticleCache(options.cachedArticles),
      minCandidates: options.minCandidates ?? MIN_CANDIDATES,
    }
  }

  /**
   * Connects to the distributed index and reads its shards from `<name>_shards`. A shard slower
   * than `queryTimeoutMs` (default 1000) to answer a query is left out of it. Refuses shards
   * made by an older newsdex (schema.ts), saying how to recreate them.
   */
  static async open(address: SphinxAddress, options: SphinxOptions = {}): Promise<SphinxEngine> {
    const queryTimeout = options.queryTimeoutMs ?? QUERY_TIMEOUT_MS
    const front = sphinxPool(address.host, address.port, connectTimeoutFor(queryTimeout))
    let rows: Awaited<ReturnType<typeof run>>
    try {
      rows = await run(
        front,
        `SELECT shard, address, api, rt_index FROM ${address.name}_shards ORDER BY shard ASC LIMIT 1000`,
      )
    } catch (error) {
      await front.end()
      throw new EngineUnavailableError(
        `cannot read the shards of ${engineUrl(address)}: ${(error as Error).message} (start a cluster with npm run cluster -- up)`,
      )
    }
    const shards = rows.map((row) => {
      const [host, port] = String(row.address).split(':')
      return new Shard(
        host ?? address.host,
        Number(port),
        String(row.rt_index),
        String(row.api),
        options.queryTimeoutMs,
      )
    })
    const engine = new SphinxEngine(address, front, shards, options)
    try {
      if (shards.length === 0) {
        throw new EngineUnavailableError(`${address.name}_shards lists no shards`)
      }
      await checkSchema(address, shards)
      await engine.#state.refresh(BULK_TIMEOUT_MS)
    } catch (error) {
      await engine.close()
      throw error
    }
    return engine
  }

  get shardNames(): string[] {
    return this.#shards.map((shard) => shard.name)
  }

  counts(): { articles: number; paragraphs: number } {
    const { articles, paragraphs } = this.#state.stats
    return { articles, paragraphs }
  }

  view(request: ViewRequest): Promise<QueryView> {
    return readView(this.#source, request)
  }

  async digests(): Promise<Map<string, string>> {
    await this.#writable()
    const digests = new Map<string, string>()
    for (const shard of this.#shards) {
      for await (const line of shard.leadRows('digest')) {
        const tab = line.lastIndexOf('\t')
        digests.set(line.slice(0, tab), line.slice(tab + 1))
      }
    }
    return digests
  }

  async replaceAll(articles: readonly Article[]): Promise<void> {
    await this.#writable()
    await Promise.all(this.#shards.map((shard) => shard.truncate()))
    await this.#insert(articles)
  }

  async update(change: IndexChange): Promise<void> {
    await this.#writable()
    for (const id of [...change.removed, ...change.added.map((article) => article.id)]) {
      await this.#shardFor(id).removeArticle(articleKey(id))
    }
    await this.#insert(change.added)
  }

  async #insert(articles: readonly Article[]): Promise<void> {
    const byShard = this.#shards.map(() => [] as ReturnType<typeof articleRows>)
    for (const article of articles) {
      byShard[shardOf(article.id, this.#shards.length)]?.push(...articleRows(article))
    }
    await Promise.all(byShard.map((rows, number) => this.#shards[number]?.insert(rows)))
    await this.#state.reread()
  }

  /** Writes need every shard: an article must land on the shard its id hashes to. */
  async #writable(): Promise<void> {
    await this.#state.reread()
    const { missing } = this.#state
    if (missing.length > 0) {
      throw new EngineUnavailableError(
        `cannot write while shards do not answer: ${missing.join(', ')}`,
      )
    }
  }

  #shardFor(id: string): Shard {
    return this.#shards[shardOf(id, this.#shards.length)] as Shard
  }

  async health(): Promise<EngineHealth> {
    const shards = await Promise.all(
      this.#shards.map(async (shard) => {
        const counts = await shard.counts().catch(() => undefined)
        return {
          name: shard.name,
          state: counts === undefined ? ('down' as const) : ('up' as const),
          paragraphs: counts?.paragraphs ?? null,
        }
      }),
    )
    await this.#state.refresh().catch(() => undefined)
    return { engine: 'sphinx', ...this.counts(), shards }
  }

  async close(): Promise<void> {
    await Promise.all([this.#source.front.end(), ...this.#shards.map((shard) => shard.close())])
  }
}
