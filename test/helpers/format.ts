// What the format tests share: the one record of a single-article format result.
import assert from 'node:assert/strict'
import type { FormatResult } from '../../src/articles/clean.ts'

type FormatRecord = Extract<FormatResult, { records: unknown }>['records'][number]

/** The result's one record (fields, or the record's own skip), or the whole file's skip. */
export function singleRecord(result: FormatResult): FormatRecord | { skip: string } {
  if ('skip' in result) return result
  assert.equal(result.multi, false)
  assert.equal(result.records.length, 1)
  return result.records[0] as FormatRecord
}

/** The fields of the result's one article; fails the test with the reason when it was skipped. */
export function singleArticle(result: FormatResult): Exclude<FormatRecord, { skip: string }> {
  const record = singleRecord(result)
  assert.ok(!('skip' in record), 'skip' in record ? record.skip : '')
  return record
}
