/**
 * Where the `vigil` command reads and writes, so that it can run inside another program or a test.
 */

/**
 * A stream the command writes text to.
 *
 * @example
 * ```ts
 * import type { CliStream } from '@vigil/cli';
 *
 * const lines: string[] = [];
 * const stream: CliStream = { write: (text) => void lines.push(text), isTTY: false };
 * ```
 */
export interface CliStream {
  write(text: string): void;
  /** A terminal: progress bars and colours are shown only there. */
  readonly isTTY?: boolean;
  /** Terminal width in columns. */
  readonly columns?: number;
}

/**
 * The command's environment. Every field has a default taken from `process`.
 *
 * @example
 * ```ts
 * import { runCli, type CliIo } from '@vigil/cli';
 *
 * let out = '';
 * const io: Partial<CliIo> = { stdout: { write: (t) => void (out += t) } };
 * await runCli(['--version'], io);
 * ```
 */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** The directory relative paths are resolved from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads all of standard input (for the input `-`). */
  readonly readStdin: () => string;
  /**
   * Resolves when a long-running command (`serve`) should stop. Defaults to the first SIGINT or SIGTERM.
   */
  readonly untilStopped: () => Promise<void>;
}
