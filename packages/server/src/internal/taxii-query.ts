import { HttpFailure } from './http-failure.js';
import { isStixId, isStixType } from './stix-object.js';
import { timestampKey, timestampMicros } from './timestamps.js';

/** The TAXII endpoints that take filters, each with the parameters it allows. */
export type FilterScope = 'objects' | 'manifest' | 'object' | 'versions' | 'delete';

const ALLOWED: Record<FilterScope, readonly string[]> = {
  objects: [
    'added_after',
    'limit',
    'next',
    'match[id]',
    'match[type]',
    'match[version]',
    'match[spec_version]',
  ],
  manifest: [
    'added_after',
    'limit',
    'next',
    'match[id]',
    'match[type]',
    'match[version]',
    'match[spec_version]',
  ],
  object: ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]'],
  versions: ['added_after', 'limit', 'next', 'match[spec_version]'],
  delete: ['match[version]', 'match[spec_version]'],
};

/** Parsed, checked filters of a TAXII request. */
export interface TaxiiFilters {
  addedAfter: number | undefined;
  limit: number;
  next: string | undefined;
  ids: string[] | undefined;
  types: string[] | undefined;
  /** `first`, `last`, `all` or timestamp keys; default `['last']`. */
  versions: string[];
  specVersions: string[] | undefined;
}

function bad(param: string, message: string): HttpFailure {
  return new HttpFailure(400, 'Invalid query parameter', `${param}: ${message}`, {
    issues: [{ path: param, code: 'invalid_parameter', message }],
  });
}

function list(param: string, value: string): string[] {
  const items = value.split(',').map((v) => v.trim());
  if (items.some((v) => v === '')) throw bad(param, 'empty value in a comma-separated list');
  return items;
}

/** Parses the query string of a TAXII request; unknown, repeated or malformed parameters are a 400. */
export function parseTaxiiFilters(
  scope: FilterScope,
  params: URLSearchParams,
  maxPageSize: number,
): TaxiiFilters {
  const allowed = ALLOWED[scope];
  const seen = new Set<string>();
  for (const name of params.keys()) {
    if (!allowed.includes(name))
      throw bad(name, `not a parameter of this endpoint (allowed: ${allowed.join(', ')})`);
    if (seen.has(name)) throw bad(name, 'given more than once (use a comma-separated list)');
    seen.add(name);
  }
  const filters: TaxiiFilters = {
    addedAfter: undefined,
    limit: maxPageSize,
    next: undefined,
    ids: undefined,
    types: undefined,
    versions: ['last'],
    specVersions: undefined,
  };
  const addedAfter = params.get('added_after');
  if (addedAfter !== null) {
    const micros = timestampMicros(addedAfter);
    if (micros === undefined)
      throw bad('added_after', 'expected a timestamp like 2026-01-01T00:00:00.000000Z');
    filters.addedAfter = micros;
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) throw bad('limit', 'expected a positive integer');
    filters.limit = Math.min(Number(limit), maxPageSize);
  }
  const next = params.get('next');
  if (next !== null) {
    if (next === '') throw bad('next', 'empty token');
    filters.next = next;
  }
  const ids = params.get('match[id]');
  if (ids !== null) {
    filters.ids = list('match[id]', ids);
    for (const id of filters.ids)
      if (!isStixId(id)) throw bad('match[id]', `"${id.slice(0, 80)}" is not a STIX id`);
  }
  const types = params.get('match[type]');
  if (types !== null) {
    filters.types = list('match[type]', types);
    for (const type of filters.types)
      if (!isStixType(type)) throw bad('match[type]', `"${type.slice(0, 80)}" is not a STIX type`);
  }
  const versions = params.get('match[version]');
  if (versions !== null) {
    filters.versions = list('match[version]', versions).map((v) => {
      if (v === 'first' || v === 'last' || v === 'all') return v;
      const key = timestampKey(v);
      if (key === undefined)
        throw bad('match[version]', `"${v.slice(0, 80)}" is not first, last, all or a timestamp`);
      return key;
    });
    if (filters.versions.includes('all') && filters.versions.length > 1) {
      throw bad('match[version]', '"all" cannot be combined with other values');
    }
  }
  const specs = params.get('match[spec_version]');
  if (specs !== null) {
    filters.specVersions = list('match[spec_version]', specs);
    for (const s of filters.specVersions)
      if (!/^\d+\.\d+$/.test(s))
        throw bad('match[spec_version]', `"${s.slice(0, 20)}" is not a version like 2.1`);
  }
  return filters;
}
