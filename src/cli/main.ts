#!/usr/bin/env node
// The only place that touches process.argv and process.exit: every command is a plain function.
import type { Command, Io } from './command.ts'
import { EXIT, UsageError } from './command.ts'

const commands: Record<string, () => Promise<Command>> = {
  'build-index': async () => (await import('./build-index.ts')).command,
  search: async () => (await import('./search.ts')).command,
  eval: async () => (await import('./eval.ts')).command,
  serve: async () => (await import('./serve.ts')).command,
  inspect: async () => (await import('./inspect.ts')).command,
  bench: async () => (await import('./bench.ts')).command,
  'bench-docs': async () => (await import('./bench-docs.ts')).command,
  cluster: async () => (await import('./cluster.ts')).command,
}

function usage(): string {
  return [
    'Usage: newsdex <command> [options]',
    '',
    'Commands:',
    ...Object.keys(commands).map((name) => `  ${name}`),
    '',
    'Run a command with --help for its options.',
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const io: Io = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTTY: Boolean(process.stdout.isTTY),
  }
  const [name, ...args] = argv
  const load = name === undefined ? undefined : commands[name]
  if (name === '--help' || name === '-h') {
    io.out(usage())
    return EXIT.ok
  }
  if (load === undefined) {
    io.err(name === undefined ? usage() : `Unknown command: ${name}\n\n${usage()}`)
    return EXIT.usage
  }
  const command = await load()
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help)
    return EXIT.ok
  }
  try {
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${command.name}: ${error.message}\nRun with --help for usage.`)
      return EXIT.usage
    }
    throw error
  }
}

// Output piped into a reader that stops early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

process.exitCode = await main(process.argv.slice(2))
