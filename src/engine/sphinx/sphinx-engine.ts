import type { Pool, RowDataPacket } from 'mysql2/promise'
import type { Article } from '../../articles/types.ts'
import { Lexicon, type LexiconRow } from '../../index/lexicon.ts'
import type { IndexChange } from '../../index/news-index.ts'
import { planQuery } from '../../search/plan.ts'
import { respelling } from '../../search/spelling.ts'
import {
  type Engine,
  type EngineHealth,
  EngineUnavailableError,
  type QueryView,
  type ViewRequest,
} from '../engine.ts'
import { engineUrl, type SphinxAddress } from './address.ts'
import {
  type CollectionStats,
  type CollectionWords,
  collectionView,
  collectionWords,
} from './collection-view.ts'
import { articleKey, articleRows, encodeTerm, ROW_FIELDS, shardOf } from './rows.ts'
import { BULK_TIMEOUT_MS, run, Shard, type ShardCounts, sphinxPool } from './shards.ts'

export interface SphinxOptions {
  /** How long a query waits for a shard before leaving it out, ms. Defaults to `1000`. */
  queryTimeoutMs?: number
}

/** Most articles a query fetches to score; past it, the ones Sphinx's own ranking puts first. */
const MAX_CANDIDATES = 20_000
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

  private constructor(address: SphinxAddress, front: Pool, shards: Shard[]) {
    this.address = address
    this.#front = front
    this.#shards = shards
  }

  /**
   * Connects to the distributed index and reads its shards from `<name>_shards`. A shard slower
   * than `queryTimeoutMs` (default 1000) to answer a query is left out of it.
   */
  static async open(address: SphinxAddress, options: SphinxOptions = {}): Promise<SphinxEngine> {
    const front = sphinxPool(address.host, address.port)
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
    const engine = new SphinxEngine(address, front, shards)
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
    // Counts older than a second are read again beside the query, not before it.
    const refreshed = Date.now() - this.#statsAt > STATS_TTL_MS ? this.#refresh() : undefined
    const empty = collectionView(this.#words, this.#stats, [])
    const terms = new Set<string>()
    const respelt = respelling(this.#words.lexicon, request.q)
    for (const q of respelt === undefined ? [request.q] : [request.q, respelt]) {
      const plan = planQuery(empty, q, {
        ...request,
        prefix: request.prefix === true && q === request.q,
      })
      for (const word of plan.words) for (const { term } of word.expansions) terms.add(term)
    }
    const keys = new Set((request.articles ?? []).map(articleKey))
    const found = terms.size > 0 ? await this.#candidates([...terms]) : undefined
    await refreshed?.catch(() => undefined)
    const missing = new Set([...this.#missing, ...(found?.missing ?? [])])
    for (const key of found?.keys ?? []) keys.add(key)
    const articles = await this.#articles([...keys], missing)
    return { index: collectionView(this.#words, this.#stats, articles), missing: [...missing] }
  }

  /** Article keys holding any of `terms`, through the distributed index; shards that failed. */
  async #candidates(terms: string[]): Promise<{ keys: number[]; missing: string[] }> {
    const match = terms.map(encodeTerm).join(' | ')
    const connection = await this.#front.getConnection().catch((error: Error) => {
      throw new EngineUnavailableError(`the engine does not answer: ${error.message}`)
    })
    try {
      const [rows] = await connection.query<RowDataPacket[]>({
        sql: `SELECT akey FROM ${this.address.name} WHERE MATCH(?) GROUP BY akey LIMIT ${MAX_CANDIDATES} OPTION max_matches = ${MAX_CANDIDATES}, ranker = bm25`,
        values: [match],
        // Past the agents' own timeout (1 s), so that a silent agent is a warning, not a failure.
        timeout: (this.#shards[0]?.queryTimeoutMs ?? 1000) + 800,
      })
      const [meta] = await connection.query<RowDataPacket[]>('SHOW META')
      const warning = meta.find((row) => row.Variable_name === 'warning')?.Value as
        | string
        | undefined
      return { keys: rows.map((row) => Number(row.akey)), missing: this.#failedAgents(warning) }
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
    const sum = (pick: (c: ShardCounts) => number) => counts.reduce((n, c) => n + pick(c), 0)
    this.#stats = {
      articles: sum((c) => c.articles),
      paragraphs: sum((c) => c.paragraphs),
      averageFieldLengths: ROW_FIELDS.map((_, field) => {
        const present = sum((c) => c.present[field] ?? 0)
        return present === 0 ? 0 : sum((c) => c.lengths[field] ?? 0) / present
      }),
    }
    this.#missing = missing
    this.#statsAt = Date.now()
    const stamp = `${missing.join(',')}|${this.#stats.articles}|${sum((c) => c.stamp)}`
    if (stamp !== this.#lexiconStamp) {
      this.#words = collectionWords(await this.#readLexicon())
      this.#lexiconStamp = stamp
    }
  }

  /** The collection's lexicon: every article's words summed, as the embedded index counts them. */
  async #readLexicon(): Promise<Lexicon> {
    const words = new Map<string, { term: string | null; count: number; display: string }>()
    for (const shard of this.#shards) {
      if (this.#missing.includes(shard.name)) continue
      for await (const json of shard.leadRows('words')) {
        for (const [word, term, count, display] of JSON.parse(json) as LexiconRow[]) {
          const known = words.get(word)
          if (known === undefined) words.set(word, { term, count, display: display ?? word })
          else {
            known.count += count
            if (display === undefined) known.display = word
          }
        }
      }
    }
    return new Lexicon(words)
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
