import { describe, expect, it } from 'vitest';
import { checkDataset } from './check-dataset.js';
import type { Dataset, DatasetInput } from './dataset.js';
import { DatasetSchema } from './dataset.js';
import { sampleDataset } from './internal/fixtures.js';
import { safeParseDataset } from './parse-dataset.js';

function check(edit: (input: DatasetInput) => void): { code: string; path: string; severity: string }[] {
  const input = sampleDataset();
  edit(input);
  const dataset: Dataset = DatasetSchema.parse(input);
  return checkDataset(dataset).map((i) => ({ code: i.code, path: i.path.join('.'), severity: i.severity }));
}

describe('checkDataset', () => {
  it('finds nothing wrong in the sample', () => {
    expect(check(() => {})).toEqual([]);
  });

  it('reports a dangling reference with its path', () => {
    expect(
      check((d) => {
        if (d.devices?.[0]) d.devices[0].user = 'person--ghost';
      }),
    ).toContainEqual({ code: 'DANGLING_REFERENCE', path: 'devices.0.user', severity: 'error' });
  });

  it('reports a reference into the wrong collection', () => {
    const issues = check((d) => {
      if (d.reviews?.[0]) d.reviews[0].reviewer = 'person--beta';
    });
    expect(issues).toContainEqual({
      code: 'DANGLING_REFERENCE',
      path: 'reviews.0.reviewer',
      severity: 'error',
    });
  });

  it('reports dangling marking audiences and citation sources', () => {
    const issues = check((d) => {
      d.marking.audience = ['organization--nobody'];
      if (d.persons?.[1]) d.persons[1].citations = [{ source: 'source--missing', paragraph: 1 }];
    });
    expect(issues).toContainEqual({
      code: 'DANGLING_REFERENCE',
      path: 'marking.audience.0',
      severity: 'error',
    });
    expect(issues).toContainEqual({
      code: 'DANGLING_REFERENCE',
      path: 'persons.1.citations.0.source',
      severity: 'error',
    });
  });

  it('reports duplicate ids, across collections too', () => {
    const issues = check((d) => {
      d.products?.push({ id: 'person--alpha', name: 'Clash', kind: 'spyware' });
    });
    expect(issues).toContainEqual({ code: 'DUPLICATE_ID', path: 'products.1.id', severity: 'error' });
  });

  it.each([
    ['month 13', '2021-13', 'harms.0.when.start.value'],
    ['30 February', '2021-02-30', 'harms.0.when.start.value'],
    ['29 February of a common year', '2021-02-29', 'harms.0.when.start.value'],
    ['hour 25', '2021-02-01T25:00:00Z', 'harms.0.when.start.value'],
  ])('reports an impossible date (%s)', (_name, value, path) => {
    const issues = check((d) => {
      if (d.harms?.[0]) d.harms[0].when = { start: { value } };
    });
    expect(issues).toContainEqual({ code: 'INVALID_DATE', path, severity: 'error' });
  });

  it('does not mistake other values for dates (a match whose only field is a value)', () => {
    expect(
      check((d) => {
        if (d.findings?.[0]) d.findings[0].matches = [{ value: '2021-13' }];
      }),
    ).toEqual([]);
  });

  it('checks dates wherever the model holds them (sources, reviews, exploits, consent)', () => {
    const issues = check((d) => {
      if (d.sources?.[1]) d.sources[1].date = { value: '2021-02-30' };
      if (d.reviews?.[0]) d.reviews[0].at = { value: '2021-00' };
      if (d.exploits?.[0]) d.exploits[0].firstSeen = { value: '2019-04-31' };
    });
    // In collection order: exploits, reviews, sources.
    expect(issues.map((i) => i.path)).toEqual([
      'exploits.0.firstSeen.value',
      'reviews.0.at.value',
      'sources.1.date.value',
    ]);
  });

  it('accepts 29 February of a leap year', () => {
    expect(
      check((d) => {
        if (d.harms?.[0]) d.harms[0].when = { start: { value: '2020-02-29' } };
      }),
    ).toEqual([]);
  });

  it('reports a period that ends before it starts, and identifier links that end before they start', () => {
    const issues = check((d) => {
      if (d.events?.[0]) d.events[0].when = { start: { value: '2021-05' }, end: { value: '2021-04-30' } };
      const link = d.identifiers?.[0]?.links?.[0];
      if (link) link.to = { value: '2018' };
    });
    expect(issues).toContainEqual({ code: 'INVALID_DATE', path: 'events.0.when.end', severity: 'error' });
    expect(issues).toContainEqual({
      code: 'INVALID_DATE',
      path: 'identifiers.0.links.0.to',
      severity: 'error',
    });
  });

  it('accepts a same-month range at different precisions', () => {
    expect(
      check((d) => {
        if (d.events?.[0]) d.events[0].when = { start: { value: '2021-05' }, end: { value: '2021-05-01' } };
      }),
    ).toEqual([]);
  });

  it('reports an impossible custody timestamp (the schema already rejects it, with its path)', () => {
    const input = sampleDataset();
    const custody = input.evidence?.[0]?.custody?.[0];
    if (custody) custody.at = '2021-02-30T10:00:00Z';
    const result = safeParseDataset(input);
    expect(result.success).toBe(false);
    expect(result.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_format', 'evidence.0.custody.0.at'],
    ]);
  });

  it('reports a ladder claim above its evidence', () => {
    const issues = check((d) => {
      if (d.targeting?.[2]) d.targeting[2].claimedLevel = 'infected';
    });
    expect(issues).toEqual([
      { code: 'LEVEL_NOT_SUPPORTED', path: 'targeting.2.claimedLevel', severity: 'error' },
    ]);
  });

  it('does not let a self-review raise the level, and reports it as not independent', () => {
    const issues = check((d) => {
      if (d.reviews?.[0]) d.reviews[0].reviewer = 'organization--lab-a';
    });
    expect(issues).toEqual([
      { code: 'LEVEL_NOT_SUPPORTED', path: 'targeting.0.claimedLevel', severity: 'error' },
      { code: 'REVIEW_NOT_INDEPENDENT', path: 'reviews.0.reviewer', severity: 'error' },
    ]);
  });

  it('warns when a review cannot be shown independent (unknown performer)', () => {
    const issues = check((d) => {
      if (d.findings?.[0]) delete d.findings[0].performedBy;
      if (d.targeting?.[0]) d.targeting[0].claimedLevel = 'infected';
    });
    expect(issues).toEqual([
      { code: 'REVIEW_NOT_INDEPENDENT', path: 'reviews.0.reviewer', severity: 'warning' },
    ]);
  });

  it('reports a basis that does not hold (a finding on another person’s device)', () => {
    const issues = check((d) => {
      if (d.targeting?.[1]) d.targeting[1].bases = [{ kind: 'finding', finding: 'finding--f1' }];
    });
    expect(issues).toEqual([
      { code: 'BASIS_NOT_APPLICABLE', path: 'targeting.1.bases.0.finding', severity: 'error' },
      { code: 'LEVEL_NOT_SUPPORTED', path: 'targeting.1.claimedLevel', severity: 'error' },
    ]);
  });

  it('reports an attempt event the person is not part of, and an unlinked identifier', () => {
    const issues = check((d) => {
      if (d.targeting?.[0]) {
        d.targeting[0].bases = [
          { kind: 'attempt', event: 'event--attempt' },
          { kind: 'listed', identifier: 'identifier--n1' },
        ];
        delete d.targeting[0].claimedLevel;
      }
    });
    expect(issues).toEqual([
      { code: 'BASIS_NOT_APPLICABLE', path: 'targeting.0.bases.0.event', severity: 'error' },
      { code: 'BASIS_NOT_APPLICABLE', path: 'targeting.0.bases.1.identifier', severity: 'error' },
    ]);
  });

  it('reports a real name on a CLEAR record without consent, and accepts it with consent or a stricter marking', () => {
    const clear = (d: DatasetInput): void => {
      d.marking = { tlp: 'clear' };
    };
    expect(
      check((d) => {
        clear(d);
        if (d.persons?.[1]) d.persons[1].realName = 'Beta Example';
      }),
    ).toEqual([{ code: 'NAME_WITHOUT_CONSENT', path: 'persons.1.realName', severity: 'error' }]);
    // person--alpha has consent given with publish-name: fine at CLEAR.
    expect(check(clear)).toEqual([]);
    expect(
      check((d) => {
        clear(d);
        if (d.persons?.[1]) {
          d.persons[1].realName = 'Beta Example';
          d.persons[1].marking = { tlp: 'green' };
        }
      }),
    ).toEqual([]);
    // Consent given for litigation only does not allow publication.
    expect(
      check((d) => {
        clear(d);
        if (d.persons?.[0]) d.persons[0].consent = { status: 'given', scope: ['litigation'] };
      }),
    ).toEqual([{ code: 'NAME_WITHOUT_CONSENT', path: 'persons.0.realName', severity: 'error' }]);
    // A dataset that is AMBER makes every record at least AMBER.
    expect(
      check((d) => {
        if (d.persons?.[1]) d.persons[1].realName = 'Beta Example';
      }),
    ).toEqual([]);
  });

  it('warns when a real name is kept although consent was refused', () => {
    expect(
      check((d) => {
        if (d.persons?.[0]) d.persons[0].consent = { status: 'refused' };
      }),
    ).toEqual([{ code: 'NAME_CONSENT_REFUSED', path: 'persons.0.realName', severity: 'warning' }]);
  });

  it('warns about a group without a size', () => {
    expect(
      check((d) => {
        if (d.persons?.[2]) delete d.persons[2].groupSize;
      }),
    ).toEqual([{ code: 'GROUP_SIZE_MISSING', path: 'persons.2.groupSize', severity: 'warning' }]);
  });

  it('does not change the dataset', () => {
    const dataset = DatasetSchema.parse(sampleDataset());
    const before = structuredClone(dataset);
    checkDataset(dataset);
    expect(dataset).toEqual(before);
  });
});
