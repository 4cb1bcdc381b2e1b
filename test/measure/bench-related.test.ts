import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { benchRelated, relatedMarkdown } from '../../src/measure/bench-related.ts'

/** A paragraph of 24 words of its own, so that articles share only what a test gives them. */
const paragraph = (seed: string) =>
  `${Array.from({ length: 24 }, (_, i) => `${seed}word${i}`).join(' ')}.`

const article = (id: string, seeds: string[]): Article => ({
  id,
  title: id,
  file: `${id}.txt`,
  paragraphs: seeds.map((seed, index) => ({ index, text: paragraph(seed) })),
})

/** Two stories told twice (a paragraph added to the copy), and two articles of their own. */
const ARTICLES = [
  article('a/1', ['alpha', 'bravo', 'charlie', 'delta', 'echo']),
  article('a/2', ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']),
  article('b/1', ['kilo', 'lima', 'mike', 'november', 'oscar']),
  article('b/2', ['kilo', 'lima', 'mike', 'november', 'oscar', 'tango']),
  article('c/1', ['papa', 'quebec', 'alpha']),
  article('d/1', ['romeo', 'sierra', 'kilo']),
]

describe('bench: near-copies and related articles', () => {
  it('times both builds in turns, counts the groups, and asks every article once', () => {
    const report = benchRelated(ARTICLES, { repetitions: 3, seed: 7 })
    assert.equal(report.articles, 6)
    assert.equal(report.nearCopies.withRuns.length, 3)
    assert.equal(report.nearCopies.withoutRuns.length, 3)
    // The build with detection finds the two stories told twice.
    assert.equal(report.nearCopies.groups, 2)
    assert.equal(report.nearCopies.grouped, 4)
    assert.equal(report.nearCopies.ratio, report.nearCopies.withMs / report.nearCopies.withoutMs)
    assert.equal(report.related.articles, 6)
    assert.equal(report.related.summary.count, 6)
    assert.equal(report.related.cpu.count, 6)
    const text = relatedMarkdown(report).join('\n')
    assert.match(text, /\| with ÷ without \| [\d.]+× \| [\d.]+× \| \|/)
    assert.match(text, /Near-copy groups found: 2, holding 4 articles/)
    assert.match(text, /\| `relatedArticles`, size 5 \| 6 \|/)
  })
})
