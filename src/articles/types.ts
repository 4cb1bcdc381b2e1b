/** One paragraph of an article, as a reader would see it. */
export interface Paragraph {
  /** Position in the article, from 0; also the `#pN` anchor on the article page. */
  index: number
  /** The section heading the paragraph sits under, if any. */
  heading?: string
  text: string
}

/** An article after reading and cleaning: the unit a result is grouped by. */
export interface Article {
  /** Stable, URL-safe: the path relative to the folder without extension, unless the record gives one. */
  id: string
  title: string
  subtitle?: string
  /** The first folder name under the articles folder (`sport/199.txt` → `sport`). */
  category?: string
  /**
   * When it was published, read from `dateWritten`: ISO 8601 in UTC, `1987-02-26T15:01:01.790Z`
   * with a time of day, `1987-02-26` for a day alone (both sort as text, a day before its
   * times). Absent when the file gives no date or the date cannot be read.
   */
  date?: string
  /** The date as the file wrote it, when it gives one (read or not: `inspect` shows both). */
  dateWritten?: string
  source?: string
  url?: string
  tags?: string[]
  paragraphs: Paragraph[]
  /** The file it came from, relative to the articles folder (with `#n` for the nth record of a JSON file). */
  file: string
}

/** A file the reader passed over, and why. */
export interface SkippedFile {
  file: string
  reason: string
}
