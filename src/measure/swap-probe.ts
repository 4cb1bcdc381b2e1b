// What a live swap costs the requests served meanwhile: a scale-probe job (see bench-scale.ts).
import { open, rename, rm, writeFile } from 'node:fs/promises'
import { search } from '../search/search.ts'
import { LiveIndex } from '../server/live-index.ts'

/** What a swap job reports. */
export interface SwapProbe {
  /**
   * The worst wait of a request asked every `SWAP_TICK_MS`, without a swap, and during one and
   * the `AFTER_SWAP_MS` after it (the first requests on the new index).
   */
  idleWorstMs: number
  swapWorstMs: number
  /** How long the swap took, from the reload to the new index served. */
  swapMs: number
  /** Requests answered during the swap and after it. */
  requests: number
  peakRssBytes: number
}

/** How often the probe asks; its request is that of a rare word, so the wait is the loop's. */
const SWAP_TICK_MS = 20
const IDLE_MS = 3000
const AFTER_SWAP_MS = 1000
const QUERY = 'bundesbank'

/** Writes `file` to `target` under a new build id, atomically, as a build would. */
async function placeNewBuild(file: string, target: string): Promise<void> {
  const handle = await open(file)
  const bytes = await handle.readFile()
  await handle.close()
  const newline = bytes.indexOf(0x0a)
  const manifest = JSON.parse(bytes.toString('utf8', 0, newline)) as { buildId: string }
  manifest.buildId = `${manifest.buildId}-swap-${Date.now()}`
  await writeFile(
    `${target}.tmp`,
    Buffer.concat([Buffer.from(JSON.stringify(manifest)), bytes.subarray(newline)]),
  )
  await rename(`${target}.tmp`, target)
}

/**
 * Asks `search` every tick on the main thread (as requests reach a server) until `until`
 * resolves; returns the worst wait (lateness of the tick plus the search) and how many.
 */
async function worstWait(live: LiveIndex, until: Promise<unknown>) {
  let done = false
  void until.then(() => {
    done = true
  })
  let worst = 0
  let requests = 0
  let due = performance.now() + SWAP_TICK_MS
  while (!done) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())))
    search(live.current, { q: QUERY })
    worst = Math.max(worst, performance.now() - due)
    requests++
    due = Math.max(due + SWAP_TICK_MS, performance.now())
  }
  return { worst, requests }
}

/** Serves a copy of `file`, then swaps in another build of it while a request comes every tick. */
export async function probeSwap(file: string): Promise<SwapProbe> {
  const served = `${file}.served`
  await placeNewBuild(file, served)
  try {
    // The heap budget is the server's business; the probe measures what a swap costs.
    const live = await LiveIndex.open(served, { heapLimitBytes: Number.MAX_SAFE_INTEGER })
    search(live.current, { q: QUERY })
    const idle = await worstWait(live, new Promise((resolve) => setTimeout(resolve, IDLE_MS)))
    await placeNewBuild(file, served)
    const started = performance.now()
    let swapMs = 0
    const swapping = live.reload().then((swapped) => {
      swapMs = performance.now() - started
      return swapped
    })
    const after = swapping.then(() => new Promise((resolve) => setTimeout(resolve, AFTER_SWAP_MS)))
    const during = await worstWait(live, after)
    if (!(await swapping)) throw new Error('the swap did not happen')
    return {
      idleWorstMs: idle.worst,
      swapWorstMs: during.worst,
      swapMs,
      requests: during.requests,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  } finally {
    await rm(served, { force: true })
  }
}
