import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { stripVTControlCharacters } from 'node:util'
import { createLogger } from '../../src/server/logger.ts'

describe('createLogger', () => {
  it('writes readable lines for a terminal: a request on one line with its id', () => {
    const lines: string[] = []
    const logger = createLogger({
      pretty: true,
      destination: { write: (line) => lines.push(stripVTControlCharacters(line)) },
    })
    const request = { reqId: 'r-1', method: 'GET', path: '/search', status: 200, responseTime: 1.8 }
    logger.info(request, 'request completed')
    logger.warn('index reload failed')
    assert.match(
      lines[0] ?? '',
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/search 200 1\.8ms \(r-1\)\n$/,
    )
    assert.match(lines[1] ?? '', /^\[[\d:.]+\] WARN: index reload failed\n$/)
  })

  it('writes nothing below its level', () => {
    const lines: string[] = []
    const logger = createLogger({
      level: 'warn',
      destination: { write: (line) => lines.push(line) },
    })
    logger.info('hidden')
    logger.error('shown')
    assert.equal(lines.length, 1)
    assert.equal(JSON.parse(lines[0] ?? '').msg, 'shown')
  })
})
