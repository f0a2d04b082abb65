/**
 * Fuzzing dataset parsing (`safeParseDataset`, `parseDataset`) with structure-aware mutations of real
 * datasets (the coalition-letter example and a small case with every kind of marking): keys deleted,
 * values replaced by random JSON, hostile strings, duplicated records (duplicate ids), dangling
 * references, `__proto__` keys, deep nesting; and with mutated JSON text.
 *
 * Properties: never throws; never reports an internal failure (`UNREADABLE_INPUT`) for plain JSON input;
 * never mutates its input (deeply frozen); every issue is well-formed and its path leads into the input;
 * a success re-parses to the same data (also from its JSON text); `parseDataset` throws only a
 * `DatasetError` with the same issues.
 *
 * `FUZZ_RUNS` sets the number of runs (default 200; see docs/fuzzing.md).
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError, isVigilError, parseDataset, safeParseDataset } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const opts = { numRuns: RUNS, ...SEED };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const letter = JSON.parse(
  readFileSync(new URL('../../../examples/coalition-letter/dataset.json', import.meta.url), 'utf8'),
) as Json;

/** A small made-up case (reserved names only) using markings, audiences, references and evidence. */
const small: Json = {
  schemaVersion: '1.0',
  id: 'dataset--fuzz',
  title: 'Fuzz case',
  marking: { tlp: 'amber' },
  organizations: [
    { id: 'organization--lab', name: 'Example Lab', kind: 'forensic-lab', country: 'CA' },
    { id: 'organization--ngo', name: 'Example NGO', kind: 'ngo' },
  ],
  sources: [{ id: 'source--leak', kind: 'leaked-dataset', title: 'A made-up leaked list', reliability: 'C' }],
  persons: [
    {
      id: 'person--a',
      pseudonym: 'Journalist A',
      realName: 'Alex Example',
      roles: ['journalist'],
      location: { country: 'HU', city: 'Budapest' },
      consent: { status: 'given' },
    },
    {
      id: 'person--b',
      pseudonym: 'Source B',
      roles: [],
      nationality: ['PL'],
      consent: { status: 'unknown' },
      marking: { tlp: 'red', audience: ['organization--ngo'] },
    },
  ],
  targeting: [
    {
      id: 'targeting--t1',
      person: 'person--a',
      claimedLevel: 'listed',
      bases: [{ kind: 'listed', source: 'source--leak' }],
    },
  ],
};

const BASES: Json[] = [letter, small];
for (const base of BASES) {
  // The fuzz starts from valid datasets, or it would only test the first error.
  if (!safeParseDataset(base).success) throw new Error('a base dataset of the fuzz test is not valid');
}

/** Every path in a JSON value (root included), depth-first. */
function paths(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function at(value: unknown, path: readonly (string | number)[]): { found: boolean; value: unknown } {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v as object, key))
      return { found: false, value: undefined };
    v = (v as Record<string | number, unknown>)[key];
  }
  return { found: true, value: v };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const hostile = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e evil',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  'person--does-not-exist',
  'organization--nobody',
  'dataset--x',
  '2026-02-30',
  '9999-99-99T99:99:99Z',
  'x'.repeat(10_000),
  '__proto__',
);
const OPS = ['delete', 'replace', 'hostile', 'duplicate', 'proto', 'nest', 'swap-type'] as const;
const mutation = fc.record({
  base: fc.nat(BASES.length - 1),
  node: fc.nat(),
  op: fc.constantFrom(...OPS),
  json: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  text: hostile,
});
const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

/** Applies mutations to a copy of a base dataset. */
type Mutation = { base: number; node: number; op: (typeof OPS)[number]; json: Json; text: string };
function mutate(ms: readonly Mutation[]): Json {
  const first = ms[0] as (typeof ms)[number];
  let doc = structuredClone(BASES[first.base] as Json);
  for (const m of ms) {
    const all = paths(doc);
    const path = all[m.node % all.length] as (string | number)[];
    if (path.length === 0) {
      if (m.op === 'nest') doc = [doc];
      else if (m.op === 'replace') doc = m.json;
      continue;
    }
    const parent = at(doc, path.slice(0, -1)).value as Record<string | number, Json> | Json[];
    const key = path[path.length - 1] as string | number;
    const current = (parent as Record<string | number, Json>)[key] as Json;
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 'replace':
        (parent as Record<string | number, Json>)[key] = m.json;
        break;
      case 'hostile':
        (parent as Record<string | number, Json>)[key] = m.text;
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current));
        else if (Array.isArray(current) && current.length > 0)
          current.push(structuredClone(current[0] as Json));
        break;
      case 'proto':
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
          (parent as Record<string | number, Json>)[key] = JSON.parse(
            `{"__proto__": {"polluted": true}, ${JSON.stringify(current).slice(1)}`.replace(', }', '}'),
          ) as Json;
        }
        break;
      case 'nest': {
        let v: Json = current;
        for (let i = 0; i < 200; i++) v = [v];
        (parent as Record<string | number, Json>)[key] = v;
        break;
      }
      case 'swap-type':
        (parent as Record<string | number, Json>)[key] =
          typeof current === 'string'
            ? 1
            : typeof current === 'number'
              ? String(current)
              : Array.isArray(current)
                ? {}
                : [];
        break;
    }
  }
  return doc;
}

