import type { PoolConnection, RowDataPacket } from 'mysql2/promise'
import type { ParsedQuery } from '../../search/query.ts'
import { defaultRankingOptions } from '../../search/score.ts'
import { encodeTerm, ROW_FIELDS } from './rows.ts'

/**
 * Articles a bounded query reads at least, for newsdex to rank: the engine's own ranking picks
 * them, so they must reach well past the page for newsdex's order over them to be its order
 * over everything (overlap@10 with the embedded index, measured: see the README).
 */
export const MIN_CANDIDATES = 200
/** Candidates per result a caller reads (page × size), past `MIN_CANDIDATES`. */
export const CANDIDATES_PER_RESULT = 4
/** Most articles an unbounded query reads; past it, the first by the engine's own ranking. */
export const MAX_CANDIDATES = 20_000

/** The ranker's field weights: newsdex's × 100, as integers, each field's its own. */
const FIELD_WEIGHTS: number[] = []
for (const field of ROW_FIELDS) {
  let weight = Math.round(defaultRankingOptions.weights[field] * 100)
  while (FIELD_WEIGHTS.includes(weight)) weight--
  FIELD_WEIGHTS.push(weight)
}

/**
 * How the engine orders candidates: newsdex's BM25F (score.ts) as near as Sphinx 2.2.11's
 * factors allow. Per field, the idf of the query terms it holds times the field's weight,
 * saturated by the terms' mean frequency there (`hit_count / word_count`: Sphinx gives no
 * frequency per term and field) against the field's length (an attribute) over the
 * collection's mean. The field is told by its weight. Queries ask for `idf = 'plain'`
 * (ln N/n): the default goes below zero for a term in over half the paragraphs, which put the
 * most common words' best matches last. Sphinx's own `bm25f()` takes RT average lengths wrongly
 * (about 0 after a flush), and the expression ranker truncates to an integer, hence the scale.
 */
export function rankerFor(averageFieldLengths: readonly number[]): string {
  const { k1, b } = defaultRankingOptions
  const choose = (values: string[]): string =>
    values.reduceRight(
      (otherwise, value, i) => `if(user_weight==${FIELD_WEIGHTS[i]}, ${value}, ${otherwise})`,
      '1',
    )
  const norm = choose(
    ROW_FIELDS.map((field, i) => {
      const average = Math.max(1, averageFieldLengths[i] ?? 1).toFixed(3)
      return `(${1 - b[field]} + ${b[field]}*len_${field}/${average})`
    }),
  )
  const tf = '(hit_count/word_count)'
  const perField = `user_weight*sum_idf*${k1 + 1}*${tf}/(${tf} + ${k1}*${norm})`
  return `expr('sum(${perField})*1000')`
}

const FIELD_WEIGHT_OPTION = ROW_FIELDS.map((field, i) => `${field}=${FIELD_WEIGHTS[i]}`).join(', ')

/** What the engine found for a query: the best articles' keys, and how many there are. */
export interface Candidates {
  keys: number[]
  /** Articles holding any term (every shard that answered). */
  articles: number
  /** The warning of a distributed query, naming the agents that failed. */
  warning: string | undefined
}

/** `MATCH()` text for any of `terms` (analysed), optionally in the paragraphs' own fields only. */
export function anyOf(terms: readonly string[], ownFields = false): string {
  const any = terms.map(encodeTerm).join(' | ')
  return ownFields ? `@(text,heading) (${any})` : any
}

/**
 * The `limit` best articles holding any of `terms`, by the engine's ranking, through the
 * distributed index on `connection`; with how many hold one at all.
 */
export async function bestArticles(
  connection: PoolConnection,
  index: string,
  terms: readonly string[],
  limit: number,
  ranker: string,
  timeout: number,
): Promise<Candidates> {
  const [rows] = await connection.query<RowDataPacket[]>({
    sql: `SELECT akey, WEIGHT() AS w FROM ${index} WHERE MATCH(?) GROUP BY akey WITHIN GROUP ORDER BY w DESC ORDER BY w DESC, akey ASC LIMIT ${limit} OPTION max_matches = ${limit}, idf = 'plain', ranker = ${ranker}, field_weights = (${FIELD_WEIGHT_OPTION})`,
    values: [anyOf(terms)],
    timeout,
  })
  const meta = await showMeta(connection, timeout)
  return {
    keys: rows.map((row) => Number(row.akey)),
    articles: Number(meta.get('total_found') ?? rows.length),
    warning: meta.get('warning'),
  }
}

/**
 * How many paragraphs match `terms` as the embedded index counts them: those holding a term in
 * their own text or heading, plus each article's first paragraph when the article matches
 * only through its title (title words are on every row, but count once per article).
 */
export async function matchingParagraphs(
  connection: PoolConnection,
  index: string,
  terms: readonly string[],
  timeout: number,
): Promise<number> {
  const count = async (match: string, leadsOnly: boolean): Promise<number> => {
    const [rows] = await connection.query<RowDataPacket[]>({
      sql: `SELECT COUNT(*) AS n FROM ${index} WHERE MATCH(?)${leadsOnly ? ' AND para = 0' : ''}`,
      values: [match],
      timeout,
    })
    return Number(rows[0]?.n ?? 0)
  }
  const own = await count(anyOf(terms, true), false)
  const leads = await count(anyOf(terms), true)
  const ownLeads = await count(anyOf(terms, true), true)
  return own + leads - ownLeads
}

/** The variables of the last statement on `connection` (`total_found`, `warning`, …). */
export async function showMeta(
  connection: PoolConnection,
  timeout: number,
): Promise<Map<string, string>> {
  const [meta] = await connection.query<RowDataPacket[]>({ sql: 'SHOW META', timeout })
  return new Map(meta.map((row) => [String(row.Variable_name), String(row.Value)]))
}
/**
 * Whether the engine's best candidates can stand for every match of a query: its words alone
 * decide what matches and how it ranks (no phrase, exclusion, field, category or date, which
 * the engine's ranking does not weigh, and which could rule out every candidate).
 */
export function rankedByWordsAlone(parsed: ParsedQuery): boolean {
  return (
    parsed.phrases.length === 0 &&
    parsed.excludedWords.length === 0 &&
    parsed.excludedPhrases.length === 0 &&
    parsed.categories.length === 0 &&
    parsed.dateRange === undefined &&
    parsed.words.every((word) => word.field === undefined)
  )
}
