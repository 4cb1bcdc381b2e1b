// Front matter in the common JSON-valued form is read without the YAML parser, to the same
// result; anything else goes to the YAML parser.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parse as parseYaml } from 'yaml'
import { parseFrontMatter } from '../../src/articles/formats/front-matter.ts'

const key = fc.constantFrom('title', 'date', 'tags', 'places', 'source', 'true', 'null', 'x_1')
const value = fc.oneof(
  fc.string({ unit: 'grapheme' }).map((text) => JSON.stringify(text)),
  fc.array(fc.string()).map((items) => JSON.stringify(items)),
  fc.constantFrom(
    'plain text',
    '"quoted" # comment',
    "'single'",
    '[1, 2]',
    '2026-11-05',
    '"\\x41"',
  ),
)
const frontMatter = fc
  .array(fc.tuple(key, value), { minLength: 1, maxLength: 6 })
  .map((lines) => lines.map(([k, v]) => `${k}: ${v}`).join('\n'))

/** What a parse gives, or the error it throws, as a value to compare. */
function outcome(parse: () => unknown): unknown {
  try {
    return { value: parse() }
  } catch {
    return 'throws'
  }
}

describe('parseFrontMatter', () => {
  it('gives what the YAML parser gives, or throws where it throws', () => {
    fc.assert(
      fc.property(frontMatter, (source) => {
        assert.deepEqual(
          outcome(() => parseFrontMatter(source)),
          outcome(() => parseYaml(source)),
          source,
        )
      }),
      { numRuns: 3000 },
    )
  })

  it('reads a generated article front matter', () => {
    const source =
      'title: "USDA \\"CORRECTS\\""\ndate: "1987-04-03T11:37:03Z"\ntags: ["plywood", "lumber"]'
    assert.deepEqual(parseFrontMatter(source), {
      title: 'USDA "CORRECTS"',
      date: '1987-04-03T11:37:03Z',
      tags: ['plywood', 'lumber'],
    })
  })
})
