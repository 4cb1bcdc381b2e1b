// The body of a query worker (see query-timing.ts): loads one contender's saved index, warms up,
// then times the chunks of queries it is sent.
import { parentPort, workerData } from 'node:worker_threads'
import { benchContenders } from './contenders.ts'
import type { ChunkRequest, QueryWorkerInput } from './query-timing.ts'

const input = workerData as QueryWorkerInput
const port = parentPort
const contender = benchContenders().find((candidate) => candidate.name === input.contender)
if (port === null || contender === undefined) {
  throw new Error(`no bench contender ${input.contender}`)
}
const index = await contender.load(input.file)
const searchers = new Map(contender.searchers.map((searcher) => [searcher.name, searcher]))
let sink = 0
for (const searcher of contender.searchers) {
  for (const query of input.warmup) sink += searcher.run(index, query)
}
port.on('message', ({ searcher: name, start, end }: ChunkRequest) => {
  const searcher = searchers.get(name)
  if (searcher === undefined) throw new Error(`${input.contender} has no searcher ${name}`)
  const times: number[] = []
  for (let i = start; i < end; i++) {
    const query = input.queries[i] as (typeof input.queries)[number]
    const started = process.hrtime.bigint()
    sink += searcher.run(index, query)
    times.push(Number(process.hrtime.bigint() - started) / 1000)
  }
  if (sink < 0) throw new Error('unreachable')
  port.postMessage(times)
})
port.postMessage('ready')
