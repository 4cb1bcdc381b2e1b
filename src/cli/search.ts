import { searchDepth, withEngineTotals } from '../engine/bounded.ts'
import { EngineUnavailableError } from '../engine/engine.ts'
import { IndexLoadError, loadIndex } from '../index/store.ts'
import { displayDate } from '../page/words.ts'
import { SORT_ORDERS, type SortOrder } from '../search/date-order.ts'
import { DateRangeError, parseDateRange } from '../search/date-range.ts'
import { search } from '../search/search.ts'
import type { Highlight, SearchRequest, SearchResponse } from '../search/types.ts'
import { type Command, EXIT, parseCommandArgs, UsageError, wholeNumber } from './command.ts'
import { DEFAULT_INDEX } from './defaults.ts'
import { openEngineFlag } from './engine-build.ts'

const help = `Usage: npm run search -- [options] "QUERY"

Searches the index and prints ranked articles with their best paragraphs; matches are shown
in colour on a terminal. The query language is described in the README.

Options:
  --index PATH   the index to search (default: ${DEFAULT_INDEX})
  --engine URL   search a distributed engine instead (sphinx://HOST:PORT/NAME)
  --json         print the same JSON object the /search endpoint returns
  --page N       page of results, from 1 (default: 1)
  --size N       results per page, at most 50 (default: 10)
  --prefix       treat the last word as a prefix, as the search box does
  --flat         one paragraph a result instead of grouping by article
  --sort ORDER   relevance (default), newest or oldest: by date, complete matches first
  --from DATE    only articles dated from DATE on: YYYY, YYYY-MM, YYYY-MM-DD or ISO datetime
  --to DATE      only articles dated up to the end of DATE (--to 1987-03: all of March)
  --help         this text`

export const command: Command = {
  name: 'search',
  summary: 'search the index from the terminal',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        index: { type: 'string', default: DEFAULT_INDEX },
        json: { type: 'boolean', default: false },
        page: { type: 'string', default: '1' },
        size: { type: 'string', default: '10' },
        prefix: { type: 'boolean', default: false },
        flat: { type: 'boolean', default: false },
        sort: { type: 'string', default: 'relevance' },
        from: { type: 'string' },
        to: { type: 'string' },
        engine: { type: 'string' },
      },
      true,
    )
    if (positionals.length === 0) throw new UsageError('a query is required')
    const page = wholeNumber(values.page, '--page')
    const size = wholeNumber(values.size, '--size', { max: 50 })
    const sort = sortOrder(values.sort)
    try {
      parseDateRange(values.from, values.to)
    } catch (error) {
      // The message names the parameter as the API does; here it is a flag.
      if (error instanceof DateRangeError) {
        throw new UsageError(error.message.replace(/`(from|to)`/g, '--$1'))
      }
      throw error
    }
    const request: SearchRequest = {
      q: positionals.join(' '),
      page,
      size,
      prefix: values.prefix,
      group: !values.flat,
      sort,
      ...(values.from !== undefined && { from: values.from }),
      ...(values.to !== undefined && { to: values.to }),
    }
    let response: SearchResponse
    if (values.engine !== undefined) {
      const engine = await openEngineFlag(values.engine, io, 'search')
      if (typeof engine === 'number') return engine
      try {
        const depth = searchDepth(request)
        const view = await engine.view({
          q: request.q,
          prefix: values.prefix,
          ...(depth !== undefined && { depth }),
        })
        response = withEngineTotals(search(view.index, request), view, request)
        if (view.missing.length > 0)
          io.err(`search: shards did not answer: ${view.missing.join(', ')}`)
      } catch (error) {
        if (!(error instanceof EngineUnavailableError)) throw error
        io.err(`search: ${error.message}`)
        return EXIT.failed
      } finally {
        await engine.close()
      }
    } else {
      let index: Awaited<ReturnType<typeof loadIndex>>
      try {
        index = await loadIndex(values.index)
      } catch (error) {
        if (!(error instanceof IndexLoadError)) throw error
        io.err(`search: ${error.message}`)
        return EXIT.failed
      }
      response = search(index, request)
    }
    if (values.json) io.out(JSON.stringify(response, null, 2))
    else for (const line of readable(response, io.isTTY)) io.out(line)
    return EXIT.ok
  },
}

function sortOrder(text: string): SortOrder {
  if (!(SORT_ORDERS as readonly string[]).includes(text)) {
    throw new UsageError(`--sort must be one of ${SORT_ORDERS.join(', ')}`)
  }
  return text as SortOrder
}

const MARK_ON = '\u001b[1;33m'
const MARK_OFF = '\u001b[0m'

/** Plain text with its highlights in colour (terminal) or in [brackets] (pipes, files). */
function marked(text: string, highlights: readonly Highlight[], colour: boolean): string {
  let out = ''
  let cursor = 0
  for (const [start, end] of highlights) {
    out += `${text.slice(cursor, start)}${colour ? MARK_ON : '['}${text.slice(start, end)}${colour ? MARK_OFF : ']'}`
    cursor = end
  }
  return out + text.slice(cursor)
}

function readable(response: SearchResponse, colour: boolean): string[] {
  const { total, results } = response
  const lines = [
    `${total.articles} articles, ${total.paragraphs} paragraphs (${response.tookMs} ms)${response.matched === 'some' ? ' — no paragraph has every word; showing partial matches' : ''}`,
  ]
  if (response.didYouMean !== undefined) lines.push(`Did you mean: ${response.didYouMean}`)
  if (response.ignored !== undefined) lines.push(`Not searched: ${response.ignored.join(', ')}`)
  const first = (response.page - 1) * response.size
  results.forEach((result, i) => {
    const date = result.article.date === null ? undefined : displayDate(result.article.date)
    const meta = [result.article.category, date].filter(Boolean).join(' · ')
    lines.push(
      '',
      `${first + i + 1}. ${result.article.title}${meta ? `  (${meta})` : ''}  ${result.article.url}`,
    )
    for (const paragraph of result.paragraphs) {
      const heading = paragraph.heading === undefined ? '' : `[${paragraph.heading}] `
      lines.push(`   ${heading}${marked(paragraph.text, paragraph.highlights, colour)}`)
    }
    if (result.matches > result.paragraphs.length) {
      lines.push(`   … ${result.matches - result.paragraphs.length} more matching paragraphs`)
    }
  })
  return lines
}
