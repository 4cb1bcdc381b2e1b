// The body of a build worker (see build-workers.ts): reads, parses and analyses the files it is
// sent, and sends back each file's outcome, with its articles' analyses packed together and
// their paragraphs as the bytes the index saves (sent-articles.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { type ReadOptions, readFileSync } from '../articles/read.ts'
import { AnalysisPacker } from './analysis-packer.ts'
import type { WorkerReply, WorkerRequest } from './build-workers.ts'
import { sendArticles } from './sent-articles.ts'

const { signed, ...options } = workerData as ReadOptions & { signed: boolean }
const port = parentPort
if (port === null) throw new Error('newsdex: build-worker.ts runs as a worker thread')

// One numbering of forms for every batch: each reply carries only the forms new since the last.
const packer = new AnalysisPacker(signed)
let sent = 0

port.on('message', ({ batch, files }: WorkerRequest) => {
  const outcomes = files.map(({ file, path }) => readFileSync(file, path, options))
  for (const { parsed } of outcomes)
    if ('articles' in parsed) for (const article of parsed.articles) packer.add(article)
  const analyses = packer.take()
  const { texts, words, terms } = packer.forms
  analyses.forms = { texts: texts.slice(sent), words: words.slice(sent), terms: terms.slice(sent) }
  sent = texts.length
  const articles = sendArticles(outcomes)
  const transfer = [analyses.tokens, analyses.textEnds, analyses.firstTexts, articles.json].map(
    (array) => array.buffer as ArrayBuffer,
  )
  port.postMessage({ batch, outcomes, analyses, articles } satisfies WorkerReply, transfer)
})
