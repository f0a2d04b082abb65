import { describe, expect, it } from 'vitest';
import { DatasetSchema } from './dataset.js';
import { formatDatasetSummary } from './format-dataset-summary.js';
import { sampleDataset } from './internal/fixtures.js';
import { summarizeDataset } from './summarize-dataset.js';

describe('summarizeDataset and formatDatasetSummary', () => {
  it('summarises by pseudonym and counts records per collection', () => {
    const summary = summarizeDataset(DatasetSchema.parse(sampleDataset()));
    expect(summary.records.persons).toBe(3);
    expect(summary.records.findings).toBe(2);
    expect(summary.people).toBe(7);
    expect(summary.levels).toEqual([
      { person: 'person--alpha', pseudonym: 'Journalist A', level: 'independently-confirmed' },
      { person: 'person--beta', pseudonym: 'Lawyer B', level: 'targeted' },
      { person: 'person--group', pseudonym: 'Five officials', level: 'listed', groupSize: 5 },
    ]);
    const text = formatDatasetSummary(summary);
    expect(text).toContain('independently-confirmed  Journalist A');
    expect(text).toContain('Five officials (group of 5)');
    expect(text).not.toContain('Alpha Example');
  });
});
