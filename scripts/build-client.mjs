// Bundles the page's script, src/client/main.ts and what it imports (src/page/, types from
// src/search/), into public/app.js with esbuild. tsc checks the code (`npm run typecheck`);
// esbuild only strips the types and joins the modules. The bundle is built, not committed:
// `npm test` (test/run.ts), `npm start` (scripts/build-if-stale.mjs) and `npm run build` make it.
// Run directly: `node scripts/build-client.mjs`.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = join(import.meta.dirname, '..')
/** Where the page loads its script from (served as `/static/app.<hash>.js`). */
export const BUNDLE = join(root, 'public', 'app.js')
const ENTRY = join(root, 'src', 'client', 'main.ts')

/** Whether the bundle is missing or older than any TypeScript source it may hold. */
export function bundleIsStale() {
  if (!existsSync(BUNDLE)) return true
  const built = statSync(BUNDLE).mtimeMs
  const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  return sources.some(
    (file) => file.endsWith('.ts') && statSync(join(root, 'src', file)).mtimeMs > built,
  )
}

/**
 * Writes public/app.js. Browser platform: a module that imports Node's built-ins fails the
 * build, which keeps the code the page and the server share free of them.
 */
export async function buildClient() {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: '// Built from src/client/ by scripts/build-client.mjs: edit those, not this.' },
    logLevel: 'warning',
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildClient()
