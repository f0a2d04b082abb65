/**
 * Fuzzing the STIX 2.1 bundle loader (`loadIndicators` / `loadStix`) with generated bundles: indicator
 * objects with patterns from a small grammar (simple comparisons the fast path reads, ORed observations,
 * AND, MATCHES, qualifiers, garbage), hostile strings in every field, wrong JSON types, unknown and
 * relationship objects, revoked and expired indicators, duplicate ids and mutated bytes.
 *
 * Properties: never throws; no silent drop (every indicator object gives indicators or a diagnostic that
 * names its id); every indicator has a non-empty normalised value, a type and provenance; text and bytes
 * give the same result; the input is not mutated; loading is deterministic.
 *
 * `FUZZ_RUNS` sets the number of runs (default 200; see docs/fuzzing.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATOR_TYPES, loadIndicators, loadStix } from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const opts = { numRuns: RUNS, ...SEED };

const hostile = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  'a'.repeat(5000),
  '\r\n',
  '{{7*7}}',
  '$' + '{x}',
  '__proto__',
  'constructor',
);
const domainValue = fc.oneof(
  fc.constantFrom(
    'c2.spyware.test',
    'evil.example',
    'EVIL.Example.',
    'bücher.example',
    'xn--bcher-kva.example',
    'ｅｘａｍｐｌｅ.test',
    '*.evil.example',
    'evil',
    '198.51.100.7',
    '',
    'a..b',
    'x'.repeat(300),
  ),
  fc
    .array(fc.constantFrom('a', 'b', 'evil', 'cdn', 'x-y'), { minLength: 2, maxLength: 4 })
    .map((l) => `${l.join('.')}.test`),
  hostile,
);
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const comparison = fc.oneof(
  domainValue.map((d) => `domain-name:value = ${quote(d)}`),
  domainValue.map((d) => `url:value = ${quote(`https://${d}/path?q=1`)}`),
  fc
    .constantFrom('198.51.100.7', '203.0.113.0/24', '2001:db8::/32', '999.1.1.1', 'x')
    .map((v) => `ipv4-addr:value = ${quote(v)}`),
  fc
    .constantFrom(
      'd41d8cd98f00b204e9800998ecf8427e',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'zz',
    )
    .map((h) => `file:hashes.'SHA-256' = ${quote(h)}`),
  fc.constantFrom('agent@evil.example', 'not-an-email').map((e) => `email-addr:value = ${quote(e)}`),
  fc.constantFrom('com.evil.app', '/private/var/evil', 'evil.exe').map((n) => `file:name = ${quote(n)}`),
  fc.constantFrom(
    "process:name = 'evild'",
    "domain-name:value MATCHES '^evil'",
    "domain-name:value LIKE '%.evil.test'",
    'x-custom:prop = 1',
    "domain-name:value != 'a.test'",
  ),
);
const pattern = fc.oneof(
  { weight: 5, arbitrary: comparison.map((c) => `[${c}]`) },
  {
    weight: 2,
    arbitrary: fc
      .array(comparison, { minLength: 2, maxLength: 4 })
      .map((cs) => cs.map((c) => `[${c}]`).join(' OR ')),
  },
  {
    weight: 1,
    arbitrary: fc.array(comparison, { minLength: 2, maxLength: 3 }).map((cs) => `[${cs.join(' OR ')}]`),
  },
  { weight: 1, arbitrary: fc.tuple(comparison, comparison).map(([a, b]) => `[${a} AND ${b}]`) },
  { weight: 1, arbitrary: comparison.map((c) => `[${c}] WITHIN 10 SECONDS`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '[',
      '[domain-name:value = ',
      "[domain-name:value = 'a.test'",
      '(((((',
      '[a:b = 1]'.repeat(50),
    ),
  },
);
const timestamp = fc.oneof(
  fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((t) => new Date(t).toISOString()),
  fc.constantFrom('2026-13-45T99:00:00Z', 'yesterday', ''),
);
const uuid = fc.uuid();
const indicatorObject = fc
  .record(
    {
      id: uuid.map((u) => `indicator--${u}`),
      pattern,
      pattern_type: fc.constantFrom('stix', 'stix', 'stix', 'sigma', 'yara', 5),
      valid_from: timestamp,
      valid_until: timestamp,
      revoked: fc.boolean(),
      name: fc.oneof(fc.string({ maxLength: 20 }), hostile),
      description: hostile,
      labels: fc.array(hostile, { maxLength: 2 }),
      indicator_types: fc.array(fc.constantFrom('malicious-activity', 'attribution'), { maxLength: 2 }),
      created: timestamp,
      modified: timestamp,
      spec_version: fc.constantFrom('2.1', '2.0', '2.1', 2.1),
    },
    { requiredKeys: ['id', 'pattern'] },
  )
  .map((o) => ({ type: 'indicator', ...o }));
/** Fields of the wrong JSON type. */
const brokenIndicator = fc.record({
  type: fc.constant('indicator'),
  id: fc.oneof(
    uuid.map((u) => `indicator--${u}`),
    fc.constant(5),
    fc.constant(null),
  ),
  pattern: fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
    fc.object({ maxDepth: 1 }),
  ),
  valid_from: fc.oneof(fc.integer(), fc.constant(null)),
  revoked: fc.oneof(fc.constant('yes'), fc.constant(1)),
});
const otherObject = fc.oneof(
  fc
    .tuple(uuid, fc.oneof(fc.string({ maxLength: 12 }), hostile))
    .map(([u, name]) => ({ type: 'malware', id: `malware--${u}`, name, is_family: true })),
  fc.tuple(uuid, uuid, uuid).map(([r, a, b]) => ({
    type: 'relationship',
    id: `relationship--${r}`,
    relationship_type: 'indicates',
    source_ref: `indicator--${a}`,
    target_ref: `malware--${b}`,
  })),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({ type: 'indicator' }),
);
const bundle = fc
  .tuple(
    uuid,
    fc.array(
      fc.oneof(
        { weight: 6, arbitrary: indicatorObject },
        { weight: 1, arbitrary: brokenIndicator },
        { weight: 2, arbitrary: otherObject },
      ),
      {
        maxLength: 12,
      },
    ),
    fc.boolean(),
  )
  .map(([u, objects, dupe]) => {
    const first = objects.find((o) => (o as { type?: unknown } | null)?.type === 'indicator');
    // Sometimes the same indicator twice (a duplicate id).
    return { type: 'bundle', id: `bundle--${u}`, objects: dupe && first ? [...objects, first] : objects };
  });

