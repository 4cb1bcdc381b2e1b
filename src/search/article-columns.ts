import type { ArticleEntry, NewsIndex } from '../index/news-index.ts'
import type { DateInterval } from './date-facet.ts'
import { type DateRange, dateSpan } from './date-range.ts'

/**
 * What ranking a page needs of every article, in typed arrays indexed by article number (see
 * `NewsIndex.articleNumbers`): a common word matches a hundred thousand articles at a million
 * paragraphs, and reading an object, a string-keyed Map and a date string per article made
 * grouping, counting and faceting most of what such a query cost. Numbers compare, count and
 * index arrays; the strings behind them are read only for the page.
 */
export interface ArticleColumns {
  /** Paragraph id → article number; -1 for a removed paragraph. */
  articleOf: Int32Array
  /**
   * Paragraph id → 1 for its article's first paragraph (the lead), else 0: a paragraph matching
   * only through its article's title counts as the lead alone, asked of every such match.
   */
  lead: Uint8Array
  entries: readonly ArticleEntry[]
  /** Per article: its category's number in `categories`; -1 for none. */
  category: Int32Array
  /** The categories as articles write them (the facet's keys). */
  categories: readonly string[]
  /** The same in lower case, as `category:` matches them. */
  categoryKeys: readonly string[]
  /** Per article: its date's number in `dates`; -1 when undated. */
  date: Int32Array
  /**
   * The distinct dates, sorted as text (time order for `readDate`'s ISO forms), so that date
   * numbers compare as the dates do.
   */
  dates: readonly string[]
  /**
   * Per interval, each date number's bucket: its number in `keys`, the distinct prefixes of the
   * dates (`1987`, `1987-03`, `1987-03-05`) in order. The date facet counts into these.
   */
  buckets: Record<DateInterval, { of: Int32Array; keys: readonly string[] }>
  /** Per date number: the first and last instant it covers (see `dateSpan`); NaN if unreadable. */
  dateFrom: Float64Array
  dateTo: Float64Array
  /** Per article: its near-copy story's number; -1 when it is a story of its own. */
  story: Int32Array
  /** Per story number, the story as `NearCopies.storyOf` names it (its first article's id). */
  stories: readonly string[]
  /**
   * Per article: its place among the live articles in id order, so that ties between articles
   * compare two integers as `NewsIndex.compareOrder` compares their ids. Copies of a story tie
   * on score and date, and comparing id strings was a quarter of what a common word cost.
   */
  order: Int32Array
}

/**
 * Made once per state of the index: keyed by the index's article numbering, which the index
 * drops on any change, so a changed index gets new columns and the old ones are collected.
 */
const cache = new WeakMap<object, ArticleColumns>()

/** The index's article columns, made on first use after a change. */
export function articleColumns(index: NewsIndex): ArticleColumns {
  const numbers = index.articleNumbers()
  let columns = cache.get(numbers)
  if (columns === undefined) {
    columns = makeColumns(index, numbers.entries, numbers.articleOf)
    cache.set(numbers, columns)
  }
  return columns
}

function makeColumns(
  index: NewsIndex,
  entries: readonly ArticleEntry[],
  articleOf: Int32Array,
): ArticleColumns {
  const count = entries.length
  const category = new Int32Array(count)
  const date = new Int32Array(count)
  const story = new Int32Array(count).fill(-1)
  const categoryNumbers = new Map<string, number>()
  const dateNumbers = new Map<string, number>()
  const numberIn = (numbers: Map<string, number>, key: string | undefined): number => {
    if (key === undefined) return -1
    let number = numbers.get(key)
    if (number === undefined) {
      number = numbers.size
      numbers.set(key, number)
    }
    return number
  }
  for (let a = 0; a < count; a++) {
    const { article } = entries[a] as ArticleEntry
    category[a] = numberIn(categoryNumbers, article.category)
    date[a] = numberIn(dateNumbers, article.date ?? undefined)
  }
  // A story is a group of near-copies, named by its first id (as `storyOf` names it).
  const stories: string[] = []
  for (const group of index.nearCopies.groups()) {
    const number = stories.push(group[0] as string) - 1
    for (const id of group) {
      const first = index.firstParagraphOf(id)
      if (first !== undefined) story[articleOf[first] as number] = number
    }
  }
  // Renumber the dates in sorted order, so that their numbers compare as they do.
  const dates = [...dateNumbers.keys()].sort()
  const rank = new Int32Array(dates.length)
  dates.forEach((text, sorted) => {
    rank[dateNumbers.get(text) as number] = sorted
  })
  for (let a = 0; a < count; a++) {
    const d = date[a] as number
    if (d >= 0) date[a] = rank[d] as number
  }
  const dateFrom = new Float64Array(dates.length)
  const dateTo = new Float64Array(dates.length)
  dates.forEach((text, d) => {
    const span = dateSpan(text)
    dateFrom[d] = span?.fromMs ?? Number.NaN
    dateTo[d] = span?.toMs ?? Number.NaN
  })
  const categories = [...categoryNumbers.keys()]
  const bucketsOf = (length: number) => {
    const of = new Int32Array(dates.length)
    const keys: string[] = []
    dates.forEach((text, d) => {
      const key = text.slice(0, length)
      if (keys.at(-1) !== key) keys.push(key)
      of[d] = keys.length - 1
    })
    return { of, keys }
  }
  const lead = new Uint8Array(articleOf.length)
  for (const entry of entries) lead[entry.first] = 1
  return {
    articleOf,
    lead,
    entries,
    category,
    categories,
    categoryKeys: categories.map((name) => name.toLowerCase()),
    date,
    dates,
    buckets: { year: bucketsOf(4), month: bucketsOf(7), day: bucketsOf(10) },
    dateFrom,
    dateTo,
    story,
    stories,
    order: idOrder(entries),
  }
}

/** Each article's place in id order, as `NewsIndex.compareOrder` orders ids (code units). */
function idOrder(entries: readonly ArticleEntry[]): Int32Array {
  const ids = entries.map((entry) => entry.article.id)
  // Articles are mostly numbered in id order already, which Array's sort (TimSort) runs through.
  const sorted = [...ids.keys()].sort((a, b) => {
    const idA = ids[a] as string
    const idB = ids[b] as string
    return idA < idB ? -1 : idA > idB ? 1 : 0
  })
  const order = new Int32Array(ids.length)
  sorted.forEach((article, place) => {
    order[article] = place
  })
  return order
}

/** Whether article `a` is dated within `range`, as `dateInRange` says. */
export function inRange(columns: ArticleColumns, a: number, range: DateRange | undefined): boolean {
  if (range === undefined) return true
  const day = columns.date[a] as number
  // NaN (an unreadable date) compares false: outside every range.
  return (
    day >= 0 &&
    (columns.dateFrom[day] as number) <= range.toMs &&
    (columns.dateTo[day] as number) >= range.fromMs
  )
}

/** Which category numbers `category:` asks for; undefined when it asks for none (all count). */
export function wantedCategories(columns: ArticleColumns, names: readonly string[]) {
  if (names.length === 0) return undefined
  const asked = new Set(names)
  const kinds = Uint8Array.from(columns.categoryKeys, (key) => (asked.has(key) ? 1 : 0))
  return { kinds, none: asked.has('') }
}
