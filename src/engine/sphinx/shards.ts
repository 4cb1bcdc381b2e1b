import mysql, { type Pool, type RowDataPacket } from 'mysql2/promise'
import { type ParagraphRow, ROW_FIELDS } from './rows.ts'

/** How long one shard may take to connect, and to answer, before it counts as missing (ms). */
export const CONNECT_TIMEOUT_MS = 800
export const QUERY_TIMEOUT_MS = 1000

/** The columns of a paragraph row, in the order `rowValues` gives them. */
export const ROW_COLUMNS = [
  'id',
  ...ROW_FIELDS,
  'akey',
  'para',
  ...ROW_FIELDS.map((field) => `len_${field}`),
  ...ROW_FIELDS.map((field) => `has_${field}`),
  'category',
  'category_key',
  'day',
  'day_key',
  'stamp',
  'article',
  'digest',
  'words',
]

function rowValues(row: ParagraphRow): unknown[] {
  const stamp = row.para === 0 ? Math.floor(Math.random() * 0x7fffffff) : 0
  return [
    row.id,
    ...ROW_FIELDS.map((field) => row.fields[field]),
    row.akey,
    row.para,
    ...row.lengths,
    ...row.present,
    row.category,
    row.categoryKey,
    row.day,
    row.dayKey,
    stamp,
    row.article,
    row.digest,
    row.words,
  ]
}

/**
 * A connection pool to one searchd, over SphinxQL, with short timeouts: connecting may take
 * `connectTimeout` ms (default `CONNECT_TIMEOUT_MS`).
 */
export function sphinxPool(host: string, port: number, connectTimeout = CONNECT_TIMEOUT_MS): Pool {
  return mysql.createPool({
    host,
    port,
    connectionLimit: 6,
    // searchd drops idle SphinxQL connections; a pooled one it dropped fails the next query.
    // Idle ones are closed first (a loopback connect costs about a millisecond).
    maxIdle: 0,
    idleTimeout: 3000,
    connectTimeout,
    // SphinxQL has no prepared statements: values are escaped into the text by mysql2.
    namedPlaceholders: false,
  })
}

/** How long connecting may take when a query may wait `queryTimeoutMs` for an answer. */
export function connectTimeoutFor(queryTimeoutMs: number): number {
  return Math.max(CONNECT_TIMEOUT_MS, queryTimeoutMs - (QUERY_TIMEOUT_MS - CONNECT_TIMEOUT_MS))
}

/** How long a bulk read (the lexicon, the digests) may take a page. */
export const BULK_TIMEOUT_MS = 30_000
/**
 * Rows of long strings a statement returns at most: Sphinx 2.2.11 sends a large result set
 * several times slower per byte than a few small ones (measured: 186 articles in 665 ms at
 * once, 185 ms in pages of 25).
 */
export const PAGE_ROWS = 25

/** Runs one statement with a timeout (the query timeout by default); rows as plain objects. */
export async function run(
  pool: Pool,
  sql: string,
  values: unknown[] = [],
  timeout = QUERY_TIMEOUT_MS,
): Promise<RowDataPacket[]> {
  const [rows] = await pool.query<RowDataPacket[]>({ sql, values, timeout })
  return rows
}

/** What a shard holds, summed into the collection's statistics. */
export interface ShardCounts {
  paragraphs: number
  articles: number
  /** Sum of the lead rows' stamps: changes whenever an article is written. */
  stamp: number
  lengths: number[]
  present: number[]
}

/** One RT shard: where it is, and its pool. */
export class Shard {
  readonly name: string
  readonly index: string
  /** `host:port` of its binary API, as the distributed index's agents name it. */
  readonly api: string
  readonly pool: Pool
  /** How long a query may wait for it before it counts as missing (ms). */
  readonly queryTimeoutMs: number

  constructor(
    host: string,
    port: number,
    index: string,
    api: string,
    queryTimeoutMs = QUERY_TIMEOUT_MS,
  ) {
    this.queryTimeoutMs = queryTimeoutMs
    this.name = `${host}:${port}/${index}`
    this.index = index
    this.api = api
    this.pool = sphinxPool(host, port, connectTimeoutFor(queryTimeoutMs))
  }

