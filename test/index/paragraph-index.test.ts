// The paragraph index over MiniSearch, and the same index read back from its saved table.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { FIELDS, type ParagraphDoc, ParagraphIndex } from '../../src/index/paragraph-index.ts'

/** Every posting of `term` as `paragraph field tf length`, in visiting order. */
function postings(index: ParagraphIndex, term: string): string[] {
  const seen: string[] = []
  index.forEachPosting(term, (id, fieldId, tf, lengths) => {
    seen.push(`${id} ${FIELDS[fieldId]} ${tf} ${lengths[fieldId]}`)
  })
  return seen
}

const docs: ParagraphDoc[] = [
  { id: 0, text: 'oil price oil', title: 'harbour' },
  { id: 1, text: 'gas', heading: 'oil', title: 'harbour' },
  { id: 2, text: 'oil', subtitle: 'tanker news' },
]

function indexOf(paragraphs: readonly ParagraphDoc[]): ParagraphIndex {
  const index = ParagraphIndex.create()
  for (const doc of paragraphs) index.add(doc)
  return index
}

describe('ParagraphIndex', () => {
  // MiniSearch counts a field's length in distinct terms: `oil price oil` is 2 long.
  it('visits each posting with its field, frequency and the field’s length, fields in order', () => {
    const index = indexOf(docs)
    assert.deepEqual(postings(index, 'oil'), ['0 text 2 2', '2 text 1 1', '1 heading 1 1'])
    assert.deepEqual(postings(index, 'unknown'), [])
  })

  it('counts paragraphs, text frequencies and average field lengths', () => {
    const index = indexOf(docs)
    assert.equal(index.size, 3)
    assert.equal(index.textFrequency('oil'), 2)
    assert.equal(index.textFrequency('harbour'), 0)
    assert.equal(index.has('harbour'), true)
    assert.equal(index.has('harb'), false)
    assert.deepEqual(index.averageFieldLengths.slice(0, 1), [4 / 3])
  })

  it('says whether a paragraph holds a term, in any field or in those given', () => {
    const index = indexOf(docs)
    assert.equal(index.holds(1, 'oil'), true)
    assert.equal(index.holds(1, 'oil', [FIELDS.indexOf('text')]), false)
    assert.equal(index.holds(1, 'oil', [FIELDS.indexOf('heading')]), true)
    assert.equal(index.holds(7, 'oil'), false)
  })

  it('takes out exactly a removed paragraph’s postings', () => {
    const index = indexOf(docs)
    index.remove(docs[0] as ParagraphDoc)
    assert.equal(index.size, 2)
    assert.deepEqual(postings(index, 'oil'), ['2 text 1 1', '1 heading 1 1'])
    assert.equal(index.has('price'), false)
  })

  it('answers alike from its saved table as from MiniSearch, for any paragraphs', () => {
    const term = fc.constantFrom('oil', 'gas', 'price', 'harbour', 'tanker', 'talk')
    const field = fc.array(term, { maxLength: 6 }).map((terms) => terms.join(' '))
    const doc = fc.record({ text: field, heading: field, title: field, subtitle: field })
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 12 }), fc.nat(), (fields, drop) => {
        const paragraphs = fields.map((f, id) => {
          const paragraph: ParagraphDoc = { id }
          for (const name of FIELDS) if (f[name] !== '') paragraph[name] = f[name]
          return paragraph
        })
        const live = indexOf(paragraphs)
        live.remove(paragraphs[drop % paragraphs.length] as ParagraphDoc)
        const saved = ParagraphIndex.fromTable(live.serialize(), paragraphs.length)
        assert.equal(saved.size, live.size)
        // A field no paragraph has is a hole in MiniSearch's array, undefined in the table's.
        assert.deepEqual(
          Array.from(saved.averageFieldLengths),
          Array.from(live.averageFieldLengths),
        )
        for (const t of ['oil', 'gas', 'price', 'harbour', 'tanker', 'talk', 'none']) {
          assert.equal(saved.has(t), live.has(t), t)
          assert.equal(saved.textFrequency(t), live.textFrequency(t), t)
          assert.deepEqual(postings(saved, t).sort(), postings(live, t).sort(), t)
          for (const { id } of paragraphs) assert.equal(saved.holds(id, t), live.holds(id, t))
        }
      }),
      { numRuns: 150 },
    )
  })

  it('finds every posting in its table whatever order the paragraphs were added in', () => {
    const live = indexOf([9, 2, 5].map((id) => ({ id, text: 'oil' })))
    const saved = ParagraphIndex.fromTable(live.serialize(), 10)
    for (const id of [2, 5, 9]) assert.equal(saved.holds(id, 'oil'), true, `${id}`)
    assert.equal(saved.holds(3, 'oil'), false)
  })

  it('takes updates after a load from its table as if it had never been saved', () => {
    const extra: ParagraphDoc = { id: 3, text: 'oil tanker', heading: 'news' }
    const live = indexOf(docs)
    const saved = ParagraphIndex.fromTable(live.serialize(), docs.length)
    for (const index of [live, saved]) {
      index.add(extra)
      index.remove(docs[1] as ParagraphDoc)
    }
    assert.equal(saved.size, live.size)
    assert.deepEqual(Array.from(saved.averageFieldLengths), Array.from(live.averageFieldLengths))
    for (const term of ['oil', 'tanker', 'news', 'gas', 'harbour']) {
      assert.deepEqual(postings(saved, term), postings(live, term), term)
    }
  })
})
