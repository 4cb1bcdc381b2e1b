// Hand-made articles for the tests that build small indexes.
import type { Article } from '../../src/articles/types.ts'

/** An article with one paragraph for each of `texts`, its file named after its id. */
export function article(id: string, title: string, ...texts: string[]): Article {
  return {
    id,
    title,
    file: `${id}.txt`,
    paragraphs: texts.map((text, index) => ({ index, text })),
  }
}
