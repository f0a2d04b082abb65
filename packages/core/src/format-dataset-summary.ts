import type { CountRow } from './count-records.js';
import type { DatasetSummary } from './summarize-dataset.js';

/**
 * Renders a {@link DatasetSummary} as plain text, one section per count, for a terminal or a log.
 *
 * @example
 * ```ts
 * import { formatDatasetSummary, parseDataset, summarizeDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } });
 * formatDatasetSummary(summarizeDataset(dataset)).startsWith('D'); // true
 * ```
 */
export function formatDatasetSummary(summary: DatasetSummary): string {
  const lines: string[] = [];
  lines.push(`${summary.title}`, `  id ${summary.id} · TLP:${summary.tlp.toUpperCase()}`, '');
  lines.push('Records per collection');
  for (const [name, n] of Object.entries(summary.records)) if (n > 0) lines.push(`  ${name.padEnd(16)} ${n}`);
  lines.push('', `People (a group counts as its size): ${summary.people}`);
  const section = (title: string, rows: CountRow[]): void => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${row.key.padEnd(24)} ${row.count}`);
  };
  section('By role', summary.byRole);
  section('By country', summary.byCountry);
  section('By evidence level', summary.byLevel);
  section('By year of earliest dated evidence', summary.byYear);
  lines.push('', 'Derived level per person (pseudonyms)');
  for (const row of summary.levels) {
    const size = row.groupSize === undefined ? '' : ` (group of ${row.groupSize})`;
    lines.push(`  ${(row.level ?? 'none').padEnd(24)} ${row.pseudonym}${size}`);
  }
  lines.push('', 'Aggregate claims reconciled with the records');
  for (const row of summary.reconciliation) {
    lines.push(`  [${row.status}] ${row.statement}`, `      ${row.note}`);
  }
  return lines.join('\n');
}
