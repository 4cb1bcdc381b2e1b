// The bad requests of the hardening tests, in one list, so that every answer to them can be
// checked for the security headers and for leaks (headers.test.ts).
import { HOSTILE_QUERIES } from './helpers.ts'

/** Paths that name nothing: traversal in every spelling, NUL, huge ids, files of the project. */
export const NOT_FOUND = [
  '/articles/../package.json',
  '/articles/../../etc/passwd',
  '/articles/%2e%2e/%2e%2e/package.json',
  '/articles/%2e%2e%2f%2e%2e%2fpackage.json',
  '/articles/..%2f..%2fpackage.json',
  '/articles/%252e%252e/%252e%252e/package.json',
  '/articles/%252e%252e%252f%252e%252e%252fpackage.json',
  '/articles/%25252e%25252e%25252fpackage.json',
  '/articles/..%5c..%5cpackage.json',
  '/articles/....//....//package.json',
  '/articles/.%2e/.%2e/src/server/app.ts',
  '/articles/%00',
  '/articles/a%00b',
  '/articles/..%00/package.json',
  `/articles/${'a'.repeat(10_000)}`,
  `/articles/${'a/'.repeat(5_000)}`,
  `/articles/${'%2e%2e%2f'.repeat(1_000)}etc/passwd`,
  '/articles//etc/passwd',
  '/articles/%2fetc%2fpasswd',
  '/articles/file:%2f%2f%2fetc%2fpasswd',
  '/static/../src/server/app.ts',
  '/static/../../package.json',
  '/static/%2e%2e/package.json',
  '/static/%2e%2e%2fpackage.json',
  '/static/%2e%2e%2f%2e%2e%2fpackage.json',
  '/static/%252e%252e%252fpackage.json',
  '/static/..%5cpackage.json',
  '/static/app.js/../../package.json',
  '/static/.%2e/src/server/app.ts',
  '/static/%00',
  '/static/app.js%00.png',
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/app.ts',
  '/static/.',
  '/static/..',
  '//etc/passwd',
  '///etc/passwd',
  '/..',
  '/../package.json',
  '/%2e%2e/package.json',
  '/package.json',
  '/src/server/app.ts',
  '/views/layout.ejs',
  '/index-data/newsdex.index',
  '/node_modules/express/package.json',
  '/.git/config',
  '/public/app.js',
  '/%00',
]

/** Paths whose percent-encoding does not decode. */
export const MALFORMED = [
  '/articles/%E0%A4%A',
  '/articles/%ZZ',
  '/articles/%',
  '/articles/%c0%ae%c0%ae/package.json',
  '/articles/%ED%A0%80',
  '/static/%',
  '/static/%E0%A4%A',
]

const enc = encodeURIComponent

/** Bad parameters: repeated, out of range, not a number or a flag, over a cap, hostile. */
export const BAD_PARAMETERS = [
  '/search?q=a&q=b',
  '/search?q=x&page=0',
  '/search?q=x&page=-1',
  '/search?q=x&page=1.5',
  '/search?q=x&page=1001',
  '/search?q=x&page=99999999999999999999',
  '/search?q=x&size=0',
  '/search?q=x&size=51',
  '/search?q=x&size=ten',
  '/search?q=x&prefix=yes',
  '/search?q=x&group=TRUE',
  '/search?q=x&page=1&page=2',
  `/search?q=${'a'.repeat(513)}`,
  '/suggest?q=a&q=b',
  `/suggest?q=${'a'.repeat(513)}`,
  '/?q=x&page=0',
  '/?q=a&q=b',
  `/?q=${'a'.repeat(513)}`,
  '/articles/politics/summit?q=a&q=b',
  `/articles/politics/summit?q=${'a'.repeat(513)}`,
  ...HOSTILE_QUERIES.flatMap((q) => [
    `/search?q=x&page=${enc(q)}`,
    `/?q=${enc(q)}&size=${enc(q)}`,
    `/articles/${enc(q)}`,
  ]),
]

/** Methods the routes do not allow (405), or paths that do not exist under them (404). */
export const BAD_METHODS: [method: string, path: string][] = [
  ['POST', '/search?q=x'],
  ['PUT', '/suggest?q=x'],
  ['DELETE', '/'],
  ['PATCH', '/articles/politics/summit'],
  ['OPTIONS', '/search'],
  ['TRACE', '/'],
  ['POST', '/static/app.js'],
  ['POST', '/nope'],
]
