import type { RecordId, Tlp } from './common.js';
import type { CountRow } from './count-records.js';
import { countRecords } from './count-records.js';
import type { CollectionName, Dataset } from './dataset.js';
import { COLLECTIONS } from './dataset.js';
import type { EvidenceLevel } from './evidence.js';
import { deriveLadder } from './internal/ladder.js';
import type { Reconciliation } from './reconcile-aggregate-claims.js';
import { reconcileAggregateClaims } from './reconcile-aggregate-claims.js';

/**
 * A summary of a dataset: records per collection, persons by role, country, level and year, each person's
 * derived level (by pseudonym, never by real name), and the reconciliation of its aggregate claims.
 *
 * @example
 * ```ts
 * import { parseDataset, summarizeDataset, type DatasetSummary } from '@vigil/core';
 *
 * const summary: DatasetSummary = summarizeDataset(
 *   parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } }),
 * );
 * summary.records.persons; // 0
 * ```
 */
export type DatasetSummary = {
  id: RecordId;
  title: string;
  tlp: Tlp;
  records: Record<CollectionName, number>;
  /** People the person records stand for (a group counts as its size). */
  people: number;
  byRole: CountRow[];
  byCountry: CountRow[];
  byLevel: CountRow[];
  byYear: CountRow[];
  levels: { person: RecordId; pseudonym: string; level: EvidenceLevel | undefined; groupSize?: number }[];
  reconciliation: Reconciliation[];
};

/**
 * Summarises a dataset for a person to read (see {@link DatasetSummary}); {@link formatDatasetSummary} turns
 * it into text. Uses pseudonyms only.
 *
 * @example
 * ```ts
 * import { formatDatasetSummary, parseDataset, summarizeDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } });
 * console.log(formatDatasetSummary(summarizeDataset(dataset)));
 * ```
 */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const records = Object.fromEntries(COLLECTIONS.map((c) => [c, dataset[c].length])) as Record<
    CollectionName,
    number
  >;
  const ladder = deriveLadder(dataset).byPerson;
  const byLevel = countRecords(dataset, { by: 'level' });
  return {
    id: dataset.id,
    title: dataset.title,
    tlp: dataset.marking.tlp,
    records,
    people: byLevel.reduce((sum, row) => sum + row.count, 0),
    byRole: countRecords(dataset, { by: 'role' }),
    byCountry: countRecords(dataset, { by: 'country' }),
    byLevel,
    byYear: countRecords(dataset, { by: 'year' }),
    levels: dataset.persons.map((p) => {
      const row: DatasetSummary['levels'][number] = {
        person: p.id,
        pseudonym: p.pseudonym,
        level: ladder.get(p.id),
      };
      if (p.kind === 'group' && p.groupSize !== undefined) row.groupSize = p.groupSize;
      return row;
    }),
    reconciliation: reconcileAggregateClaims(dataset),
  };
}
