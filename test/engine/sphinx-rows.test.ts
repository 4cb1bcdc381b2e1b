import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Article } from '../../src/articles/types.ts'
import { parseEngineUrl } from '../../src/engine/sphinx/address.ts'
import { articleRows, encodeTerm, shardOf } from '../../src/engine/sphinx/rows.ts'
import { articleDigest, changeTo } from '../../src/engine/sync.ts'

describe('engine URLs', () => {
  test('reads sphinx://HOST:PORT/NAME', () => {
    assert.deepEqual(parseEngineUrl('sphinx://127.0.0.1:9306/news'), {
      host: '127.0.0.1',
      port: 9306,
      name: 'news',
    })
  })

  test('refuses anything else, saying what a URL looks like', () => {
    for (const bad of [
      'news',
      'http://h:1/news',
      'sphinx://h/news',
      'sphinx://h:1/',
      'sphinx://h:1/a;drop',
    ]) {
      assert.throws(() => parseEngineUrl(bad), /sphinx:\/\/127\.0\.0\.1:9306\/news/, bad)
    }
  })
})

describe('terms as Sphinx indexes them', () => {
  test('keeps letters and digits, spells every other character out, so a term stays whole', () => {
    assert.equal(encodeTerm('missil'), 'missil')
    assert.equal(encodeTerm('u.s'), 'u_2e_s')
    assert.equal(encodeTerm('16.2bn'), '16_2e_2bn')
    assert.equal(encodeTerm('a_b'), 'a_5f_b')
    assert.equal(encodeTerm('東京'), '_6771__4eac_')
  })

  test('no encoded term can hold a SphinxQL operator', () => {
    for (const term of ['"', '@title', '\\', '|', '-x', 'a(b)', "o'brien", 'x~1', '^$']) {
      assert.match(encodeTerm(term), /^[a-z0-9_]+$/)
    }
  })

  test('an article is rows of one shard, the lead row carrying the article', () => {
    const article: Article = {
      id: 'world/u-s-talks',
      title: 'U.S. talks',
      paragraphs: [
        { index: 0, text: 'The U.S. and Iran met.' },
        { index: 1, heading: 'Next', text: 'Talks resume on Monday.' },
      ],
      file: 'world/u-s-talks.txt',
    }
    const rows = articleRows(article)
    assert.equal(rows.length, 2)
    assert.equal(new Set(rows.map((row) => row.akey)).size, 1)
    assert.match(rows[0]?.fields.text ?? '', /\bu_2e_s\b/)
    assert.equal(rows[0]?.fields.title, rows[1]?.fields.title)
    assert.deepEqual(JSON.parse(rows[0]?.article ?? ''), article)
    assert.equal(rows[1]?.article, '')
    assert.deepEqual(rows[1]?.present, [1, 1, 1, 0])
    assert.ok(shardOf(article.id, 3) >= 0 && shardOf(article.id, 3) < 3)
  })
})

describe('incremental changes', () => {
  test('removes what is gone, replaces what changed, leaves the rest', () => {
    const a: Article = { id: 'a', title: 'A', paragraphs: [], file: 'a.txt' }
    const b: Article = { id: 'b', title: 'B', paragraphs: [], file: 'b.txt' }
    const held = new Map([
      ['a', articleDigest(a)],
      ['b', articleDigest(b)],
      ['gone', 'x'],
    ])
    const changedB = { ...b, title: 'B, revised' }
    const added: Article = { id: 'c', title: 'C', paragraphs: [], file: 'c.txt' }
    const change = changeTo(held, [a, changedB, added])
    assert.deepEqual([...change.removed].sort(), ['b', 'gone'])
    assert.deepEqual(
      change.added.map((article) => article.id),
      ['b', 'c'],
    )
    assert.equal(change.unchanged, 1)
  })
})
