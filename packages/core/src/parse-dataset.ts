import { checkDataset } from './check-dataset.js';
import type { Dataset } from './dataset.js';
import { DatasetSchema } from './dataset.js';
import { DatasetError } from './dataset-error.js';
import { jsonErrorOffset } from './internal/json-error-offset.js';
import type { Issue, IssuePosition } from './issue.js';

/**
 * The result of {@link safeParseDataset}: the parsed dataset with its warnings, or the issues that make it
 * invalid.
 *
 * @example
 * ```ts
 * import { safeParseDataset, type SafeParseDatasetResult } from '@vigil/core';
 *
 * const result: SafeParseDatasetResult = safeParseDataset('{}');
 * if (!result.success) console.log(result.issues.length);
 * ```
 */
export type SafeParseDatasetResult =
  | { success: true; data: Dataset; issues: Issue[] }
  | { success: false; issues: Issue[] };

/**
 * Parses and checks a dataset without throwing. Accepts an object or a JSON string. The result fails when
 * the JSON is malformed (`INVALID_JSON`, with a position), when the schema rejects it (zod's codes such as
 * `invalid_type`, `invalid_value`, `unrecognized_keys`, with paths), or when {@link checkDataset} finds an
 * integrity error; warnings alone do not fail it and are returned with the data.
 *
 * The input is never changed: defaults are applied to a copy.
 *
 * @example
 * ```ts
 * import { safeParseDataset } from '@vigil/core';
 *
 * const result = safeParseDataset('{"schemaVersion": "1.0", "id": "dataset--d", "title": "D", "marking": {"tlp": "purple"}}');
 * if (!result.success) console.log(result.issues[0]); // { code: 'invalid_value', path: ['marking', 'tlp'], ... }
 * ```
 */
export function safeParseDataset(input: unknown): SafeParseDatasetResult {
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJson(input);
      if (!parsed.ok) return { success: false, issues: [parsed.issue] };
      value = parsed.value;
    }
    const result = DatasetSchema.safeParse(value);
    if (!result.success) {
      return {
        success: false,
        issues: result.error.issues.map((issue) => ({
          code: issue.code,
          path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
          message: issue.message,
          severity: 'error' as const,
        })),
      };
    }
    const issues = checkDataset(result.data);
    if (issues.some((issue) => issue.severity === 'error')) return { success: false, issues };
    return { success: true, data: result.data, issues };
  } catch (error) {
    return {
      success: false,
      issues: [
        {
          code: 'UNREADABLE_INPUT',
          path: [],
          message: `The input could not be read: ${error instanceof Error ? error.message : String(error)}`,
          severity: 'error',
        },
      ],
    };
  }
}

/**
 * Parses and checks a dataset (an object or a JSON string), see {@link safeParseDataset}.
 *
 * @returns The dataset with defaults applied (a new object; the input is not changed).
 * @throws {@link DatasetError} `INVALID_DATASET` with every issue when the input is not a sound dataset.
 *
 * @example
 * ```ts
 * import { parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } });
 * dataset.persons.length; // 0
 * ```
 */
export function parseDataset(input: unknown): Dataset {
  const result = safeParseDataset(input);
  if (!result.success) throw new DatasetError(result.issues);
  return result.data;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; issue: Issue };

function parseJson(text: string): JsonResult {
  try {
    // A UTF-8 byte-order mark is not JSON, but editors write it; positions still count from the raw text.
    return { ok: true, value: JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    const found = jsonErrorOffset(text.slice(bom));
    const offset = found === -1 ? text.length : found + bom;
    const position = positionOf(text, offset);
    return {
      ok: false,
      issue: {
        code: 'INVALID_JSON',
        path: [],
        message: `Malformed JSON at line ${position.line}, column ${position.column}: ${message}`,
        severity: 'error',
        position,
      },
    };
  }
}

function positionOf(text: string, offset: number): IssuePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
