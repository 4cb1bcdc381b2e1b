// HTML articles: title, metadata, paragraphs and headings of the main content. Pure. Text comes
// out with entities decoded and no tags; it is escaped again when rendered.
import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser'
import {
  type ArticleMeta,
  type BoilerplateTest,
  cleanInline,
  type DraftParagraph,
  type FormatResult,
  finishArticle,
} from '../clean.ts'
import { htmlDates } from './html-dates.ts'

/** Page furniture and things that are not text, removed before paragraphs are gathered. */
const DROP = [
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'canvas',
  'button',
  'select',
  'dialog',
  '[hidden]',
  '[aria-hidden="true"]',
].join(', ')

/** Elements that flow within a line of text; any other element starts a new block. */
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em font i img ins kbd label mark q s samp small span strong sub sup time tt u var wbr'.split(
    ' ',
  ),
)
const HEADING = /^h[1-6]$/
const SUBTITLE = '[itemprop="alternativeHeadline"], .subtitle, .standfirst, .dek, .deck'

type Block = { heading: string } | { text: string }

function tagOf(node: Node): string {
  return node.nodeType === NodeType.ELEMENT_NODE ? node.rawTagName.toLowerCase() : ''
}

/** The text of an element as shown: entities decoded, `<br>` and block edges as line breaks. */
function textOf(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text.replace(/\s+/g, ' ')
  if (node.nodeType !== NodeType.ELEMENT_NODE) return ''
  const tag = tagOf(node)
  if (tag === 'br') return '\n'
  if (tag === 'pre') return `\n${node.text}\n`
  const inner = node.childNodes.map(textOf).join('')
  return INLINE.has(tag) ? inner : `\n${inner}\n`
}

function listText(list: HTMLElement): string {
  const ordered = tagOf(list) === 'ol'
  let n = Number(list.getAttribute('start') ?? 1) || 1
  const items: string[] = []
  for (const item of list.childNodes) {
    if (tagOf(item) !== 'li') continue
    const text = cleanInline(textOf(item))
    if (text !== '') items.push(`${ordered ? `${n++}.` : '•'} ${text}`)
  }
  return items.join('\n')
}

function tableText(table: HTMLElement): string {
  return table
    .querySelectorAll('tr')
    .map((row) =>
      row
        .querySelectorAll('th, td')
        .map((cell) => cleanInline(textOf(cell)))
        .join(' | '),
    )
    .join('\n')
}

/**
 * Blocks of an element in document order. Runs of text and inline elements become paragraphs,
 * so that `<p>`, `<blockquote>`, `<figcaption>` and loose text in a `<div>` all count; lists
 * and tables are one paragraph each; headings other than the title start a section.
 */
function blocksOf(element: HTMLElement, title: HTMLElement | null, out: Block[]): Block[] {
  let run = ''
  const flush = () => {
    if (run.trim() !== '') out.push({ text: run })
    run = ''
  }
  for (const child of element.childNodes) {
    const tag = tagOf(child)
    if (child.nodeType === NodeType.TEXT_NODE || INLINE.has(tag) || tag === 'br') {
      run += textOf(child)
      continue
    }
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue
    flush()
    const el = child as HTMLElement
    if (HEADING.test(tag)) {
      if (el !== title) out.push({ heading: cleanInline(textOf(el)) })
    } else if (tag === 'ul' || tag === 'ol') out.push({ text: listText(el) })
    else if (tag === 'table') out.push({ text: tableText(el) })
    else if (tag === 'pre') out.push({ text: el.text })
    else blocksOf(el, title, out)
  }
  flush()
  return out
}

function meta(root: HTMLElement, selector: string, attribute = 'content'): string | undefined {
  return root.querySelector(selector)?.getAttribute(attribute)?.trim() || undefined
}

function metadata(root: HTMLElement): ArticleMeta {
  const tags = root
    .querySelectorAll('meta[property="article:tag"]')
    .map((el) => el.getAttribute('content') ?? '')
  tags.push(...(meta(root, 'meta[name="keywords"]')?.split(',') ?? []))
  return {
    dates: htmlDates(root),
    source: meta(root, 'meta[property="og:site_name"]'),
    url: meta(root, 'link[rel="canonical"]', 'href') ?? meta(root, 'meta[property="og:url"]'),
    tags,
  }
}

/**
 * An HTML article. Content comes from `<article>`, else `<main>`, else `<body>`; the title is
 * its first `<h1>` (else the document's), else `<title>`, else `og:title`. A subtitle is taken
 * from an element marked as one (`.standfirst`, `.subtitle`, `itemprop=alternativeHeadline` …).
 */
export function parseHtml(source: string, isBoilerplate: BoilerplateTest): FormatResult {
  const root = parse(source, {
    comment: false,
    blockTextElements: { script: true, noscript: true, style: true, pre: true },
  })
  const container =
    root.querySelector('article') ??
    root.querySelector('main') ??
    root.querySelector('body') ??
    root
  const titleElement = container.querySelector('h1') ?? root.querySelector('h1')
  const title =
    (titleElement && cleanInline(textOf(titleElement))) ||
    cleanInline(root.querySelector('title')?.text ?? '') ||
    meta(root, 'meta[property="og:title"]')
  const subtitleElement = root.querySelector(SUBTITLE)
  const subtitle = subtitleElement ? textOf(subtitleElement) : undefined
  const info = metadata(root)
  for (const element of root.querySelectorAll(DROP)) element.remove()
  const drafts: DraftParagraph[] = []
  let heading: string | undefined
  for (const block of blocksOf(container, titleElement, [])) {
    if ('heading' in block) heading = block.heading
    else drafts.push({ heading, text: block.text })
  }
  const article = finishArticle(title, subtitle, drafts, isBoilerplate, info)
  return 'skip' in article ? article : { multi: false, records: [{ n: 1, ...article }] }
}
