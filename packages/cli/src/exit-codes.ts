/**
 * The exit codes of the `vigil` command.
 */

/**
 * Exit codes, the same for every subcommand:
 *
 * - `0` (`ok`): the command ran and found nothing to report (no detection, no integrity error).
 * - `1` (`error`): the command could not run: bad usage, unreadable input, a typed error. One line on stderr.
 * - `2` (`found`): the command ran and found something: detections (`check`), integrity errors
 *   (`validate`), cached sets that fail verification (`iocs verify`).
 *
 * @example
 * ```ts
 * import { EXIT_CODES, runCli } from '@vigil/cli';
 *
 * const code = await runCli(['check', 'results/', '--iocs', 'examplespy.stix2']);
 * if (code === EXIT_CODES.found) console.log('detections: read out/alerts.json');
 * ```
 */
export const EXIT_CODES = { ok: 0, error: 1, found: 2 } as const;

/**
 * One of the {@link EXIT_CODES} values.
 *
 * @example
 * ```ts
 * import type { ExitCode } from '@vigil/cli';
 *
 * const code: ExitCode = 2;
 * ```
 */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
