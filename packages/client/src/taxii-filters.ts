/**
 * The filters of the TAXII 2.1 objects, manifest and versions endpoints, and how they become URL parameters.
 */
import { VigilError } from '@vigil/core';

/**
 * A value for a `match[...]` filter: one value, or several (OR-ed, sent comma-separated).
 *
 * @example
 * ```ts
 * import type { MatchValue } from '@vigil/client';
 *
 * const types: MatchValue = ['indicator', 'malware'];
 * ```
 */
export type MatchValue = string | readonly string[];

/**
 * `match[...]` filters; different fields are AND-ed.
 *
 * @example
 * ```ts
 * import type { MatchFilters } from '@vigil/client';
 *
 * const match: MatchFilters = { type: 'indicator', version: 'all' };
 * ```
 */
export interface MatchFilters {
  /** `match[id]`: object ids. */
  readonly id?: MatchValue;
  /** `match[type]`: STIX object types. */
  readonly type?: MatchValue;
  /** `match[version]`: `last` (the server's default), `first`, `all`, or exact `modified` timestamps. */
  readonly version?: MatchValue;
  /** `match[spec_version]`: STIX versions, e.g. `2.1`. */
  readonly specVersion?: MatchValue;
}

/**
 * Filters for reading objects, the manifest or versions.
 *
 * @example
 * ```ts
 * import type { ObjectFilters } from '@vigil/client';
 *
 * const filters: ObjectFilters = { addedAfter: '2026-01-01T00:00:00Z', limit: 100, match: { type: 'indicator' } };
 * ```
 */
export interface ObjectFilters {
  /** Only what was added to the collection after this time (exclusive). */
  readonly addedAfter?: string | Date;
  /** The most records per page; the server may send fewer. A positive integer. */
  readonly limit?: number;
  /** The opaque `next` token of a previous page. */
  readonly next?: string;
  readonly match?: MatchFilters;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** @internal Whether `value` is an RFC 3339 UTC timestamp as TAXII uses them. */
export function isTaxiiTimestamp(value: string): boolean {
  return TIMESTAMP.test(value);
}

/**
 * Turns filters into TAXII URL parameters (`added_after`, `limit`, `next`, `match[...]`).
 *
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` on a limit that is not a positive integer or a timestamp that is not RFC 3339 UTC.
 *
 * @example
 * ```ts
 * import { filtersToSearchParams } from '@vigil/client';
 *
 * filtersToSearchParams({ limit: 10, match: { type: ['indicator', 'malware'] } }).toString();
 * // 'limit=10&match%5Btype%5D=indicator%2Cmalware'
 * ```
 */
export function filtersToSearchParams(filters: ObjectFilters = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.addedAfter !== undefined) {
    const value = filters.addedAfter instanceof Date ? filters.addedAfter.toISOString() : filters.addedAfter;
    if (!TIMESTAMP.test(value)) {
      throw new VigilError(
        'INVALID_INPUT',
        `addedAfter must be an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z, got '${value}'`,
      );
    }
    params.set('added_after', value);
  }
  if (filters.limit !== undefined) {
    if (!Number.isInteger(filters.limit) || filters.limit < 1) {
      throw new VigilError('INVALID_INPUT', `limit must be a positive integer, got ${String(filters.limit)}`);
    }
    params.set('limit', String(filters.limit));
  }
  if (filters.next !== undefined) params.set('next', filters.next);
  const match = filters.match ?? {};
  const fields: [string, MatchValue | undefined][] = [
    ['id', match.id],
    ['type', match.type],
    ['version', match.version],
    ['spec_version', match.specVersion],
  ];
  for (const [name, value] of fields) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    if (values.length === 0 || values.some((v) => v === '' || v.includes(','))) {
      throw new VigilError('INVALID_INPUT', `match.${name} needs non-empty values without commas`);
    }
    params.set(`match[${name}]`, values.join(','));
  }
  return params;
}
