import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  activeCategories,
  addCategory,
  removeCategory,
  searchHref,
  withQuery,
} from '../../src/page/address.ts'

describe('page links', () => {
  it('builds search addresses with only what differs from the defaults', () => {
    assert.equal(searchHref({ q: '' }), '/')
    assert.equal(searchHref({ q: 'red line', page: 1, size: 10 }), '/?q=red+line')
    assert.equal(searchHref({ q: 'x', page: 3, size: 20 }), '/?q=x&page=3&size=20')
    assert.equal(
      searchHref({ q: 'x', prefix: false, group: false }),
      '/?q=x&prefix=false&group=false',
    )
  })

  it('puts ?q= before the fragment', () => {
    assert.equal(withQuery('/articles/sport/1#p3', 'a b'), '/articles/sport/1?q=a+b#p3')
    assert.equal(withQuery('/articles/sport/1', 'x&y'), '/articles/sport/1?q=x%26y')
    assert.equal(withQuery('/articles/sport/1#p3', ' '), '/articles/sport/1#p3')
  })
})

describe('category filters in the query', () => {
  it('finds them as the query language does', () => {
    assert.deepEqual(activeCategories('iran category:Politics'), ['politics'])
    assert.deepEqual(activeCategories('category:"World news" x category:sport'), [
      'world news',
      'sport',
    ])
    assert.deepEqual(activeCategories('-category:sport xcategory:tech category:'), [])
  })

  it('adds and removes them', () => {
    assert.equal(addCategory('iran ', 'sport'), 'iran category:sport')
    assert.equal(addCategory('', 'world news'), 'category:"world news"')
    assert.equal(removeCategory('iran category:Sport talks', 'sport'), 'iran talks')
    assert.equal(removeCategory('category:"world news" iran', 'World News'), 'iran')
    assert.equal(removeCategory('iran category:tech', 'sport'), 'iran category:tech')
    const q = addCategory('red line', 'world news')
    assert.deepEqual(activeCategories(q), ['world news'])
    assert.equal(removeCategory(q, 'world news'), 'red line')
  })
})
