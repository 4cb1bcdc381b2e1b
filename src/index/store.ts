import type { Article, Paragraph } from '../articles/types.ts'
import { arrayLine, digestOf, savedJsonOf } from './article-lines.ts'
import { copyRange, writeAtomically, writeParts } from './atomic-file.ts'
import {
  IndexLoadError,
  type Line,
  openIndexFile,
  readable,
  readJson,
  readManifest,
  readSources,
} from './index-file.ts'
import type { IndexSources, Manifest, ManifestHead } from './manifest.ts'
import type { IndexChange, NewsIndex } from './news-index.ts'
import { encodeTables } from './tables.ts'

export { type LoadOptions, loadIndex } from './load-index.ts'
export { IndexLoadError, readManifest }

/**
 * A saved index is one file of lines, so that each part can be read without the others and
 * the file replaced atomically (docs/index-format.md describes it):
 *
 * 1. the manifest (JSON, without the sources), so an index can be judged without the rest;
 * 2. the sources (JSON `IndexSources`: what each file gave), read only by incremental builds;
 * 3. the articles, as read, without their paragraphs, and 4. their paragraphs (article-lines.ts);
 * 5. the tables built from them, as a binary frame (tables.ts): loading them is copying bytes;
 * 6. and on, changes (`IndexChange`, JSON) that an incremental build appended instead of saving
 *    the tables anew: loading applies them in order. A full save folds them in.
 *
 * The manifest gives the byte length of every other line, so an incremental build reads the
 * articles and the changes without the tables, and copies the tables as bytes: adding one
 * article to a large index costs neither loading nor encoding all of it.
 */

/** Writes the index to `path` atomically, in full. Returns its size. */
export async function saveIndex(
  index: NewsIndex,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const entries = index.articleTable()
  const json = entries.map((entry) => savedJsonOf(entry.article))
  const { head, sources } = splitManifest(manifest)
  const sourcesLine = jsonLine(sources)
  const articles = arrayLine(json.map((part) => part.head))
  const paragraphs = arrayLine(json.map((part) => part.paragraphs))
  const tables = encodeTables(index, entries, {
    articleBytes: Int32Array.from(json, (part) => part.head.length),
    paragraphBytes: Int32Array.from(json, (part) => part.paragraphs.length),
    paragraphsDigest: digestOf(paragraphs),
  })
  const parts = [sourcesLine, ...articles, ...paragraphs, ...tables]
  const lines = [sourcesLine.length, byteLength(articles), byteLength(paragraphs)]
  lines.push(byteLength(tables))
  const size = await writeAtomically(path, (file) =>
    writeParts(file, [jsonLine({ ...head, lines }), ...parts]),
  )
  index.manifest = head
  index.sources = sources
  return size
}

/** A manifest as its two lines: the head, and the sources. */
function splitManifest(manifest: Manifest): { head: ManifestHead; sources: IndexSources } {
  const { files, skipped, ...head } = manifest
  return { head, sources: { files, skipped } }
}

/**
 * A saved index's articles without its tables: what an incremental build needs to tell what
 * changed, at a fraction of the cost of loading the index.
 */
export interface SavedArticles {
  manifest: Manifest
  /** The articles by id, with the saved changes applied. */
  articles: Map<string, Article>
  /** How many articles the saved changes add or remove (an update counts twice). */
  pendingChanges: number
}

/** Reads a saved index's manifest, articles and changes; refuses as `loadIndex` does. */
export async function readSavedArticles(path: string): Promise<SavedArticles> {
  const opened = await openIndexFile(path)
  try {
    const [sourcesLine, articlesLine, paragraphsLine, , ...changeLines] = opened.lines as [
      Line,
      Line,
      Line,
      Line,
    ]
    const sources = await readSources(opened, sourcesLine)
    const listed = (await readJson(opened, articlesLine)) as Article[]
    const paragraphs = (await readJson(opened, paragraphsLine)) as Paragraph[][]
    const changes = [] as IndexChange[]
    for (const changeLine of changeLines)
      changes.push((await readJson(opened, changeLine)) as IndexChange)
    return readable(path, () => {
      if (listed.length !== paragraphs.length)
        throw new Error('the paragraphs do not match the articles')
      const articles = new Map<string, Article>()
      listed.forEach((article, i) => {
        article.paragraphs = paragraphs[i] as Paragraph[]
        articles.set(article.id, article)
      })
      let pendingChanges = 0
      for (const change of changes) {
        for (const id of change.removed) articles.delete(id)
        for (const article of change.added) articles.set(article.id, article)
        pendingChanges += change.removed.length + change.added.length
      }
      return { manifest: { ...opened.manifest, ...sources }, articles, pendingChanges }
    })
  } finally {
    await opened.file.close()
  }
}

/**
 * Saves the index at `path`, the one `saved` was read from, with `change` appended, under a new
 * manifest: its articles, tables and earlier changes are copied as bytes, for the next load to
 * apply the change. Returns the new size.
 */
export async function appendChange(
  saved: SavedArticles,
  change: IndexChange,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const opened = await openIndexFile(path)
  try {
    assertSameBuild(saved.manifest, opened.manifest, path)
    const { head, sources } = splitManifest(manifest)
    const sourcesLine = jsonLine(sources)
    const changeLine = jsonLine(change)
    const [, ...copied] = opened.lines
    const lines = [sourcesLine.length, ...copied.map(({ length }) => length), changeLine.length]
    const start = copied[0]?.start ?? opened.size
    return await writeAtomically(path, async (file) => {
      await writeParts(file, [jsonLine({ ...head, lines }), sourcesLine])
      await copyRange(opened.file, file, start, opened.size)
      await writeParts(file, [changeLine])
    })
  } finally {
    await opened.file.close()
  }
}

/**
 * Throws unless `now` is the manifest `read` was: an update worked out against one build must
 * not be saved over another that replaced it meanwhile (a concurrent build).
 */
export function assertSameBuild(
  read: ManifestHead,
  now: ManifestHead | undefined,
  path: string,
): void {
  if (now?.buildId !== read.buildId) {
    throw new Error(`the index at ${path} was replaced during the update; run the update again`)
  }
}

/** A line of JSON. */
function jsonLine(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`)
}

function byteLength(parts: readonly Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0)
}
