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

/** The range `wholeNumber` accepts. */
export interface WholeNumberRange {
  /** The least value. Defaults to `1`. */
  min?: number
  /** The greatest value. Defaults to `Number.MAX_SAFE_INTEGER`. */
  max?: number
}

/**
 * A flag's (or variable's) text read as a whole number in a range, or a UsageError that names it
 * and says the range: `--size must be a whole number from 1 to 50, not 0`. Only digits are read,
 * so `1e3`, `0x10`, `2.0` and ` 5` are refused rather than quietly turned into numbers.
 */
export function wholeNumber(text: string, name: string, range: WholeNumberRange = {}): number {
  const { min = 1, max = Number.MAX_SAFE_INTEGER } = range
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max)) {
    const to = max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`
    throw new UsageError(`${name} must be a whole number from ${min}${to}, not ${text}`)
  }
  return value
}
