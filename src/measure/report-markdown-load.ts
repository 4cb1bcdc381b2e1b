// The bench's update, HTTP and soak sections as markdown.
import type { HttpReport, SoakReport } from './bench-http.ts'
import type { UpdateReport } from './bench-update.ts'
import { int, mb, ms, table, times } from './markdown-format.ts'

export function updateMarkdown(update: UpdateReport): string[] {
  return [
    ...table(
      ['Operation', `ms (median of ${update.repetitions})`, 'ratio'],
      ['l', 'r', 'r'],
      [
        ['full rebuild of the folder', ms(update.fullMs), `${times(1)} rebuild`],
        [
          'add one article, watch mode',
          ms(update.watchMs),
          `${times(update.watchOverFull)} rebuild`,
        ],
        [
          'add one article, --incremental (appended)',
          ms(update.incrementalMs),
          `${times(update.incrementalOverFull)} rebuild`,
        ],
        [
          'add one article, --incremental (folded in)',
          ms(update.foldMs),
          `${times(update.foldOverFull)} rebuild`,
        ],
        ['load the index saved in full', ms(update.loadMs), ''],
        [
          'load it with one appended change',
          ms(update.loadWithChangeMs),
          `${times(update.loadWithChangeOverLoad)} load`,
        ],
      ],
    ),
    '',
    `Medians of ${update.repetitions} runs on a copy of the corpus. Full rebuild: \`buildFolder\` reads every file, indexes and saves. Adding`,
    'one article: a new file in the folder, then an incremental update that checks every file (size and modification time)',
    'and reads the new one. Watch mode (`build-index --watch`, `npm start -- --watch`) indexes it into the index in memory and',
    'saves that. `--incremental` reads only the saved articles and appends the change to the saved index, for each load to',
    'apply, until the changes appended pass a twentieth of the articles; then it loads the index, applies them and saves it',
    'in full ("folded in"). Process start-up is not included.',
  ]
}

export function httpMarkdown(http: HttpReport | { skipped: string }): string[] {
  if ('skipped' in http) return [`Not measured: ${http.skipped}.`]
  return [
    ...table(
      [
        'Target',
        'Requests',
        'Req/s',
        'p50 ms',
        'p99 ms',
        'Max ms',
        'Server p50 ms',
        'Server p99 ms',
        'Loop delay max ms',
        'Non-2xx',
        'Errors',
        'Timeouts',
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      http.targets.map((t) => [
        t.name,
        int.format(t.requests),
        int.format(t.requestsPerSecond),
        ms(t.p50Ms),
        ms(t.p99Ms),
        ms(t.maxMs),
        ms(t.serverP50Ms),
        ms(t.serverP99Ms),
        ms(t.loopDelayMaxMs),
        String(t.non2xx),
        String(t.errors),
        String(t.timeouts),
      ]),
    ),
    '',
    `- /search ÷ naive: ${times(http.ratios.searchOverNaiveRps)} the requests per second, ${times(http.ratios.searchOverNaiveP99)} the p99`,
    `- /search ÷ /healthz: ${times(http.ratios.searchOverHealthzRps)} the requests per second, ${times(http.ratios.searchOverHealthzP99)} the p99`,
    `- /healthz logging each request ÷ /healthz --quiet: ${times(http.ratios.loggedOverQuietRps)} the requests per second (the cost of the logs; at least 0.90× wanted)`,
    '',
    `autocannon, ${http.connections} connections, ${http.seconds} s per target after a short warm-up, one target at a time on 127.0.0.1;`,
    `the load generator runs in a worker thread of the same process as the servers. /search and the naive server cycle through`,
    `the ${http.queries} queries above (each connection from its own place). The naive server is one Express 5 route returning`,
    "MiniSearch's top 10 (default options) as JSON. No response caching anywhere; autocannon asks for no compression.",
    'p50/p99/max: latency seen by the clients, queueing included (50 requests in flight against one event loop). Server',
    "p50/p99: each request's own time inside the server, from its request-timing hook (the figures newsdex's JSON request",
    'log lines give, written to a file as in production, or not at all with --quiet; naive: the same measurement).',
    'Loop delay max: the longest the event loop was held up (a slow request, GC, or no free core on this shared machine).',
  ]
}

export function soakMarkdown(soak: SoakReport): string[] {
  return [
    ...table(
      ['', 'heapUsed MB', 'rss MB'],
      ['l', 'r', 'r'],
      [
        ['before', mb(soak.before.heapUsed), mb(soak.before.rss)],
        ['after', mb(soak.after.heapUsed), mb(soak.after.rss)],
        ['growth', mb(soak.heapGrowthBytes), mb(soak.rssGrowthBytes)],
      ],
    ),
    '',
    `/search for ${soak.seconds} s: ${int.format(soak.target.requests)} requests, ${int.format(soak.target.requestsPerSecond)}/s, p99 ${ms(soak.target.p99Ms)} ms (server p99 ${ms(soak.target.serverP99Ms)} ms), ${soak.target.non2xx} non-2xx, ${soak.target.errors} errors, ${soak.target.timeouts} timeouts.`,
    'Memory of the whole bench process (the server runs in it), each after a forced GC with the server idle.',
  ]
}
