import { describe, expect, it } from 'vitest';
import { effectiveMarking, isSensitiveField } from './effective-marking.js';

describe('effectiveMarking', () => {
  it('takes the stricter level', () => {
    expect(effectiveMarking({ marking: { tlp: 'green' } }, { marking: { tlp: 'clear' } })).toEqual({
      tlp: 'green',
    });
    expect(effectiveMarking({ marking: { tlp: 'green' } }, { marking: { tlp: 'amber+strict' } })).toEqual({
      tlp: 'amber+strict',
    });
    expect(effectiveMarking({ marking: { tlp: 'red', audience: ['organization--a'] } }, {})).toEqual({
      tlp: 'red',
      audience: ['organization--a'],
    });
  });

  it('intersects audiences at equal levels and unions sensitive fields', () => {
    expect(
      effectiveMarking(
        {
          marking: {
            tlp: 'red',
            audience: ['organization--a', 'organization--b'],
            sensitiveFields: ['notes'],
          },
        },
        {
          marking: {
            tlp: 'red',
            audience: ['organization--b', 'organization--c'],
            sensitiveFields: ['label'],
          },
        },
      ),
    ).toEqual({ tlp: 'red', audience: ['organization--b'], sensitiveFields: ['notes', 'label'] });
  });

  it('keeps the stricter side’s audience when levels differ', () => {
    expect(
      effectiveMarking(
        { marking: { tlp: 'amber', audience: ['organization--a'] } },
        { marking: { tlp: 'red', audience: ['organization--b'] } },
      ).audience,
    ).toEqual(['organization--b']);
  });

  it('returns a copy', () => {
    const dataset = { marking: { tlp: 'amber' as const, audience: ['organization--a'] } };
    const marking = effectiveMarking(dataset);
    marking.audience?.push('organization--x');
    expect(dataset.marking.audience).toEqual(['organization--a']);
  });
});

describe('isSensitiveField', () => {
  it('knows the model’s sensitive fields and a marking’s additions', () => {
    expect(isSensitiveField('persons', 'realName')).toBe(true);
    expect(isSensitiveField('identifiers', 'value')).toBe(true);
    expect(isSensitiveField('devices', 'serial')).toBe(true);
    expect(isSensitiveField('persons', 'pseudonym')).toBe(false);
    expect(
      isSensitiveField('harms', 'description', {
        marking: { tlp: 'amber', sensitiveFields: ['description'] },
      }),
    ).toBe(true);
  });
});
