import {
  COLLECTIONS,
  type Dataset,
  EVIDENCE_LEVELS,
  effectiveMarking,
  evidenceLevels,
  type Marking,
  SENSITIVE_FIELDS,
} from '@vigil/core';

/** TLP levels that keep a record inside its audience. */
const RESTRICTED = new Set(['red', 'amber+strict']);

/** True when a marking restricts its record to an audience. */
export function isRestricted(marking: Marking): boolean {
  return RESTRICTED.has(marking.tlp);
}

/** True when `organization` may see something with this marking in a case owned by `owner`. */
export function canSee(marking: Marking, owner: string, organization: string): boolean {
  return organization === owner || !isRestricted(marking) || (marking.audience ?? []).includes(organization);
}

/** The caller's view of a case, or `undefined` when the whole case is outside its audience. */
export interface CaseView {
  dataset: Dataset;
  withheld: number;
  redactedFields: number;
}

/**
 * The view of a dataset for `organization`. The owner sees everything. Another organisation does not see
 * a case whose own marking excludes it; otherwise records whose effective marking excludes it are left
 * out, and sensitive fields are removed.
 */
export function viewCase(dataset: Dataset, owner: string, organization: string): CaseView | undefined {
  if (organization === owner) return { dataset, withheld: 0, redactedFields: 0 };
  if (!canSee(dataset.marking, owner, organization)) return undefined;
  const view: Record<string, unknown> = { ...dataset };
  let withheld = 0;
  let redactedFields = 0;
  const datasetSensitive = dataset.marking.sensitiveFields ?? [];
  for (const name of COLLECTIONS) {
    const records = dataset[name] as readonly Record<string, unknown>[];
    const kept: Record<string, unknown>[] = [];
    for (const record of records) {
      const marking = effectiveMarking(dataset, record as { marking?: Marking });
      if (!canSee(marking, owner, organization)) {
        withheld++;
        continue;
      }
      const sensitive = new Set([
        ...SENSITIVE_FIELDS[name],
        ...datasetSensitive,
        ...(marking.sensitiveFields ?? []),
      ]);
      const copy: Record<string, unknown> = Object.create(null);
      for (const [key, value] of Object.entries(record)) {
        if (sensitive.has(key) && key !== 'id' && key !== 'marking') redactedFields++;
        else copy[key] = value;
      }
      kept.push(copy);
    }
    view[name] = kept;
  }
  return { dataset: view as Dataset, withheld, redactedFields };
}

const COUNTRY_KEYS = new Set(['country', 'nationality', 'suspectedCountry', 'suspectedState', 'countries']);

/**
 * Facets for search, computed on the caller's view: country codes, the evidence levels the visible evidence
 * supports for each person (@vigil/core's ladder, lowest first) and lower-cased text.
 */
export function caseFacets(dataset: Dataset): { countries: string[]; levels: string[]; text: string } {
  const countries = new Set<string>();
  const texts: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      texts.push(value);
      if (COUNTRY_KEYS.has(key) && /^[A-Z]{2}$/.test(value)) countries.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  walk(dataset, '');
  const derived = new Set<string>(evidenceLevels(dataset).values());
  const levels = EVIDENCE_LEVELS.filter((level) => derived.has(level));
  return {
    countries: [...countries].sort(),
    levels,
    text: texts.join('\n').toLowerCase(),
  };
}
