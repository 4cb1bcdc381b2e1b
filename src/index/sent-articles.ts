// How a build worker sends the articles it read to the main thread: each as its head (the
// article without its paragraphs) and, for the whole batch, one buffer of every article's saved
// JSON (article-lines.ts) with the digests deduplication compares. The main thread makes each
// article one whose paragraphs are decoded from those bytes when first read, as a loaded index's
// are: it indexes from the packed analysis and saves the bytes as sent, so a million paragraphs
// are never cloned, encoded or held as objects there.
import { contentKey, rememberContentKey } from '../articles/dedupe.ts'
import type { FileOutcome } from '../articles/read.ts'
import type { Article } from '../articles/types.ts'
import { rememberSavedJson, withLazyParagraphs } from './article-lines.ts'

/** The rest of a batch's articles, whose heads its outcomes hold. */
export interface SentArticles {
  /** Per article, its saved head then its saved paragraphs, end to end. */
  json: Uint8Array
  /** Per article, where its head ends and where its paragraphs end in `json`. */
  ends: Int32Array
  /** Per article, its content digest (`contentKey`). */
  contentKeys: string[]
}

/** Each article of `outcomes`, in order. */
function* articlesOf(outcomes: readonly FileOutcome[]): Generator<[Article[], number]> {
  for (const { parsed } of outcomes) {
    if (!('articles' in parsed)) continue
    for (let i = 0; i < parsed.articles.length; i++) yield [parsed.articles, i]
  }
}

/**
 * Replaces the articles of `outcomes` by their heads (`paragraphs` is 0 there), and returns the
 * rest of them to send beside (in a buffer of its own, to transfer).
 */
export function sendArticles(outcomes: readonly FileOutcome[]): SentArticles {
  const texts: string[] = []
  const contentKeys: string[] = []
  for (const [articles, i] of articlesOf(outcomes)) {
    const article = articles[i] as Article
    contentKeys.push(contentKey(article))
    const head = { ...article, paragraphs: 0 }
    texts.push(JSON.stringify(head), JSON.stringify(article.paragraphs))
    articles[i] = head as unknown as Article
  }
  const ends = new Int32Array(texts.length)
  let length = 0
  texts.forEach((text, i) => {
    length += Buffer.byteLength(text)
    ends[i] = length
  })
  const json = Buffer.from(new ArrayBuffer(length))
  texts.forEach((text, i) => {
    json.write(text, i === 0 ? 0 : (ends[i - 1] as number))
  })
  return { json, ends, contentKeys }
}

/**
 * Replaces the heads of `outcomes` (as `sendArticles` left them) by whole articles, whose
 * paragraphs are read from `sent` when first asked for, and whose saved JSON and content digest
 * are the ones sent.
 */
export function receiveArticles(outcomes: readonly FileOutcome[], sent: SentArticles): void {
  const { ends, contentKeys } = sent
  const json = Buffer.from(sent.json.buffer, sent.json.byteOffset, sent.json.byteLength)
  let n = 0
  for (const [articles, i] of articlesOf(outcomes)) {
    const start = n === 0 ? 0 : (ends[2 * n - 1] as number)
    const [headEnd, end] = [ends[2 * n] as number, ends[2 * n + 1] as number]
    const article = withLazyParagraphs(articles[i] as Article, json, headEnd, end)
    rememberSavedJson(article, {
      head: json.subarray(start, headEnd),
      paragraphs: json.subarray(headEnd, end),
    })
    rememberContentKey(article, contentKeys[n] as string)
    articles[i] = article
    n++
  }
}
