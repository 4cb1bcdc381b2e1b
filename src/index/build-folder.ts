import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ANALYZER_VERSION } from '../analysis/analyzer.ts'
import { type ReadOptions, type ReadResult, readArticles } from '../articles/read.ts'
import { buildIndex } from './build.ts'
import { FORMAT_NAME, FORMAT_VERSION, type IndexedFile, type Manifest } from './manifest.ts'
import type { NewsIndex } from './news-index.ts'
import { FIELDS } from './paragraph-index.ts'
import { saveIndex } from './store.ts'

export interface BuildFolderOptions extends Omit<ReadOptions, 'onProgress'> {
  articles: string
  index: string
  onRead?: (done: number, total: number) => void
  onIndexed?: (paragraphs: number, total: number) => void
}

/** What a build did: the figures its summary prints. */
export interface BuildSummary {
  articles: number
  paragraphs: number
  duplicates: number
  duplicateGroups: number
  skipped: ReadResult['skipped']
  ignored: number
  cp1252Files: string[]
  bytes: number
  seconds: number
  indexBytes: number
  indexPath: string
}

/** Nothing to index: the folder held no readable article. */
export class NothingToBuildError extends Error {
  override name = 'NothingToBuildError'
}

/** Reads a folder of articles, indexes them and saves the index atomically at `options.index`. */
export async function buildFolder(options: BuildFolderOptions): Promise<BuildSummary> {
  const started = performance.now()
  const folder = resolve(options.articles)
  const read = await readArticles(folder, { ...options, onProgress: options.onRead })
  if (read.articles.length === 0) {
    const reasons = read.skipped.map((skip) => `\n  ${skip.file}: ${skip.reason}`).join('')
    throw new NothingToBuildError(`No articles found in ${folder}.${reasons}`)
  }
  const total = read.articles.reduce((sum, article) => sum + article.paragraphs.length, 0)
  const index = buildIndex(read.articles, (paragraphs) => options.onIndexed?.(paragraphs, total))
  const manifest = manifestFor(index, read, folder)
  const indexBytes = await saveIndex(index, manifest, options.index)
  return {
    articles: index.articleCount,
    paragraphs: index.paragraphCount,
    duplicates: read.duplicates.length,
    duplicateGroups: read.duplicateGroups,
    skipped: read.skipped,
    ignored: read.ignored.length,
    cp1252Files: read.cp1252Files,
    bytes: read.bytes,
    seconds: (performance.now() - started) / 1000,
    indexBytes,
    indexPath: resolve(options.index),
  }
}

function manifestFor(index: NewsIndex, read: ReadResult, folder: string): Manifest {
  const files: Record<string, IndexedFile> = {}
  for (const source of read.sources)
    files[source.file] = { hash: source.hash, bytes: source.bytes, articles: [] }
  for (const article of read.articles) {
    files[article.file.replace(/#\d+$/, '')]?.articles.push(article.id)
  }
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    fields: [...FIELDS],
    buildId: randomUUID(),
    builtAt: new Date().toISOString(),
    sourceFolder: folder,
    counts: {
      articles: index.articleCount,
      paragraphs: index.paragraphCount,
      duplicates: read.duplicates.length,
      skipped: read.skipped.length,
      words: index.lexicon.size,
    },
    files,
    skipped: read.skipped,
  }
}

/** Whether a file exists at `path` (for "build the index first if there is none"). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
