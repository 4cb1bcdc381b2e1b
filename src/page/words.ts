// The page's words for counts, headings and dates. Pure, and free of Node (see address.ts).

/** The level-one heading of a results page: `Results for “red line”`. */
export function resultsHeading(q: string): string {
  return `Results for “${q.trim()}”`
}

/** `1 article`, `2 articles`, `1,234 articles`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

/** The document title: `red line — newsdex`, or the site's own with no query. */
export function pageTitle(q: string): string {
  return q.trim() === '' ? 'newsdex — search the news' : `${q.trim()} — newsdex`
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')

/**
 * An article date (as `readDate` writes it) for people: `26 Feb 1987` for a day,
 * `26 Feb 1987, 15:01 UTC` with a time.
 */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  const date = `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`
  return iso.length > 10 ? `${date}, ${iso.slice(11, 16)} UTC` : date
}
