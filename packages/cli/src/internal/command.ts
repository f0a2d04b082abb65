import { isAbsolute, resolve } from 'node:path';
import { VigilError } from '@vigil/core';
import type { CliIo } from '../cli-io.js';

/** What every subcommand receives. */
export interface CommandContext {
  readonly io: CliIo;
  /** `--json`: machine-readable output on stdout. */
  readonly json: boolean;
  readonly debug: boolean;
  /** Resolves a path from the command's working directory. */
  readonly path: (p: string) => string;
}

/** A subcommand: parses its own arguments and returns an exit code. */
export type Command = (args: readonly string[], ctx: CommandContext) => Promise<number>;

export function makePathResolver(cwd: string): (p: string) => string {
  return (p) => (p === '-' || isAbsolute(p) ? p : resolve(cwd, p));
}

/** A usage error: one clear line. */
export function usage(message: string): VigilError {
  return new VigilError('INVALID_INPUT', message);
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

export function writeJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function line(ctx: CommandContext, text = ''): void {
  ctx.io.stdout.write(`${text}\n`);
}
