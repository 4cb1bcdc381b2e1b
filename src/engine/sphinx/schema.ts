import { engineUrl, type SphinxAddress } from './address.ts'
import { ROW_COLUMNS, run, type Shard } from './shards.ts'

/**
 * Refuses an engine whose shards lack a column newsdex writes and queries (an index made by an
 * older newsdex: facets need `category_key` and `day_key`), saying how to recreate it, rather
 * than failing each query. A shard that does not answer is not checked: it is left out of
 * queries until it answers, as any missing shard is.
 */
export async function checkSchema(address: SphinxAddress, shards: readonly Shard[]): Promise<void> {
  const answers = await Promise.allSettled(
    shards.map((shard) => run(shard.pool, `DESCRIBE ${shard.index}`)),
  )
  answers.forEach((answer, number) => {
    if (answer.status === 'rejected') return
    const columns = new Set(answer.value.map((row) => String(row.Field)))
    const lacking = ROW_COLUMNS.filter((column) => !columns.has(column))
    if (lacking.length === 0) return
    const shard = shards[number] as Shard
    throw new Error(
      `${shard.name} lacks ${lacking.join(', ')}: ${engineUrl(address)} was made by an older newsdex. ` +
        'Recreate its indexes with the current schema (a local cluster: npm run cluster -- down, ' +
        'then up in an empty --dir; your own searchd: the attributes in the README, section ' +
        '"Running on a cluster", with the old index files removed), then index the articles ' +
        `again: npm run build-index -- --articles DIR --engine ${engineUrl(address)}`,
    )
  })
}
