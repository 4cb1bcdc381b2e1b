// `newsdex bench-docs FILE`: writes docs/benchmarks.md from a bench report saved with --json.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, relative, resolve } from 'node:path'
import { asBenchReport, benchmarksDoc, NotABenchReportError } from '../measure/benchmarks-doc.ts'
import { type Command, EXIT, parseCommandArgs, UsageError } from './command.ts'

const DEFAULT_OUT = resolve(import.meta.dirname, '..', '..', 'docs', 'benchmarks.md')

const help = `Usage: newsdex bench-docs FILE [--out PATH]

Writes the benchmarks page from FILE, a report saved by \`npm run bench -- --json FILE\`.

Options:
      --out PATH   Where to write it (default ${relative(process.cwd(), DEFAULT_OUT)}).`

export const command: Command = {
  name: 'bench-docs',
  summary: 'Write docs/benchmarks.md from a bench report saved with --json',
  help,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' } }, true)
    const [file, ...extra] = positionals
    if (file === undefined || extra.length > 0) throw new UsageError('give one report file')
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      io.err(`bench-docs: cannot read ${file}: ${(error as Error).message}`)
      return EXIT.failed
    }
    let page: string
    try {
      page = benchmarksDoc(asBenchReport(JSON.parse(text)), relative(process.cwd(), resolve(file)))
    } catch (error) {
      if (!(error instanceof NotABenchReportError || error instanceof SyntaxError)) throw error
      io.err(`bench-docs: ${file} is not a bench report: ${error.message}`)
      return EXIT.failed
    }
    const out = resolve(values.out ?? DEFAULT_OUT)
    await mkdir(dirname(out), { recursive: true })
    await writeFile(out, page)
    io.err(`bench-docs: wrote ${out}`)
    return EXIT.ok
  },
}
