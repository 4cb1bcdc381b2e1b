import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ANALYZER_VERSION } from '../analysis/analyzer.ts'
import {
  type ParsedFile,
  type ReadOptions,
  type ReadResult,
  readArticles,
  type SourceFile,
} from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { buildIndex } from './build.ts'
import { FORMAT_NAME, FORMAT_VERSION, type IndexedFile, type Manifest } from './manifest.ts'
import type { NewsIndex } from './news-index.ts'
import { FIELDS } from './paragraph-index.ts'
import { IndexLoadError, loadIndex, saveIndex } from './store.ts'

export interface BuildFolderOptions extends Omit<ReadOptions, 'onProgress' | 'reuse' | 'known'> {
  articles: string
  index: string
  /** Re-read only what changed since the index at `index` (or `previous`) was built. */
  incremental?: boolean
  /** The index to update in place, when the caller holds it already (watch mode). */
  previous?: NewsIndex
  onRead?: (done: number, total: number) => void
  onIndexed?: (paragraphs: number, total: number) => void
}

/** What an incremental build did to the articles. */
export interface Changes {
  added: number
  updated: number
  removed: number
  unchanged: number
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
  /** False when an incremental build found nothing changed and left the index as it was. */
  written: boolean
  /** For an incremental build that had an index to start from. */
  changes?: Changes
  /** Why an incremental build had to start from scratch. */
  fullBuildReason?: string
  /** The index as built, for a caller that keeps updating it. */
  index: NewsIndex
}

/** Nothing to index: the folder held no readable article. */
export class NothingToBuildError extends Error {
  override name = 'NothingToBuildError'
}

/** Reads a folder of articles, indexes them and saves the index atomically at `options.index`. */
export async function buildFolder(options: BuildFolderOptions): Promise<BuildSummary> {
  const started = performance.now()
  const folder = resolve(options.articles)
  let previous = options.previous
  let fullBuildReason: string | undefined
  if (options.incremental && previous === undefined) {
    try {
      previous = await loadIndex(options.index)
    } catch (error) {
      if (!(error instanceof IndexLoadError)) throw error
      fullBuildReason = error.message
    }
  }
  const read = await readArticles(folder, {
    ...options,
    onProgress: options.onRead,
    ...(previous?.manifest !== undefined && {
      reuse: reuser(previous, previous.manifest),
      known: knownFrom(previous.manifest),
    }),
  })
  if (read.articles.length === 0) {
    const reasons = read.skipped.map((skip) => `\n  ${skip.file}: ${skip.reason}`).join('')
    throw new NothingToBuildError(`No articles found in ${folder}.${reasons}`)
  }
  const total = read.articles.reduce((sum, article) => sum + article.paragraphs.length, 0)
  const progress = (paragraphs: number) => options.onIndexed?.(paragraphs, total)
  let index: NewsIndex
  let changes: Changes | undefined
  if (previous === undefined) {
    index = buildIndex(read.articles, progress)
  } else {
    index = previous
    changes = applyChanges(index, read.articles, progress)
  }
  const manifest = manifestFor(index, read, folder)
  // An update that changed nothing leaves the saved index as it is: rewriting it would only
  // make a server watching it load it again.
  const written = !(
    previous?.manifest !== undefined &&
    sameSources(previous.manifest, manifest) &&
    (await exists(options.index))
  )
  const indexBytes = written
    ? await saveIndex(index, manifest, options.index)
    : (await stat(options.index)).size
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
    written,
    index,
    ...(changes !== undefined && { changes }),
    ...(fullBuildReason !== undefined && { fullBuildReason }),
  }
}

/**
 * Hands the reader what an unchanged file parsed to last time: its articles, the very objects
 * the index holds (the reader never changes an article; one it renames is a new object).
 */
function reuser(index: NewsIndex, manifest: Manifest) {
  return (file: string, hash: string): ParsedFile | undefined => {
    const known = manifest.files[file]
    if (known === undefined || known.hash !== hash || known.reparse) return undefined
    if (known.skip !== undefined) return { skip: known.skip }
    const articles: Article[] = []
    for (const id of known.articles) {
      const article = index.article(id)
      if (article === undefined) return undefined
      articles.push(article)
    }
    return { articles, cp1252: known.cp1252 === true }
  }
}

/** What the manifest says each file was when last read. */
function knownFrom(manifest: Manifest) {
  return (file: string): SourceFile | undefined => {
    const known = manifest.files[file]
    return known === undefined
      ? undefined
      : { file, hash: known.hash, bytes: known.bytes, modified: known.modified }
  }
}

/**
 * Brings the index to `articles`: adds the new, replaces the changed, removes the gone. An
 * article the index holds already, the same object, is left alone.
 */
function applyChanges(
  index: NewsIndex,
  articles: readonly Article[],
  progress: (paragraphs: number) => void,
): Changes {
  const changes: Changes = { added: 0, updated: 0, removed: 0, unchanged: 0 }
  const wanted = new Set(articles.map((article) => article.id))
  for (const article of index.articles()) {
    if (!wanted.has(article.id)) {
      index.remove(article.id)
      changes.removed++
    }
  }
  let paragraphs = 0
  for (const article of articles) {
    paragraphs += article.paragraphs.length
    const current = index.article(article.id)
    if (current === article) {
      changes.unchanged++
      continue
    }
    if (current === undefined) changes.added++
    else {
      index.remove(article.id)
      changes.updated++
    }
    index.add(article)
    progress(paragraphs)
  }
  return changes
}

/** Whether two manifests say the same of the folder: its files, what each gave, the counts. */
function sameSources(a: Manifest, b: Manifest): boolean {
  const sources = (m: Manifest) => JSON.stringify([m.sourceFolder, m.counts, m.files, m.skipped])
  return sources(a) === sources(b)
}

/** The manifest of an index built from `read`: versions, counts, and what each source file gave. */
export function manifestFor(index: NewsIndex, read: ReadResult, folder: string): Manifest {
  const files: Record<string, IndexedFile> = {}
  for (const source of read.sources) {
    const { hash, bytes, modified } = source
    files[source.file] = { hash, bytes, modified, articles: [] }
  }
  const fileOf = (path: string) => files[path.replace(/#\d+$/, '')]
  for (const article of read.articles) {
    const file = fileOf(article.file)
    file?.articles.push(article.id)
    // A renamed id (`a-2`) depends on other files: parse again rather than trust it.
    if (file !== undefined && /-\d+$/.test(article.id)) file.reparse = true
  }
  for (const duplicate of read.duplicates) {
    const file = fileOf(duplicate.file)
    if (file !== undefined) file.reparse = true
  }
  for (const skipped of read.skipped) {
    const whole = files[skipped.file]
    if (whole !== undefined) whole.skip = skipped.reason
    else {
      const file = fileOf(skipped.file)
      if (file !== undefined) file.reparse = true
    }
  }
  for (const path of read.cp1252Files) {
    const file = files[path]
    if (file !== undefined) file.cp1252 = true
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
