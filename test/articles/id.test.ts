import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { articleId, categoryOf, slugId, stripExtension, uniqueIds } from '../../src/articles/id.ts'

const URL_SAFE = /^[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/

describe('articleId', () => {
  it('is the relative path without extension, slashes kept', () => {
    assert.equal(articleId('sport/199.txt'), 'sport/199')
    assert.equal(articleId('iran-missiles-red-line.txt'), 'iran-missiles-red-line')
    assert.equal(articleId('a/b.c/archive.tar.md'), 'a/b.c/archive.tar')
  })

  it('slugifies unsafe characters to "-" and folds diacritics', () => {
    assert.equal(articleId('News Stories/Café au lait!.md'), 'News-Stories/Cafe-au-lait')
    assert.equal(articleId('a/(draft) #2?.txt'), 'a/draft-2')
  })

  it('numbers the records of a multi-article file', () => {
    assert.equal(articleId('feeds/day.jsonl', 3), 'feeds/day/3')
  })

  it("prefers the record's own id, sanitised the same way", () => {
    assert.equal(articleId('x.json', 2, 'World News/Élection 2024'), 'World-News/Election-2024')
    assert.equal(articleId('x.json', 2, '42'), '42')
    assert.equal(articleId('x.json', 2, ' / '), 'x/2')
  })

  it('turns a segment with nothing URL-safe left into a stable, distinct hash', () => {
    const a = articleId('新闻/文章.txt')
    assert.match(a, /^x[0-9a-f]{8}\/x[0-9a-f]{8}$/)
    assert.equal(articleId('新闻/文章.txt'), a)
    assert.notEqual(articleId('新闻/报道.txt'), a)
    assert.match(slugId('a/../b'), /^a\/x[0-9a-f]{8}\/b$/)
  })

  it('is always URL-safe, with no "." or ".." segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (path) => {
        const id = articleId(path)
        assert.match(id, URL_SAFE)
        for (const segment of id.split('/')) assert.ok(!/^\.+$/.test(segment), id)
      }),
    )
  })
})

describe('stripExtension and categoryOf', () => {
  it('keeps dotted folders and hidden-style names intact', () => {
    assert.equal(stripExtension('v1.2/readme'), 'v1.2/readme')
    assert.equal(stripExtension('a/.profile'), 'a/.profile')
  })

  it('takes the first folder as the category', () => {
    assert.equal(categoryOf('sport/199.txt'), 'sport')
    assert.equal(categoryOf('sport/football/199.txt'), 'sport')
    assert.equal(categoryOf('top.txt'), undefined)
  })
})

describe('uniqueIds', () => {
  it('keeps the first holder of an id and suffixes later ones', () => {
    const ids = uniqueIds([{ id: 'a' }, { id: 'a' }, { id: 'a-2' }, { id: 'b' }, { id: 'a' }]).map(
      (x) => x.id,
    )
    assert.deepEqual(ids, ['a', 'a-2', 'a-2-2', 'b', 'a-3'])
    assert.equal(new Set(ids).size, ids.length)
  })
})
