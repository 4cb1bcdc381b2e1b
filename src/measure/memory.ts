// The heap as the bench reads it: a full garbage collection on demand, then the heap in use.
import v8 from 'node:v8'
import vm from 'node:vm'

let collect: (() => void) | undefined

/** Forces a full garbage collection (exposing `gc` in-process the first time). */
export function forceGc(): void {
  if (collect === undefined) {
    v8.setFlagsFromString('--expose-gc')
    collect = vm.runInNewContext('gc') as () => void
  }
  collect()
}

export function heapUsed(): number {
  return process.memoryUsage().heapUsed
}

export interface MemorySample {
  heapUsed: number
  rss: number
}

/** The heap in use and the resident set, after a forced GC. */
export function memorySample(): MemorySample {
  forceGc()
  const { heapUsed, rss } = process.memoryUsage()
  return { heapUsed, rss }
}
