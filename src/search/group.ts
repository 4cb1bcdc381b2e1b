import type { Article } from '../articles/types.ts'
import type { ArticleEntry, NewsIndex } from '../index/news-index.ts'
import { type DateFacet, dateFacet } from './date-facet.ts'
import { compareParagraphs, rankOrder } from './match.ts'
import type { ScoredParagraph } from './score.ts'

/**
 * Up to this many articles wanted, each enters its place as it comes (a few comparisons for the
 * many that do not); a deeper page keeps them all and sorts once, as inserting would be quadratic.
 */
const SELECT_LIMIT = 64

/** An article's matching paragraphs: the best leads, each further one adds a little. */
export interface Group {
  best: ScoredParagraph
  /** Matching paragraphs, best first. */
  paragraphs: ScoredParagraph[]
  score: number
  /** The near-copy story the article belongs to, when folding near-copies and it has one. */
  story?: string
}

/** An article's near-copy story, or undefined when it is a story of its own. */
export type StoryOf = (article: Article) => string | undefined

/** One page's worth of ranked articles, and the counts over every match. */
export interface RankedPage {
  /** The first articles, best first, as many as asked for. */
  groups: Group[]
  articles: number
  paragraphs: number
  /** What the pages run over: the articles, or their stories when near-copies are folded. */
  results: number
  facets: Record<string, number>
  /** The counted articles by date. */
  dates: DateFacet
  matched: 'all' | 'some'
}

/** What `ArticleGrouping` keeps and counts, beyond the default ranking's page. */
export interface GroupingOptions {
  /** Only articles of these categories (lower case) are counted; none: all. */
  categories: readonly string[]
  /** Near-copies fold into one result a story. Defaults to none. */
  storyOf?: StoryOf
  /** The order of the page. Defaults to `groupOrder` (relevance). */
  order?: (a: Group, b: Group) => number
  /** Only articles for which this holds are counted at all (a date range). Defaults to all. */
  admits?: (article: Article) => boolean
}

/**
 * An article's score: its best paragraph's, plus `spread` × each further one's, added in
 * paragraph order (both paths add in the same order, so their scores agree to the last bit).
 */
function groupScore(best: ScoredParagraph, byId: readonly ScoredParagraph[], spread: number) {
  let score = best.score
  for (const paragraph of byId) if (paragraph !== best) score += spread * paragraph.score
  return score
}

/**
 * Groups paragraphs by article (the exhaustive path). The groups come in no particular order
 * (see `groupOrder`); each group's paragraphs are ranked.
 */
export function groupByArticle(
  index: NewsIndex,
  paragraphs: readonly ScoredParagraph[],
  wordCount: number,
  spread: number,
): Group[] {
  const byArticle = new Map<Article, ScoredParagraph[]>()
  for (const paragraph of paragraphs) {
    const article = index.articleOf(paragraph.id)
    if (article === undefined) continue
    const held = byArticle.get(article)
    if (held === undefined) byArticle.set(article, [paragraph])
    else held.push(paragraph)
  }
  const rank = rankOrder(index, wordCount)
  const groups: Group[] = []
  for (const held of byArticle.values()) {
    held.sort((a, b) => a.id - b.id)
    const ranked = [...held].sort(rank)
    const best = ranked[0] as ScoredParagraph
    groups.push({ best, paragraphs: ranked, score: groupScore(best, held, spread) })
  }
  return groups
}

/**
 * The groups with one article a story: the best-ranked of each story's articles (the exhaustive
 * path's counterpart of `ArticleGrouping`'s folding). Groups keep their order otherwise.
 */
export function foldStories(
  groups: readonly Group[],
  order: (a: Group, b: Group) => number,
  storyOf: StoryOf,
  articleOf: (group: Group) => Article | undefined,
): Group[] {
  const best = new Map<string, Group>()
  const folded: Group[] = []
  for (const group of groups) {
    const article = articleOf(group)
    const story = article === undefined ? undefined : storyOf(article)
    if (story === undefined) {
      folded.push(group)
      continue
    }
    group.story = story
    const rival = best.get(story)
    if (rival === undefined || order(group, rival) < 0) best.set(story, group)
  }
  return [...folded, ...best.values()]
}

/**
 * Articles rank by their best paragraph's standing (complete, exact), then by their score, where
 * more matches add a little; then in a fixed order.
 */
export function groupOrder(index: NewsIndex, wordCount: number): (a: Group, b: Group) => number {
  return (a, b) =>
    compareParagraphs(a.best, b.best, wordCount, b.score - a.score) ||
    index.compareOrder(a.best.id, b.best.id)
}

/**
 * Groups paragraphs handed over in ascending id order (an article's ids are consecutive, so
 * each article's arrive together) and keeps the best `count` articles in `groupOrder`, with
 * counts and facets over all of them. Only an article that enters the kept ones becomes objects.
 */
export class ArticleGrouping {
  readonly #index: NewsIndex
  readonly #entries: ArticleEntry[]
  readonly #articleOf: Int32Array
  readonly #wordCount: number
  readonly #count: number
  readonly #spread: number
  readonly #wanted: Set<string>
  readonly #order: (a: Group, b: Group) => number
  readonly #admits: ((article: Article) => boolean) | undefined
  readonly #dates: string[] = []
  #undated = 0
  readonly #kept: Group[] = []
  readonly #storyOf: StoryOf | undefined
  /** The kept group of each story kept, and every story counted, when folding near-copies. */
  readonly #keptStories = new Map<string, Group>()
  readonly #stories = new Set<string>()
  readonly #facets: Record<string, number> = {}
  #articles = 0
  #paragraphs = 0
  #results = 0
  #complete = false
  /** The article being gathered, and its paragraphs so far (in parallel arrays, grown as needed). */
  #current = -1
  #held = 0
  #ids = new Int32Array(64)
  #scores = new Float64Array(64)
  #words = new Uint8Array(64)
  #exact = new Uint8Array(64)
  #own = new Uint8Array(64)

