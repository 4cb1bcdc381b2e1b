import cliProgress from 'cli-progress'
import type { Io } from './command.ts'

/** Reports progress of one stage: a bar on a terminal, a plain line every few seconds elsewhere. */
export interface Progress {
  update: (done: number, total: number) => void
  stop: () => void
}

const PLAIN_INTERVAL_MS = 2000

export function progress(io: Io, label: string, unit: string, quiet = false): Progress {
  if (quiet) return { update: () => {}, stop: () => {} }
  if (io.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label.padEnd(9)} [{bar}] {value}/{total} ${unit}`,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    )
    let started = false
    return {
      update(done, total) {
        if (!started) bar.start(total, 0)
        started = true
        bar.setTotal(total)
        bar.update(done)
      },
      stop() {
        if (started) bar.stop()
        started = false
      },
    }
  }
  let last = 0
  let pending = ''
  return {
    update(done, total) {
      pending = `${label}: ${done}/${total} ${unit}`
      const now = Date.now()
      if (now - last >= PLAIN_INTERVAL_MS) {
        last = now
        io.out(pending)
        pending = ''
      }
    },
    stop() {
      if (pending !== '') io.out(pending)
      pending = ''
    },
  }
}
