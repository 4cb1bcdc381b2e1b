// The bench's slow queries: each should still be answered well under the target. Pure.
import { vocabulary } from './corpus-words.ts'
import { DEFAULT_SEED } from './queries.ts'
import { mulberry32, pick } from './random.ts'

/** A query meant to be slow: each should still be answered well under the target. */
export interface PathologicalQuery {
  name: string
  text: string
  /** Search as you type (prefix mode), as the search page does. */
  prefix: boolean
}

const EMOJI = [
  '😀',
  '🎉',
  '🚀',
  '🔥',
  '❤️',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇬🇧',
  '🧑🏿‍💻',
  '✨',
  '🙈',
  '1️⃣',
  '🫠',
]

/** Cuts or leaves `text` at `length` UTF-16 units. */
function fit(text: string, length: number): string {
  return text.slice(0, length)
}

/**
 * The slow cases: 512 characters of random corpus words; 64 short prefixes in prefix mode;
 * a soup of `"` and `-` (phrases and exclusions opened and never closed); 10,000 emoji
 * (code points); the two-letter prefix that begins the most words, in prefix mode.
 */
export function pathologicalQueries(
  paragraphs: readonly string[],
  seed = DEFAULT_SEED,
): PathologicalQuery[] {
  const random = mulberry32(seed ^ 0x5eed)
  const words = vocabulary(paragraphs)
  const word = () => (words.length === 0 ? 'news' : pick(random, words))

  let randomWords = ''
  while (randomWords.length < 512) randomWords += `${word()} `
  const prefixes = Array.from({ length: 64 }, () => word().slice(0, 2 + Math.floor(random() * 2)))

  const soupPieces = [
    () => '"',
    () => '-',
    () => ' ',
    () => '-"',
    () => '"-',
    () => '--',
    () => `-${word()}`,
    () => `"${word()}`,
    () => `${word()}"`,
    () => `"${word()} ${word()}"`,
    () => `-"${word()} -${word()}`,
  ]
  let soup = ''
  while (soup.length < 512) soup += pick(random, soupPieces)()

  let emoji: string[] = []
  while (emoji.length < 10_000) emoji = emoji.concat([...pick(random, EMOJI)])

  const starts = new Map<string, number>()
  for (const w of words) starts.set(w.slice(0, 2), (starts.get(w.slice(0, 2)) ?? 0) + 1)
  let twoLetters = 'th'
  let most = 0
  for (const [start, count] of starts) {
    if (start.length === 2 && count > most) {
      twoLetters = start
      most = count
    }
  }

  return [
    { name: '512 chars of random words', text: fit(randomWords, 512), prefix: false },
    { name: '64 short prefixes', text: prefixes.join(' '), prefix: true },
    { name: '`"` and `-` soup', text: fit(soup, 512), prefix: false },
    { name: '10,000 emoji', text: emoji.slice(0, 10_000).join(''), prefix: false },
    { name: `2-letter prefix "${twoLetters}"`, text: twoLetters, prefix: true },
  ]
}
