// The results region drawn from the shared view model (src/page/results-view.ts), element for
// element as views/_results.ejs and views/_timeline.ejs draw it on the server.
import type { ResultsView, ResultView } from '../page/results-view.ts'
import type { TimelineView } from '../page/timeline-view.ts'
import { h, markedHtml, markedText } from './dom.ts'

/** The nodes of the results region for a view, in the template's order. */
export function renderResults(view: ResultsView): Node[] {
  const nodes: Node[] = []
  if (
    view.didYouMean !== undefined ||
    view.partial ||
    view.ignored !== undefined ||
    view.missingShards !== undefined
  ) {
    nodes.push(
      h(
        'div',
        { class: 'notices' },
        view.didYouMean !== undefined &&
          h(
            'p',
            { class: 'notice notice-suggest' },
            'Did you mean ',
            h('a', { href: view.didYouMean.href }, view.didYouMean.text),
            '?',
          ),
        view.partial &&
          h('p', { class: 'notice' }, 'No paragraph has all the words; showing partial matches.'),
        view.missingShards !== undefined &&
          h(
            'p',
            { class: 'notice notice-partial', role: 'alert' },
            `Some of the archive did not answer (${view.missingShards}): these results may be incomplete.`,
          ),
        view.ignored !== undefined &&
          h('p', { class: 'notice notice-quiet' }, `Not searched: ${view.ignored}`),
      ),
    )
  }
  if (view.facets.length > 0) {
    const items = view.facets.map((facet) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            class: facet.active ? 'facet is-active' : 'facet',
            href: facet.href,
            'aria-current': facet.active ? 'true' : undefined,
          },
          h('span', { class: 'facet-name' }, facet.name),
          h('span', { class: 'facet-count' }, String(facet.count)),
          facet.active && h('span', { class: 'facet-remove', 'aria-hidden': 'true' }, '×'),
          facet.active && h('span', { class: 'visually-hidden' }, '(remove filter)'),
        ),
      ),
    )
    nodes.push(
      h(
        'nav',
        { class: 'facets', 'aria-label': 'Filter by category' },
        h('ul', { class: 'facet-list' }, ...items),
      ),
    )
  }
  if (view.timeline !== undefined) nodes.push(renderTimeline(view.timeline))
  if (view.results.length > 0) {
    nodes.push(
      h(
        'ol',
        { class: 'result-list', start: String(view.start) },
        ...view.results.map(renderResult),
      ),
    )
  }
  if (view.empty !== undefined) {
    const { title, hint, href, link } = view.empty
    nodes.push(
      h(
        'div',
        { class: 'empty' },
        h('p', { class: 'empty-title' }, title),
        h(
          'p',
          { class: 'empty-hint' },
          hint,
          href !== undefined && ' ',
          href !== undefined && h('a', { href }, link ?? ''),
        ),
      ),
    )
  }
  if (view.pager !== undefined) {
    const { prev, next, info } = view.pager
    nodes.push(
      h(
        'nav',
        { class: 'pager', 'aria-label': 'Result pages' },
        prev !== undefined
          ? h('a', { class: 'pager-prev', rel: 'prev', href: prev }, '← Previous')
          : h('span', { class: 'pager-prev', 'aria-hidden': 'true' }),
        h('span', { class: 'pager-info' }, info),
        next !== undefined
          ? h('a', { class: 'pager-next', rel: 'next', href: next }, 'Next →')
          : h('span', { class: 'pager-next', 'aria-hidden': 'true' }),
      ),
    )
  }
  return nodes
}

function renderResult(result: ResultView): HTMLElement {
  const { date, similar } = result
  return h(
    'li',
    { class: 'result' },
    h(
      'h2',
      { class: 'result-title' },
      h(
        'a',
        { class: 'result-link', href: result.href },
        markedHtml(result.titleHtml, result.title),
      ),
    ),
    (result.category !== undefined || date !== undefined) &&
      h(
        'p',
        { class: 'result-meta' },
        result.category !== undefined && h('span', { class: 'result-category' }, result.category),
        date !== undefined && h('time', { class: 'result-date', datetime: date.iso }, date.text),
      ),
    h(
      'ul',
      { class: 'hits' },
      ...result.hits.map((hit) =>
        h(
          'li',
          { class: 'hit' },
          h(
            'a',
            { class: 'hit-link', href: hit.href },
            hit.heading !== undefined && h('span', { class: 'hit-heading' }, hit.heading),
            h('span', { class: 'hit-text' }, markedText(hit.text, hit.highlights)),
          ),
        ),
      ),
    ),
    result.missing !== undefined &&
      h('p', { class: 'result-missing' }, `Missing: ${result.missing}`),
    result.more !== undefined &&
      h('p', { class: 'more' }, h('a', { href: result.more.href }, result.more.text)),
    similar !== undefined &&
      h(
        'details',
        { class: 'similar' },
        h('summary', {}, similar.summary),
        h(
          'ul',
          { class: 'similar-list' },
          ...similar.items.map((item) =>
            h(
              'li',
              {},
              h('a', { href: item.href }, item.title),
              item.date !== undefined && ' ',
              item.date !== undefined && h('time', { datetime: item.date.iso }, item.date.text),
            ),
          ),
        ),
      ),
  )
}

function renderTimeline(timeline: TimelineView): HTMLElement {
  return h(
    'nav',
    { class: 'timeline', 'aria-label': 'Filter by date' },
    h(
      'div',
      { class: 'timeline-head' },
      h(
        'p',
        { class: 'timeline-caption' },
        timeline.caption,
        timeline.undated !== undefined && ' ',
        timeline.undated !== undefined &&
          h('span', { class: 'timeline-undated' }, `(${timeline.undated})`),
      ),
      timeline.clear !== undefined &&
        h('a', { class: 'timeline-clear', href: timeline.clear.href }, timeline.clear.text),
    ),
    timeline.bars.length > 0 &&
      h(
        'ol',
        { class: 'timeline-bars' },
        ...timeline.bars.map((bar) =>
          bar.href === undefined
            ? h(
                'li',
                { class: 'timeline-slot', 'aria-hidden': 'true' },
                h('span', { class: 'timeline-bar level-0' }),
                bar.tick !== undefined && h('span', { class: 'timeline-tick' }, bar.tick),
              )
            : h(
                'li',
                { class: 'timeline-slot' },
                h(
                  'a',
                  {
                    class: `timeline-bar level-${bar.level}${bar.current ? ' is-current' : ''}`,
                    href: bar.href,
                    title: bar.text,
                    'aria-current': bar.current ? 'true' : undefined,
                  },
                  h('span', { class: 'visually-hidden' }, bar.text),
                ),
                bar.tick !== undefined &&
                  h('span', { class: 'timeline-tick', 'aria-hidden': 'true' }, bar.tick),
              ),
        ),
      ),
  )
}
