import { execFile } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { engineUrl } from './address.ts'
import { ROW_FIELDS } from './rows.ts'
import { run, sphinxPool } from './shards.ts'

/** A local cluster as `up` leaves it, saved as `cluster.json` in its folder. */
export interface ClusterState {
  name: string
  url: string
  shards: { sql: number; api: number; pid: number }[]
}

const HOST = '127.0.0.1'

/** A port free on 127.0.0.1 now (the OS picks it; it is released for searchd to take). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })
}

/** The RT shard's definition: newsdex's analysed terms as fields, what it scores by as attributes. */
function rtIndex(name: string, dir: string): string {
  return `index ${name}
{
  type = rt
  path = ${join(dir, name)}
${ROW_FIELDS.map((field) => `  rt_field = ${field}`).join('\n')}
  rt_attr_bigint = akey
  rt_attr_uint = para
${ROW_FIELDS.map((field) => `  rt_attr_uint = len_${field}\n  rt_attr_uint = has_${field}`).join('\n')}
  rt_attr_string = category
  rt_attr_bigint = category_key
  rt_attr_string = day
  rt_attr_bigint = day_key
  rt_attr_uint = stamp
  rt_attr_string = article
  rt_attr_string = digest
  rt_attr_string = words
  rt_mem_limit = 128M
  dict = keywords
  # Terms arrive analysed and encoded to these characters (see rows.ts): never split them.
  charset_table = 0..9, a..z, _
  min_word_len = 1
}
`
}

/** The config of shard `number`; shard 0 also holds the distributed index and the shard list. */
export function shardConfig(
  name: string,
  dir: string,
  number: number,
  ports: { sql: number; api: number }[],
): string {
  const data = join(dir, `shard-${number}`)
  const own = ports[number] as { sql: number; api: number }
  let indexes = rtIndex(`${name}_${number}`, data)
  if (number === 0) {
    const agents = ports
      .slice(1)
      .map((port, i) => `  agent = ${HOST}:${port.api}:${name}_${i + 1}`)
      .join('\n')
    indexes += `
index ${name}
{
  type = distributed
  local = ${name}_0
${agents}
  agent_connect_timeout = 300
  agent_query_timeout = 1000
}

index ${name}_shards
{
  type = rt
  path = ${join(data, `${name}_shards`)}
  rt_field = note
  rt_attr_uint = shard
  rt_attr_string = address
  rt_attr_string = api
  rt_attr_string = rt_index
}
`
  }
  return `${indexes}
searchd
{
  listen = ${HOST}:${own.sql}:mysql41
  listen = ${HOST}:${own.api}
  log = ${join(data, 'searchd.log')}
  query_log = ${join(data, 'query.log')}
  pid_file = ${join(data, 'searchd.pid')}
  binlog_path = ${data}
  workers = threads
  read_timeout = 5
}
`
}

/**
 * Writes the configs into `dir`, starts `shards` searchd processes on free loopback ports and
 * lists the shards in the distributed index's `<name>_shards`. Returns the state, also saved
 * as `dir/cluster.json`; `down` stops what it names.
 */
export async function clusterUp(
  dirPath: string,
  shards: number,
  name = 'news',
): Promise<ClusterState> {
  const dir = resolve(dirPath)
  const before = await readState(dir).catch(() => undefined)
  if (before?.shards.some((shard) => alive(shard.pid))) {
    throw new Error(
      `a cluster is already running in ${dir} (npm run cluster -- down --dir ${dirPath})`,
    )
  }
  const ports: { sql: number; api: number }[] = []
  for (let i = 0; i < shards; i++) ports.push({ sql: await freePort(), api: await freePort() })
  const state: ClusterState = {
    name,
    url: engineUrl({ host: HOST, port: (ports[0] as { sql: number }).sql, name }),
    shards: [],
  }
  try {
    for (let number = 0; number < shards; number++) {
      const data = join(dir, `shard-${number}`)
      await mkdir(data, { recursive: true })
      const config = join(dir, `shard-${number}.conf`)
      await writeFile(config, shardConfig(name, dir, number, ports))
      await promisify(execFile)('searchd', ['--config', config], { timeout: 15_000 })
      const pid = Number((await readFile(join(data, 'searchd.pid'), 'utf8')).trim())
      state.shards.push({ ...(ports[number] as { sql: number; api: number }), pid })
      await writeFile(join(dir, 'cluster.json'), `${JSON.stringify(state, null, 2)}\n`)
    }
    const front = sphinxPool(HOST, state.shards[0]?.sql as number)
    try {
      await run(
        front,
        `DELETE FROM ${name}_shards WHERE id IN (${state.shards.map((_, n) => n + 1).join(', ')})`,
      ).catch(() => [])
      for (const [number, shard] of state.shards.entries()) {
        await front.query(
          `REPLACE INTO ${name}_shards (id, note, shard, address, api, rt_index) VALUES (?, '', ?, ?, ?, ?)`,
          [number + 1, number, `${HOST}:${shard.sql}`, `${HOST}:${shard.api}`, `${name}_${number}`],
        )
      }
    } finally {
      await front.end()
    }
  } catch (error) {
    await stopAll(state)
    throw error
  }
  return state
}

/** Stops the searchd processes `dir/cluster.json` names, by pid, and waits until they are gone. */
export async function clusterDown(dirPath: string): Promise<ClusterState> {
  const state = await readState(resolve(dirPath))
  await stopAll(state)
  return state
}

async function readState(dir: string): Promise<ClusterState> {
  return JSON.parse(await readFile(join(dir, 'cluster.json'), 'utf8')) as ClusterState
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function stopAll(state: ClusterState): Promise<void> {
  for (const { pid } of state.shards) {
    if (!alive(pid)) continue
    // A stopped (SIGSTOP) shard must be continued to hear SIGTERM.
    process.kill(pid, 'SIGCONT')
    process.kill(pid, 'SIGTERM')
  }
  const deadline = Date.now() + 10_000
  while (state.shards.some(({ pid }) => alive(pid))) {
    if (Date.now() > deadline) {
      for (const { pid } of state.shards) if (alive(pid)) process.kill(pid, 'SIGKILL')
      break
    }
    await new Promise((done) => setTimeout(done, 50))
  }
}

/** Removes a cluster's folder after `down` (tests). */
export async function removeCluster(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}
