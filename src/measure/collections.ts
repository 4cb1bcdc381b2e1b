// Readers for the classic relevance test collections (see /work/shared/relevance/README.md).
// Both come in the SMART layout: a record starts with a line `.I <id>`, and a line holding only a
// field marker (`.T`, `.A`, `.W`, …) starts that field; the lines after it, up to the next marker,
// are its text. A marker repeated within a record (Cranfield has a few damaged records) adds to the
// field.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'

export interface CollectionDocument {
  id: string
  title: string
  text: string
}

export interface CollectionQuery {
  id: string
  text: string
}

export interface Collection {
  name: string
  documents: CollectionDocument[]
  /** Every query in the file, judged or not: the evaluation keeps those with a relevant judgment. */
  queries: CollectionQuery[]
  /** Query id → document id → gain: above 0 relevant, 0 judged not relevant. */
  judgments: Map<string, Map<string, number>>
}

export type CollectionFormat = 'cisi' | 'cran'

/** The files each format is recognised by, in the order documents, queries, judgments. */
const FILES: Record<CollectionFormat, readonly [string, string, string]> = {
  cisi: ['CISI.ALL', 'CISI.QRY', 'CISI.REL'],
  cran: ['cran.all.1400', 'cran.qry', 'cranqrel'],
}

export interface SmartRecord {
  id: string
  fields: Map<string, string>
}

const RECORD_START = /^\.I\s+(\S+)\s*$/
const FIELD_START = /^\.([A-Z])\s*$/

/** Splits a SMART-layout file into records; text before the first `.I` is ignored. */
export function parseSmart(content: string): SmartRecord[] {
  const records: SmartRecord[] = []
  let record: SmartRecord | undefined
  let field: string | undefined
  for (const line of content.split(/\r?\n/)) {
    const start = RECORD_START.exec(line)
    if (start?.[1] !== undefined) {
      record = { id: normalizeId(start[1]), fields: new Map() }
      records.push(record)
      field = undefined
      continue
    }
    const marker = FIELD_START.exec(line)
    if (marker?.[1] !== undefined) {
      field = marker[1]
      continue
    }
    if (record === undefined || field === undefined) continue
    const previous = record.fields.get(field)
    record.fields.set(field, previous === undefined ? line : `${previous}\n${line}`)
  }
  return records
}

/** `001` and `1` name the same record: numeric ids lose their leading zeros. */
export function normalizeId(id: string): string {
  return /^\d+$/.test(id) ? String(Number(id)) : id
}

/** A field's text with its runs of white space (line breaks, indentation) made single spaces. */
function fieldText(record: SmartRecord, field: string): string {
  return (record.fields.get(field) ?? '').replace(/\s+/g, ' ').trim()
}

/** Documents: the `.T` title and the `.W` abstract (authors, sources and cross-references are left out). */
export function parseDocuments(content: string): CollectionDocument[] {
  return parseSmart(content).map((record) => ({
    id: record.id,
    title: fieldText(record, 'T'),
    text: fieldText(record, 'W'),
  }))
}

/**
 * Queries: the `.T` title, when there is one, and the `.W` statement. Some CISI queries are whole
 * articles (`.T`, `.A`, `.W`, `.B`): their title belongs to the request, the author and source do
 * not. With `renumber` (Cranfield) a query's id is its position in the file, from 1, as the
 * judgments number them.
 */
export function parseQueries(content: string, renumber = false): CollectionQuery[] {
  return parseSmart(content).map((record, i) => ({
    id: renumber ? String(i + 1) : record.id,
    text: [fieldText(record, 'T'), fieldText(record, 'W')].filter((text) => text !== '').join(' '),
  }))
}

/** CISI.REL: `qid docid 0 0.000000`; every listed pair is relevant (gain 1). */
export function parseCisiJudgments(content: string): Map<string, Map<string, number>> {
  return parseJudgmentRows(content, () => 1)
}

/** cranqrel: `qid docid grade`; grades 1 (most relevant) to 4 get gain 5 − grade, anything else (−1) 0. */
export function parseCranJudgments(content: string): Map<string, Map<string, number>> {
  return parseJudgmentRows(content, (grade) => (grade >= 1 && grade <= 4 ? 5 - grade : 0))
}

function parseJudgmentRows(
  content: string,
  gainOf: (grade: number) => number,
): Map<string, Map<string, number>> {
  const judgments = new Map<string, Map<string, number>>()
  for (const line of content.split(/\r?\n/)) {
    const [query, doc, grade] = line.trim().split(/\s+/)
    if (query === undefined || query === '' || doc === undefined) continue
    const queryId = normalizeId(query)
    let forQuery = judgments.get(queryId)
    if (forQuery === undefined) {
      forQuery = new Map()
      judgments.set(queryId, forQuery)
    }
    // A pair listed twice keeps its best gain.
    const docId = normalizeId(doc)
    const gain = gainOf(Number(grade ?? 0))
    forQuery.set(docId, Math.max(gain, forQuery.get(docId) ?? 0))
  }
  return judgments
}

/** Which format a folder holds, by its file names (case-insensitively); undefined if neither. */
export function detectFormat(dir: string): CollectionFormat | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined
  const names = new Set(readdirSync(dir).map((name) => name.toLowerCase()))
  for (const format of ['cisi', 'cran'] as const) {
    if (FILES[format].every((file) => names.has(file.toLowerCase()))) return format
  }
  return undefined
}

/** The actual name of `file` in `dir`, matched case-insensitively. */
function findFile(dir: string, file: string): string {
  const name = readdirSync(dir).find((n) => n.toLowerCase() === file.toLowerCase()) ?? file
  return join(dir, name)
}

/**
 * Reads the collection in `dir`, whichever format its file names say; `name` defaults to the
 * folder's name. Throws when the folder holds neither format.
 */
export function loadCollection(dir: string, name = basename(dir)): Collection {
  const format = detectFormat(dir)
  if (format === undefined) {
    const expected = Object.values(FILES)
      .map((files) => files.join(', '))
      .join(' or ')
    throw new Error(`${dir} holds no relevance collection (expected ${expected})`)
  }
  const [docsFile, queriesFile, judgmentsFile] = FILES[format].map((file) =>
    readFileSync(findFile(dir, file), 'utf8'),
  ) as [string, string, string]
  return {
    name,
    documents: parseDocuments(docsFile),
    queries: parseQueries(queriesFile, format === 'cran'),
    judgments:
      format === 'cran' ? parseCranJudgments(judgmentsFile) : parseCisiJudgments(judgmentsFile),
  }
}
