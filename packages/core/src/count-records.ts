import type { Dataset } from './dataset.js';
import type { EvidenceLevel } from './evidence.js';
import { EVIDENCE_LEVELS } from './evidence.js';
import { deriveLadder, rank } from './internal/ladder.js';
import { evidenceYears, personCountries, personWeight } from './internal/persons.js';

/**
 * What to count persons by, and an optional floor on the evidence ladder.
 *
 * @example
 * ```ts
 * import type { CountOptions } from '@vigil/core';
 *
 * const options: CountOptions = { by: 'country', minLevel: 'infected' };
 * ```
 */
export type CountOptions = {
  /**
   * `role` (a person counts once per role), `country` (once per nationality or location country; `unknown`
   * when none), `level` (their derived rung; `none` when no evidence supports one) or `year` (the earliest
   * year of their dated targeting evidence; `undated` when none).
   */
  by: 'role' | 'country' | 'level' | 'year';
  /** Count only persons at this rung or above. @default undefined (every person) */
  minLevel?: EvidenceLevel;
};

/**
 * One row of {@link countRecords}: a key, the number of people (a group record counts as its `groupSize`),
 * and the ids of the person records behind it.
 *
 * @example
 * ```ts
 * import type { CountRow } from '@vigil/core';
 *
 * const row: CountRow = { key: 'journalist', count: 2, records: ['person--a', 'person--b'] };
 * ```
 */
export type CountRow = { key: string; count: number; records: string[] };

/**
 * Counts the persons of a dataset by role, country, evidence level or year, so that a source's aggregate
 * figures can be compared with what the records show. Rows are sorted by count (descending) then key; levels
 * follow the ladder and years ascend.
 *
 * @example
 * ```ts
 * import { countRecords, parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({
 *   schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' },
 *   persons: [
 *     { id: 'person--a', pseudonym: 'A', roles: ['journalist'], nationality: ['HU'], consent: { status: 'unknown' } },
 *     { id: 'person--b', pseudonym: 'B', roles: ['lawyer'], nationality: ['HU'], consent: { status: 'unknown' } },
 *   ],
 * });
 * countRecords(dataset, { by: 'country' }); // [{ key: 'HU', count: 2, records: ['person--a', 'person--b'] }]
 * ```
 */
export function countRecords(dataset: Dataset, options: CountOptions): CountRow[] {
  const levels = deriveLadder(dataset).byPerson;
  const years = options.by === 'year' ? evidenceYears(dataset) : new Map<string, number>();
  const rows = new Map<string, CountRow>();
  const bump = (key: string, id: string, weight: number): void => {
    const row = rows.get(key) ?? { key, count: 0, records: [] };
    row.count += weight;
    row.records.push(id);
    rows.set(key, row);
  };
  for (const person of dataset.persons) {
    const level = levels.get(person.id);
    if (options.minLevel !== undefined && rank(level) < rank(options.minLevel)) continue;
    const weight = personWeight(person);
    switch (options.by) {
      case 'role':
        for (const role of person.roles.length > 0 ? person.roles : ['unspecified'])
          bump(role, person.id, weight);
        break;
      case 'country': {
        const countries = personCountries(person);
        for (const country of countries.length > 0 ? countries : ['unknown'])
          bump(country, person.id, weight);
        break;
      }
      case 'level':
        bump(level ?? 'none', person.id, weight);
        break;
      case 'year': {
        const year = years.get(person.id);
        bump(year === undefined ? 'undated' : String(year), person.id, weight);
        break;
      }
    }
  }
  const result = [...rows.values()];
  if (options.by === 'level') {
    const order = ['none', ...EVIDENCE_LEVELS] as string[];
    return result.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
  if (options.by === 'year') {
    return result.sort((a, b) =>
      a.key === 'undated' ? 1 : b.key === 'undated' ? -1 : a.key.localeCompare(b.key),
    );
  }
  return result.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
