import type { Issue } from '@vigil/core';
import { VigilError } from '@vigil/core';

/**
 * Codes of {@link ReportError}:
 * - `INVALID_OPTIONS`: bad options (unknown audience or format, short secret, missing person);
 * - `AUDIENCE_REFUSED`: the case's marking forbids rendering for this audience;
 * - `INTEGRITY_ERROR`: the dataset fails `@vigil/core`'s integrity rules (see `issues`);
 * - `LEAK_DETECTED`: the leak gate found a sensitive value in an output (nothing is returned);
 * - `UNSAFE_OUTPUT`: an HTML output would load a resource, run a script or make a link (a renderer bug
 *   caught before anything is returned);
 * - `PDF_UNAVAILABLE`: no Chromium to print a PDF with.
 *
 * @example
 * ```ts
 * import type { ReportErrorCode } from '@vigil/report';
 *
 * const code: ReportErrorCode = 'LEAK_DETECTED';
 * ```
 */
export type ReportErrorCode =
  | 'INVALID_OPTIONS'
  | 'AUDIENCE_REFUSED'
  | 'INTEGRITY_ERROR'
  | 'LEAK_DETECTED'
  | 'UNSAFE_OUTPUT'
  | 'PDF_UNAVAILABLE';

/**
 * Where the leak gate found a sensitive value: the index of the value in the sensitive list (never the value
 * itself, so that logging the error leaks nothing) and the view of the output it was found in.
 *
 * @example
 * ```ts
 * import type { LeakFinding } from '@vigil/report';
 *
 * const finding: LeakFinding = { valueIndex: 3, view: 'html-entities-decoded' };
 * ```
 */
export interface LeakFinding {
  /** Index in the sensitive-values list. */
  readonly valueIndex: number;
  /** Which decoded view of the output matched. */
  readonly view: string;
}

/**
 * The error of `@vigil/report`: a {@link VigilError} with a {@link ReportErrorCode}, the dataset's integrity
 * issues (`INTEGRITY_ERROR`) or the leak findings (`LEAK_DETECTED`).
 *
 * @example
 * ```ts
 * import { isReportError, renderReport } from '@vigil/report';
 * import type { Dataset } from '@vigil/core';
 *
 * declare const dataset: Dataset;
 * try {
 *   renderReport(dataset, { audience: 'public', format: 'markdown', lang: 'en', secret: 'per-case secret of 16+ chars' });
 * } catch (error) {
 *   if (isReportError(error) && error.code === 'INTEGRITY_ERROR') console.error(error.issues);
 * }
 * ```
 */
export class ReportError extends VigilError {
  override name = 'ReportError';
  declare readonly code: ReportErrorCode;
  /** For `INTEGRITY_ERROR`: the dataset's issues. */
  readonly issues: readonly Issue[];
  /** For `LEAK_DETECTED`: where. */
  readonly leaks: readonly LeakFinding[];
  constructor(
    code: ReportErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: readonly Issue[]; leaks?: readonly LeakFinding[] },
  ) {
    super(code, message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.issues = options?.issues ?? [];
    this.leaks = options?.leaks ?? [];
  }
  /** Brand that survives two installed copies of this package. */
  get isReportError(): true {
    return true;
  }
}

/**
 * Tells whether `error` is a {@link ReportError}, from any installed copy of `@vigil/report`.
 *
 * @example
 * ```ts
 * import { isReportError } from '@vigil/report';
 *
 * isReportError(new Error('x')); // false
 * ```
 */
export function isReportError(error: unknown): error is ReportError {
  return (error as { isReportError?: unknown } | null)?.isReportError === true;
}
