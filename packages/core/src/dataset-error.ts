import { VigilError } from './errors.js';
import type { Issue } from './issue.js';

/**
 * Thrown by {@link parseDataset} when a dataset is malformed JSON, fails the schema, or breaks an integrity
 * rule. `code` is `INVALID_DATASET`; `issues` lists every problem found (errors and warnings).
 *
 * @example
 * ```ts
 * import { DatasetError, parseDataset } from '@vigil/core';
 *
 * try {
 *   parseDataset('{"schemaVersion": "1.0"}');
 * } catch (error) {
 *   if (error instanceof DatasetError) for (const issue of error.issues) console.error(issue.code, issue.path);
 * }
 * ```
 */
export class DatasetError extends VigilError {
  override name = 'DatasetError';
  /** Every problem found, errors first as they were found. */
  readonly issues: Issue[];
  constructor(issues: Issue[], options?: { cause?: unknown }) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    const first = errors[0] ?? issues[0];
    const where =
      first === undefined ? '' : ` (first: ${first.code} at ${formatPath(first.path)}: ${first.message})`;
    super('INVALID_DATASET', `Invalid dataset: ${errors.length} error(s)${where}`, options);
    this.issues = issues;
  }
}

function formatPath(path: (string | number)[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}