  /** What it holds; `timeout` per statement defaults to the query timeout. */
  async counts(timeout = this.queryTimeoutMs): Promise<ShardCounts> {
    const sums = ROW_FIELDS.flatMap((field) => [
      `SUM(len_${field}) AS sum_len_${field}`,
      `SUM(has_${field}) AS sum_has_${field}`,
    ])
    const [all] = await run(
      this.pool,
      `SELECT COUNT(*) AS n, ${sums.join(', ')} FROM ${this.index}`,
      [],
      timeout,
    )
    const [leads] = await run(
      this.pool,
      `SELECT COUNT(*) AS n, SUM(stamp) AS sum_stamp FROM ${this.index} WHERE para = 0`,
      [],
      timeout,
    )
    const number = (value: unknown) => Number(value ?? 0)
    return {
      paragraphs: number(all?.n),
      articles: number(leads?.n),
      stamp: number(leads?.sum_stamp),
      lengths: ROW_FIELDS.map((field) => number(all?.[`sum_len_${field}`])),
      present: ROW_FIELDS.map((field) => number(all?.[`sum_has_${field}`])),
    }
  }

  /** A string attribute of every article's lead row, read in id order a page at a time. */
  async *leadRows(column: 'words' | 'digest'): AsyncGenerator<string> {
    let after = 0
    for (;;) {
      const rows = await run(
        this.pool,
        `SELECT id, ${column} FROM ${this.index} WHERE para = 0 AND id > ? ORDER BY id ASC LIMIT ${PAGE_ROWS} OPTION max_matches = ${PAGE_ROWS}`,
        [after],
        BULK_TIMEOUT_MS,
      )
      for (const row of rows) yield String(row[column])
      if (rows.length < PAGE_ROWS) return
      after = Number(rows.at(-1)?.id)
    }
  }

  /** The articles (JSON) with these keys, from their lead rows, a page of keys at a time. */
  async articles(keys: readonly number[]): Promise<{ key: number; json: string }[]> {
    const pages: number[][] = []
    for (let at = 0; at < keys.length; at += PAGE_ROWS) pages.push(keys.slice(at, at + PAGE_ROWS))
    const answers = await Promise.all(
      pages.map((page) =>
        run(
          this.pool,
          `SELECT akey, article FROM ${this.index} WHERE para = 0 AND akey IN (${page.join(', ')}) LIMIT ${page.length} OPTION max_matches = ${page.length}`,
          [],
          this.queryTimeoutMs,
        ),
      ),
    )
    return answers.flatMap((rows) =>
      rows.map((row) => ({ key: Number(row.akey), json: String(row.article) })),
    )
  }

  /**
   * How many of its paragraphs hold each of `encoded` (encoded terms, as in `MATCH()`), from
   * `CALL KEYWORDS` with statistics: what the shard's dictionary knows, without reading a row.
   */
  async documentFrequencies(encoded: readonly string[]): Promise<number[]> {
    if (encoded.length === 0) return []
    const rows = await run(
      this.pool,
      `CALL KEYWORDS(?, '${this.index}', 1)`,
      [encoded.join(' ')],
      this.queryTimeoutMs,
    )
    // One row per term, in the order given (qpos from 1); a term the shard lacks has 0 docs.
    const docs = encoded.map(() => 0)
    for (const row of rows) {
      const position = Number(row.qpos) - 1
      if (position >= 0 && position < docs.length) docs[position] = Number(row.docs ?? 0)
    }
    return docs
  }

  /** Writes rows (an article's rows must all come in one call, after `removeArticle`). */
  async insert(rows: readonly ParagraphRow[]): Promise<void> {
    const BATCH_BYTES = 2_000_000
    let batch: unknown[][] = []
    let bytes = 0
    const flush = async () => {
      if (batch.length === 0) return
      const placeholders = batch.map(() => `(${ROW_COLUMNS.map(() => '?').join(', ')})`)
      await this.pool.query(
        `INSERT INTO ${this.index} (${ROW_COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`,
        batch.flat(),
      )
      batch = []
      bytes = 0
    }
    for (const row of rows) {
      batch.push(rowValues(row))
      bytes += row.article.length + row.words.length + row.fields.text.length + 200
      if (bytes > BATCH_BYTES) await flush()
    }
    await flush()
  }

  /** Removes an article's rows. */
  async removeArticle(akey: number): Promise<void> {
    const rows = await run(
      this.pool,
      `SELECT id FROM ${this.index} WHERE akey = ? LIMIT 100000 OPTION max_matches = 100000`,
      [akey],
    )
    if (rows.length === 0) return
    const ids = rows.map((row) => Number(row.id))
    await this.pool.query(`DELETE FROM ${this.index} WHERE id IN (${ids.join(', ')})`)
  }

  async truncate(): Promise<void> {
    await this.pool.query(`TRUNCATE RTINDEX ${this.index}`)
  }

  close(): Promise<void> {
    return this.pool.end()
  }
}
