// `npm start`'s prestart: compiles src/ to dist/ when dist/ is missing or older than a source,
// and bundles the page's script when public/app.js is, so that `npm install && npm start` works on a
// fresh clone. Where TypeScript or esbuild is not installed (a production install, dev
// dependencies pruned), what is already built is served as it is.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const built = join(root, 'dist', 'cli', 'main.js')
const sources = ['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((file) =>
  join(root, file),
)
for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
  if (file.endsWith('.ts')) sources.push(join(root, 'src', file))
}
const newest = Math.max(...sources.map((file) => statSync(file).mtimeMs))
const stale = !existsSync(built) || statSync(built).mtimeMs < newest

if (stale) {
  let tsc
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  } catch {
    tsc = undefined
  }
  if (tsc === undefined) {
    if (!existsSync(built)) {
      console.error(
        'newsdex: dist/ is not built and TypeScript is not installed: run `npm ci && npm run build` first.',
      )
      process.exit(1)
    }
    console.error(
      'newsdex: dist/ is older than src/, and TypeScript is not installed to rebuild it.',
    )
  } else {
    console.error('newsdex: compiling src/ to dist/…')
    const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      stdio: 'inherit',
    })
    if (result.status !== 0) process.exit(result.status ?? 1)
  }
}

// The page's script, bundled from src/client/ where esbuild is installed (as TypeScript above).
const { BUNDLE, buildClient, bundleIsStale } = await import('./build-client.mjs')
if (bundleIsStale()) {
  let canBuild = true
  try {
    createRequire(import.meta.url).resolve('esbuild')
  } catch {
    canBuild = false
  }
  if (canBuild) {
    console.error('newsdex: bundling src/client/ into public/app.js…')
    await buildClient()
  } else if (!existsSync(BUNDLE)) {
    console.error(
      'newsdex: public/app.js is not built and esbuild is not installed: run `npm ci && npm run build` first.',
    )
    process.exit(1)
  }
}