function indicatorIds(doc: { objects: unknown[] }): string[] {
  return doc.objects.flatMap((o) => {
    const x = o as { type?: unknown; id?: unknown } | null;
    return x !== null && typeof x === 'object' && x.type === 'indicator' && typeof x.id === 'string'
      ? [x.id]
      : [];
  });
}

describe('loadIndicators on generated STIX bundles (fuzz)', () => {
  it('never throws, drops nothing silently, and returns well-formed indicators and diagnostics', () => {
    let loadedTotal = 0;
    let reportedTotal = 0;
    fc.assert(
      fc.property(
        bundle,
        fc.constantFrom('auto', 'stix2') as fc.Arbitrary<'auto' | 'stix2'>,
        (doc, format) => {
          const text = JSON.stringify(doc);
          const set = loadIndicators(text, { format, file: 'fuzz.stix2' });
          expect(set.source.format).toBe('stix2');
          loadedTotal += set.indicators.length;
          reportedTotal += set.diagnostics.length;
          const loaded = new Set(set.indicators.map((i) => i.provenance.stixId));
          const reported = new Set(set.diagnostics.map((d) => d.location.stixId));
          for (const id of indicatorIds(doc)) {
            expect(loaded.has(id) || reported.has(id), `${id} is neither loaded nor reported`).toBe(true);
          }
          for (const i of set.indicators) {
            expect(i.value.length).toBeGreaterThan(0);
            expect(INDICATOR_TYPES).toContain(i.type);
            expect(i.provenance.source.sha256).toBe(set.source.sha256);
            expect(typeof i.provenance.revoked).toBe('boolean');
          }
          for (const d of set.diagnostics) {
            expect(d.code).toMatch(/^[A-Z_0-9]+$/);
            expect(['error', 'warning']).toContain(d.severity);
            expect(d.message.length).toBeGreaterThan(0);
            expect(d.location.file).toBe('fuzz.stix2');
          }
        },
      ),
      opts,
    );
    // Not vacuous: the generator yields both usable indicators and problems.
    expect(loadedTotal).toBeGreaterThan(0);
    expect(reportedTotal).toBeGreaterThan(0);
  });

  it('gives the same result from text and from its UTF-8 bytes, twice, without mutating a parsed input', () => {
    fc.assert(
      fc.property(bundle, (doc) => {
        const text = JSON.stringify(doc);
        const a = loadStix(text);
        const b = loadStix(new TextEncoder().encode(text));
        const c = loadStix(text);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(JSON.stringify(doc)).toBe(text);
      }),
      opts,
    );
  });

  it('never throws on mutated bundle bytes (cut, inserted, flipped bytes; BOM; other encodings)', () => {
    const mutation = fc.tuple(
      bundle,
      fc.nat(),
      fc.nat(64),
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom('cut', 'insert', 'flip', 'bom', 'utf16'),
    );
    fc.assert(
      fc.property(mutation, ([doc, at, len, ins, how]) => {
        const bytes = new TextEncoder().encode(JSON.stringify(doc));
        const i = at % (bytes.length + 1);
        let input: Uint8Array;
        if (how === 'cut')
          input = new Uint8Array([
            ...bytes.subarray(0, i),
            ...bytes.subarray(Math.min(bytes.length, i + len)),
          ]);
        else if (how === 'insert')
          input = new Uint8Array([...bytes.subarray(0, i), ...ins, ...bytes.subarray(i)]);
        else if (how === 'flip') {
          input = bytes.slice();
          if (input.length > 0) input[i % input.length] = (input[i % input.length] as number) ^ 0xff;
        } else if (how === 'bom') input = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
        else {
          const text = JSON.stringify(doc);
          input = new Uint8Array(text.length * 2 + 2);
          input[0] = 0xff;
          input[1] = 0xfe;
          for (let k = 0; k < text.length; k++) {
            const c = text.charCodeAt(k);
            input[2 + k * 2] = c & 0xff;
            input[3 + k * 2] = c >> 8;
          }
        }
        for (const format of ['auto', 'stix2'] as const) {
          const set = loadIndicators(input, { format });
          for (const d of set.diagnostics) expect(d.code).toMatch(/^[A-Z_0-9]+$/);
          for (const ind of set.indicators) expect(ind.value.length).toBeGreaterThan(0);
        }
      }),
      opts,
    );
  });

  it('refuses deeply nested and huge documents with a diagnostic, not a stack overflow', () => {
    for (const text of [
      `{"type":"bundle","objects":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `{"type":"bundle","objects":[{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000000","pattern":"[domain-name:value = 'a.test']","x":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}]}`,
      `{"type":"bundle","objects":[{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000001","pattern":"${'('.repeat(50_000)}[a:b = 1]${')'.repeat(50_000)}"}]}`,
    ]) {
      const set = loadIndicators(text, { format: 'stix2' });
      expect(set.diagnostics.length + set.indicators.length).toBeGreaterThan(0);
    }
  });
});
