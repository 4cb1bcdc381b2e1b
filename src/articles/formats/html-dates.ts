// Where an HTML page says when it was published: the conventions of news sites, publishing
// tools and search engines, in the order they are trusted. Pure.
import type { HTMLElement } from 'node-html-parser'

/** `<meta>` names (or properties) of a publication date, compared in lower case. */
const META_DATE_NAMES = new Set([
  'date',
  'pubdate',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.issued',
])

/** A `<time datetime>` where the article's own date is shown: its header, its byline or dateline. */
const BYLINE_TIME = [
  'header time[datetime]',
  '[class*="byline"] time[datetime]',
  '[class*="dateline"] time[datetime]',
  'time[pubdate][datetime]',
].join(', ')

/** schema.org types of an article (`NewsArticle`, `ReportageNewsArticle`, `BlogPosting` …). */
const ARTICLE_TYPE = /Article$|^BlogPosting$|^Report$/

function metaContents(root: HTMLElement, accepts: (name: string) => boolean): string[] {
  const found: string[] = []
  for (const meta of root.querySelectorAll('meta')) {
    const names = [meta.getAttribute('property'), meta.getAttribute('name')]
    if (names.some((name) => name !== undefined && accepts(name.trim().toLowerCase()))) {
      const content = meta.getAttribute('content')
      if (content !== undefined) found.push(content)
    }
  }
  return found
}

function isArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type]
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t))
}

/**
 * `datePublished` of the JSON-LD objects of the page, at the top of a script, in an array or
 * in an `@graph`; an article's before any other's (a `WebPage` has one too).
 */
function jsonLdDates(root: HTMLElement): string[] {
  const articles: string[] = []
  const others: string[] = []
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1)
      return
    }
    const record = node as Record<string, unknown>
    if (typeof record.datePublished === 'string') {
      ;(isArticleType(record['@type']) ? articles : others).push(record.datePublished)
    }
    visit(record['@graph'], depth + 1)
  }
  for (const script of root.querySelectorAll('script')) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue
    try {
      visit(JSON.parse(script.rawText), 0)
    } catch {
      // A broken JSON-LD block says nothing; the other conventions may.
    }
  }
  return [...articles, ...others]
}

/**
 * The dates a page gives for its publication, as written, most trusted first: Open Graph's
 * `article:published_time`, JSON-LD `datePublished`, microdata `itemprop="datePublished"`, a
 * `<meta>` named `date`, `pubdate`, `dc.date` (or `dcterms.*`), and a `<time datetime>` in the
 * article's header or byline. Read before the header is dropped as page furniture.
 */
export function htmlDates(root: HTMLElement): string[] {
  const microdata = root
    .querySelectorAll('[itemprop="datePublished"]')
    .map((el) => el.getAttribute('content') ?? el.getAttribute('datetime'))
    .filter((value) => value !== undefined)
  const times = root
    .querySelectorAll(BYLINE_TIME)
    .map((el) => el.getAttribute('datetime') as string)
  return [
    ...metaContents(root, (name) => name === 'article:published_time'),
    ...jsonLdDates(root),
    ...microdata,
    ...metaContents(root, (name) => META_DATE_NAMES.has(name)),
    ...times,
  ]
}
