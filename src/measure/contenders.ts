// Who the bench and the evaluation measure, newsdex first, then the baselines.
import type { ReadResult } from '../articles/read.ts'
import { lunrContender, miniSearchContender } from './baselines.ts'
import type { Contender } from './contender.ts'
import { newsdexContender } from './newsdex-contender.ts'

/** The bench's comparison (`read` and `folder` make newsdex's manifest). */
export function benchContenders(read?: ReadResult, folder?: string): Contender[] {
  return [
    newsdexContender(read, folder),
    miniSearchContender(),
    lunrContender(false),
    lunrContender(true),
  ] as Contender[]
}

/** The evaluation's comparison. */
export function evalContenders(): Contender[] {
  return [newsdexContender(), lunrContender(false), miniSearchContender()] as Contender[]
}
