// `npm run search` takes --sort, --from and --to, refusing bad ones before it loads anything.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { UsageError } from '../../src/cli/command.ts'
import { command } from '../../src/cli/search.ts'
import { capture } from '../fixtures/io.ts'

async function refusal(...args: string[]): Promise<string> {
  try {
    await command.run([...args, '--index', '/nonexistent/index.json', 'oil'], capture())
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error))
    return error.message
  }
  assert.fail(`${args.join(' ')} was accepted`)
}

describe('search --sort --from --to', () => {
  it('names the bad flag', async () => {
    assert.equal(await refusal('--sort', 'date'), '--sort must be one of relevance, newest, oldest')
    assert.equal(await refusal('--from', '1987-13'), '--from "1987-13" has no month 13.')
    assert.equal(
      await refusal('--to', 'March'),
      '--to "March" is not YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 datetime.',
    )
    assert.equal(await refusal('--from', '1988', '--to', '1987'), '--from 1988 is after --to 1987.')
  })

  it('accepts good ones and goes on to load the index', async () => {
    const io = capture()
    const code = await command.run(
      [
        '--sort',
        'newest',
        '--from',
        '1987-03',
        '--to',
        '1987-04',
        '--index',
        '/nonexistent/index.json',
        'oil',
      ],
      io,
    )
    assert.notEqual(code, 0)
    assert.match(io.errors.join('\n'), /^search: /)
  })
})
