import { type FileHandle, open } from 'node:fs/promises'
import { type IndexSources, incompatibility, type ManifestHead } from './manifest.ts'

/** An index that cannot be used: says what is wrong and how to fix it. */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError'
}

const REBUILD_HINT = 'rebuild it with `npm run build-index`'

/** A line of the file after the manifest: where it starts, and its length with its newline. */
export interface Line {
  start: number
  length: number
}

/** An index file, open: its manifest, checked, and where its other lines are. */
export interface OpenedIndex {
  file: FileHandle
  path: string
  manifest: ManifestHead
  lines: Line[]
  size: number
}

/** Lines an index file has after its manifest, at least: sources, articles, paragraphs, tables. */
export const FIXED_LINES = 4

/**
 * Opens an index file and reads its manifest, refusing (IndexLoadError) a file that is missing,
 * of another version, or whose lines are not the lengths its manifest gives.
 */
export async function openIndexFile(path: string): Promise<OpenedIndex> {
  const file = await openIndex(path)
  try {
    const { size } = await file.stat()
    const first = await readFirstLine(file)
    const manifest = parseManifest(first, path)
    const lengths = manifest.lines
    const valid =
      Array.isArray(lengths) &&
      lengths.length >= FIXED_LINES &&
      lengths.every((length) => Number.isSafeInteger(length) && length > 0)
    const lines: Line[] = []
    let start = first.length + 1
    for (const length of valid ? lengths : []) {
      lines.push({ start, length })
      start += length
    }
    // Right by construction, since a build writes the lines and their lengths together; wrong,
    // the file was cut short or changed by something else.
    if (!valid || start !== size) throw corrupt(path)
    return { file, path, manifest, lines, size }
  } catch (error) {
    await file.close()
    throw error
  }
}

/** Reads only the manifest of a saved index (cheap: the first line, without the sources). */
export async function readManifest(path: string): Promise<ManifestHead> {
  const file = await openIndex(path)
  try {
    return parseManifest(await readFirstLine(file), path)
  } finally {
    await file.close()
  }
}

/**
 * One line of an opened index, with its newline, in a buffer of its own (so that the typed
 * arrays of a binary frame can be views of it: it starts 8-byte aligned).
 */
export async function readLine(opened: OpenedIndex, { start, length }: Line): Promise<Buffer> {
  const bytes = Buffer.allocUnsafeSlow(length)
  for (let done = 0; done < length; ) {
    const { bytesRead } = await opened.file.read(bytes, done, length - done, start + done)
    if (bytesRead === 0) throw corrupt(opened.path)
    done += bytesRead
  }
  if (bytes[length - 1] !== 0x0a) throw corrupt(opened.path)
  return bytes
}

/** Parses one JSON line of an opened index. */
export async function readJson(opened: OpenedIndex, line: Line): Promise<unknown> {
  const bytes = await readLine(opened, line)
  try {
    return JSON.parse(bytes.toString('utf8', 0, line.length - 1))
  } catch {
    throw corrupt(opened.path)
  }
}

/** The first line of a file, without its newline (empty when there is none). */
async function readFirstLine(file: FileHandle): Promise<Buffer> {
  const chunks: Buffer[] = []
  let position = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024)
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position)
    if (bytesRead === 0) return Buffer.alloc(0)
    const newline = chunk.subarray(0, bytesRead).indexOf(0x0a)
    chunks.push(chunk.subarray(0, newline === -1 ? bytesRead : newline))
    if (newline !== -1) return Buffer.concat(chunks)
    position += bytesRead
  }
}

/** The sources line of an opened index, checked for its shape. */
export async function readSources(opened: OpenedIndex, line: Line): Promise<IndexSources> {
  const sources = (await readJson(opened, line)) as IndexSources
  return readable(opened.path, () => {
    if (
      typeof sources !== 'object' ||
      sources === null ||
      typeof sources.files !== 'object' ||
      sources.files === null ||
      !Array.isArray(sources.skipped)
    )
      throw new Error('the sources have another layout')
    return sources
  })
}

/** Runs `build` over a saved index's parsed lines, turning a wrong shape into an IndexLoadError. */
export function readable<T>(path: string, build: () => T): T {
  try {
    return build()
  } catch (error) {
    throw new IndexLoadError(
      `The index at ${path} could not be read (${(error as Error).message}); ${REBUILD_HINT}.`,
    )
  }
}

/** The refusal of a file whose bytes are not what its manifest says. */
export function corrupt(path: string): IndexLoadError {
  return new IndexLoadError(`The index at ${path} is truncated or corrupt; ${REBUILD_HINT}.`)
}

async function openIndex(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new IndexLoadError(`No index at ${path}; build one with \`npm run build-index\`.`)
    throw new IndexLoadError(`The index at ${path} cannot be opened (${code}).`)
  }
}

/** Parses and checks a manifest line (decoded whole: a character may straddle two chunks). */
function parseManifest(line: Buffer, path: string): ManifestHead {
  let manifest: ManifestHead
  try {
    manifest = JSON.parse(line.toString('utf8')) as ManifestHead
  } catch {
    throw corrupt(path)
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
