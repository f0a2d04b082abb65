/**
 * Fuzzing the MVT-style feed index reader (`parseFeedIndex`): generated indexes with entries of every
 * type (download, github, unknown), wrong field types, hostile names and URLs (path traversal, CR/LF,
 * non-http schemes), plus mutated YAML text.
 *
 * Properties: throws only `VigilError` `INVALID_INPUT` (for text that is not an index at all); every entry
 * becomes a source or an issue with a path to it (nothing dropped silently); every source URL is http(s).
 *
 * `FUZZ_RUNS` sets the number of runs (default 200; see docs/fuzzing.md).
 */
import { isVigilError } from '@vigil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseFeedIndex } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const opts = { numRuns: RUNS, ...SEED };

const hostile = fc.constantFrom(
  '../../etc/passwd',
  '..\\..\\x',
  '/etc/passwd',
  'a\r\nX-Injected: 1',
  '\u0000',
  '',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'ftp://feeds.example/x',
  'https://feeds.example/../../x.stix2',
  'https://feeds.example/%2e%2e/x.yaml',
  'x'.repeat(3000),
);
const text = fc.oneof(fc.string({ maxLength: 20 }), hostile);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.constant(null),
  fc.array(text, { maxLength: 2 }),
  fc.boolean(),
);
const entry = fc.oneof(
  fc.record(
    {
      type: fc.constant('download'),
      name: fc.oneof(text, anyValue),
      download_url: fc.oneof(
        fc.constantFrom('https://feeds.example/a.stix2', 'http://feeds.example/b.yaml'),
        hostile,
        anyValue,
      ),
      source: fc.array(text, { maxLength: 2 }),
      reference: fc.oneof(text, anyValue),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('github'),
      name: text,
      github: fc.record(
        {
          owner: fc.oneof(fc.constantFrom('owner', 'AmnestyTech'), hostile, anyValue),
          repo: fc.oneof(fc.constantFrom('repo', 'investigations'), hostile, anyValue),
          branch: fc.oneof(fc.constantFrom('main', 'master'), hostile, anyValue),
          path: fc.oneof(fc.constantFrom('x/y.stix2', 'a.yaml'), hostile, anyValue),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.oneof(text, anyValue), name: text }, { requiredKeys: [] }),
  anyValue,
);
const index = fc.array(entry, { maxLength: 12 });

describe('parseFeedIndex (fuzz)', () => {
  it('accounts for every entry: a source or an issue pointing at it; sources are http(s) URLs', () => {
    fc.assert(
      fc.property(index, (entries) => {
        const result = parseFeedIndex(stringify({ indicators: entries }));
        expect(
          result.sources.length + new Set(result.issues.map((i) => i.path[1])).size,
        ).toBeGreaterThanOrEqual(entries.length);
        for (const issue of result.issues) {
          expect(['INVALID_ENTRY', 'UNSUPPORTED_ENTRY_TYPE']).toContain(issue.code);
          expect(issue.path[0]).toBe('indicators');
          expect(issue.path[1]).toBeLessThan(entries.length);
        }
        for (const source of result.sources) {
          const url = new URL(source.url);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(source.url).not.toMatch(/[\r\n]/);
          expect(source.url.includes('\u0000')).toBe(false);
        }
      }),
      opts,
    );
  });

  it('throws nothing but VigilError INVALID_INPUT on mutated or random text', () => {
    const base = stringify({
      indicators: [
        { type: 'download', name: 'a', download_url: 'https://feeds.example/a.stix2' },
        { type: 'github', name: 'b', github: { owner: 'o', repo: 'r', branch: 'main', path: 'p/b.yaml' } },
      ],
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc
            .tuple(fc.nat(base.length), fc.nat(30), fc.string({ maxLength: 6 }))
            .map(([at, cut, ins]) => base.slice(0, at) + ins + base.slice(at + cut)),
          fc.constantFrom(
            'indicators: *a',
            '&a [*a]',
            `indicators:\n${'  - '.repeat(2000)}x`,
            'indicators: !!binary x',
          ),
        ),
        (input) => {
          try {
            parseFeedIndex(input);
          } catch (error) {
            expect(isVigilError(error), String(error)).toBe(true);
            expect((error as { code?: string }).code).toBe('INVALID_INPUT');
          }
        },
      ),
      opts,
    );
  });
});
