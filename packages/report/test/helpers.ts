import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '@vigil/core';
import { parseDataset } from '@vigil/core';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));
export const STIX_SCHEMAS = fileURLToPath(
  new URL('../../../../shared/data/stix2-json-schemas/schemas/', import.meta.url),
);
export const CHROMIUM = '/usr/bin/chromium';

export const LETTER_DATASET = fileURLToPath(
  new URL('../../../examples/coalition-letter/dataset.json', import.meta.url),
);

export function letterDataset(): Dataset {
  return parseDataset(readFileSync(LETTER_DATASET, 'utf8'));
}

/** Parses RFC 4180 CSV (quoted cells), returns rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
export const GOLDEN_SECRET = 'golden-files-secret-not-for-real-cases';