function expectWellFormedIssues(result: ReturnType<typeof safeParseDataset>, input: unknown): void {
  if (!result.success) expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
  for (const issue of result.issues) {
    expect(issue.code).toMatch(/^[A-Za-z_]+$/);
    expect(issue.code, issue.message).not.toBe('UNREADABLE_INPUT');
    expect(['error', 'warning']).toContain(issue.severity);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(Array.isArray(issue.path)).toBe(true);
    for (const key of issue.path) expect(['string', 'number']).toContain(typeof key);
    if (typeof input === 'object' && input !== null) {
      // The path leads into the input: every step but the last exists (the last may name a missing key).
      expect(at(input, issue.path.slice(0, -1)).found, `${issue.code} ${JSON.stringify(issue.path)}`).toBe(
        true,
      );
    }
  }
}

describe('safeParseDataset on mutated datasets (fuzz)', () => {
  it('never throws, never fails internally, never mutates its input; issues are well-formed and point into the input', () => {
    let failures = 0;
    fc.assert(
      fc.property(mutations, (ms) => {
        const input = deepFreeze(mutate(ms));
        const before = JSON.stringify(input);
        const result = safeParseDataset(input);
        expect(JSON.stringify(input)).toBe(before);
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        expectWellFormedIssues(result, input);
        if (!result.success) failures++;
      }),
      opts,
    );
    // Not vacuous: most mutations break the dataset.
    expect(failures).toBeGreaterThan(0);
  });

  it('a success re-parses to the same data, from the value and from its JSON text; parseDataset agrees', () => {
    fc.assert(
      fc.property(mutations, (ms) => {
        const input = mutate(ms);
        const result = safeParseDataset(input);
        let thrown: unknown;
        try {
          parseDataset(input);
        } catch (error) {
          thrown = error;
        }
        if (result.success) {
          expect(thrown).toBeUndefined();
          const again = safeParseDataset(result.data);
          expect(again.success).toBe(true);
          if (again.success) expect(again.data).toEqual(result.data);
          const fromText = safeParseDataset(JSON.stringify(result.data));
          expect(fromText.success).toBe(true);
          if (fromText.success) expect(fromText.data).toEqual(result.data);
        } else {
          expect(thrown).toBeInstanceOf(DatasetError);
          expect(isVigilError(thrown)).toBe(true);
          expect((thrown as DatasetError).issues).toEqual(result.issues);
        }
      }),
      opts,
    );
  });

  it('on mutated JSON text: never throws; malformed JSON is INVALID_JSON with a position inside the text', () => {
    const texts = BASES.map((b) => JSON.stringify(b, null, 1));
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(),
        fc.nat(40),
        fc.string({ unit: 'binary', maxLength: 4 }),
        (which, pos, cut, insert) => {
          const base = texts[which] as string;
          const i = pos % (base.length + 1);
          const text = base.slice(0, i) + insert + base.slice(Math.min(base.length, i + cut));
          const result = safeParseDataset(text);
          expectWellFormedIssues(result, text);
          for (const issue of result.issues) {
            if (issue.code !== 'INVALID_JSON') continue;
            expect(issue.position).toBeDefined();
            expect(issue.position?.offset).toBeGreaterThanOrEqual(0);
            expect(issue.position?.offset).toBeLessThanOrEqual(text.length);
            expect(issue.position?.line).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      opts,
    );
  });

  it('refuses 100k-deep nesting, as a value or as text, with typed issues', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const text of [
      deep,
      `{"schemaVersion":"1.0","id":"dataset--d","title":${deep},"marking":{"tlp":"clear"}}`,
    ]) {
      const result = safeParseDataset(text);
      expect(result.success).toBe(false);
      expectWellFormedIssues(result, text);
    }
    let value: unknown = 'x';
    for (let i = 0; i < 100_000; i++) value = [value];
    const result = safeParseDataset({
      schemaVersion: '1.0',
      id: 'dataset--d',
      title: 'D',
      marking: { tlp: 'clear' },
      persons: value,
    });
    expect(result.success).toBe(false);
    expectWellFormedIssues(result, undefined);
  });
});
