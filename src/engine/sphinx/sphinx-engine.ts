import type { Pool } from 'mysql2/promise'
import type { Article } from '../../articles/types.ts'
import { Lexicon } from '../../index/lexicon.ts'
import type { IndexChange } from '../../index/news-index.ts'
import { planQuery } from '../../search/plan.ts'
import { respelling } from '../../search/spelling.ts'
import {
  type BoundedTotals,
  type Engine,
  type EngineHealth,
  EngineUnavailableError,
  type QueryView,
  type ViewRequest,
} from '../engine.ts'
import { engineUrl, type SphinxAddress } from './address.ts'
import {
  bestArticles,
  CANDIDATES_PER_RESULT,
  MAX_CANDIDATES,
  MIN_CANDIDATES,
  matchingParagraphs,
  rankedByWordsAlone,
  rankerFor,
} from './candidates.ts'
import { readLexicon, sumCounts } from './collection-counts.ts'
import {
  type CollectionStats,
  type CollectionWords,
  collectionView,
  collectionWords,
} from './collection-view.ts'
import { CollectionFrequencies } from './frequencies.ts'
import { articleKey, articleRows, articleTerms, shardOf } from './rows.ts'
import {
  BULK_TIMEOUT_MS,
  connectTimeoutFor,
  QUERY_TIMEOUT_MS,
  run,
  Shard,
  type ShardCounts,
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
}

/** Related articles a view for them reads candidates for, unless `depth` says otherwise. */
const RELATED_DEPTH = 20
/** How long the collection's counts are trusted before they are asked for again (ms). */
const STATS_TTL_MS = 1000

/**
 * The sphinx engine: paragraphs in RT shards behind a distributed index, on Sphinx 2.2.11 or
 * Manticore. Sphinx finds the articles that hold a query's terms (its analysed, expanded terms,
 * encoded); newsdex ranks them with its own BM25F over the collection's statistics, summed over
 * the shards, and keeps the lexicon (read from the shards) for prefixes, typos and did-you-mean.
 */
export class SphinxEngine implements Engine {
  readonly kind = 'sphinx'
  readonly address: SphinxAddress
  readonly #front: Pool
  readonly #shards: Shard[]
  #words: CollectionWords = collectionWords(new Lexicon())
  #stats: CollectionStats = { articles: 0, paragraphs: 0, averageFieldLengths: [0, 0, 0, 0] }
  #missing: string[] = []
  #statsAt = 0
  #lexiconStamp: string | undefined
  #refreshing: Promise<void> | undefined
  readonly #frequencies: CollectionFrequencies
  readonly #minCandidates: number

  private constructor(
    address: SphinxAddress,
    front: Pool,
    shards: Shard[],
    options: SphinxOptions,
  ) {
    this.address = address
    this.#front = front
    this.#shards = shards
    this.#frequencies = new CollectionFrequencies(shards)
    this.#minCandidates = options.minCandidates ?? MIN_CANDIDATES
  }

