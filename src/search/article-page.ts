import type { NewsIndex } from '../index/news-index.ts'
import {
  addCandidate,
  type CandidateMaking,
  candidatesFor,
  deferredRuns,
  holdsComplete,
  type MatchedParagraphs,
  pageGroup,
} from './article-candidates.ts'
import { articleColumns, inRange, wantedCategories } from './article-columns.ts'
import { dateFacetOfCounts } from './date-facet.ts'
import type { SortOrder } from './date-order.ts'
import type { DateRange } from './date-range.ts'
import type { Group, RankedPage } from './group.ts'
import { comparator, enterPage, firstCandidates, RankClasses, runsPage } from './page-order.ts'

/** What the page asks for, beyond the matching paragraphs. */
export interface ArticlePageRequest {
  /** Articles wanted: the page's and those before it. */
  count: number
  /** How much each further paragraph adds to an article's score, relative to its best. */
  spread: number
  /** Distinct words of the query: a paragraph with all of them is complete. */
  wordCount: number
  /** `relevance` (`groupOrder`), or by date, `newest` or `oldest` (`dateOrder`). */
  sort: SortOrder
  /** Fold near-copies into one result a story (its best-ranked article). */
  collapse: boolean
  /** Only articles dated in it are counted at all. Defaults to every article, undated too. */
  range?: DateRange
  /** Only articles of these categories (lower case) are counted; empty: all. */
  categories: readonly string[]
  /**
   * The query matches every paragraph (`category:` alone), and only the wanted categories'
   * articles were listed: the category facet is counted over every article instead.
   */
  everyArticle: boolean
}

/**
 * Groups matching paragraphs by article and gives the first `count` articles, with exact totals
 * and facets over all of them: what `groupByArticle`, `foldStories` and `firstInOrder` give over
 * objects (a property test holds the two to the same answers), in typed arrays. `paragraphs`
 * holds the ids of the matching paragraphs, ascending, in its first `matches` places; an
 * article's ids are consecutive, so each article's come together. Only the page's articles
 * become objects.
 */
