import type { Engine } from './engine.ts'
import { parseEngineUrl } from './sphinx/address.ts'
import { SphinxEngine, type SphinxOptions } from './sphinx/sphinx-engine.ts'

/**
 * The engine at `url` (`sphinx://HOST:PORT/NAME`). Throws an Error saying how to write the URL
 * when it is not one, and `EngineUnavailableError` when the engine does not answer.
 */
export function openEngine(url: string, options: SphinxOptions = {}): Promise<Engine> {
  return SphinxEngine.open(parseEngineUrl(url), options)
}
