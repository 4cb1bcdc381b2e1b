import { type ParseArgsConfig, parseArgs } from 'node:util'

/** Where a command writes: injected so tests can capture output without a terminal. */
export interface Io {
  out: (line: string) => void
  err: (line: string) => void
  /** Whether stdout is a terminal (progress bars, colour). */
  isTTY: boolean
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** A command: a function of its arguments that returns an exit code; only main.ts touches the process. */
export interface Command {
  name: string
  summary: string
  /** The full `--help` text. */
  help: string
  run: (args: string[], io: Io) => Promise<number>
}

/** A usage mistake: reported with the command's help hint and exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** `parseArgs` that turns its errors into UsageError, so every command reports them alike. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}
