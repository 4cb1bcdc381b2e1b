// Runs every `*.test.ts` under test/ with Node's own test runner (Node 20 has no --test globs).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const files = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => relative(root, join(root, 'test', file)))
  .sort()

// The page's script is bundled, not committed: build it first, since every server the tests
// start serves it and the browser tests run it.
const client = spawnSync(process.execPath, [join(root, 'scripts', 'build-client.mjs')], {
  stdio: 'inherit',
})
if (client.status !== 0) process.exit(client.status ?? 1)

const only = process.argv.slice(2)
const selected = only.length > 0 ? files.filter((f) => only.some((o) => f.includes(o))) : files
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...selected], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
