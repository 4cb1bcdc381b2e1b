import type { Pool, PoolConnection } from 'mysql2/promise'
import type { Article } from '../../articles/types.ts'
import { planQuery } from '../../search/plan.ts'
import { respelling } from '../../search/spelling.ts'
import {
  type BoundedTotals,
  EngineUnavailableError,
  type QueryView,
  type ViewRequest,
} from '../engine.ts'
import type { ArticleCache, ReadArticle } from './article-cache.ts'
import {
  anyOf,
  bestArticles,
  CANDIDATES_PER_RESULT,
  MAX_CANDIDATES,
  matchingParagraphs,
  rankedByWordsAlone,
  rankerFor,
} from './candidates.ts'
import type { CollectionState } from './collection-state.ts'
import { collectionView } from './collection-view.ts'
import { countFacets } from './facets.ts'
import type { CollectionFrequencies } from './frequencies.ts'
import { articleKey, articleTerms } from './rows.ts'
import type { Shard } from './shards.ts'

/** Related articles a view for them reads candidates for, unless `depth` says otherwise. */
const RELATED_DEPTH = 20

/** What a query's view is read from: the distributed index, its shards, what is known of them. */
export interface ViewSource {
  /** The distributed index's name, and a pool to the searchd serving it. */
  index: string
  front: Pool
  shards: readonly Shard[]
  state: CollectionState
  frequencies: CollectionFrequencies
  /** The articles recent views read, analysed. */
  cache: ArticleCache
  /** Fewest candidates a bounded query reads. */
  minCandidates: number
}

/** The terms a query searches: its own, and with them its respelling's (for did-you-mean). */
interface QueryTerms {
  own: string[]
  all: string[]
  /** Whether its best candidates can stand for all its matches. */
  boundable: boolean
}

/**
 * A query's view: the articles that can match it, or (`request.depth`, when its words alone
 * rank it) its best candidates by the engine's ranking with the engine's totals and facets
 * over every match; scored over the collection's statistics.
 */
export async function readView(source: ViewSource, request: ViewRequest): Promise<QueryView> {
  const { state } = source
  // Counts older than a second are read again beside the query, not before it (and a failed
  // read is the query's to report, not an unhandled rejection if the query fails first).
  const refreshed = state.stale ? state.refresh().catch(() => undefined) : undefined
  const wanted = (request.articles ?? []).map(articleKey)
  let terms: QueryTerms
  if (request.related === undefined) terms = queryTerms(state, request)
  else {
    const key = articleKey(request.related)
    const [read] = await readArticles(source, [key], new Set(state.missing))
    const own = read === undefined ? [] : articleTerms(read.article)
    terms = { own, all: own, boundable: true }
    wanted.push(key)
  }
  const depth = request.depth ?? (request.related === undefined ? 0 : RELATED_DEPTH)
  const limit = terms.boundable
    ? Math.max(source.minCandidates, depth * CANDIDATES_PER_RESULT)
    : MAX_CANDIDATES
  const found = terms.all.length > 0 ? await candidates(source, terms, limit) : undefined
  await refreshed
  const missing = new Set([...state.missing, ...(found?.missing ?? [])])
  // The articles are read while the engine counts what the view needs besides them.
  const reading = readArticles(source, [...new Set([...wanted, ...(found?.keys ?? [])])], missing)
  let bounded: BoundedTotals | undefined
  let frequencies: Map<string, number> | undefined
  if (found?.counting !== undefined) {
    const [counted, known] = await Promise.all([
      found.counting,
      source.frequencies.of(terms.all, state.stamp, missing),
    ])
    bounded = counted.bounded
    for (const name of [...counted.failed, ...known.failed]) missing.add(name)
    frequencies = known.frequencies
  }
  const articles = await reading
  return {
    index: collectionView(state.words, state.stats, articles, frequencies),
    missing: [...missing],
    ...(bounded !== undefined && { bounded }),
  }
}

