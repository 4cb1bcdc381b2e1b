// What the hardening tests share: a server over a corpus of their choosing, raw HTTP requests
// (paths sent exactly as written), the hostile strings, what a leak looks like, and Chromium.
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'node-html-parser'
import type { Reply } from '../fixtures/http.ts'

export const ROOT = join(import.meta.dirname, '..', '..')

/** Markup that would run, load or link if it were ever parsed as HTML, and entities that must stay as typed. */
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(2)>',
  link: '<a href="javascript:alert(3)">x</a>',
  entity: '&amp;lt;',
} as const

/** Every hostile string in one query, with a word the corpus has so that something matches. */
export const HOSTILE_QUERIES = [
  HOSTILE.script,
  HOSTILE.img,
  HOSTILE.link,
  HOSTILE.entity,
  `zebra ${HOSTILE.script}`,
  `"><svg onload=alert(4)> zebra`,
  `zebra ${HOSTILE.img} ${HOSTILE.link} ${HOSTILE.entity} '"\``,
]

/** Encodes a query value byte by byte, lone surrogates included (as the bytes WTF-8 gives them). */
export function encodeQueryValue(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    const next = value.charCodeAt(i + 1)
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2))
      i++
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate has no UTF-8; send the three bytes a careless client would.
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
    } else out += encodeURIComponent(value[i] as string)
  }
  return out
}

/** Stack frames, source paths, the project's folders: what a response must never show. */
export function leaks(text: string, extra: readonly string[] = []): string | undefined {
  const patterns: [string, RegExp][] = [
    ['a stack frame', /^\s+at \S/m],
    ['a source location', /\bat [^\n]*\.(?:ts|js|mjs|cjs|ejs):\d+/],
    ['a source file name', /\b(?:src|views|test)\/[\w/-]+\.(?:ts|ejs)\b/],
    ['node_modules', /node_modules/],
    ['/work/', /\/work\//],
    ['the project folder', new RegExp(escapeRegExp(ROOT))],
    ['an error name', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|URIError)\b/],
  ]
  for (const text_ of extra) patterns.push([text_, new RegExp(escapeRegExp(text_))])
  return patterns.find(([, pattern]) => pattern.test(text))?.[0]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The security headers every response must carry. */
export function assertSecurityHeaders(reply: Pick<Reply, 'headers'>, what: string): void {
  const csp = String(reply.headers['content-security-policy'])
  assert.match(csp, /default-src 'self'/, `${what}: CSP`)
  assert.match(csp, /script-src 'self'/, `${what}: CSP script-src`)
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`)
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${what}: CSP without unsafe-*`)
  assert.equal(reply.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`)
  assert.equal(reply.headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`)
  assert.equal(reply.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`)
  assert.equal(reply.headers['x-powered-by'], undefined, `${what}: no X-Powered-By`)
}

/** An article whose every part carries the hostile strings, and the word `zebra` to find it by. */
export const XSS_ARTICLE = {
  id: 'xss',
  title: `Zebra ${HOSTILE.script} ${HOSTILE.entity} title`,
  subtitle: `Zebra ${HOSTILE.img} subtitle`,
  heading: `Heading ${HOSTILE.link} zebra`,
  paragraphs: [
    `Zebra opening ${HOSTILE.script} and ${HOSTILE.img} here.`,
    `Zebra under the heading ${HOSTILE.link} with ${HOSTILE.entity} and &lt;b&gt; entities.`,
    `Zebra quotes " ' \` and & ampersands ${HOSTILE.img} end.`,
  ],
} as const

/** A JSON record with markup in its source and a `javascript:` URL. */
export const XSS_RECORD = {
  id: 'xss-record',
  title: `Zebra record ${HOSTILE.link}`,
  source: `Wire ${HOSTILE.script}`,
  url: 'javascript:alert(3)',
  heading: `Section ${HOSTILE.script}`,
  text: `Zebra record text ${HOSTILE.img} ${HOSTILE.entity} done.`,
} as const

/** A folder name (so a category) that is markup. */
export const HOSTILE_FOLDER = '"><img src=x onerror=alert(5)>'

export function xssFiles(): Record<string, string> {
  const a = XSS_ARTICLE
  const [p0, p1, p2] = a.paragraphs
  return {
    'xss.txt': `${a.title}\n${a.subtitle}\n\n${p0}\n\n${a.heading}\n\n${p1}\n\n${p2}\n`,
    'records/xss-record.json': JSON.stringify({
      id: XSS_RECORD.id,
      title: XSS_RECORD.title,
      source: XSS_RECORD.source,
      url: XSS_RECORD.url,
      paragraphs: [{ heading: XSS_RECORD.heading, text: XSS_RECORD.text }],
    }),
    [`${HOSTILE_FOLDER}/cat.txt`]:
      'Zebra in a folder named with markup\n\nA zebra paragraph whose category is markup.\n',
    'plain.txt':
      'Horses of the plains\n\nA plain paragraph about horses, with no stripes at all.\n',
  }
}

/**
 * Asserts an HTML page, parsed as a browser would, holds no element or attribute that runs, loads
 * or links something besides the page's own script: no other <script>, no <img>, <svg>,
 * <iframe>, <object> or <embed>, no `on…` attribute, no `javascript:` link.
 */
export function assertNoLiveMarkup(html: string, what: string): void {
  const root = parse(html, { comment: false })
  const scripts = root.querySelectorAll('script').map((s) => s.getAttribute('src') ?? '(inline)')
  assert.equal(scripts.length, 1, `${what}: one script, not ${JSON.stringify(scripts)}`)
  assert.match(scripts[0] ?? '', /^\/static\/app\.[0-9a-f]{12}\.js$/, `${what}: our script`)
  const elements = root.querySelectorAll('img, svg, iframe, object, embed, frame, base')
  assert.deepEqual(
    elements.map((e) => e.tagName),
    [],
    `${what}: no element that loads`,
  )
  for (const element of root.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.ok(!/^on/i.test(name), `${what}: an inline handler ${name}=${value}`)
      if (/^(href|src|action|formaction)$/i.test(name))
        assert.doesNotMatch(value, /^\s*javascript:/i, `${what}: a javascript: ${name}`)
    }
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'xi', 'ze', 'po', 'qu', 'sa']

/** A made-up word of 2 to 4 syllables (`kalo`, `minerute`…), from a seeded generator. */
export function wordMaker(seed = 7): () => string {
  let state = seed
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
  return () =>
    Array.from(
      { length: 2 + Math.floor(next() * 3) },
      () => SYLLABLES[Math.floor(next() * 12)],
    ).join('')
}

/**
 * Writes `count` made-up articles (a title and 5 paragraphs of 30 words each) into 10 folders
 * of `folder`: enough of them make a build that takes seconds and an index of tens of MB.
 */
export async function writeGeneratedArticles(folder: string, count: number): Promise<void> {
  const word = wordMaker()
  for (let i = 0; i < 10; i++) await mkdir(join(folder, `c${i}`), { recursive: true })
  const writes: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from(
      { length: 5 },
      () => `${Array.from({ length: 30 }, word).join(' ')}.`,
    )
    const text = `Article ${i} ${word()}\n\n${paragraphs.join('\n\n')}\n`
    writes.push(writeFile(join(folder, `c${i % 10}`, `a${i}.txt`), text))
    if (writes.length >= 200) await Promise.all(writes.splice(0))
  }
  await Promise.all(writes)
}
