// What the format tests share: a parser's one record of a single-article file, with the default
// boilerplate list.
import assert from 'node:assert/strict'
import {
  type BoilerplateTest,
  boilerplateTest,
  type FormatResult,
} from '../../src/articles/clean.ts'

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

/** A format's parser: source text and a boilerplate test in, records or a skip out. */
export type FormatParser = (source: string, isBoilerplate: BoilerplateTest) => FormatResult

/**
 * `parse` (the one record, or a skip) and `article` (the one article's fields) for a format's
 * parser, with the built-in boilerplate list, as every format test uses them.
 */
export function formatHelpers(parser: FormatParser) {
  const isBoilerplate = boilerplateTest()
  return {
    isBoilerplate,
    parse: (source: string) => singleRecord(parser(source, isBoilerplate)),
    article: (source: string) => singleArticle(parser(source, isBoilerplate)),
  }
}