  constructor(
    index: NewsIndex,
    wordCount: number,
    count: number,
    spread: number,
    options: GroupingOptions,
  ) {
    const { entries, articleOf } = index.articleNumbers()
    this.#storyOf = options.storyOf
    this.#index = index
    this.#entries = entries
    this.#articleOf = articleOf
    this.#wordCount = wordCount
    this.#count = count
    this.#spread = spread
    this.#wanted = new Set(options.categories)
    this.#order = options.order ?? groupOrder(index, wordCount)
    this.#admits = options.admits
  }

  /** Whether the paragraph is its article's first. */
  isLead(id: number): boolean {
    return this.#entries[this.#articleOf[id] ?? -1]?.first === id
  }

  /** A matching paragraph; ids must come in ascending order. */
  add(id: number, score: number, words: number, exact: number, own: number): void {
    const article = this.#articleOf[id] ?? -1
    if (article < 0) return
    if (article !== this.#current) this.#close()
    this.#current = article
    if (this.#held === this.#ids.length) this.#grow()
    const at = this.#held++
    this.#ids[at] = id
    this.#scores[at] = score
    this.#words[at] = words
    this.#exact[at] = exact
    this.#own[at] = own
  }

  #grow(): void {
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(array.length * 2)
      bigger.set(array)
      return bigger
    }
    this.#ids = grown(this.#ids)
    this.#scores = grown(this.#scores)
    this.#words = grown(this.#words)
    this.#exact = grown(this.#exact)
    this.#own = grown(this.#own)
  }

  /** The held paragraph at `at`, as an object. */
  #paragraph(at: number): ScoredParagraph {
    return {
      id: this.#ids[at] as number,
      score: this.#scores[at] as number,
      words: this.#words[at] as number,
      exact: this.#exact[at] as number,
      own: this.#own[at] as number,
    }
  }

  finish(): RankedPage {
    this.#close()
    if (this.#count > SELECT_LIMIT) {
      this.#kept.sort(this.#order)
      this.#kept.length = Math.min(this.#kept.length, this.#count)
    }
    return {
      groups: this.#kept,
      articles: this.#articles,
      paragraphs: this.#paragraphs,
      results: this.#results,
      facets: this.#facets,
      dates: dateFacet(this.#dates, this.#undated),
      matched: this.#paragraphs === 0 || this.#complete ? 'all' : 'some',
    }
  }

  #close(): void {
    const held = this.#held
    if (held === 0) return
    this.#held = 0
    const { article } = this.#entries[this.#current] as ArticleEntry
    if (this.#admits !== undefined && !this.#admits(article)) return
    const { category } = article
    if (category !== undefined) this.#facets[category] = (this.#facets[category] ?? 0) + 1
    if (this.#wanted.size > 0 && !this.#wanted.has(category?.toLowerCase() ?? '')) return
    this.#articles++
    if (article.date === undefined) this.#undated++
    else this.#dates.push(article.date)
    this.#paragraphs += held
    const story = this.#storyOf?.(article)
    if (story === undefined) this.#results++
    else if (!this.#stories.has(story)) {
      this.#stories.add(story)
      this.#results++
    }
    const words = this.#words
    const exact = this.#exact
    const scores = this.#scores
    const wordCount = this.#wordCount
    // The best paragraph, as compareParagraphs ranks them; ties keep the lower id.
    let best = 0
    for (let at = 1; at < held; at++) {
      const complete = (words[at] as number) >= wordCount
      const bestComplete = (words[best] as number) >= wordCount
      if (complete !== bestComplete) {
        if (complete) best = at
        continue
      }
      const byExact = complete ? (exact[at] as number) - (exact[best] as number) : 0
      if (byExact > 0 || (byExact === 0 && (scores[at] as number) > (scores[best] as number)))
        best = at
    }
    if ((words[best] as number) >= wordCount) this.#complete = true
    // As groupScore adds them: the best, then each further one in paragraph order.
    let score = scores[best] as number
    for (let at = 0; at < held; at++)
      if (at !== best) score += this.#spread * (scores[at] as number)
    const probe: Group = { best: this.#paragraph(best), paragraphs: [], score }
    const kept = this.#kept
    const selecting = this.#count <= SELECT_LIMIT
    // A story shows once: a later article of it enters only in place of a worse one.
    const rival = story === undefined ? undefined : this.#keptStories.get(story)
    if (rival !== undefined && this.#order(probe, rival) >= 0) return
    if (
      selecting &&
      rival === undefined &&
      kept.length === this.#count &&
      this.#order(probe, kept.at(-1) as Group) >= 0
    )
      return
    const paragraphs: ScoredParagraph[] = []
    for (let at = 0; at < held; at++)
      paragraphs.push(at === best ? probe.best : this.#paragraph(at))
    probe.paragraphs = paragraphs.sort(rankOrder(this.#index, wordCount))
    if (story !== undefined) {
      probe.story = story
      this.#keptStories.set(story, probe)
      if (rival !== undefined) kept.splice(kept.indexOf(rival), 1)
    }
    if (!selecting) {
      kept.push(probe)
      return
    }
    let low = 0
    let high = kept.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#order(probe, kept[middle] as Group) < 0) high = middle
      else low = middle + 1
    }
    kept.splice(low, 0, probe)
    if (kept.length > this.#count) {
      const dropped = kept.pop() as Group
      if (dropped.story !== undefined) this.#keptStories.delete(dropped.story)
    }
  }
}
