/**
 * Every code a {@link VigilError} can carry.
 *
 * @example
 * ```ts
 * import { VigilError, type VigilErrorCode } from '@vigil/core';
 *
 * const code: VigilErrorCode = 'NOT_FOUND';
 * throw new VigilError(code, 'No such dataset');
 * ```
 */
export type VigilErrorCode =
  | 'INVALID_DATASET'
  | 'INTEGRITY_ERROR'
  | 'INVALID_JSON'
  | 'INVALID_STIX'
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'UNSUPPORTED';

/**
 * The one error class of Vigil. Other packages subclass it only to add data.
 *
 * @example
 * ```ts
 * import { VigilError, isVigilError } from '@vigil/core';
 *
 * try {
 *   throw new VigilError('INVALID_INPUT', 'Expected a dataset');
 * } catch (error) {
 *   if (isVigilError(error)) console.log(error.code); // 'INVALID_INPUT'
 * }
 * ```
 */
export class VigilError extends Error {
  override name = 'VigilError';
  /** A stable, machine-readable code. */
  readonly code: VigilErrorCode | (string & {});
  constructor(code: VigilErrorCode | (string & {}), message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
  /** A brand that survives two installed copies of this package, unlike `instanceof`. */
  get isVigilError(): true {
    return true;
  }
}

/**
 * Tells whether `error` is a {@link VigilError}, from any installed copy of `@vigil/core`.
 *
 * @example
 * ```ts
 * import { isVigilError, parseDataset } from '@vigil/core';
 *
 * try {
 *   parseDataset('{');
 * } catch (error) {
 *   if (isVigilError(error)) console.error(error.code, error.message);
 * }
 * ```
 */
export function isVigilError(error: unknown): error is VigilError {
  return (error as { isVigilError?: unknown } | null)?.isVigilError === true;
}
