import { stat } from 'node:fs/promises'
import v8 from 'node:v8'

/**
 * Heap a load needs at its peak, per byte of the index file, rounded up with room for the
 * load's garbage: measured in format 7 (the lines read are buffers outside the heap, and
 * articles, near-copy links and packed tokens stay in them until read), Reuters-21578 ×10, a
 * 606 MB file: 216 MB at the peak, 163 MB once loaded (0.36 and 0.27 a byte); ×1, a 62 MB file:
 * 64 MB and 47 MB (1.03 and 0.76 a byte, a small index's fixed costs weighing more).
 */
const HEAP_PER_FILE_BYTE = 1.5

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
