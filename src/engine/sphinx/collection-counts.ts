import { Lexicon, type LexiconRow } from '../../index/lexicon.ts'
import type { CollectionStats } from './collection-view.ts'
import { ROW_FIELDS } from './rows.ts'
import type { Shard, ShardCounts } from './shards.ts'

/**
 * The collection's statistics from its shards' counts: articles and paragraphs summed, each
 * field's mean length over the paragraphs that have it; and the sum of the shards' stamps,
 * which changes whenever an article is written.
 */
export function sumCounts(counts: readonly ShardCounts[]): {
  stats: CollectionStats
  stamp: number
} {
  const sum = (pick: (c: ShardCounts) => number) => counts.reduce((n, c) => n + pick(c), 0)
  return {
    stats: {
      articles: sum((c) => c.articles),
      paragraphs: sum((c) => c.paragraphs),
      averageFieldLengths: ROW_FIELDS.map((_, field) => {
        const present = sum((c) => c.present[field] ?? 0)
        return present === 0 ? 0 : sum((c) => c.lengths[field] ?? 0) / present
      }),
    },
    stamp: sum((c) => c.stamp),
  }
}

/**
 * The collection's lexicon from the shards not `missing`: every article's words summed, as
 * the embedded index counts them.
 */
export async function readLexicon(
  shards: readonly Shard[],
  missing: readonly string[],
): Promise<Lexicon> {
  const words = new Map<string, { term: string | null; count: number; display: string }>()
  for (const shard of shards) {
    if (missing.includes(shard.name)) continue
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
