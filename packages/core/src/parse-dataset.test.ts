import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { isVigilError } from './errors.js';
import { deepFreeze, sampleDataset } from './internal/fixtures.js';
import type { Issue } from './issue.js';
import { parseDataset, safeParseDataset } from './parse-dataset.js';

function issuesOf(input: unknown): Issue[] {
  const result = safeParseDataset(input);
  expect(result.success).toBe(false);
  return result.issues;
}

describe('safeParseDataset', () => {
  it('accepts the sample dataset as an object and as JSON text, with defaults applied', () => {
    const result = safeParseDataset(JSON.stringify(sampleDataset()));
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.data.persons).toHaveLength(3);
    expect(result.issues).toEqual([]);
    const minimal = safeParseDataset({
      schemaVersion: '1.0',
      id: 'dataset--m',
      title: 'M',
      marking: { tlp: 'clear' },
    });
    expect(minimal.success && minimal.data.findings).toEqual([]);
  });

  it('reports malformed JSON as INVALID_JSON with a position', () => {
    const text = '{\n  "schemaVersion": "1.0",\n  "id": }';
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue?.code).toBe('INVALID_JSON');
    expect(issue?.path).toEqual([]);
    expect(issue?.position).toEqual({ offset: text.indexOf('}'), line: 3, column: 9 });
    expect(issue?.message).toMatch(/line 3, column 9/);
  });

  it('accepts a UTF-8 byte-order mark before the JSON', () => {
    expect(safeParseDataset(`\uFEFF${JSON.stringify(sampleDataset())}`).success).toBe(true);
  });

  it('reports truncated JSON at its end', () => {
    const [issue] = issuesOf('{"schemaVersion": "1.0"');
    expect(issue?.code).toBe('INVALID_JSON');
    expect(issue?.position?.offset).toBe('{"schemaVersion": "1.0"'.length);
  });

  it('reports an unknown enum value with its path', () => {
    const input = sampleDataset();
    (input.marking as { tlp: string }).tlp = 'purple';
    (input.findings?.[0] as { outcome: string }).outcome = 'clean';
    const issues = issuesOf(input);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_value', ['marking', 'tlp']],
      ['invalid_value', ['findings', 0, 'outcome']],
    ]);
  });

  it('reports unknown keys, wrong types and a wrong schema version', () => {
    const input = {
      ...sampleDataset(),
      schemaVersion: '2.0',
      extra: true,
      persons: [{ id: 'person--x', pseudonym: 7 }],
    };
    const issues = issuesOf(input);
    const codes = issues.map((i) => `${i.code}@${i.path.join('.')}`);
    expect(codes).toContain('invalid_value@schemaVersion');
    expect(codes).toContain('unrecognized_keys@');
    expect(codes).toContain('invalid_type@persons.0.pseudonym');
    expect(codes).toContain('invalid_type@persons.0.consent');
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('reports an unknown basis kind inside the discriminated union', () => {
    const input = sampleDataset();
    input.targeting?.[0]?.bases.splice(0, 1, { kind: 'rumour' } as never);
    const issues = issuesOf(input);
    expect(issues[0]?.path).toEqual(['targeting', 0, 'bases', 0, 'kind']);
  });

  it('fails on integrity errors even when the schema passes', () => {
    const input = sampleDataset();
    input.reviews = [
      { id: 'review--r1', finding: 'finding--nope', reviewer: 'organization--lab-b', outcome: 'confirmed' },
    ];
    const issues = issuesOf(input);
    expect(
      issues.some((i) => i.code === 'DANGLING_REFERENCE' && i.path.join('.') === 'reviews.0.finding'),
    ).toBe(true);
  });

  it('returns warnings with a successful result', () => {
    const input = sampleDataset();
    input.reviews?.push({
      id: 'review--r2',
      finding: 'finding--f1',
      reviewer: 'organization--vendor',
      outcome: 'disputed',
    });
    const result = safeParseDataset(input);
    expect(result.success).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['FINDING_CONTESTED', 'warning']]);
  });

  it('never mutates its input (deep-frozen input parses, and equals its copy afterwards)', () => {
    const input = deepFreeze(sampleDataset());
    const copy = structuredClone(input);
    const result = safeParseDataset(input);
    expect(result.success).toBe(true);
    expect(input).toEqual(copy);
    if (result.success) {
      result.data.persons.push({
        id: 'person--z',
        pseudonym: 'Z',
        roles: [],
        consent: { status: 'unknown' },
      });
      expect(input.persons).toHaveLength(3);
    }
    const partial = deepFreeze({
      schemaVersion: '1.0',
      id: 'dataset--m',
      title: 'M',
      marking: { tlp: 'clear' },
    });
    expect(safeParseDataset(partial).success).toBe(true);
    expect(partial).not.toHaveProperty('persons');
  });

  it('reads non-JSON inputs as issues, not exceptions', () => {
    for (const input of [undefined, null, 42, [], 'null', '', '[]', Symbol('x'), () => 1]) {
      const result = safeParseDataset(input);
      expect(result.success).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) expect(typeof issue.code).toBe('string');
    }
  });

  it('turns a throwing getter into an issue', () => {
    const input = sampleDataset() as Record<string, unknown>;
    Object.defineProperty(input, 'persons', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = safeParseDataset(input);
    expect(result.success).toBe(false);
    expect(result.issues[0]?.code).toBe('UNREADABLE_INPUT');
  });

  it('property: random JSON values and texts never throw and always give typed issues', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json()), (input) => {
        const result = safeParseDataset(input);
        if (!result.success) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(typeof issue.code).toBe('string');
            expect(Array.isArray(issue.path)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: random mutations of a valid dataset never throw', () => {
    const base = JSON.stringify(sampleDataset());
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
        const text = base.slice(0, at) + insert + base.slice(at + 1);
        const result = safeParseDataset(text);
        for (const issue of result.issues)
          expect(issue.severity === 'error' || issue.severity === 'warning').toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDataset', () => {
  it('returns the dataset', () => {
    expect(parseDataset(sampleDataset()).id).toBe('dataset--sample');
  });

  it('throws a DatasetError (a VigilError, code INVALID_DATASET) carrying the issues', () => {
    let caught: unknown;
    try {
      parseDataset('{');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatasetError);
    expect(isVigilError(caught)).toBe(true);
    const error = caught as DatasetError;
    expect(error.code).toBe('INVALID_DATASET');
    expect(error.issues[0]?.code).toBe('INVALID_JSON');
    expect(error.message).toMatch(/INVALID_JSON/);
  });
});
