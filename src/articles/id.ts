// Article ids and categories from relative paths. Pure.
import { createHash } from 'node:crypto'

const MARKS = /\p{M}/gu
const UNSAFE = /[^A-Za-z0-9._~-]+/g
const DASHES = /-{2,}/g
const EDGE_DASHES = /^-+|-+$/g

/**
 * One path segment made URL-safe: diacritics folded (`Café` → `Cafe`), every run of other
 * characters outside `A-Z a-z 0-9 . _ ~ -` turned into one `-`. A segment with nothing safe left
 * (`新闻`), or only dots, becomes a short hash of itself so that it stays distinct and stable.
 */
export function slugSegment(segment: string): string {
  const slug = segment
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(UNSAFE, '-')
    .replace(DASHES, '-')
    .replace(EDGE_DASHES, '')
  if (slug === '' || /^\.+$/.test(slug)) {
    return `x${createHash('sha256').update(segment).digest('hex').slice(0, 8)}`
  }
  return slug
}

/** A URL-safe id from a path-like string: slashes kept between slugged segments. */
export function slugId(value: string): string {
  return value
    .split(/[\\/]+/)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '')
    .map(slugSegment)
    .join('/')
}

/** `sport/199.txt` → `sport/199`: the relative path without its extension. */
export function stripExtension(file: string): string {
  const slash = file.lastIndexOf('/')
  const dot = file.lastIndexOf('.')
  return dot > slash + 1 ? file.slice(0, dot) : file
}

/**
 * The id of an article: the record's own id when it has a usable one, else the file's path
 * without extension, with `/<n>` for the nth record of a file that holds several.
 */
export function articleId(file: string, record?: number, ownId?: string): string {
  if (ownId !== undefined) {
    const id = slugId(ownId)
    if (id !== '') return id
  }
  const base = slugId(stripExtension(file)) || 'article'
  return record === undefined ? base : `${base}/${record}`
}

/** The first folder of a relative path (`sport/199.txt` → `sport`), if any. */
export function categoryOf(file: string): string | undefined {
  const slash = file.indexOf('/')
  return slash > 0 ? file.slice(0, slash) : undefined
}

/**
 * Makes ids unique in order: the first holder of an id keeps it, later ones get `-2`, `-3`, …
 * (skipping any suffix already taken). An article renamed is a new object; the others are the
 * ones given, so that an incremental build can tell an article it already holds by identity.
 */
export function uniqueIds<T extends { id: string }>(articles: readonly T[]): T[] {
  const unique = new UniqueIds()
  return articles.map((article) => unique.of(article))
}

/** `uniqueIds` one article at a time, in order. */
export class UniqueIds {
  readonly #used = new Set<string>()

  /** The next article, renamed (a new object) if an earlier one holds its id. */
  of<T extends { id: string }>(article: T): T {
    let id = article.id
    for (let n = 2; this.#used.has(id); n++) id = `${article.id}-${n}`
    this.#used.add(id)
    return id === article.id ? article : { ...article, id }
  }
}
