import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { Router } from 'express'

/** A static file, held in memory, with its fingerprinted name. */
export interface Asset {
  name: string
  fingerprinted: string
  type: string
  body: Buffer
}

/** URLs of the static files, for the templates: `assets['app.js']` → `/static/app.1a2b3c4d5e6f.js`. */
export type AssetUrls = Record<string, string>

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Reads the static files once, at startup, and names each after a hash of its content
 * (`app.js` → `app.<12 hex>.js`): a changed file gets a new URL, so the old one can be cached
 * for a year.
 */
export function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name)]
    if (!entry.isFile() || type === undefined) continue
    const body = readFileSync(join(dir, entry.name))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
    const ext = extname(entry.name)
    const fingerprinted = `${entry.name.slice(0, -ext.length)}.${hash}${ext}`
    assets.set(entry.name, { name: entry.name, fingerprinted, type, body })
  }
  return assets
}

/** Each asset's fingerprinted URL by its plain name, for the templates. */
export function assetUrls(assets: ReadonlyMap<string, Asset>): AssetUrls {
  const urls: AssetUrls = {}
  for (const asset of assets.values()) urls[asset.name] = `/static/${asset.fingerprinted}`
  return urls
}

/**
 * `GET /static/<name>` for the assets, under their fingerprinted names (cached for a year) and
 * their plain names (revalidated), and `/favicon.ico` redirected to the SVG icon when there is one.
 */
export function addAssetRoutes(router: Router, assets: ReadonlyMap<string, Asset>): void {
  const byUrl = new Map<string, { asset: Asset; immutable: boolean }>()
  for (const asset of assets.values()) {
    byUrl.set(asset.fingerprinted, { asset, immutable: true })
    byUrl.set(asset.name, { asset, immutable: false })
  }
  router.get('/static/:name', (req, res, next) => {
    const found = byUrl.get(req.params.name)
    if (found === undefined) return next()
    res.type(found.asset.type)
    // A fingerprinted URL never changes content; a plain one may, so it is revalidated (ETag).
    res.set('Cache-Control', found.immutable ? IMMUTABLE : 'no-cache')
    res.send(found.asset.body)
  })
  const favicon = assets.get('favicon.svg')
  if (favicon !== undefined) {
    router.get('/favicon.ico', (_req, res) => {
      res.redirect(301, `/static/${favicon.fingerprinted}`)
    })
  }
}
