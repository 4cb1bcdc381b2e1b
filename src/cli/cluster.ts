import { clusterDown, clusterUp } from '../engine/sphinx/cluster.ts'
import { type Command, EXIT, parseCommandArgs, UsageError } from './command.ts'

const help = `Usage: npm run cluster -- up --dir DIR [--shards N] [--name NAME]
       npm run cluster -- down --dir DIR

A local Sphinx cluster to try and test the distributed engine: 'up' writes a searchd config per
shard into DIR, starts N searchd processes on free 127.0.0.1 ports (one RT index each; the
first also holds the distributed index over all of them) and prints the engine URL as its last
line. 'down' stops the processes DIR/cluster.json names. Needs searchd (Sphinx 2.2.11:
apt-get install sphinxsearch). Index into it with
  npm run build-index -- --engine URL    and serve it with    npm start -- --engine URL

Options:
  --dir DIR      where the configs, data, logs and pids go (required)
  --shards N     how many shards (default: 2)
  --name NAME    the distributed index's name (default: news)
  --help         this text`

export const command: Command = {
  name: 'cluster',
  summary: 'start or stop a local Sphinx cluster for --engine',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        dir: { type: 'string' },
        shards: { type: 'string', default: '2' },
        name: { type: 'string', default: 'news' },
      },
      true,
    )
    const [action] = positionals
    if (action !== 'up' && action !== 'down') throw new UsageError('say up or down')
    if (values.dir === undefined) throw new UsageError('--dir is required')
    const shards = Number(values.shards)
    if (!Number.isInteger(shards) || shards < 1 || shards > 64) {
      throw new UsageError('--shards must be a whole number from 1 to 64')
    }
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(values.name)) {
      throw new UsageError('--name must be lower-case letters, digits and _, from a letter')
    }
    try {
      if (action === 'down') {
        const state = await clusterDown(values.dir)
        io.out(`Stopped ${state.shards.length} searchd processes (${state.url}).`)
        return EXIT.ok
      }
      const state = await clusterUp(values.dir, shards, values.name)
      for (const [number, shard] of state.shards.entries()) {
        io.out(`shard ${number}: searchd pid ${shard.pid}, SphinxQL 127.0.0.1:${shard.sql}`)
      }
      io.out(state.url)
      return EXIT.ok
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException
      io.err(
        code === 'ENOENT' && action === 'up'
          ? 'cluster: searchd was not found; install Sphinx (apt-get install sphinxsearch)'
          : `cluster: ${message}`,
      )
      return EXIT.failed
    }
  },
}
