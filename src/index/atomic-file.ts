// Writing a file so that readers see the old one or the new one, never half of either.
import { randomBytes } from 'node:crypto'
import { type FileHandle, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file at `path` atomically: `write` fills a temporary file beside it, which is flushed
 * and then renamed over `path`. Then removes the temporary files of earlier writes whose process
 * died before renaming them. Returns the size written.
 */
export async function writeAtomically(
  path: string,
  write: (file: FileHandle) => Promise<void>,
): Promise<number> {
  const started = Date.now()
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  let size: number
  try {
    const file = await open(temporary, 'w')
    try {
      await write(file)
      await file.sync()
      size = (await file.stat()).size
    } finally {
      await file.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await removeDeadTemporaries(path, started)
  return size
}

/** Appends `parts` to a file, as they are (joining them first would copy them all). */
export async function writeParts(file: FileHandle, parts: readonly Buffer[]): Promise<void> {
  const size = parts.reduce((sum, part) => sum + part.length, 0)
  const { bytesWritten } = await file.writev(parts)
  if (bytesWritten !== size) throw new Error(`wrote ${bytesWritten} of ${size} bytes`)
}

/** Appends bytes `start` to `end` of `from` to `to`, a slice at a time. */
export async function copyRange(
  from: FileHandle,
  to: FileHandle,
  start: number,
  end: number,
): Promise<void> {
  const slice = Buffer.allocUnsafe(Math.min(1 << 20, Math.max(1, end - start)))
  for (let at = start; at < end; ) {
    const { bytesRead } = await from.read(slice, 0, Math.min(slice.length, end - at), at)
    if (bytesRead === 0) throw new Error(`the file ended at byte ${at}, before ${end}`)
    await writeParts(to, [slice.subarray(0, bytesRead)])
    at += bytesRead
  }
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

/** Whether a file exists at `path` (for "build the index first if there is none"). */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}
