import { stat } from 'node:fs/promises'
import v8 from 'node:v8'

/**
 * Heap a loaded index takes, and its load's transient peak, per byte of its file: measured on
 * Reuters-21578 ×10 in format 7 (a 607 MB file: 0.5 GB of heap once loaded; the lines read are
 * buffers outside the heap), rounded up with room for the load's garbage.
 */
const HEAP_PER_FILE_BYTE = 2

/** Whether loading an index fits the heap, and if not, what to tell the user. */
export interface HeapBudget {
  fits: boolean
  /** Bytes the load is expected to need, beyond what is in use now. */
  neededBytes: number
  limitBytes: number
  /** Why it does not fit and how to start Node with more heap; empty when it fits. */
  message: string
}

const MB = 1024 * 1024

/**
 * Whether loading the index at `path` (beside whatever the heap holds now, e.g. the index being
 * served during a swap) fits under Node's heap limit. V8 ends the process when the heap passes
 * its limit (about 4 GB by default on a 64-bit machine, whatever memory is free), so a load that
 * would pass it is better refused with advice than attempted. `limit` stands for V8's (tests).
 */
export async function heapBudgetFor(path: string, limit?: number): Promise<HeapBudget> {
  const { size } = await stat(path)
  const { heap_size_limit, used_heap_size: usedBytes } = v8.getHeapStatistics()
  const limitBytes = limit ?? heap_size_limit
  const neededBytes = size * HEAP_PER_FILE_BYTE
  const fits = usedBytes + neededBytes <= limitBytes
  const advisedMb = Math.ceil((usedBytes + neededBytes) / MB / 1024) * 1024
  const message = fits
    ? ''
    : `loading this ${Math.round(size / MB)} MB index needs about ${Math.round(neededBytes / MB)} MB of heap beside the ${Math.round(usedBytes / MB)} MB in use, over Node's limit of ${Math.round(limitBytes / MB)} MB; start the server with NODE_OPTIONS=--max-old-space-size=${advisedMb} (or more)`
  return { fits, neededBytes, limitBytes, message }
}
