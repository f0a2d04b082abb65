import { VigilError } from '@vigil/core';
import type { Command } from './command.js';

function notYet(what: string, pkg: string): Command {
  return async () => {
    throw new VigilError(
      'UNSUPPORTED',
      `${what} is not available yet: ${pkg} does not provide it in this build`,
    );
  };
}

/** Subcommands wired to packages that are still being written. */
export const OTHER_COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  report: {
    run: notYet('vigil report', '@vigil/report'),
    help: 'Usage: vigil report <dataset.json> --audience <a> --format <f> --lang <l> --out <dir>',
  },
};
