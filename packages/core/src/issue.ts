/**
 * A problem found in a dataset, as data: a stable `code`, the `path` to the offending value, a message, and
 * a severity. Schema problems keep zod's codes (`invalid_type`, `invalid_value`, `unrecognized_keys`, ...);
 * integrity problems use upper-case codes (`DANGLING_REFERENCE`, `LEVEL_NOT_SUPPORTED`, ...); malformed JSON
 * is `INVALID_JSON` with a `position`.
 *
 * @example
 * ```ts
 * import { safeParseDataset, type Issue } from '@vigil/core';
 *
 * const result = safeParseDataset('{"schemaVersion": "1.0"');
 * const issues: Issue[] = result.issues;
 * for (const issue of issues) console.log(issue.code, issue.path.join('.'), issue.message);
 * ```
 */
export type Issue = {
  /** A stable, machine-readable code. */
  code: string;
  /** Where in the input: keys and array indexes from the root. */
  path: (string | number)[];
  /** A human-readable explanation. */
  message: string;
  /** `error` makes a dataset invalid; `warning` is worth a look but does not. */
  severity: 'error' | 'warning';
  /** For `INVALID_JSON`: where the JSON text went wrong (0-based offset, 1-based line and column). */
  position?: IssuePosition;
};

/**
 * A position in a JSON text: 0-based character offset, 1-based line and column.
 *
 * @example
 * ```ts
 * import type { IssuePosition } from '@vigil/core';
 *
 * const at: IssuePosition = { offset: 12, line: 2, column: 3 };
 * ```
 */
export type IssuePosition = { offset: number; line: number; column: number };

/**
 * Tells whether any issue in `issues` is an error (not only warnings).
 *
 * @example
 * ```ts
 * import { checkDataset, hasErrors, parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'clear' } });
 * hasErrors(checkDataset(dataset)); // false
 * ```
 */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}
