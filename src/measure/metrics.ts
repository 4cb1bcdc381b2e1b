// Ranking-quality metrics with trec_eval's definitions. Pure functions of a ranking (document ids,
// best first) and a query's judgments (document id → gain; a gain above 0 means relevant, 0 means
// judged not relevant, and an unjudged document counts as not relevant).

/** A query's judgments: document id → gain. */
export type QueryJudgments = ReadonlyMap<string, number>

/** The metrics reported per contender, under the names the JSON report uses. */
export const METRICS = [
  { key: 'map', label: 'MAP' },
  { key: 'ndcg@10', label: 'nDCG@10' },
  { key: 'p@10', label: 'P@10' },
  { key: 'recall@100', label: 'Recall@100' },
  { key: 'mrr', label: 'MRR' },
] as const

export type MetricName = (typeof METRICS)[number]['key']
export type Metrics = Record<MetricName, number>

function isRelevant(judgments: QueryJudgments, id: string): boolean {
  return (judgments.get(id) ?? 0) > 0
}

/** How many judged documents are relevant: the denominator of AP and recall. */
export function relevantCount(judgments: QueryJudgments): number {
  let count = 0
  for (const gain of judgments.values()) if (gain > 0) count++
  return count
}

/**
 * The ranking with repeats removed (first occurrence kept): trec_eval counts a document once, and
 * a contender that returned one twice must not earn its relevance twice.
 */
export function uniqueRanking(ranking: readonly string[]): string[] {
  return [...new Set(ranking)]
}

/**
 * Average precision (trec_eval `map`, per query): the precision at the rank of each relevant
 * retrieved document, summed, over the number of relevant judged documents — so a relevant
 * document never retrieved contributes 0. Depth is whatever the ranking holds.
 */
export function averagePrecision(ranking: readonly string[], judgments: QueryJudgments): number {
  const relevant = relevantCount(judgments)
  if (relevant === 0) return 0
  let found = 0
  let sum = 0
  for (const [i, id] of ranking.entries()) {
    if (isRelevant(judgments, id)) {
      found++
      sum += found / (i + 1)
    }
  }
  return sum / relevant
}

/** Precision at k (trec_eval `P_k`): relevant documents in the top k, over k (not over the number retrieved). */
export function precisionAt(
  ranking: readonly string[],
  judgments: QueryJudgments,
  k: number,
): number {
  let found = 0
  for (const id of ranking.slice(0, k)) if (isRelevant(judgments, id)) found++
  return found / k
}

/** Recall at k (trec_eval `recall_k`): relevant documents in the top k, over the number of relevant judged. */
export function recallAt(ranking: readonly string[], judgments: QueryJudgments, k: number): number {
  const relevant = relevantCount(judgments)
  if (relevant === 0) return 0
  let found = 0
  for (const id of ranking.slice(0, k)) if (isRelevant(judgments, id)) found++
  return found / relevant
}

/** Reciprocal rank (trec_eval `recip_rank`): 1 / the rank of the first relevant document, 0 if none. */
export function reciprocalRank(ranking: readonly string[], judgments: QueryJudgments): number {
  const i = ranking.findIndex((id) => isRelevant(judgments, id))
  return i < 0 ? 0 : 1 / (i + 1)
}

/** DCG of a list of gains: gain / log2(rank + 1), ranks from 1 (so the first is undiscounted). */
function dcg(gains: readonly number[]): number {
  let sum = 0
  for (const [i, gain] of gains.entries()) sum += gain / Math.log2(i + 2)
  return sum
}

/**
 * nDCG at k (trec_eval `ndcg_cut_k`): DCG of the top k with the judged gains as they are (linear,
 * not 2^gain − 1), over the DCG of the best possible top k built from every judged relevant
 * document.
 */
export function ndcgAt(ranking: readonly string[], judgments: QueryJudgments, k: number): number {
  const ideal = [...judgments.values()]
    .filter((gain) => gain > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
  const best = dcg(ideal)
  if (best === 0) return 0
  const gains = ranking.slice(0, k).map((id) => Math.max(0, judgments.get(id) ?? 0))
  return dcg(gains) / best
}

/** Every reported metric for one query. */
export function evaluateRanking(ranking: readonly string[], judgments: QueryJudgments): Metrics {
  const unique = uniqueRanking(ranking)
  return {
    map: averagePrecision(unique, judgments),
    'ndcg@10': ndcgAt(unique, judgments, 10),
    'p@10': precisionAt(unique, judgments, 10),
    'recall@100': recallAt(unique, judgments, 100),
    mrr: reciprocalRank(unique, judgments),
  }
}

/** The arithmetic mean of each metric over queries; all zeros for no queries. */
export function meanMetrics(perQuery: readonly Metrics[]): Metrics {
  const mean = { map: 0, 'ndcg@10': 0, 'p@10': 0, 'recall@100': 0, mrr: 0 } satisfies Metrics
  if (perQuery.length === 0) return mean
  for (const metrics of perQuery) {
    for (const { key } of METRICS) mean[key] += metrics[key]
  }
  for (const { key } of METRICS) mean[key] /= perQuery.length
  return mean
}
