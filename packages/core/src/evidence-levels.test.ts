import { describe, expect, it } from 'vitest';
import type { DatasetInput } from './dataset.js';
import { DatasetSchema } from './dataset.js';
import { evidenceLevelOf, evidenceLevels } from './evidence-levels.js';
import { sampleDataset } from './internal/fixtures.js';

function levels(edit: (input: DatasetInput) => void = () => {}): Record<string, string> {
  const input = sampleDataset();
  edit(input);
  return Object.fromEntries(evidenceLevels(DatasetSchema.parse(input)));
}

describe('evidenceLevels', () => {
  it('derives each rung from typed evidence', () => {
    expect(levels()).toEqual({
      'person--alpha': 'independently-confirmed',
      'person--beta': 'targeted',
      'person--group': 'listed',
    });
  });

  it('ignores claimedLevel: removing the evidence removes the level', () => {
    expect(
      levels((d) => {
        d.reviews = [];
      })['person--alpha'],
    ).toBe('infected');
    expect(
      levels((d) => {
        d.targeting = d.targeting?.filter((t) => t.id !== 'targeting--group');
      }),
    ).not.toHaveProperty('person--group');
  });

  it('does not count a confirmation by the same organisation', () => {
    expect(
      levels((d) => {
        if (d.reviews?.[0]) d.reviews[0].reviewer = 'organization--lab-a';
      })['person--alpha'],
    ).toBe('infected');
  });

  it('does not confirm a finding that another organisation refutes', () => {
    expect(
      levels((d) => {
        d.reviews?.push({
          id: 'review--r2',
          finding: 'finding--f1',
          reviewer: 'organization--vendor',
          outcome: 'refuted',
        });
      })['person--alpha'],
    ).toBe('infected');
  });

  it('maps finding outcomes: attempted → targeted, inconclusive and no-evidence-found → nothing', () => {
    for (const [outcome, expected] of [
      ['attempted', 'targeted'],
      ['inconclusive', undefined],
      ['no-evidence-found', undefined],
    ] as const) {
      const result = levels((d) => {
        if (d.findings?.[0]) d.findings[0].outcome = outcome;
        if (d.targeting?.[0]) delete d.targeting[0].claimedLevel;
      });
      expect(result['person--alpha']).toBe(expected);
    }
  });

  it('reaches a device through the finding’s evidence items', () => {
    expect(
      levels((d) => {
        if (d.findings?.[0]) delete d.findings[0].device;
      })['person--alpha'],
    ).toBe('independently-confirmed');
  });

  it('gives nothing for a finding on another person’s device', () => {
    expect(
      levels((d) => {
        if (d.devices?.[0]) d.devices[0].user = 'person--beta';
      }),
    ).not.toHaveProperty('person--alpha');
  });

  it('keeps the highest rung over several assessments', () => {
    expect(
      levels((d) => {
        d.targeting?.push({
          id: 'targeting--alpha-2',
          person: 'person--alpha',
          bases: [{ kind: 'listed', source: 'source--leak' }],
        });
      })['person--alpha'],
    ).toBe('independently-confirmed');
  });

  it('answers for one person', () => {
    const dataset = DatasetSchema.parse(sampleDataset());
    expect(evidenceLevelOf(dataset, 'person--beta')).toBe('targeted');
    expect(evidenceLevelOf(dataset, 'person--nobody')).toBeUndefined();
  });
});
