import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportFormat, ReportLanguage } from '../src/index.js';
import { AUDIENCES, REPORT_LANGUAGES, renderReport } from '../src/index.js';
import { GOLDEN_DIR, GOLDEN_SECRET, LETTER_DATASET, letterDataset } from './helpers.js';

/**
 * Golden files: the coalition-letter example dataset in every text format x audience x language. A reviewer
 * reads them like real reports. `UPDATE_GOLDEN=1` rewrites them; otherwise any difference fails.
 */
const FORMATS: [ReportFormat, string][] = [
  ['markdown', 'md'],
  ['html', 'html'],
  ['csv', 'csv'],
  ['json', 'json'],
  ['stix', 'stix.json'],
  ['misp', 'misp.json'],
];

const update = process.env.UPDATE_GOLDEN === '1';

// The example dataset belongs to @vigil/core and may be refined; the golden files record the hash of the
// dataset they were made from, and are compared only while it is unchanged (else: a warning to regenerate).
const datasetHash = createHash('sha256').update(readFileSync(LETTER_DATASET)).digest('hex');
const hashFile = join(GOLDEN_DIR, 'letter.dataset.sha256');
if (update) writeFileSync(hashFile, `${datasetHash}\n`);
const recorded = existsSync(hashFile) ? readFileSync(hashFile, 'utf8').trim() : '';
const stale = recorded !== datasetHash;
if (stale) {
  console.warn(
    '[report] examples/coalition-letter/dataset.json changed since the golden files were made: golden comparison skipped; run UPDATE_GOLDEN=1 and review the diff',
  );
}

describe.skipIf(stale)('golden files of the coalition-letter dataset', () => {
  const dataset = letterDataset();
  for (const audience of AUDIENCES) {
    for (const lang of REPORT_LANGUAGES as readonly ReportLanguage[]) {
      it(`${audience} / ${lang}`, async () => {
        for (const [format, ext] of FORMATS) {
          const report = await renderReport(dataset, {
            audience,
            format,
            lang,
            secret: GOLDEN_SECRET,
            person: 'person--daniel-nemeth',
            date: '2021-09-30',
          });
          const file = join(GOLDEN_DIR, `letter.${audience}.${lang}.${ext}`);
          const content = report.content as string;
          if (update || !existsSync(file)) {
            if (!update)
              throw new Error(`Missing golden file ${file}; run with UPDATE_GOLDEN=1 and review it`);
            mkdirSync(GOLDEN_DIR, { recursive: true });
            writeFileSync(file, content);
          }
          expect(content, `${file} differs; review and run with UPDATE_GOLDEN=1`).toBe(
            readFileSync(file, 'utf8'),
          );
        }
      });
    }
  }
});
