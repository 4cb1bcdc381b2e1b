// Kept lists (next-word lists, merged prefixes) stay within their budget whatever is asked, and
// a list kept for one state of an index is never read for another.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KeptPerState } from '../../src/search/kept-per-state.ts'

const listOf = (size: number) => new Int32Array(size)

describe('lists kept per index state', () => {
  it('reads back a kept list only for the state it was kept for', () => {
    const kept = new KeptPerState<Int32Array>(100, (list) => list.length)
    const before = {}
    const after = {}
    const list = listOf(10)
    kept.keep(before, 'oil prices', list)
    assert.equal(kept.get(before, 'oil prices'), list)
    assert.equal(kept.get(before, 'oil'), undefined)
    assert.equal(kept.get(after, 'oil prices'), undefined)
  })

  it('drops the oldest lists to make room and never holds more than its budget', () => {
    const kept = new KeptPerState<Int32Array>(100, (list) => list.length)
    const state = {}
    for (const key of ['a', 'b', 'c']) kept.keep(state, key, listOf(40))
    // 120 entries asked for: the oldest made room for the third.
    assert.equal(kept.get(state, 'a'), undefined)
    assert.ok(kept.get(state, 'b') !== undefined)
    assert.ok(kept.get(state, 'c') !== undefined)
    kept.keep(state, 'd', listOf(90))
    assert.equal(kept.get(state, 'b'), undefined)
    assert.equal(kept.get(state, 'c'), undefined)
    assert.equal(kept.get(state, 'd')?.length, 90)
  })

  it('keeps no list larger than the whole budget', () => {
    const kept = new KeptPerState<Int32Array>(100, (list) => list.length)
    const state = {}
    kept.keep(state, 'small', listOf(10))
    kept.keep(state, 'huge', listOf(101))
    assert.equal(kept.get(state, 'huge'), undefined)
    // Nothing is dropped for a list that could never fit.
    assert.equal(kept.get(state, 'small')?.length, 10)
  })
})
