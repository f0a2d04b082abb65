/**
 * The `vigil` command as a function: parse arguments, run a subcommand, return an exit code.
 */
import { readFileSync } from 'node:fs';
import { isVigilError } from '@vigil/core';
import type { CliIo, CliStream } from './cli-io.js';
import { EXIT_CODES } from './exit-codes.js';
import { type Command, type CommandContext, makePathResolver } from './internal/command.js';
import {
  CHECK_HELP,
  DEMO_HELP,
  EXPORT_RULES_HELP,
  IOCS_HELP,
  REPORT_HELP,
  SERVE_HELP,
  VALIDATE_HELP,
} from './internal/help.js';

/** The version printed by `vigil --version`. */
const CLI_VERSION = '0.0.0';

const MAIN_HELP = `vigil: document and detect mercenary-spyware abuse.

Usage: vigil <command> [options]

Commands:
  check <inputs...>       Check MVT results, lists or JSON lines against indicators (offline)
  validate <dataset>      Check a Vigil dataset against the integrity rules
  report <dataset>        Render a dataset for an audience, format and language
  export-rules            Turn indicators into Suricata, Zeek Intel, hosts or RPZ rules
  iocs update|list|verify Download, list and verify indicator sets in the cache
  serve                   Run the registry (TAXII 2.1 and the case API) on SQLite
  demo                    The main job on the example data: check, validate, render to ./out

Global options:
  --json      Machine-readable output on stdout
  --debug     Show stack traces on errors
  -h, --help  Help for a command (vigil <command> --help)
  -V, --version

Exit codes: 0 nothing found, 2 found (detections, integrity errors, failed verification), 1 error.
Docs: docs/cli.md`;

interface Entry {
  /** Loads the command only when it runs, so that one command never needs another's packages. */
  readonly load: () => Promise<Command>;
  readonly help: string;
}

function commands(): Map<string, Entry> {
  return new Map<string, Entry>([
    [
      'check',
      { load: async () => (await import('./internal/command-check.js')).checkCommand, help: CHECK_HELP },
    ],
    [
      'export-rules',
      {
        load: async () => (await import('./internal/command-export-rules.js')).exportRulesCommand,
        help: EXPORT_RULES_HELP,
      },
    ],
    [
      'validate',
      {
        load: async () => (await import('./internal/command-validate.js')).validateCommand,
        help: VALIDATE_HELP,
      },
    ],
    ['demo', { load: async () => (await import('./internal/command-demo.js')).demoCommand, help: DEMO_HELP }],
    ['iocs', { load: async () => (await import('./internal/command-iocs.js')).iocsCommand, help: IOCS_HELP }],
    [
      'serve',
      { load: async () => (await import('./internal/command-serve.js')).serveCommand, help: SERVE_HELP },
    ],
    [
      'report',
      { load: async () => (await import('./internal/command-report.js')).reportCommand, help: REPORT_HELP },
    ],
  ]);
}

function processStream(stream: NodeJS.WriteStream): CliStream {
  return {
    write: (text) => {
      stream.write(text);
    },
    isTTY: stream.isTTY === true,
    ...(typeof stream.columns === 'number' ? { columns: stream.columns } : {}),
  };
}

function defaultIo(): CliIo {
  return {
    stdout: processStream(process.stdout),
    stderr: processStream(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => readFileSync(0, 'utf8'),
    untilStopped: () =>
      new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/** One line describing an error, without a stack. */
function describeError(error: unknown): string {
  if (isVigilError(error)) return `${error.message} [${error.code}]`;
  const e = error as { code?: unknown; path?: unknown; message?: unknown } | null;
  if (e !== null && typeof e === 'object') {
    if (e.code === 'ENOENT' && typeof e.path === 'string') return `no such file or directory: ${e.path}`;
    if (e.code === 'EACCES' && typeof e.path === 'string') return `permission denied: ${e.path}`;
    if (e.code === 'EISDIR' && typeof e.path === 'string')
      return `expected a file, got a directory: ${e.path}`;
    if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS') && typeof e.message === 'string')
      return `${e.message.split('\n')[0]} (see --help)`;
    if (typeof e.message === 'string') return e.message.split('\n')[0] ?? 'unknown error';
  }
  return String(error);
}

/**
 * Runs the `vigil` command with `argv` (without the node and script paths) and returns its exit code
 * (see {@link EXIT_CODES}). Errors are written to stderr as one line (`vigil <command>: <message>`), with a
 * stack trace only under `--debug`; nothing is thrown.
 *
 * @param argv - The arguments, e.g. `['check', 'results/', '--iocs', 'x.stix2']`.
 * @param io - Streams, working directory and environment; `process`'s by default.
 *
 * @example
 * ```ts
 * import { runCli } from '@vigil/cli';
 *
 * const code = await runCli(['export-rules', '--iocs', 'examplespy.stix2', '--format', 'hosts']);
 * process.exitCode = code;
 * ```
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = { ...defaultIo(), ...io };
  const rest: string[] = [];
  let json = false;
  let debug = false;
  let help = false;
  let version = false;
  let afterDashDash = false;
  for (const arg of argv) {
    if (afterDashDash) rest.push(arg);
    else if (arg === '--') {
      afterDashDash = true;
      rest.push(arg);
    } else if (arg === '--json') json = true;
    else if (arg === '--debug') debug = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--version' || arg === '-V') version = true;
    else rest.push(arg);
  }
  const [name, ...args] = rest;
  const table = commands();
  if (version) {
    full.stdout.write(json ? `${JSON.stringify({ version: CLI_VERSION })}\n` : `vigil ${CLI_VERSION}\n`);
    return EXIT_CODES.ok;
  }
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? table.get(args[0] ?? '') : undefined;
    full.stdout.write(`${topic?.help ?? MAIN_HELP}\n`);
    return name === undefined && !help ? EXIT_CODES.error : EXIT_CODES.ok;
  }
  const entry = table.get(name);
  if (entry === undefined) {
    full.stderr.write(`vigil: unknown command ${JSON.stringify(name)}; run vigil --help\n`);
    return EXIT_CODES.error;
  }
  if (help) {
    full.stdout.write(`${entry.help}\n`);
    return EXIT_CODES.ok;
  }
  const ctx: CommandContext = { io: full, json, debug, path: makePathResolver(full.cwd) };
  try {
    const run = await entry.load();
    return await run(args, ctx);
  } catch (error) {
    full.stderr.write(`vigil ${name}: ${describeError(error)}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) full.stderr.write(`${error.stack}\n`);
    if (json)
      full.stdout.write(
        `${JSON.stringify({ error: { message: describeError(error), code: (error as { code?: unknown })?.code ?? null } })}\n`,
      );
    return EXIT_CODES.error;
  }
}
