import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import type MiniSearch from 'minisearch'
import type { Article } from '../articles/types.ts'
import { Lexicon, type LexiconRow } from './lexicon.ts'
import { incompatibility, type Manifest } from './manifest.ts'
import { NewsIndex } from './news-index.ts'
import { type ParagraphDoc, ParagraphIndex } from './paragraph-index.ts'

/**
 * A saved index is one file: the manifest on the first line, so it can be judged without
 * parsing the rest, then the payload on the second. One file can be replaced atomically.
 */
interface Payload {
  articles: { article: Article; first: number }[]
  nextParagraphId: number
  lexicon: LexiconRow[]
  miniSearch: ReturnType<MiniSearch<ParagraphDoc>['toJSON']>
}

/** An index that cannot be used: says what is wrong and how to fix it. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

const REBUILD_HINT = 'rebuild it with `npm run build-index`'

/** Writes the index to `path` atomically: a temporary file beside it, flushed, then renamed. */
export async function saveIndex(
  index: NewsIndex,
  manifest: Manifest,
  path: string,
): Promise<number> {
  const payload: Payload = {
    articles: index.articleTable(),
    nextParagraphId: index.nextParagraphId,
    lexicon: index.lexicon.toRows(),
    miniSearch: index.paragraphs.miniSearch.toJSON(),
  }
  const body = `${JSON.stringify(manifest)}\n${JSON.stringify(payload)}\n`
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
  return Buffer.byteLength(body)
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
      ParagraphIndex.fromJSON(payload.miniSearch),
      Lexicon.fromRows(payload.lexicon),
      payload.nextParagraphId,
    )
    for (const { article, first } of payload.articles) index.restore(article, first)
    index.manifest = manifest
    return index
  } catch (error) {
    throw new IndexLoadError(
      `The index at ${path} could not be read (${(error as Error).message}); ${REBUILD_HINT}.`,
    )
  }
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
