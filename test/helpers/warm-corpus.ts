// A corpus for the warm-up tests: a few hundred made-up words, some in most paragraphs and most
// in few, so that an index has frequent terms to warm and rare ones to leave.
import { ANALYZER_VERSION } from '../../src/analysis/analyzer.ts'
import type { Article } from '../../src/articles/types.ts'
import { FORMAT_NAME, FORMAT_VERSION, type Manifest } from '../../src/index/manifest.ts'
import { FIELDS } from '../../src/index/paragraph-index.ts'

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 've', 'zu', 'bo', 'de', 'fu']
const WORDS = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => `${a}${b}${a}`))

/** `count` articles of two paragraphs; word k is in about one paragraph in k + 1. */
export function syllableArticles(count: number): Article[] {
  let seed = 11
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const sentence = () =>
    Array.from(
      { length: 12 },
      () => WORDS[Math.min(WORDS.length - 1, next(next(WORDS.length) + 1))],
    ).join(' ')
  return Array.from({ length: count }, (_, i) => ({
    id: `story-${String(i).padStart(4, '0')}`,
    file: `${i}.txt`,
    title: `Story ${i}`,
    date: `1987-0${1 + (i % 9)}-1${i % 10}`,
    paragraphs: [
      { index: 0, text: sentence() },
      { index: 1, text: sentence() },
    ],
  }))
}

export function manifestFor(buildId: string, articles = 0): Manifest {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    fields: [...FIELDS],
    buildId,
    builtAt: new Date(0).toISOString(),
    sourceFolder: '.',
    counts: { articles, paragraphs: 2 * articles, duplicates: 0, skipped: 0 },
    files: {},
    skipped: [],
    nearCopyThreshold: 0.8,
  }
}
