// `serve`'s settings from its flags and the environment: every flag has a variable, and a flag
// given wins over its variable, which wins over the default.
import type { Limits } from '../search/limits.ts'
import { LOG_LEVELS, type LogLevel } from '../server/logger.ts'
import { parsePublicUrl } from '../server/opensearch.ts'
import type { MetricsListen } from '../server/server.ts'
import { parseCommandArgs, UsageError, wholeNumber } from './command.ts'
import { DEFAULT_ARTICLES, DEFAULT_INDEX, DEFAULT_PORT } from './defaults.ts'

/** Each flag of `serve` and the environment variable that sets it when the flag is not given. */
export const SERVE_ENV = {
  port: 'PORT',
  host: 'HOST',
  index: 'NEWSDEX_INDEX',
  articles: 'NEWSDEX_ARTICLES',
  watch: 'NEWSDEX_WATCH',
  'max-query-length': 'NEWSDEX_MAX_QUERY_LENGTH',
  'max-terms': 'NEWSDEX_MAX_TERMS',
  'log-level': 'NEWSDEX_LOG_LEVEL',
  'log-format': 'NEWSDEX_LOG_FORMAT',
  quiet: 'NEWSDEX_QUIET',
  metrics: 'NEWSDEX_METRICS',
  'public-url': 'NEWSDEX_PUBLIC_URL',
  engine: 'NEWSDEX_ENGINE',
} as const

type Flag = keyof typeof SERVE_ENV

export interface ServeConfig {
  port: number
  host: string
  index: string
  articles: string
  watch: boolean
  limits: Partial<Limits>
  /** `silent` with --quiet. */
  logLevel: LogLevel
  /** Readable lines, or JSON; undefined: readable on a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined
  /** No build progress or summary either. */
  quiet: boolean
  metrics: MetricsListen
  /** The site's public address, for absolute URLs; undefined: from each request's Host. */
  publicUrl: string | undefined
  /** A distributed engine's URL (`sphinx://HOST:PORT/NAME`); undefined: the index file. */
  engine: string | undefined
}

/** The settings of `serve`: `args` first, then `env`, then the defaults. Throws UsageError. */
export function serveConfig(args: string[], env: NodeJS.ProcessEnv): ServeConfig {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    index: { type: 'string' },
    articles: { type: 'string' },
    watch: { type: 'boolean' },
    'max-query-length': { type: 'string' },
    'max-terms': { type: 'string' },
    'log-level': { type: 'string' },
    'log-format': { type: 'string' },
    quiet: { type: 'boolean' },
    metrics: { type: 'string' },
    'public-url': { type: 'string' },
    engine: { type: 'string' },
  })
  /** The flag's value, else its variable's (an empty variable counts as unset), with its name. */
  const setting = (flag: Flag): { text: string; name: string } | undefined => {
    const given = values[flag]
    if (given !== undefined) return { text: String(given), name: `--${flag}` }
    const name = SERVE_ENV[flag]
    const text = env[name]
    return text === undefined || text === '' ? undefined : { text, name }
  }
  const flag = (name: Flag) => {
    const found = setting(name)
    return found === undefined ? false : parseSwitch(found.text, found.name)
  }
  const limits: Partial<Limits> = {}
  const maxQueryLength = setting('max-query-length')
  if (maxQueryLength !== undefined)
    limits.maxQueryLength = wholeNumber(maxQueryLength.text, maxQueryLength.name)
  const maxTerms = setting('max-terms')
  if (maxTerms !== undefined) limits.maxTerms = wholeNumber(maxTerms.text, maxTerms.name)
  const quiet = values.quiet === true || (values['log-level'] === undefined && flag('quiet'))
  const level = setting('log-level')
  const format = setting('log-format')
  const port = setting('port')
  return {
    port:
      port === undefined ? DEFAULT_PORT : wholeNumber(port.text, port.name, { min: 0, max: 65535 }),
    host: setting('host')?.text ?? '127.0.0.1',
    index: setting('index')?.text ?? DEFAULT_INDEX,
    articles: setting('articles')?.text ?? DEFAULT_ARTICLES,
    watch: flag('watch'),
    limits,
    logLevel: quiet ? 'silent' : level === undefined ? 'info' : parseLevel(level),
    logFormat: format === undefined ? undefined : parseFormat(format),
    quiet,
    metrics: parseMetrics(setting('metrics')),
    publicUrl: parsePublic(setting('public-url')),
    engine: setting('engine')?.text,
  }
}

type Setting = { text: string; name: string }

function parseSwitch(text: string, name: string): boolean {
  if (name.startsWith('--')) return true
  const value = text.toLowerCase()
  if (['1', 'true', 'yes', 'on'].includes(value)) return true
  if (['0', 'false', 'no', 'off'].includes(value)) return false
  throw new UsageError(`${name} must be 1 or 0 (true or false), not ${text}`)
}

function parseLevel({ text, name }: Setting): LogLevel {
  const level = LOG_LEVELS.find((known) => known === text.toLowerCase())
  if (level === undefined) {
    throw new UsageError(`${name} must be one of ${LOG_LEVELS.join(', ')}, not ${text}`)
  }
  return level
}

function parseFormat({ text, name }: Setting): 'json' | 'pretty' {
  if (text === 'json' || text === 'pretty') return text
  throw new UsageError(`${name} must be json or pretty, not ${text}`)
}

/** `on` (with the app), `off`, `PORT` (on 127.0.0.1: private unless asked) or `HOST:PORT`. */
function parseMetrics(found: Setting | undefined): MetricsListen {
  if (found === undefined || found.text === 'on') return 'app'
  if (found.text === 'off') return 'off'
  const at = /^(?:\[?([^\]]*?)\]?:)?([0-9]+)$/.exec(found.text)
  const port = at?.[2] === undefined ? Number.NaN : Number(at[2])
  if (at === null || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(
      `${found.name} must be on, off, a port or HOST:PORT (e.g. 127.0.0.1:9464), not ${found.text}`,
    )
  }
  return { port, host: at[1] || '127.0.0.1' }
}

function parsePublic(found: Setting | undefined): string | undefined {
  if (found === undefined) return undefined
  try {
    return parsePublicUrl(found.text)
  } catch (error) {
    throw new UsageError((error as Error).message.replace('--public-url', found.name))
  }
}