export function rankArticles(
  index: NewsIndex,
  matches: number,
  found: MatchedParagraphs,
  request: ArticlePageRequest,
): RankedPage {
  const columns = articleColumns(index)
  const { articleOf, category, date, story } = columns
  const { ids: paragraphs, score, words, exact } = found
  const { spread, wordCount, range } = request
  const c = candidatesFor(columns.entries.length)
  const categoryCounts = new Int32Array(columns.categories.length)
  const categoriesSeen: number[] = []
  const dateCounts = new Int32Array(columns.dates.length)
  const storyBest = new Int32Array(request.collapse ? columns.stories.length : 0).fill(-1)
  const wanted = wantedCategories(columns, request.categories)
  const before = comparator(columns, c)
  const classes = new RankClasses(wordCount, request.sort, columns.dates.length)
  const collapse = request.collapse
  let candidates = 0
  const made: CandidateMaking = {
    found,
    c,
    classes,
    before,
    storyBest,
    story,
    collapse,
    spread,
    wordCount,
  }
  let partial = deferredRuns(0)
  let partials = 0
  let articles = 0
  let counted = 0
  let results = 0
  let undated = 0
  let complete = false
  // The page so far, while articles are grouped (see `runsPage`): an article ranked below its
  // last is counted and nothing more, as it can never be shown (the page only gets better).
  const running = runsPage(request.count)
  const page: number[] = []
  let lastRank = Number.NEGATIVE_INFINITY
  let lastScore = Number.NEGATIVE_INFINITY
  let i = 0
  while (i < matches) {
    const article = articleOf[paragraphs[i] as number] as number
    let end = i + 1
    while (end < matches && articleOf[paragraphs[end] as number] === article) end++
    const start = i
    i = end
    if (article < 0) continue
    const day = date[article] as number
    if (range !== undefined && !inRange(columns, article, range)) continue
    const kind = category[article] as number
    if (kind >= 0) {
      if (categoryCounts[kind] === 0) categoriesSeen.push(kind)
      categoryCounts[kind] = (categoryCounts[kind] as number) + 1
    }
    if (wanted !== undefined && !(kind < 0 ? wanted.none : wanted.kinds[kind] === 1)) continue
    articles++
    if (day < 0) undated++
    else dateCounts[day] = (dateCounts[day] as number) + 1
    counted += end - start
    const own = collapse ? (story[article] as number) : -1
    if (wordCount > 1 && !holdsComplete(words, start, end, wordCount)) {
      // No paragraph holds every word: the article ranks below every complete one, and is made
      // a candidate only if the complete ones leave room on the page (most of a pair's
      // articles hold one of its words).
      partial = deferredRuns(partials)
      partial.start[partials] = start
      partial.end[partials++] = end
      if (own < 0) results++
      else if (storyBest[own] === -1) {
        results++
        storyBest[own] = -2
      }
      continue
    }
    // The best paragraph, as compareParagraphs ranks them; ties keep the lower id (the earlier
    // match). Written out here as `bestParagraph` and `addCandidate` (which make a deferred
    // article's) do it: a common word has a hundred thousand articles, and calling them for
    // each made a word's query a tenth slower (measured at Reuters ×10).
    let best = start
    let bestComplete = (words[best] as number) >= wordCount
    for (let at = start + 1; at < end; at++) {
      const atComplete = (words[at] as number) >= wordCount
      if (atComplete !== bestComplete) {
        if (atComplete) {
          best = at
          bestComplete = true
        }
        continue
      }
      const byExact = atComplete ? (exact[at] as number) - (exact[best] as number) : 0
      if (byExact > 0 || (byExact === 0 && (score[at] as number) > (score[best] as number)))
        best = at
    }
    if (bestComplete) complete = true
    // As groupScore adds them: the best, then each further one in paragraph order.
    let total = score[best] as number
    for (let at = start; at < end; at++) if (at !== best) total += spread * (score[at] as number)
    const rank = classes.of(bestComplete, exact[best] as number, day)
    if (rank < lastRank || (rank === lastRank && total < lastScore)) {
      if (own < 0) results++
      else if (storyBest[own] === -1) {
        results++
        storyBest[own] = -2
      }
      continue
    }
    const k = candidates++
    c.article[k] = article
    c.best[k] = best
    c.rank[k] = rank
    c.score[k] = total
    c.start[k] = start
    c.end[k] = end
    let rival = -1
    if (own < 0) results++
    else {
      rival = storyBest[own] as number
      if (rival === -1) results++
      if (rival >= 0 && before(k, rival) > 0) continue
      storyBest[own] = k
    }
    if (running && enterPage(page, k, rival, request.count, before)) {
      if (page.length === request.count) {
        const last = page[page.length - 1] as number
        lastRank = c.rank[last] as number
        lastScore = c.score[last] as number
      }
    }
  }
  if (request.everyArticle) {
    // Only the wanted categories' articles were listed: the facet counts every article in range.
    categoryCounts.fill(0)
    categoriesSeen.length = 0
    for (let a = 0; a < columns.entries.length; a++) {
      const kind = category[a] as number
      if (kind < 0 || columns.entries[a]?.paragraphCount === 0 || !inRange(columns, a, range))
        continue
      if (categoryCounts[kind] === 0) categoriesSeen.push(kind)
      categoryCounts[kind] = (categoryCounts[kind] as number) + 1
    }
  }
  const facets: Record<string, number> = {}
  for (const kind of categoriesSeen) {
    facets[columns.categories[kind] as string] = categoryCounts[kind] as number
  }
  // One candidate a story: its best-ranked article.
  const shown = (k: number) => {
    const own = collapse ? (story[c.article[k] as number] as number) : -1
    return own < 0 || storyBest[own] === k
  }
  // A page left short wrote every complete article (its last never bounded), so the deferred
  // ones join them all.
  let first = running ? page : firstCandidates(c, candidates, request.count, shown, before)
  if (first.length < request.count && partials > 0) {
    for (let d = 0; d < partials; d++) {
      const start = partial.start[d] as number
      const article = articleOf[paragraphs[start] as number] as number
      addCandidate(
        made,
        candidates++,
        start,
        partial.end[d] as number,
        article,
        date[article] as number,
      )
    }
    first = firstCandidates(c, candidates, request.count, shown, before)
  }
  const groups: Group[] = []
  for (const k of first) groups.push(pageGroup(index, columns, c, k, found, request))
  return {
    groups,
    articles,
    paragraphs: counted,
    results,
    facets,
    dates: dateFacetOfCounts(columns.dates, columns.buckets, dateCounts, undated),
    matched: counted === 0 || complete ? 'all' : 'some',
  }
}