  /**
   * Connects to the distributed index and reads its shards from `<name>_shards`. A shard slower
   * than `queryTimeoutMs` (default 1000) to answer a query is left out of it.
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
    if (shards.length === 0) {
      await front.end()
      throw new EngineUnavailableError(`${address.name}_shards lists no shards`)
    }
    const engine = new SphinxEngine(address, front, shards, options)
    await engine.#refresh(BULK_TIMEOUT_MS)
    return engine
  }

  get shardNames(): string[] {
    return this.#shards.map((shard) => shard.name)
  }

  counts(): { articles: number; paragraphs: number } {
    return { articles: this.#stats.articles, paragraphs: this.#stats.paragraphs }
  }

  async view(request: ViewRequest): Promise<QueryView> {
    // Counts older than a second are read again beside the query, not before it (and a failed
    // read is the query's to report, not an unhandled rejection if the query fails first).
    const refreshed =
      Date.now() - this.#statsAt > STATS_TTL_MS ? this.#refresh().catch(() => undefined) : undefined
    const wanted = (request.articles ?? []).map(articleKey)
    let terms: string[]
    let boundable: boolean
    if (request.related === undefined) {
      ;({ terms, boundable } = this.#queryTerms(request))
    } else {
      const key = articleKey(request.related)
      const [article] = await this.#articles([key], new Set(this.#missing))
      terms = article === undefined ? [] : articleTerms(article)
      boundable = true
      wanted.push(key)
    }
    const depth = request.depth ?? (request.related === undefined ? 0 : RELATED_DEPTH)
    const limit = boundable
      ? Math.max(this.#minCandidates, depth * CANDIDATES_PER_RESULT)
      : MAX_CANDIDATES
    const found = terms.length > 0 ? await this.#candidates(terms, limit) : undefined
    await refreshed
    const missing = new Set([...this.#missing, ...(found?.missing ?? [])])
    const keys = new Set([...wanted, ...(found?.keys ?? [])])
    let frequencies: Map<string, number> | undefined
    if (found?.bounded !== undefined) {
      const counted = await this.#frequencies.of(terms, this.#lexiconStamp ?? '', missing)
      for (const name of counted.failed) missing.add(name)
      frequencies = counted.frequencies
    }
    const articles = await this.#articles([...keys], missing)
    return {
      index: collectionView(this.#words, this.#stats, articles, frequencies),
      missing: [...missing],
      ...(found?.bounded !== undefined && { bounded: found.bounded }),
    }
  }

  /**
   * The terms a query's view must find, its respelling's too (for did-you-mean), and whether
   * its best candidates can stand for all its matches.
   */
  #queryTerms(request: ViewRequest): { terms: string[]; boundable: boolean } {
    const empty = collectionView(this.#words, this.#stats, [])
    const terms = new Set<string>()
    let boundable = request.depth !== undefined
    const respelt = respelling(this.#words.lexicon, request.q)
    for (const q of respelt === undefined ? [request.q] : [request.q, respelt]) {
      const plan = planQuery(empty, q, {
        ...request,
        prefix: request.prefix === true && q === request.q,
      })
      if (q === request.q) boundable &&= rankedByWordsAlone(plan.parsed)
      for (const word of plan.words) for (const { term } of word.expansions) terms.add(term)
    }
    return { terms: [...terms], boundable }
  }

  /**
   * The best `limit` articles holding any of `terms`, through the distributed index, and the
   * shards that failed; with the collection's totals when more than `limit` match.
   */
  async #candidates(
    terms: string[],
    limit: number,
  ): Promise<{ keys: number[]; missing: string[]; bounded?: BoundedTotals }> {
    const connection = await this.#front.getConnection().catch((error: Error) => {
      throw new EngineUnavailableError(`the engine does not answer: ${error.message}`)
    })
    // Past the agents' own timeout (1 s), so that a silent agent is a warning, not a failure.
    const timeout = (this.#shards[0]?.queryTimeoutMs ?? 1000) + 800
    try {
      const ranker = rankerFor(this.#stats.averageFieldLengths)
      const best = await bestArticles(connection, this.address.name, terms, limit, ranker, timeout)
      const missing = this.#failedAgents(best.warning)
      if (best.articles <= best.keys.length || limit === MAX_CANDIDATES) {
        return { keys: best.keys, missing }
      }
      const paragraphs = await matchingParagraphs(connection, this.address.name, terms, timeout)
      const bounded = { candidates: best.keys.length, articles: best.articles, paragraphs }
      return { keys: best.keys, missing, bounded }
    } catch (error) {
      throw new EngineUnavailableError(`the engine does not answer: ${(error as Error).message}`)
    } finally {
      connection.release()
    }
  }

  /** The shards a distributed query's warning names (`agent HOST:PORT: …`). */
  #failedAgents(warning: string | undefined): string[] {
    if (warning === undefined) return []
    return this.#shards
      .filter((shard) => warning.includes(`agent ${shard.api}:`))
      .map((shard) => shard.name)
  }

  /** The articles with these keys, from the shards holding them (those answering). */
  async #articles(keys: number[], missing: ReadonlySet<string>): Promise<Article[]> {
    const byShard = this.#shards.map(() => [] as number[])
    for (const key of keys) byShard[key % this.#shards.length]?.push(key)
    const answers = await Promise.allSettled(
      this.#shards.map((shard, number) =>
        missing.has(shard.name) ? [] : shard.articles(byShard[number] ?? []),
      ),
    )
    const articles: Article[] = []
    answers.forEach((answer, number) => {
      if (answer.status === 'fulfilled') {
        for (const json of answer.value) articles.push(JSON.parse(json) as Article)
      } else if (keys.length > 0) {
        this.#missing = [...new Set([...this.#missing, (this.#shards[number] as Shard).name])]
      }
    })
    return articles
  }

  /** Reads every shard's counts (and the lexicon, when an article was written since). */
  #refresh(timeout?: number): Promise<void> {
    this.#refreshing ??= this.#readCounts(timeout).finally(() => {
      this.#refreshing = undefined
    })
    return this.#refreshing
  }

  async #readCounts(timeout?: number): Promise<void> {
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
        `no shard of ${engineUrl(this.address)} answers (${reason?.message})`,
      )
    }
    const summed = sumCounts(counts)
    this.#stats = summed.stats
    this.#missing = missing
    this.#statsAt = Date.now()
    const stamp = `${missing.join(',')}|${this.#stats.articles}|${summed.stamp}`
    if (stamp !== this.#lexiconStamp) {
      this.#words = collectionWords(await readLexicon(this.#shards, missing))
      this.#lexiconStamp = stamp
    }
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
    this.#statsAt = 0
    // Counting right after a write may take a busy shard longer than a query may wait.
    await this.#refreshing?.catch(() => undefined)
    await this.#refresh(BULK_TIMEOUT_MS)
  }

  /** Writes need every shard: an article must land on the shard its id hashes to. */
  async #writable(): Promise<void> {
    await this.#refreshing?.catch(() => undefined)
    await this.#refresh(BULK_TIMEOUT_MS)
    if (this.#missing.length > 0) {
      throw new EngineUnavailableError(
        `cannot write while shards do not answer: ${this.#missing.join(', ')}`,
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
    await this.#refresh().catch(() => undefined)
    return { engine: 'sphinx', ...this.counts(), shards }
  }

  async close(): Promise<void> {
    await Promise.all([this.#front.end(), ...this.#shards.map((shard) => shard.close())])
  }
}
