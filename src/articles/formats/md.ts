// Markdown articles: optional YAML front matter, headings, paragraphs, lists; inline markup
// removed so the text reads as it does rendered. Pure. Covers the Markdown news articles are
// written in, not every corner of CommonMark.
import { decodeHTMLStrict } from 'entities'
import {
  type ArticleMeta,
  type BoilerplateTest,
  type DraftParagraph,
  type FormatResult,
  finishArticle,
  splitLines,
} from '../clean.ts'
import { DATE_FIELDS } from '../date.ts'
import { parseFrontMatter } from './front-matter.ts'
import { isShort } from './txt.ts'

const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!>~|<"'&])/g
const ESCAPED = /[\uE000-\uE07F]/g
/** Runs of hidden punctuation, captured so that `split` keeps them at the odd places. */
const ESCAPED_RUN = /([\uE000-\uE07F]+)/
const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g
const LINK = /\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])/g
const AUTOLINK = /<((?:https?|ftp|mailto):[^>\s]+)>/g
const TAG = /<\/?[A-Za-z][^>]*>/g
const CODE = /(`+)(.+?)\1/g
const STRONG = /(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g
const EMPHASIS_STAR = /\*(?=\S)([^*]+?)(?<=\S)\*/g
const EMPHASIS_UNDERSCORE = /(^|[^\p{L}\p{N}_])_(?=\S)([^_]+?)(?<=\S)_(?![\p{L}\p{N}_])/gu
const STRIKE = /~~(?=\S)(.+?)(?<=\S)~~/g
const PUNCTUATION = /[\\`*_{}[\]()#+\-.!>~|<"'&]/g

/** ASCII punctuation moved to the private-use area, so that later passes leave it alone. */
function hide(c: string): string {
  return String.fromCharCode(0xe000 + c.charCodeAt(0))
}

/** Hidden punctuation shown again. */
function reveal(hidden: string): string {
  return hidden.replace(ESCAPED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
}

/**
 * Markdown inline markup removed: images dropped, links reduced to their text, emphasis, strike
 * and code ticks removed, inline HTML tags dropped, backslash escapes and every HTML5 named and
 * numeric entity resolved (as CommonMark does: with their semicolon, not inside code spans, not
 * after a backslash). What is left is the text a reader sees.
 */
export function plainInline(line: string): string {
  return line
    .replace(CODE, (_, _ticks: string, code: string) => code.trim().replace(PUNCTUATION, hide))
    .replace(ESCAPABLE, (_, c: string) => hide(c))
    .replace(IMAGE, '')
    .replace(LINK, '$1')
    .replace(AUTOLINK, '$1')
    .replace(TAG, '')
    .replace(STRONG, '$2')
    .replace(EMPHASIS_STAR, '$1')
    .replace(EMPHASIS_UNDERSCORE, '$1$2')
    .replace(STRIKE, '$1')
    .split(ESCAPED_RUN)
    .map((part, i) => (i % 2 === 0 ? decodeHTMLStrict(part) : reveal(part)))
    .join('')
}

type Block = { kind: 'heading'; level: number; text: string } | { kind: 'text'; text: string }

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const LIST_ITEM = /^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+(.*)$/
const QUOTE = /^ {0,3}>[ \t]?(.*)$/
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/
const COMMENT = /<!--[\s\S]*?-->/g
const INDENTED = /^(?: {2,}|\t)\S/

/** A front matter value as text. YAML 1.2 (the `yaml` default) keeps dates as written. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return undefined
}

function tagsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',')
  if (Array.isArray(value)) return value.map(text).filter((tag) => tag !== undefined)
  return undefined
}

/** Splits Markdown source into headings and text blocks (paragraphs, lists, quotes, code). */
function blocksOf(body: string, isBoilerplate: BoilerplateTest): Block[] {
  const blocks: Block[] = []
  let lines: string[] = []
  let list: string[] | undefined
  const flush = () => {
    const kept = lines.map(plainInline).filter((line) => !isBoilerplate(line.trim()))
    if (kept.length > 0) blocks.push({ kind: 'text', text: kept.join(' ') })
    lines = []
  }
  const endList = () => {
    if (list !== undefined) blocks.push({ kind: 'text', text: list.join('\n') })
    list = undefined
  }
  const source = splitLines(body.replace(COMMENT, ''))
  for (let i = 0; i < source.length; i++) {
    const line = source[i] as string
    const fence = FENCE.exec(line)
    if (fence) {
      flush()
      endList()
      const code: string[] = []
      const marker = fence[1] as string
      for (i++; i < source.length && !(source[i] as string).trim().startsWith(marker); i++) {
        code.push(source[i] as string)
      }
      blocks.push({ kind: 'text', text: code.join('\n') })
      continue
    }
    if (line.trim() === '') {
      flush()
      // Blank lines end a list unless the list goes on after them (a "loose" list).
      let next = i + 1
      while (next < source.length && (source[next] as string).trim() === '') next++
      if (list !== undefined && !LIST_ITEM.test(source[next] ?? '')) endList()
      i = next - 1
      continue
    }
    const setext = SETEXT.exec(line)
    if (setext && lines.length > 0 && list === undefined) {
      const heading = lines.map(plainInline).join(' ')
      lines = []
      blocks.push({ kind: 'heading', level: setext[1]?.startsWith('=') ? 1 : 2, text: heading })
      continue
    }
    const atx = ATX.exec(line)
    const item = LIST_ITEM.exec(line)
    if (atx || RULE.test(line) || LINK_DEFINITION.test(line)) {
      flush()
      endList()
      if (atx)
        blocks.push({
          kind: 'heading',
          level: atx[1]?.length ?? 1,
          text: plainInline(atx[2] ?? ''),
        })
    } else if (item) {
      flush()
      list ??= []
      const marker = item[1] as string
      list.push(`${/\d/.test(marker) ? marker : '•'} ${plainInline(item[2] as string)}`)
    } else if (list !== undefined && (INDENTED.test(line) || lines.length === 0)) {
      // A continuation of the last list item (indented, or a lazy line right after it).
      list[list.length - 1] += ` ${plainInline(line.trim())}`
    } else {
      endList()
      lines.push(QUOTE.exec(line)?.[1] ?? line)
    }
  }
  flush()
  endList()
  return blocks
}

/**
 * A Markdown article. The title is the front matter `title`, else the first `#` heading, else
 * the first heading of any level, else a first paragraph short enough to be one (≤ 15 words,
 * 120 characters). Headings after the title become the `heading` of the paragraphs below them.
 */
export function parseMarkdown(source: string, isBoilerplate: BoilerplateTest): FormatResult {
  let front: Record<string, unknown> = {}
  let body = source
  const match = FRONT_MATTER.exec(source)
  if (match) {
    try {
      const data: unknown = parseFrontMatter(match[1] as string)
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
        front = data as Record<string, unknown>
      }
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]
      return { skip: `invalid YAML front matter: ${message}` }
    }
    body = source.slice(match[0].length)
  }
  const blocks = blocksOf(body, isBoilerplate)
  let title = text(front.title)
  const first = blocks[0]
  if (title !== undefined && first?.kind === 'heading' && first.text.trim() === title.trim()) {
    blocks.shift() // the front matter title repeated as the first heading
  } else if (title === undefined) {
    const at = [
      blocks.findIndex((b) => b.kind === 'heading' && b.level === 1),
      blocks.findIndex((b) => b.kind === 'heading'),
      blocks[0]?.kind === 'text' && !blocks[0].text.includes('\n') && isShort(blocks[0].text)
        ? 0
        : -1,
    ].find((index) => index >= 0)
    if (at !== undefined) title = blocks.splice(at, 1)[0]?.text
  }
  const drafts: DraftParagraph[] = []
  let heading: string | undefined
  for (const block of blocks) {
    if (block.kind === 'heading') heading = block.text
    else drafts.push({ heading, text: block.text })
  }
  const meta: ArticleMeta = {
    ownId: text(front.id),
    dates: DATE_FIELDS.map((key) => text(front[key])),
    source: text(front.source),
    url: text(front.url),
    tags: tagsOf(front.tags),
  }
  const article = finishArticle(title, text(front.subtitle), drafts, isBoilerplate, meta)
  return 'skip' in article ? article : { multi: false, records: [{ n: 1, ...article }] }
}
