// The manifest of an index a test saves by hand: this version's format, analyzer and fields.
import { ANALYZER_VERSION } from '../../src/analysis/analyzer.ts'
import { FORMAT_NAME, FORMAT_VERSION, type Manifest } from '../../src/index/manifest.ts'
import { FIELDS } from '../../src/index/paragraph-index.ts'

/** A manifest for `articles` articles of `paragraphs` paragraphs, built at the epoch. */
export function testManifest(buildId = 'test', articles = 0, paragraphs = 2 * articles): Manifest {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    fields: [...FIELDS],
    buildId,
    builtAt: new Date(0).toISOString(),
    sourceFolder: '.',
    counts: { articles, paragraphs, duplicates: 0, skipped: 0 },
    files: {},
    skipped: [],
    nearCopyThreshold: 0.8,
  }
}
