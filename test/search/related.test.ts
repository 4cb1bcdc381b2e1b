import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { buildIndex } from '../../src/index/build.ts'
import { relatedArticles } from '../../src/search/related.ts'

const article = (id: string, title: string, texts: string[], date?: string): Article => ({
  id,
  title,
  file: `${id}.txt`,
  category: id.split('/')[0] as string,
  paragraphs: texts.map((text, index) => ({ index, text })),
  ...(date !== undefined && { date }),
})

const pipeline = [
  'The pipeline carries crude oil from the northern fields to the refinery on the coast, engineers said.',
  'Oil prices rose after the pipeline operator warned of a shutdown for repairs to a damaged valve.',
  'Refinery workers said tankers would carry the crude while the pipeline stays closed for weeks.',
]

function collection(): Article[] {
  return [
    article('energy/pipeline', 'Pipeline shutdown lifts oil prices', pipeline, '1987-03-02'),
    // The same story under a new headline: a near-copy, never offered as related.
    article('energy/pipeline-again', 'Oil prices up as pipeline closes', pipeline),
    article('energy/refinery', 'Refinery expands crude capacity', [
      'The coastal refinery will process more crude oil once the expansion is finished next year.',
      'Tankers unload crude at the refinery jetty, and a pipeline link to the oil fields is planned.',
    ]),
    article('energy/tankers', 'Tanker rates climb on crude demand', [
      'Rates for oil tankers climbed as refinery demand for crude rose along the coast.',
    ]),
    article('sport/final', 'Late goal settles the cup final', [
      'A late goal settled the cup final in front of a full stadium on a cold evening.',
      'The coach praised the defence, which held firm through a long second half.',
    ]),
    article('sport/derby', 'Derby ends level after a late goal', [
      'The derby ended level after a late goal, and the coach praised his defence.',
    ]),
  ]
}

describe('relatedArticles', () => {
  const index = buildIndex(collection())

  it('offers the articles on the same subject first, never the article or its near-copy', () => {
    const related = relatedArticles(index, 'energy/pipeline') ?? []
    const ids = related.map((item) => item.id)
    assert.deepEqual(ids.slice(0, 2).sort(), ['energy/refinery', 'energy/tankers'])
    assert.ok(!ids.includes('energy/pipeline'))
    assert.ok(!ids.includes('energy/pipeline-again'))
    assert.deepEqual(index.nearCopies.copiesOf('energy/pipeline'), ['energy/pipeline-again'])
    for (let i = 1; i < related.length; i++) {
      assert.ok((related[i - 1]?.score ?? 0) >= (related[i]?.score ?? 0), 'best first')
    }
  })

  it('gives each one its title, address, date and category', () => {
    const [first] = relatedArticles(index, 'sport/final') ?? []
    assert.deepEqual(first && { ...first, score: typeof first.score }, {
      id: 'sport/derby',
      title: 'Derby ends level after a late goal',
      url: '/articles/sport/derby',
      date: null,
      category: 'sport',
      score: 'number',
    })
    const dated = (relatedArticles(index, 'energy/refinery') ?? []).find(
      (item) => item.id === 'energy/pipeline',
    )
    assert.equal(dated?.date, '1987-03-02')
  })

  it('gives at most `size`, and nothing for an unknown article', () => {
    assert.equal(relatedArticles(index, 'energy/pipeline', { size: 1 })?.length, 1)
    assert.equal(relatedArticles(index, 'energy/nowhere'), undefined)
  })
})
