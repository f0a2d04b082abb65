import { describe, expect, it } from 'vitest';
import { DatasetSchema } from './dataset.js';
import { sampleDataset } from './internal/fixtures.js';
import { reconcileAggregateClaims } from './reconcile-aggregate-claims.js';

describe('reconcileAggregateClaims', () => {
  it('puts the stated figure next to the records, with secondary counts', () => {
    const [row] = reconcileAggregateClaims(DatasetSchema.parse(sampleDataset()));
    expect(row).toMatchObject({
      claim: 'claim--journalists',
      stated: { n: 10, qualifier: 'at-least', unit: 'persons' },
      computed: 1,
      status: 'subset',
      records: ['person--alpha'],
      secondary: [{ stated: { n: 3, unit: 'countries' }, computed: 1, status: 'subset' }],
    });
    expect(row?.note).toMatch(/Records show 1 persons where the source states at least 10/);
  });

  it('flags records that exceed an exact figure, and accepts more than an at-least figure', () => {
    const input = sampleDataset();
    input.aggregateClaims = [
      { id: 'claim--exact', statement: 'people', count: { n: 2, qualifier: 'exact', unit: 'persons' } },
      { id: 'claim--floor', statement: 'people', count: { n: 2, qualifier: 'at-least', unit: 'persons' } },
      {
        id: 'claim--members',
        statement: 'two named',
        count: { n: 2, qualifier: 'exact', unit: 'persons' },
        members: ['person--alpha', 'person--beta'],
      },
      {
        id: 'claim--numbers',
        statement: 'leaked numbers',
        count: { n: 100, qualifier: 'approximately', unit: 'phone-numbers' },
      },
    ];
    const rows = Object.fromEntries(
      reconcileAggregateClaims(DatasetSchema.parse(input)).map((r) => [r.claim, r]),
    );
    expect(rows['claim--exact']).toMatchObject({ computed: 7, status: 'exceeds' });
    expect(rows['claim--floor']).toMatchObject({ computed: 7, status: 'matches' });
    expect(rows['claim--members']).toMatchObject({ computed: 2, status: 'matches' });
    expect(rows['claim--numbers']).toMatchObject({
      computed: 1,
      status: 'subset',
      records: ['identifier--n1'],
    });
  });
});
