import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { displayDate, pageTitle, plural, resultsHeading } from '../../src/page/words.ts'

describe('displayDate', () => {
  it('writes a day, or a day and time in UTC, for people', () => {
    assert.equal(displayDate('1987-02-26'), '26 Feb 1987')
    assert.equal(displayDate('1987-09-03T05:07:00.000Z'), '3 Sep 1987, 05:07 UTC')
  })
})

describe('plural', () => {
  it('counts with thousands separators and the right form', () => {
    assert.equal(plural(1, 'article'), '1 article')
    assert.equal(plural(1234, 'article'), '1,234 articles')
    assert.equal(plural(2, 'similar version'), '2 similar versions')
    assert.equal(plural(0, 'child', 'children'), '0 children')
  })
})

describe('headings and titles', () => {
  it('names the search shown, trimmed', () => {
    assert.equal(resultsHeading('  red line '), 'Results for “red line”')
    assert.equal(pageTitle(' red line'), 'red line — newsdex')
    assert.equal(pageTitle('  '), 'newsdex — search the news')
  })
})
