/**
 * Fuzzing the MVT results reader (`readMvtResults`) and the plain artifact readers (`readArtifactList`,
 * `readJsonLines`): folders of generated files with MVT names (module JSON, `_detected.json`, `alerts.json`,
 * timelines, `urls.json`, `info.json`) and other names (path traversal, odd case, no extension), holding
 * generated MVT-shaped records, random JSON, mutated real result files (the example device and the
 * test fixtures) and random text.
 *
 * Properties: never throws; every file given is accounted for exactly once in `files` (nothing dropped
 * silently); every artifact has a known type, a non-empty value and a location in a given file; every
 * diagnostic names a given file; the input is not mutated; URLs placed in module records are all found.
 *
 * `FUZZ_RUNS` sets the number of runs (default 200; see docs/fuzzing.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isArtifactType,
  type MvtResultFile,
  readArtifactList,
  readJsonLines,
  readMvtResults,
} from '../src/index.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const opts = { numRuns: RUNS, ...SEED };

/** Real result files: the example device (V2 module files) and the test fixtures (V2 and V3). */
const REAL: MvtResultFile[] = [
  new URL('../../../examples/device-artifacts/mvt-results/', import.meta.url),
  new URL('./fixtures/mvt2-results/', import.meta.url),
  new URL('./fixtures/mvt3-alerts-only/', import.meta.url),
].flatMap((dir) =>
  readdirSync(dir).map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') })),
);

const NAMES = [
  'sms.json',
  'safari_history.json',
  'chrome_history.json',
  'chrome_history_detected.json',
  'sms_detected.json',
  'alerts.json',
  'ALERTS.JSON',
  'alerts_timeline.csv',
  'timeline.csv',
  'timeline_detected.csv',
  'urls.json',
  'info.json',
  'manifest.json',
  'processes.json',
  'packages_detected.json',
  '../../etc/passwd',
  '../sms.json',
  'sub/dir/sms.json',
  '.json',
  '_detected.json',
  'notes.txt',
  'command.log',
  '',
];

const hostile = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '<b>',
  "' OR 1=1",
  '../../x',
  '\r\n',
  'x'.repeat(2000),
  '%00',
);
const host = fc
  .array(fc.constantFrom('a', 'b', 'evil', 'cdn', 'x-y', 'track'), { minLength: 1, maxLength: 3 })
  .map((l) => `${l.join('.')}.example`);
const url = fc
  .tuple(fc.constantFrom('https://', 'http://', 'HTTP://'), host, fc.constantFrom('', '/', '/p?q=1', '/a#b'))
  .map(([s, h, r]) => `${s}${h}${r}`);
