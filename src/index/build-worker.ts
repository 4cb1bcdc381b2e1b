// The body of a build worker (see build-workers.ts): reads, parses and analyses the files it is
// sent, and sends back each file's outcome, with its articles' analyses packed together.
import { parentPort, workerData } from 'node:worker_threads'
import { type ReadOptions, readFile } from '../articles/read.ts'
import { analyseArticle, packAnalyses } from './article-analysis.ts'
import type { WorkerReply, WorkerRequest } from './build-workers.ts'

const { signed, ...options } = workerData as ReadOptions & { signed: boolean }
const port = parentPort
if (port === null) throw new Error('newsdex: build-worker.ts runs as a worker thread')

port.on('message', async ({ batch, files }: WorkerRequest) => {
  const outcomes = await Promise.all(files.map(({ file, path }) => readFile(file, path, options)))
  const articles = outcomes.flatMap(({ parsed }) => ('articles' in parsed ? parsed.articles : []))
  const analyses = packAnalyses(articles.map((article) => analyseArticle(article, signed)))
  const transfer = [analyses.tokens, analyses.textEnds, analyses.firstTexts].map(
    (array) => array.buffer as ArrayBuffer,
  )
  port.postMessage({ batch, outcomes, analyses } satisfies WorkerReply, transfer)
})
