import { ANALYZER_VERSION } from '../analysis/analyzer.ts'
import type { SkippedFile } from '../articles/types.ts'
import type { NearCopyThreshold } from './near-copies.ts'
import { FIELDS } from './paragraph-index.ts'

/** Bumped whenever the saved layout changes; an index of another version refuses to load. */
export const FORMAT_VERSION = 8
export const FORMAT_NAME = 'newsdex-index'

/** A source file as last indexed: the basis for incremental rebuilds. */
export interface IndexedFile {
  hash: string
  bytes: number
  /** Modification time when read, in milliseconds since the epoch. */
  modified: number
  /** Ids of the articles it produced (none when it was skipped or a duplicate). */
  articles: string[]
  /** Why the whole file was skipped, if it was. */
  skip?: string
  /** It was not valid UTF-8 and was read as Windows-1252. */
  cp1252?: true
  /**
   * Its parse cannot be rebuilt from the index alone (a duplicate article was dropped, a record
   * skipped, an id renamed to stay unique): an incremental rebuild parses it again.
   */
  reparse?: true
}

/** The first line of a saved index: everything needed to judge it without loading it. */
export interface Manifest {
  format: typeof FORMAT_NAME
  formatVersion: number
  analyzerVersion: number
  /** The MiniSearch field layout the index was built with. */
  fields: string[]
  /** Unique per build, so a server can tell which build is live. */
  buildId: string
  builtAt: string
  sourceFolder: string
  counts: {
    articles: number
    paragraphs: number
    duplicates: number
    skipped: number
  }
  files: Record<string, IndexedFile>
  skipped: SkippedFile[]
  /**
   * The Jaccard similarity from which two articles are near-copies (see near-copies.ts), or
   * `null` when the build looked for none.
   */
  nearCopyThreshold: NearCopyThreshold
  /** The byte length of each line of the file after the manifest; set by the store. */
  lines?: number[]
}

/** What the first line of an index file holds: the manifest without its sources. */
export type ManifestHead = Omit<Manifest, 'files' | 'skipped'>

/**
 * The manifest's per-file record, saved on a line of its own: at a hundred thousand files it is
 * tens of megabytes of JSON, which only an incremental build and `inspect` need.
 */
export type IndexSources = Pick<Manifest, 'files' | 'skipped'>

/** Why a manifest cannot be used by this version, or null when it can. */
export function incompatibility(manifest: Partial<ManifestHead>): string | null {
  if (manifest.format !== FORMAT_NAME) return 'it is not a newsdex index'
  if (manifest.formatVersion !== FORMAT_VERSION) {
    return `it was saved in format ${manifest.formatVersion}, this version reads format ${FORMAT_VERSION}`
  }
  if (manifest.analyzerVersion !== ANALYZER_VERSION) {
    return `it was built by analyzer ${manifest.analyzerVersion}, this version analyses text with analyzer ${ANALYZER_VERSION}`
  }
  if (JSON.stringify(manifest.fields) !== JSON.stringify(FIELDS)) {
    return 'it was built with other fields'
  }
  return null
}
