// A corpus for the warm-up tests: a few hundred made-up words, some in most paragraphs and most
// in few, so that an index has frequent terms to warm and rare ones to leave.
import type { Article } from '../../src/articles/types.ts'
import { seededBelow } from './seeded.ts'

const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 've', 'zu', 'bo', 'de', 'fu']
const WORDS = SYLLABLES.flatMap((a) => SYLLABLES.map((b) => `${a}${b}${a}`))

/** `count` articles of two paragraphs; word k is in about one paragraph in k + 1. */
export function syllableArticles(count: number): Article[] {
  const next = seededBelow(11)
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
