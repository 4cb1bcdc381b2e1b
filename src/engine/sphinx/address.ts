/** Where a sphinx engine is: the searchd holding the distributed index, and its name. */
export interface SphinxAddress {
  host: string
  /** The SphinxQL (MySQL protocol) port. */
  port: number
  /** The distributed index; its RT shards are listed in `<name>_shards` beside it. */
  name: string
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/

/**
 * Reads `sphinx://HOST:PORT/NAME`. Throws an Error saying what a good URL looks like when it
 * is not one.
 */
export function parseEngineUrl(text: string): SphinxAddress {
  const usage = `the engine URL must look like sphinx://127.0.0.1:9306/news (got ${JSON.stringify(text)})`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(usage)
  }
  const port = Number(url.port)
  const name = url.pathname.replace(/^\//, '')
  if (url.protocol !== 'sphinx:' || url.hostname === '' || !(port > 0) || !NAME.test(name)) {
    throw new Error(usage)
  }
  return { host: url.hostname, port, name }
}

/** The URL of an address, as `npm run cluster -- up` prints it. */
export function engineUrl(address: SphinxAddress): string {
  return `sphinx://${address.host}:${address.port}/${address.name}`
}
