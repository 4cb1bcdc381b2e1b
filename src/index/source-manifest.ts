// The manifest's account of the source folder: made from a read, compared between builds, and
// read back by an incremental build to skip the files that did not change.
import { randomUUID } from 'node:crypto'
import { ANALYZER_VERSION } from '../analysis/analyzer.ts'
import type { ParsedFile, ReadResult, SourceFile } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { FORMAT_NAME, FORMAT_VERSION, type IndexedFile, type Manifest } from './manifest.ts'
import { DEFAULT_NEAR_COPY_THRESHOLD, type NearCopyThreshold } from './near-copies.ts'
import { FIELDS } from './paragraph-index.ts'

/**
 * The manifest of an index built from `read`: versions, counts, and what each source file gave.
 * `paragraphs` is their count, when the caller knows it without reading every article's.
 */
export function manifestFor(
  read: ReadResult,
  folder: string,
  nearCopyThreshold: NearCopyThreshold = DEFAULT_NEAR_COPY_THRESHOLD,
  paragraphs = read.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
): Manifest {
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
      articles: read.articles.length,
      paragraphs,
      duplicates: read.duplicates.length,
      skipped: read.skipped.length,
    },
    files,
    skipped: read.skipped,
    nearCopyThreshold,
  }
}

/** Whether two manifests say the same of the folder: its files, what each gave, the counts. */
export function sameSources(a: Manifest, b: Manifest): boolean {
  const sources = (m: Manifest) => JSON.stringify([m.sourceFolder, m.counts, m.files, m.skipped])
  return sources(a) === sources(b)
}

/**
 * Hands the reader what an unchanged file parsed to last time: its articles, the very objects
 * of `current` (the reader never changes an article; one it renames is a new object), so that
 * `diffArticles` knows them by identity.
 */
export function reuser(current: ReadonlyMap<string, Article>, manifest: Manifest) {
  return (file: string, hash: string): ParsedFile | undefined => {
    const known = manifest.files[file]
    if (known === undefined || known.hash !== hash || known.reparse) return undefined
    if (known.skip !== undefined) return { skip: known.skip }
    const articles: Article[] = []
    for (const id of known.articles) {
      const article = current.get(id)
      if (article === undefined) return undefined
      articles.push(article)
    }
    return { articles, cp1252: known.cp1252 === true }
  }
}

/** What the manifest says each file was when last read. */
export function knownFrom(manifest: Manifest) {
  return (file: string): SourceFile | undefined => {
    const known = manifest.files[file]
    return known === undefined
      ? undefined
      : { file, hash: known.hash, bytes: known.bytes, modified: known.modified }
  }
}
