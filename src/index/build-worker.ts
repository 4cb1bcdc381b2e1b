// The body of a build worker (see build-workers.ts): reads, parses and analyses the files it is
// sent, and sends back each file's outcome, with its articles' analyses packed together.
import { parentPort, workerData } from 'node:worker_threads'
import { type ReadOptions, readFile } from '../articles/read.ts'
import { analyseArticle, FormNumbers, packAnalyses } from './article-analysis.ts'
import type { WorkerReply, WorkerRequest } from './build-workers.ts'

const options = workerData as ReadOptions
const port = parentPort
if (port === null) throw new Error('newsdex: build-worker.ts runs as a worker thread')

// One numbering of forms for every batch: each reply carries only the forms new since the last.
const forms = new FormNumbers()
let sent = 0

port.on('message', async ({ batch, files }: WorkerRequest) => {
  const outcomes = await Promise.all(files.map(({ file, path }) => readFile(file, path, options)))
  const articles = outcomes.flatMap(({ parsed }) => ('articles' in parsed ? parsed.articles : []))
  // Unsigned: the builder signs each article from the packed forms (index-builder.ts).
  const analyses = packAnalyses(
    articles.map((article) => analyseArticle(article, false)),
    forms,
  )
  const { texts, words, terms } = forms.list
  analyses.forms = { texts: texts.slice(sent), words: words.slice(sent), terms: terms.slice(sent) }
  sent = texts.length
  const transfer = [analyses.tokens, analyses.textEnds, analyses.firstTexts].map(
    (array) => array.buffer as ArrayBuffer,
  )
  port.postMessage({ batch, outcomes, analyses } satisfies WorkerReply, transfer)
})
