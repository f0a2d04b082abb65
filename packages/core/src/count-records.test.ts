import { describe, expect, it } from 'vitest';
import { countRecords } from './count-records.js';
import { DatasetSchema } from './dataset.js';
import { sampleDataset } from './internal/fixtures.js';

const dataset = () => DatasetSchema.parse(sampleDataset());

describe('countRecords', () => {
  it('counts by role, a group counting as its size', () => {
    expect(countRecords(dataset(), { by: 'role' })).toEqual([
      { key: 'government-official', count: 5, records: ['person--group'] },
      { key: 'journalist', count: 1, records: ['person--alpha'] },
      { key: 'lawyer', count: 1, records: ['person--beta'] },
    ]);
  });

  it('counts by country, with unknown for people without one', () => {
    expect(countRecords(dataset(), { by: 'country' }).map((r) => [r.key, r.count])).toEqual([
      ['unknown', 5],
      ['FR', 1],
      ['HU', 1],
    ]);
  });

  it('counts by derived level in ladder order, and filters by a minimum level', () => {
    expect(countRecords(dataset(), { by: 'level' }).map((r) => [r.key, r.count])).toEqual([
      ['listed', 5],
      ['targeted', 1],
      ['independently-confirmed', 1],
    ]);
    expect(countRecords(dataset(), { by: 'role', minLevel: 'targeted' }).map((r) => r.key)).toEqual([
      'journalist',
      'lawyer',
    ]);
    expect(countRecords(dataset(), { by: 'role', minLevel: 'infected' }).map((r) => r.key)).toEqual([
      'journalist',
    ]);
  });

  it('counts by year of the earliest dated evidence', () => {
    const input = sampleDataset();
    input.targeting?.[1]?.bases.push({ kind: 'attempt', event: 'event--attempt' });
    expect(countRecords(DatasetSchema.parse(input), { by: 'year' }).map((r) => [r.key, r.count])).toEqual([
      ['2020', 1],
      ['2021', 1],
      ['undated', 5],
    ]);
  });
});