function queryTerms(state: CollectionState, request: ViewRequest): QueryTerms {
  const empty = collectionView(state.words, state.stats, [])
  const own = new Set<string>()
  const all = new Set<string>()
  let boundable = request.depth !== undefined
  const respelt = respelling(state.words.lexicon, request.q)
  for (const q of respelt === undefined ? [request.q] : [request.q, respelt]) {
    const plan = planQuery(empty, q, {
      ...request,
      prefix: request.prefix === true && q === request.q,
    })
    if (q === request.q) boundable &&= rankedByWordsAlone(plan.parsed)
    for (const word of plan.words) {
      for (const { term } of word.expansions) {
        all.add(term)
        if (q === request.q) own.add(term)
      }
    }
  }
  return { own: [...own], all: [...all], boundable }
}

/** What counting a bounded query's matches gives: its totals and facets, and the shards that failed. */
interface Counted {
  bounded: BoundedTotals
  failed: string[]
}

/**
 * The best `limit` articles holding any of the terms, through the distributed index, and the
 * shards that failed. When more match, `counting` counts the totals and facets of the query's
 * own terms (its respelling's are read only for did-you-mean) over every match.
 */
async function candidates(
  source: ViewSource,
  terms: QueryTerms,
  limit: number,
): Promise<{ keys: number[]; missing: string[]; counting?: Promise<Counted> }> {
  // Past the agents' own timeout (1 s), so that a silent agent is a warning, not a failure.
  const timeout = (source.shards[0]?.queryTimeoutMs ?? 1000) + 800
  const best = await onFront(source, (connection) => {
    const ranker = rankerFor(source.state.stats.averageFieldLengths)
    return bestArticles(connection, source.index, terms.all, limit, ranker, timeout)
  })
  const missing = failedAgents(source.shards, best.warning)
  if (best.articles <= best.keys.length || limit === MAX_CANDIDATES) {
    return { keys: best.keys, missing }
  }
  const counting = Promise.all([
    onFront(source, (connection) =>
      matchingParagraphs(connection, source.index, terms.own, timeout),
    ),
    countFacets(source.shards, new Set(missing), anyOf(terms.own)),
  ]).then(([paragraphs, counted]) => {
    const { articles, facets } = counted
    const bounded = { candidates: best.keys.length, articles, paragraphs, facets }
    return { bounded, failed: counted.failed }
  })
  // Awaited with the articles: a failure before then is not an unhandled rejection.
  counting.catch(() => undefined)
  return { keys: best.keys, missing, counting }
}

/** Runs statements on a connection to the distributed index; any failure is the engine's. */
async function onFront<T>(
  source: ViewSource,
  statements: (connection: PoolConnection) => Promise<T>,
): Promise<T> {
  const connection = await source.front.getConnection().catch((error: Error) => {
    throw new EngineUnavailableError(`the engine does not answer: ${error.message}`)
  })
  try {
    return await statements(connection)
  } catch (error) {
    throw new EngineUnavailableError(`the engine does not answer: ${(error as Error).message}`)
  } finally {
    connection.release()
  }
}

/** The shards a distributed query's warning names (`agent HOST:PORT: …`). */
function failedAgents(shards: readonly Shard[], warning: string | undefined): string[] {
  if (warning === undefined) return []
  return shards.filter((shard) => warning.includes(`agent ${shard.api}:`)).map((s) => s.name)
}

/**
 * The articles with these keys, analysed: those a recent view read from the cache, the others
 * from the shards holding them (those answering).
 */
export async function readArticles(
  source: Pick<ViewSource, 'shards' | 'state' | 'cache'>,
  keys: number[],
  missing: ReadonlySet<string>,
): Promise<ReadArticle[]> {
  const { shards, state, cache } = source
  const stamp = state.stamp
  const { found, unknown } = cache.take(stamp, keys)
  const byShard = shards.map(() => [] as number[])
  for (const key of unknown) byShard[key % shards.length]?.push(key)
  const answers = await Promise.allSettled(
    shards.map((shard, number) =>
      missing.has(shard.name) ? [] : shard.articles(byShard[number] ?? []),
    ),
  )
  answers.forEach((answer, number) => {
    if (answer.status === 'fulfilled') {
      for (const { key, json } of answer.value) {
        found.push(cache.put(stamp, key, JSON.parse(json) as Article))
      }
    } else if ((byShard[number]?.length ?? 0) > 0) {
      state.markMissing((shards[number] as Shard).name)
    }
  })
  return found
}