const isodate = fc.oneof(
  fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
    .map((t) => new Date(t).toISOString().replace('T', ' ').replace('Z', '000')),
  fc.constantFrom('', 'not a date', '2026-13-45 99:99:99'),
  fc.integer(),
);
const record = fc.record(
  {
    isodate,
    url: fc.oneof(url, hostile, fc.integer()),
    text: fc.oneof(
      url.map((u) => `Click ${u} now`),
      hostile,
    ),
    links: fc.array(fc.oneof(url, hostile), { maxLength: 3 }),
    phone_number: fc.constantFrom('+000000000001', ''),
    package_name: fc.constantFrom('com.example.app', 'com.evil.spy', ''),
    process_name: fc.constantFrom('evild', 'launchd', ''),
    domain: fc.oneof(host, hostile),
    matched_indicator: fc.record(
      { value: fc.oneof(host, hostile), type: fc.constantFrom('domain', 'url') },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);
const alert = fc.record({
  level: fc.constantFrom('CRITICAL', 'HIGH', 'INFO', 5),
  module: fc.constantFrom('SMS', 'SafariHistory', ''),
  message: hostile,
  event_time: isodate,
  event: record,
  matched_indicator: fc.record({ value: fc.oneof(host, hostile) }, { requiredKeys: [] }),
});
const csvCell = fc.oneof(url, hostile, fc.constantFrom('"', '""', ',', '\n', 'a,b'));
const csv = fc
  .array(fc.array(csvCell, { minLength: 1, maxLength: 5 }), { maxLength: 6 })
  .map((rows) =>
    [
      'event_time,module,event,data',
      ...rows.map((r) =>
        r.map((c) => (Math.abs(c.length % 2) === 0 ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
      ),
    ].join('\r\n'),
  );
const mutated = fc
  .tuple(fc.constantFrom(...REAL), fc.nat(), fc.nat(60), fc.string({ unit: 'binary', maxLength: 6 }))
  .map(([f, at, cut, ins]) => {
    const i = at % (f.text.length + 1);
    return f.text.slice(0, i) + ins + f.text.slice(Math.min(f.text.length, i + cut));
  });
const content = fc.oneof(
  { weight: 4, arbitrary: fc.array(record, { maxLength: 6 }).map((rs) => JSON.stringify(rs)) },
  { weight: 2, arbitrary: fc.array(alert, { maxLength: 4 }).map((as) => JSON.stringify(as)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: csv },
  { weight: 3, arbitrary: mutated },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('\uFEFF[]', '{}', 'null', '['.repeat(50_000), '') },
);
const folder = fc.uniqueArray(
  fc.tuple(fc.constantFrom(...NAMES), content).map(([name, text]) => ({ name, text })),
  { maxLength: 8, selector: (f) => f.name },
);

describe('readMvtResults on generated folders (fuzz)', () => {
  it('never throws, accounts for every file, and returns well-formed artifacts and diagnostics', () => {
    let artifacts = 0;
    fc.assert(
      fc.property(fc.oneof(folder, fc.constant(REAL.filter((f) => !f.name.includes('broken')))), (files) => {
        const input = Object.freeze(files.map((f) => Object.freeze({ ...f })));
        const before = JSON.stringify(input);
        const result = readMvtResults(input);
        expect(JSON.stringify(input)).toBe(before);
        const names = files.map((f) => f.name);
        expect(result.files.map((u) => u.file).sort()).toEqual([...names].sort());
        for (const a of result.artifacts) {
          expect(isArtifactType(a.type)).toBe(true);
          expect(a.value.length).toBeGreaterThan(0);
          expect(names).toContain(a.location.file);
        }
        for (const d of result.diagnostics) {
          expect(d.code).toMatch(/^[A-Z_]+$/);
          expect(names).toContain(d.file);
        }
        for (const u of result.files) if (!u.used) expect(u.artifacts).toBe(0);
        expect(['mvt2', 'mvt3', 'unknown']).toContain(result.layout);
        artifacts += result.artifacts.length;
      }),
      opts,
    );
    expect(artifacts).toBeGreaterThan(0);
  });

  it('finds every URL written in the url field and the links of module records', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            url,
            links: fc.array(url, { maxLength: 2 }),
            isodate: fc.constant('2026-01-02 03:04:05.000000'),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.constantFrom('safari_history.json', 'sms.json', 'chrome_history.json'),
        (records, name) => {
          const result = readMvtResults([{ name, text: JSON.stringify(records) }]);
          const values = new Set(result.artifacts.map((a) => a.value));
          for (const r of records) {
            for (const u of [r.url, ...r.links]) expect(values.has(u), `${u} in ${name}`).toBe(true);
          }
          expect(result.diagnostics).toEqual([]);
        },
      ),
      opts,
    );
  });
});

describe('readArtifactList / readJsonLines on random text (fuzz)', () => {
  it('never throw, and every artifact and diagnostic is well-formed', () => {
    const line = fc.oneof(
      url,
      host,
      hostile,
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.constantFrom('# comment', '198.51.100.7', '2001:db8::1', 'd41d8cd98f00b204e9800998ecf8427e'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const text = lines.join(eol);
        for (const result of [
          readArtifactList(text, { file: 'list.txt' }),
          readJsonLines(text, { file: 'x.jsonl' }),
        ]) {
          for (const a of result.artifacts) {
            expect(isArtifactType(a.type)).toBe(true);
            expect(a.value.length).toBeGreaterThan(0);
          }
          for (const d of result.diagnostics) expect(d.code).toMatch(/^[A-Z_]+$/);
        }
      }),
      opts,
    );
  });
});
