// How an article's paragraphs become MiniSearch documents, when indexed through MiniSearch
// (`NewsIndex.add` and `remove`; a full build makes the tables directly: index-builder.ts).
import type { AnalyzedToken } from '../analysis/analyzer.ts'
import type { Article } from '../articles/types.ts'
import type { ArticleAnalysis } from './article-analysis.ts'
import type { ParagraphDoc } from './paragraph-index.ts'

/**
 * The MiniSearch documents of an article's paragraphs, numbered from `first`, from its
 * analysis. `count` is the lexicon counting the words in or out; it returns the terms to index.
 * Removing an article rebuilds exactly the documents it was added with, as MiniSearch's `remove`
 * requires.
 */
export function paragraphDocs(
  article: Article,
  first: number,
  analysis: ArticleAnalysis,
  count: (tokens: readonly AnalyzedToken[]) => string[],
): ParagraphDoc[] {
  const title = article.title ? count(analysis.title).join(' ') : undefined
  const subtitle = article.subtitle ? count(analysis.subtitle).join(' ') : undefined
  return article.paragraphs.map((paragraph, position) => {
    const text = analysis.texts[position] ?? []
    const heading = analysis.headings[position] ?? []
    return {
      id: first + position,
      text: paragraph.text ? count(text).join(' ') : undefined,
      heading: paragraph.heading ? count(heading).join(' ') : undefined,
      title,
      subtitle,
    }
  })
}
