import { randomBytes } from 'node:crypto'
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Article } from '../articles/types.ts'
import { commaSeparated } from './json-parts.ts'
import { Lexicon, type LexiconRow } from './lexicon.ts'
import { incompatibility, type Manifest } from './manifest.ts'
import { type ArticleEntry, NewsIndex } from './news-index.ts'
import { type CompactParagraphIndex, ParagraphIndex } from './paragraph-index.ts'
import { TermNumbers } from './token-table.ts'

/**
 * A saved index is one file: the manifest on the first line, so it can be judged without
 * parsing the rest, then the payload on the second. One file can be replaced atomically.
 */
interface Payload {
  articles: SavedArticle[]
  nextParagraphId: number
  /** The terms of the packed tokens, in number order. */
  terms: string[]
  lexicon: LexiconRow[]
  paragraphs: CompactParagraphIndex
}

/** An `ArticleEntry` as saved: the packed tokens in base64. */
interface SavedArticle {
  article: Article
  first: number
  titleTokens: string
  tokens: string[]
}

/**
 * Each article's saved JSON, once written: an index never changes an article it holds (an
 * update replaces it), so the next save after an incremental update writes afresh only the
 * articles it added. Held weakly, it goes with the article.
 */
const savedArticles = new WeakMap<ArticleEntry, Buffer>()

function articleJson(entry: ArticleEntry): Buffer {
  let json = savedArticles.get(entry)
  if (json === undefined) {
    const base64 = (packed: Uint8Array) => Buffer.from(packed).toString('base64')
    const saved: SavedArticle = {
      article: entry.article,
      first: entry.first,
      titleTokens: base64(entry.titleTokens),
      tokens: entry.tokens.map(base64),
    }
    json = Buffer.from(JSON.stringify(saved))
    savedArticles.set(entry, json)
  }
  return json
}

/** An index that cannot be used: says what is wrong and how to fix it. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

const REBUILD_HINT = 'rebuild it with `npm run build-index`'

/**
 * Writes the index to `path` atomically: a temporary file beside it, flushed, then renamed. Then
 * removes the temporary files of earlier saves whose process died before renaming them.
 */
export async function saveIndex(
  index: NewsIndex,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const started = Date.now()
  // The payload's JSON, assembled from parts so that unchanged ones are not encoded afresh.
  const body = Buffer.concat([
    Buffer.from(`${JSON.stringify(manifest)}\n{"articles":[`),
    ...commaSeparated(index.articleTable().map(articleJson)),
    Buffer.from(
      `],"nextParagraphId":${index.nextParagraphId},` +
        `"terms":${JSON.stringify(index.termNumbers.terms())},` +
        `"lexicon":${JSON.stringify(index.lexicon.toRows())},"paragraphs":`,
    ),
    ...index.paragraphs.serialize(),
    Buffer.from('}\n'),
  ])
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    const file = await open(temporary, 'w')
    try {
      await file.writeFile(body)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  index.manifest = manifest
  await removeDeadTemporaries(path, started)
  return body.length
}

/**
 * Removes `PATH.tmp-<pid>-<hex>` files left by saves that were killed half-way: only those it can
 * prove dead, whose process no longer runs and which were last written before this save began.
 * A file of a live process, or one written since, may be a save in progress and stays. Best
 * effort: a file that cannot be removed is left for the next save.
 */
async function removeDeadTemporaries(path: string, before: number): Promise<void> {
  const prefix = `${basename(path)}.tmp-`
  let names: string[]
  try {
    names = await readdir(dirname(path))
  } catch {
    return
  }
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length)) : null
    if (pid === null || isRunning(Number(pid[1]))) continue
    const file = join(dirname(path), name)
    try {
      if ((await stat(file)).mtimeMs < before) await rm(file, { force: true })
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** Reads only the manifest of a saved index (cheap: the first line). */
export async function readManifest(path: string): Promise<Manifest> {
  const file = await openIndex(path)
  try {
    const chunk = Buffer.alloc(64 * 1024)
    let text = ''
    let position = 0
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, position)
      if (bytesRead === 0) break
      position += bytesRead
      text += chunk.toString('utf8', 0, bytesRead)
      if (text.includes('\n')) break
    }
    return parseManifest(text.split('\n', 1)[0] ?? '', path)
  } finally {
    await file.close()
  }
}

/** Loads a saved index, refusing with an IndexLoadError one that is missing, corrupt or incompatible. */
export async function loadIndex(path: string): Promise<NewsIndex> {
  const file = await openIndex(path)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } finally {
    await file.close()
  }
  const newline = text.indexOf('\n')
  const manifest = parseManifest(newline === -1 ? text : text.slice(0, newline), path)
  let payload: Payload
  try {
    payload = JSON.parse(text.slice(newline + 1)) as Payload
  } catch {
    throw new IndexLoadError(`The index at ${path} is truncated or corrupt; ${REBUILD_HINT}.`)
  }
  try {
    const index = new NewsIndex(
      ParagraphIndex.fromCompact(payload.paragraphs),
      Lexicon.fromRows(payload.lexicon),
      TermNumbers.from(payload.terms),
      payload.nextParagraphId,
    )
    for (const { article, first, titleTokens, tokens } of payload.articles) {
      index.restore({
        article,
        first,
        titleTokens: fromBase64(titleTokens),
        tokens: tokens.map(fromBase64),
      })
    }
    index.manifest = manifest
    return index
  } catch (error) {
    throw new IndexLoadError(
      `The index at ${path} could not be read (${(error as Error).message}); ${REBUILD_HINT}.`,
    )
  }
}

/**
 * Bytes of a base64 string. Small ones are views into Buffer's shared pool, which the tokens
 * of consecutive paragraphs fill one after the other: a copy of each would cost an allocation
 * and about 100 bytes of headers per paragraph.
 */
function fromBase64(text: string): Uint8Array {
  return Buffer.from(text, 'base64')
}

async function openIndex(path: string) {
  try {
    return await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new IndexLoadError(`No index at ${path}; build one with \`npm run build-index\`.`)
    throw new IndexLoadError(`The index at ${path} cannot be opened (${code}).`)
  }
}

function parseManifest(line: string, path: string): Manifest {
  let manifest: Manifest
  try {
    manifest = JSON.parse(line) as Manifest
  } catch {
    throw new IndexLoadError(`The index at ${path} is truncated or corrupt; ${REBUILD_HINT}.`)
  }
  const problem =
    typeof manifest === 'object' && manifest !== null
      ? incompatibility(manifest)
      : 'it is not a newsdex index'
  if (problem !== null) {
    throw new IndexLoadError(`The index at ${path} cannot be used: ${problem}; ${REBUILD_HINT}.`)
  }
  return manifest
}
