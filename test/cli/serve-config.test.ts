import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError } from '../../src/cli/command.ts'
import { SERVE_ENV, serveConfig } from '../../src/cli/serve-config.ts'

describe('serveConfig', () => {
  it('has defaults for everything', () => {
    assert.deepEqual(serveConfig([], {}), {
      port: 3000,
      host: '127.0.0.1',
      index: 'index-data/newsdex.index',
      articles: 'index-data/articles',
      watch: false,
      limits: {},
      logLevel: 'info',
      logFormat: undefined,
      quiet: false,
      metrics: 'app',
      publicUrl: undefined,
      engine: undefined,
    })
  })

  it('takes every setting from the environment', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      NEWSDEX_INDEX: '/srv/news.index',
      NEWSDEX_ARTICLES: '/srv/articles',
      NEWSDEX_WATCH: 'true',
      NEWSDEX_MAX_QUERY_LENGTH: '300',
      NEWSDEX_MAX_TERMS: '12',
      NEWSDEX_LOG_LEVEL: 'WARN',
      NEWSDEX_LOG_FORMAT: 'pretty',
      NEWSDEX_METRICS: '9464',
      NEWSDEX_PUBLIC_URL: 'https://news.example.org/',
      NEWSDEX_ENGINE: 'sphinx://10.0.0.5:9306/news',
    }
    assert.deepEqual(serveConfig([], env), {
      port: 8080,
      host: '0.0.0.0',
      index: '/srv/news.index',
      articles: '/srv/articles',
      watch: true,
      limits: { maxQueryLength: 300, maxTerms: 12 },
      logLevel: 'warn',
      logFormat: 'pretty',
      quiet: false,
      metrics: { port: 9464, host: '127.0.0.1' },
      publicUrl: 'https://news.example.org',
      engine: 'sphinx://10.0.0.5:9306/news',
    })
    assert.equal(serveConfig([], { NEWSDEX_QUIET: '1' }).logLevel, 'silent')
    assert.equal(serveConfig([], { NEWSDEX_METRICS: 'off' }).metrics, 'off')
    assert.deepEqual(serveConfig([], { NEWSDEX_METRICS: '10.0.0.5:9464' }).metrics, {
      port: 9464,
      host: '10.0.0.5',
    })
  })

  it('lets a flag win over its variable', () => {
    const env = {
      PORT: '8080',
      HOST: '0.0.0.0',
      NEWSDEX_INDEX: '/srv/news.index',
      NEWSDEX_MAX_TERMS: '12',
      NEWSDEX_LOG_LEVEL: 'warn',
      NEWSDEX_QUIET: '1',
      NEWSDEX_METRICS: 'off',
      NEWSDEX_WATCH: '0',
      NEWSDEX_PUBLIC_URL: 'https://news.example.org',
    }
    const args = [
      '--public-url=https://search.example.com/news',
      '--port=0',
      '--host=::1',
      '--index=x.index',
      '--max-terms=3',
      '--log-level=debug',
      '--metrics=on',
      '--watch',
    ]
    const config = serveConfig(args, env)
    assert.equal(config.port, 0)
    assert.equal(config.host, '::1')
    assert.equal(config.index, 'x.index')
    assert.equal(config.limits.maxTerms, 3)
    assert.equal(config.logLevel, 'debug', '--log-level wins over NEWSDEX_QUIET')
    assert.equal(config.metrics, 'app')
    assert.equal(config.watch, true)
    assert.equal(config.publicUrl, 'https://search.example.com/news')
    assert.equal(serveConfig(['--quiet'], env).logLevel, 'silent')
  })

  it('has a variable for every flag', () => {
    const flags = Object.keys(SERVE_ENV)
    for (const flag of flags) assert.match(SERVE_ENV[flag as keyof typeof SERVE_ENV], /^[A-Z_]+$/)
    assert.equal(new Set(Object.values(SERVE_ENV)).size, flags.length)
  })

  it('names the variable or the flag of a bad value', () => {
    const bad: [string[], Record<string, string>, RegExp][] = [
      [[], { PORT: 'http' }, /^PORT must be a whole number/],
      [['--port', '70000'], {}, /^--port must be a whole number/],
      [[], { NEWSDEX_MAX_TERMS: '0' }, /^NEWSDEX_MAX_TERMS must be a whole number from 1/],
      [[], { NEWSDEX_WATCH: 'maybe' }, /^NEWSDEX_WATCH must be 1 or 0/],
      [[], { NEWSDEX_LOG_LEVEL: 'loud' }, /^NEWSDEX_LOG_LEVEL must be one of fatal, error/],
      [['--log-format', 'xml'], {}, /^--log-format must be json or pretty/],
      [['--metrics', 'yes'], {}, /^--metrics must be on, off, a port or HOST:PORT/],
      [[], { NEWSDEX_PUBLIC_URL: 'news.example.org' }, /^NEWSDEX_PUBLIC_URL must be an absolute/],
      [['--public-url', 'ftp://x.org'], {}, /^--public-url must be an http or https URL/],
      [['--nope'], {}, /Unknown option '--nope'/],
    ]
    for (const [args, env, message] of bad) {
      assert.throws(
        () => serveConfig(args, env),
        (error: Error) => {
          assert.ok(error instanceof UsageError)
          assert.match(error.message, message)
          return true
        },
      )
    }
  })
})
