#!/usr/bin/env node
/**
 * The `vigil` executable.
 *
 * @packageDocumentation
 */
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vigil: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
