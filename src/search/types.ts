import type { DateFacet } from './date-facet.ts'
import type { SortOrder } from './date-order.ts'

/** What a caller asks of the search library (the server's `/search` and the CLI alike). */
export interface SearchRequest {
  /** The query in newsdex's query language (see README). */
  q: string
  /** Page number, from 1. Defaults to `1`. */
  page?: number
  /** Results per page. Defaults to `10`; at most `50`. */
  size?: number
  /** Treat the last word as a prefix, for search as you type. Defaults to `false`. */
  prefix?: boolean
  /** Group paragraphs by article. Defaults to `true`; `false` gives one paragraph a result. */
  group?: boolean
  /**
   * Fold near-copies of a story into one result, its best-ranked article, listing the others as
   * `similar`. Defaults to `true`; `false` shows every article. No effect when not grouping.
   */
  collapse?: boolean
  /**
   * `relevance` (the ranking), `newest` or `oldest`: by date, complete matches (holding every
   * word) before partial ones, undated articles last in each. Defaults to `relevance`.
   */
  sort?: SortOrder
  /**
   * Only articles dated from the start of this period: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an ISO
   * 8601 datetime (UTC when no zone is given). Undated articles are left out. Defaults to none.
   */
  from?: string
  /**
   * Only articles dated up to the end of this period, in the same forms as `from`: `1987-03`
   * takes in the whole of March. Undated articles are left out. Defaults to none.
   */
  to?: string
}

/** A `[start, end)` range of UTF-16 offsets into a plain text. */
export type Highlight = [start: number, end: number]

export interface ParagraphHit {
  index: number
  heading?: string
  score: number
  /** HTML: the escaped window of text, with `<mark>` around matches and `…` where text was cut. */
  snippet: string
  /** The same window as plain text (unescaped), which `highlights` index into. */
  text: string
  highlights: Highlight[]
  /** `/articles/<id>#p<index>` */
  url: string
}

export interface ArticleSummary {
  id: string
  title: string
  /** The title, escaped, with `<mark>` around matches. */
  titleHtml: string
  subtitle?: string
  category?: string
  /** When it was published: ISO 8601 in UTC (`YYYY-MM-DD` for a day alone), or null when undated. */
  date: string | null
  /** `/articles/<id>` */
  url: string
}

export interface SearchResult {
  article: ArticleSummary
  score: number
  /** How many paragraphs of the article matched. */
  matches: number
  /** The best matching paragraphs, best first (up to 3; exactly 1 when not grouping). */
  paragraphs: ParagraphHit[]
  /** Words of the query that its best paragraph lacks (a partial match ranked after complete ones). */
  missing?: string[]
  /** The article's near-copies, folded into this result (only when collapsing and it has any). */
  similar?: SimilarArticle[]
}

/** Another version of a result's story: a near-copy of its article. */
export interface SimilarArticle {
  id: string
  title: string
  /** `/articles/<id>` */
  url: string
  date: string | null
}

export interface SearchResponse {
  query: string
  page: number
  size: number
  /**
   * Over all pages: the matching articles and paragraphs, every near-copy counted, and the
   * results the pages run over (articles, or stories when near-copies are folded; paragraphs
   * when not grouping). Facets count articles, as `articles` does.
   */
  total: { articles: number; paragraphs: number; results: number }
  tookMs: number
  /**
   * `all`: the best results hold every word (partial matches may follow them, each saying what
   * it is `missing`); `some`: no paragraph holds them all, these are the best partial matches.
   */
  matched: 'all' | 'some'
  /** A respelling of the query that finds more, when this one finds nothing or almost nothing. */
  didYouMean?: string
  /** Words of the query that were not searched: stop words, and words past the term cap. */
  ignored?: string[]
  /** Set when shards of a distributed engine did not answer: the results are the others'. */
  partial?: true
  /** The shards that did not answer, when `partial`. */
  missingShards?: string[]
  /**
   * Set by a distributed engine when more articles match than it read: how many of the best
   * by its own ranking newsdex ranked. `total` is then the engine's count over the whole
   * collection, and so are `facets` (the engine counts them); `matched` says what the
   * candidates hold.
   */
  candidates?: number
  facets: {
    /** Matching articles per category, over the whole result. */
    category: Record<string, number>
    /** Matching articles per year, month or day, over the whole result (see date-facet.ts). */
    date?: DateFacet
  }
  results: SearchResult[]
}

/** A completion for the search box. */
export interface Suggestion {
  /** What the box would hold after choosing it. */
  value: string
  kind: 'word' | 'title'
  /** For titles: the article's URL. */
  url?: string
}

/** The JSON body of `GET /suggest`. */
export interface SuggestResponse {
  suggestions: Suggestion[]
}
