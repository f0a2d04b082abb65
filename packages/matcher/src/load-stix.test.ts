import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorSet } from './indicator.js';
import { loadStix } from './load-stix.js';

const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
const read = (file: string): Uint8Array => readFileSync(new URL(file, IOCS));

/** sha256 per local file, read from SOURCES.md's tables at test time. */
function sourcesSha256(): Map<string, string> {
  const text = readFileSync(new URL('SOURCES.md', IOCS), 'utf8');
  const map = new Map<string, string>();
  for (const m of text.matchAll(/^\| ([^|]+?) \|.*\| ([0-9a-f]{64}) \|$/gm))
    map.set(m[1] as string, m[2] as string);
  return map;
}

const countBy = (xs: readonly Indicator[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x.type] = (out[x.type] ?? 0) + 1;
  return out;
};
const codes = (set: IndicatorSet): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of set.diagnostics) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
};

/** An independent count of `[key='value']` patterns per key, with a regex over the raw JSON text. */
function patternKeys(bytes: Uint8Array): Record<string, number> {
  const out: Record<string, number> = {};
  const doc = JSON.parse(new TextDecoder().decode(bytes)) as {
    objects: { type: string; pattern?: string }[];
  };
  const ids = new Set<string>();
  for (const o of doc.objects as { type: string; id: string; pattern?: string }[]) {
    if (o.type !== 'indicator' || ids.has(o.id)) continue;
    ids.add(o.id);
    const key = /^\[([^=]+?)\s*=/.exec(o.pattern ?? '')?.[1] ?? '?';
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const bundle = (objects: unknown[]): string => JSON.stringify({ type: 'bundle', id: 'bundle--0', objects });
const indicator = (n: number, pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  pattern,
  pattern_type: 'stix',
  valid_from: '2026-01-01T00:00:00Z',
  ...extra,
});
const malware = (n: number, name: string) => ({
  type: 'malware',
  spec_version: '2.1',
  id: `malware--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
  is_family: true,
});
const rel = (n: number, source: string, target: string, type = 'indicates') => ({
  type: 'relationship',
  spec_version: '2.1',
  id: `relationship--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  relationship_type: type,
  source_ref: source,
  target_ref: target,
});

describe('loadStix on the real files in ../shared/data/iocs', () => {
  const sha = sourcesSha256();
  const cases = [
    {
      file: 'amnesty-investigations/2021-07-18_nso/pegasus.stix2',
      total: 1549,
      types: { domain: 1438, 'process-name': 81, email: 29, 'file-name': 1 },
      malware: 'Pegasus',
      diagnostics: {},
    },
    {
      file: 'amnesty-investigations/2021-12-16_cytrox/cytrox.stix2',
      total: 343,
      types: { domain: 336, 'file-path': 6, 'configuration-profile': 1 },
      malware: 'Predator',
      diagnostics: {},
    },
    {
      file: 'amnesty-investigations/2023-03-29_android_campaign/malware.stix2',
      total: 2187,
      types: { domain: 2183, 'file-path': 1, 'android-property': 3 },
      malware: 'MercenarySpywareCampaign',
      diagnostics: {},
    },
    {
      file: 'amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2',
      total: 18,
      types: { ip: 7, 'app-id': 4, 'app-cert': 3, hash: 4 },
      malware: 'NoviSpy',
      diagnostics: {},
    },
    {
      // 216 indicators; one domain, 'fgr1w2gnsdvsb.xyz/x', is malformed (mvt-indicators#42).
      file: 'mvt-indicators/2026-03-03_coruna_cryptowaters/coruna.stix2',
      total: 215,
      types: { domain: 176, hash: 20, 'file-path': 12, 'file-name': 7 },
      malware: 'Coruna',
      diagnostics: { INVALID_DOMAIN: 1, RELATIVE_PATH: 1 },
    },
    {
      // 5,046 indicator objects, of which 38 are exact duplicates (same id, same content): 5,008 loaded.
      file: 'stalkerware-indicators/stalkerware.stix2',
      total: 5008,
      types: { domain: 1430, ip: 1, hash: 2910, 'app-id': 568, 'app-cert': 99 },
      malware: undefined,
      diagnostics: { DUPLICATE_ID: 38 },
    },
  ];

  for (const c of cases) {
    it(`${c.file}: ${c.total} indicators by type, provenance and sha256`, () => {
      const bytes = read(c.file);
      const set = loadStix(bytes, { file: c.file, licence: 'test-licence', repository: 'test/repo' });
      expect(set.source.sha256).toBe(sha.get(c.file));
      expect(set.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(set.source).toMatchObject({
        format: 'stix2',
        file: c.file,
        licence: 'test-licence',
        repository: 'test/repo',
      });
      expect(set.indicators).toHaveLength(c.total);
      expect(countBy(set.indicators)).toEqual(c.types);
      expect(codes(set)).toEqual(c.diagnostics);
      // Independent count: every loaded indicator plus every error equals the unique indicator objects.
      const keys = patternKeys(bytes);
      const unique = Object.values(keys).reduce((a, b) => a + b, 0);
      const errors = set.diagnostics.filter((d) => d.severity === 'error').length;
      expect(set.indicators.length + errors).toBe(unique);
      for (const i of set.indicators) {
        expect(i.provenance.stixId).toMatch(/^indicator--/);
        expect(i.provenance.indicates.length).toBeGreaterThan(0);
        expect(i.provenance.validFrom).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(i.provenance.revoked).toBe(false);
        expect(i.provenance.source).toBe(set.source);
        if (c.malware !== undefined) expect(i.provenance.indicates).toEqual([c.malware]);
      }
    });
  }

  it('pegasus: domain-name and email-addr keys map to domain and email; values are normalised', () => {
    const set = loadStix(read(cases[0]?.file as string));
    const keys = patternKeys(read(cases[0]?.file as string));
    expect(keys['domain-name:value']).toBe(1438);
    expect(keys['process:name']).toBe(81);
    expect(keys['email-addr:value']).toBe(29);
    expect(keys['file:name']).toBe(1);
    expect(set.name).toBe('Pegasus');
    for (const i of set.indicators) {
      if (i.type === 'domain' || i.type === 'email') expect(i.value).toBe(i.value.toLowerCase());
      expect(i.key).toMatch(/^(domain-name:value|process:name|email-addr:value|file:name)$/);
    }
  });

  it('novispy: IPs written as domain-name load as ip, keeping the original key', () => {
    const set = loadStix(read(cases[3]?.file as string));
    const ips = set.indicators.filter((i) => i.type === 'ip');
    expect(ips).toHaveLength(7);
    for (const ip of ips) {
      expect(ip.key).toBe('domain-name:value');
      expect(ip.value).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
    for (const c of set.indicators.filter((i) => i.type === 'app-cert'))
      expect(c.hashAlgorithm).toBe('sha256');
    for (const h of set.indicators.filter((i) => i.type === 'hash')) expect(h.key).toBe('file:hashes.sha256');
  });

  it("coruna: file:hashes.'SHA-256' reads as sha256, the malformed domain is reported with its location", () => {
    const file = cases[4]?.file as string;
    const set = loadStix(read(file), { file });
    const hashes = set.indicators.filter((i) => i.type === 'hash');
    expect(hashes.every((h) => h.hashAlgorithm === 'sha256' && h.key === 'file:hashes.sha256')).toBe(true);
    const bad = set.diagnostics.find((d) => d.code === 'INVALID_DOMAIN');
    expect(bad?.severity).toBe('error');
    expect(bad?.message).toContain('fgr1w2gnsdvsb.xyz/x');
    expect(bad?.location.file).toBe(file);
    expect(bad?.location.stixId).toMatch(/^indicator--/);
    expect(bad?.location.path?.[0]).toBe('objects');
    expect(bad?.location.column).toBe(2);
  });
});

describe('loadStix: no silent drops', () => {
  const OASIS = new URL('../../../../shared/data/stix2-json-schemas/examples/', import.meta.url);
  const files = [
    ...[
      'amnesty-investigations/2021-07-18_nso/pegasus.stix2',
      'mvt-indicators/2026-03-03_coruna_cryptowaters/coruna.stix2',
      'stalkerware-indicators/stalkerware.stix2',
    ].map((f) => new URL(f, IOCS)),
    ...[
      'indicator-for-c2-ip-address.json',
      'indicator-to-campaign-relationship.json',
      'indicators-for-C2-with-COA.json',
      'malicious-email-indicator-with-attachment.json',
      'threat-reports/apt1.json',
      'threat-reports/poisonivy.json',
    ].map((f) => new URL(f, OASIS)),
  ];
  for (const url of files) {
    it(`every indicator object of ${url.pathname.split('/').slice(-2).join('/')} gives indicators or a diagnostic`, () => {
      const bytes = readFileSync(url);
      const set = loadStix(bytes);
      const doc = JSON.parse(new TextDecoder().decode(bytes)) as { objects: { type: string; id: string }[] };
      const loaded = new Set(set.indicators.map((i) => i.provenance.stixId));
      const reported = new Set(set.diagnostics.map((d) => d.location.stixId));
      for (const o of doc.objects) {
        if (o.type !== 'indicator') continue;
        expect(loaded.has(o.id) || reported.has(o.id), o.id).toBe(true);
      }
    });
  }

  it('reads the OASIS examples: ORs of observations, AND and MATCHES reported, names from every link', () => {
    const ivy = loadStix(readFileSync(new URL('threat-reports/poisonivy.json', OASIS)));
    expect(ivy.indicators.length).toBeGreaterThan(50);
    // One indicator object with several ORed observations gives several indicators with one stixId.
    const perId = new Map<string, number>();
    for (const i of ivy.indicators)
      perId.set(i.provenance.stixId ?? '', (perId.get(i.provenance.stixId ?? '') ?? 0) + 1);
    expect(Math.max(...perId.values())).toBeGreaterThan(1);
    expect(ivy.diagnostics.map((d) => d.code)).toEqual(['INVALID_DOMAIN']);
    const apt1 = loadStix(readFileSync(new URL('threat-reports/apt1.json', OASIS)));
    expect(apt1.diagnostics.map((d) => d.code)).toEqual(['UNSUPPORTED_PATTERN', 'UNSUPPORTED_PATTERN']);
    expect(apt1.indicators.some((i) => i.type === 'cidr')).toBe(true);
    const mail = loadStix(readFileSync(new URL('malicious-email-indicator-with-attachment.json', OASIS)));
    expect(mail.indicators).toEqual([]);
    expect(mail.diagnostics.every((d) => d.code === 'UNSUPPORTED_PATTERN' && /MATCHES/.test(d.message))).toBe(
      true,
    );
  });
});

describe('loadStix: the MVT dialect and the fast path', () => {
  it('reads every hash spelling, non-standard keys, escaped quotes and values containing =', () => {
    const sha = 'A'.repeat(64);
    const set = loadStix(
      bundle([
        indicator(1, `[file:hashes.sha256 = '${sha}']`),
        indicator(2, `[file:hashes.'SHA-256' = '${sha}']`),
        indicator(3, `[file:hashes.SHA256 = '${sha}']`),
        indicator(4, `[file:hashes.'sha-1' = '${'b'.repeat(40)}']`),
        indicator(5, "[app:cert.md5 = 'C'][app:id = 'x']".slice(0, 40)),
        indicator(6, "[app:id = 'com.example.spy']"),
        indicator(7, "[configuration-profile:id = '00000000-AAAA-4000-8000-000000000000']"),
        indicator(8, "[android-property:name = 'sys.example.flag']"),
        indicator(9, "[url:value = 'https://evil.test/a?b=c&d==e']"),
        indicator(10, "[process:name = 'it\\'s']"),
        indicator(11, "[file:path = '/tmp/a\\\\b']"),
        indicator(12, "[domain-name:value == 'double-equals.test']"),
      ]),
    );
    const byId = new Map(set.indicators.map((i) => [i.provenance.stixId?.slice(-2), i]));
    expect(byId.get('01')).toMatchObject({ type: 'hash', value: 'a'.repeat(64), hashAlgorithm: 'sha256' });
    expect(byId.get('02')?.key).toBe('file:hashes.sha256');
    expect(byId.get('03')?.key).toBe('file:hashes.sha256');
    expect(byId.get('04')).toMatchObject({ hashAlgorithm: 'sha1', key: 'file:hashes.sha1' });
    expect(byId.get('06')).toMatchObject({ type: 'app-id', value: 'com.example.spy' });
    expect(byId.get('07')?.type).toBe('configuration-profile');
    expect(byId.get('08')).toMatchObject({ type: 'android-property', key: 'android-property:name' });
    expect(byId.get('09')).toMatchObject({ type: 'url', value: 'https://evil.test/a?b=c&d==e' });
    expect(byId.get('10')).toMatchObject({ type: 'process-name', value: "it's", raw: "it's" });
    expect(byId.get('11')).toMatchObject({ type: 'file-path', value: '/tmp/a\\b' });
    expect(byId.get('12')).toMatchObject({ type: 'domain', value: 'double-equals.test' });
    // Indicator 5's pattern was cut in the middle of a string: a syntax error with its column.
    const bad = set.diagnostics.find((d) => d.location.stixId?.endsWith('05'));
    expect(bad?.code).toBe('INVALID_PATTERN');
    expect(bad?.location.column).toBeGreaterThan(1);
  });

  it('reads a simple pattern the same way on the fast path as through the full parser', () => {
    const keys = [
      'domain-name:value',
      "file:hashes.'SHA-256'",
      'file:hashes.SHA256',
      "file:'hashes'.sha1",
      'app:cert.sha256',
      'app:id',
      'process:name',
      'x-unknown:thing',
      "file:hashes.'SHA-512'",
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'evil.test',
        'a=b.test',
        "it's",
        'a\\b',
        'A'.repeat(64),
        'b'.repeat(40),
        '198.51.100.7',
      ),
    );
    const quote = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    fc.assert(
      fc.property(fc.constantFrom(...keys), value, fc.constantFrom('=', ' = ', '=='), (key, v, op) => {
        const fast = `[${key}${op}'${quote(v)}']`;
        const a = loadStix(bundle([indicator(1, fast)]));
        const b = loadStix(bundle([indicator(1, `(${fast})`)]));
        const strip = (set: IndicatorSet) => ({
          indicators: set.indicators.map(({ type, value, raw, key, hashAlgorithm }) => ({
            type,
            value,
            raw,
            key,
            hashAlgorithm,
          })),
          codes: set.diagnostics.map((d) => d.code),
        });
        expect(strip(a)).toEqual(strip(b));
      }),
      { numRuns: 500 },
    );
  });

  it('turns each comparison of an OR into its own indicator, with its column', () => {
    const set = loadStix(
      bundle([
        indicator(
          1,
          "[domain-name:value = 'a.test' OR domain-name:value = 'b.test'] OR [ipv4-addr:value = '192.0.2.1']",
        ),
        indicator(
          2,
          "([email-addr:value = 'x@mail.example']) OR ([file:name = 'y.bin' OR file:name = 'z.bin'])",
        ),
      ]),
    );
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators.map((i) => `${i.type}:${i.value}`)).toEqual([
      'domain:a.test',
      'domain:b.test',
      'ip:192.0.2.1',
      'email:x@mail.example',
      'file-name:y.bin',
      'file-name:z.bin',
    ]);
    expect(set.indicators.map((i) => i.provenance.location.column)).toEqual([2, 34, 68, 3, 46, 69]);
  });

  it('reports patterns with no fast path instead of loading part of them', () => {
    const set = loadStix(
      bundle([
        indicator(1, "[domain-name:value = 'a.test' AND domain-name:value = 'b.test']"),
        indicator(2, "[file:name = 'a'] AND [file:name = 'b']"),
        indicator(3, "[domain-name:value LIKE '%.test']"),
        indicator(4, "[domain-name:value != 'a.test']"),
        indicator(5, "[file:name = 'a'] WITHIN 5 SECONDS"),
        indicator(6, "[file:name = 'a'] FOLLOWEDBY [file:name = 'b']"),
        indicator(7, '[file:size = 5]'),
        indicator(8, "[software:name = 'x']"),
        indicator(9, "[domain-name:value = 'a.test' OR x-custom:thing = 'y']"),
        indicator(10, "[file:hashes.'SHA-512' = 'ab']"),
        indicator(11, "[email-message:to_refs[0].value = 'a@b.test']"),
        indicator(12, "[file:name = 'a'", { pattern_type: 'stix' }),
        indicator(13, 'rule x { condition: true }', { pattern_type: 'yara' }),
        { ...indicator(14, ''), pattern: undefined },
      ]),
    );
    const byId = (n: string) =>
      set.diagnostics.filter((d) => d.location.stixId?.endsWith(n)).map((d) => d.code);
    expect(byId('01')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('02')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('03')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('04')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('05')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('06')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('07')).toEqual(['UNSUPPORTED_PATTERN']);
    expect(byId('08')).toEqual(['UNKNOWN_KEY']);
    expect(byId('09')).toEqual(['UNKNOWN_KEY']);
    expect(byId('10')).toEqual(['UNSUPPORTED_HASH']);
    expect(byId('11')).toEqual(['UNKNOWN_KEY']);
    expect(byId('12')).toEqual(['INVALID_PATTERN']);
    expect(byId('13')).toEqual(['UNSUPPORTED_PATTERN_TYPE']);
    expect(byId('14')).toEqual(['MISSING_FIELD']);
    // Only the known half of the OR in indicator 9 loads.
    expect(set.indicators.map((i) => i.value)).toEqual(['a.test']);
    const and = set.diagnostics.find((d) => d.location.stixId?.endsWith('01'));
    expect(and?.location).toMatchObject({ path: ['objects', 0, 'pattern'], column: 2 });
    expect(and?.message).toMatch(/AND/);
  });
});

describe('loadStix: provenance', () => {
  it('collects every name an indicator is linked to, and STIX metadata', () => {
    const ind = indicator(1, "[domain-name:value = 'c2.evil.test']", {
      valid_until: '2027-01-01T00:00:00Z',
      revoked: true,
      confidence: 85,
    });
    const set = loadStix(
      bundle([
        ind,
        indicator(2, "[domain-name:value = 'lonely.test']"),
        malware(1, 'ExampleSpy'),
        malware(2, 'ExampleSpy Lite'),
        { type: 'campaign', id: 'campaign--1', name: 'Operation Example' },
        { type: 'intrusion-set', id: 'intrusion-set--1', name: 'Example Group' },
        { type: 'report', id: 'report--1', name: 'Example report', object_refs: [ind.id] },
        rel(1, ind.id, malware(1, '').id),
        rel(2, ind.id, malware(2, '').id),
        rel(3, ind.id, 'campaign--1'),
        rel(4, 'intrusion-set--1', ind.id, 'related-to'),
        rel(5, ind.id, malware(1, '').id),
        rel(6, ind.id, 'malware--missing'),
      ]),
      { file: 'example.stix2', licence: 'CC0-1.0', commit: 'a'.repeat(40) },
    );
    const [first, second] = set.indicators;
    expect(first?.provenance).toMatchObject({
      stixId: ind.id,
      // In document order: the report comes before the relationships.
      indicates: ['Example report', 'ExampleSpy', 'ExampleSpy Lite', 'Operation Example', 'Example Group'],
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2027-01-01T00:00:00Z',
      revoked: true,
      confidence: 85,
      location: { file: 'example.stix2', path: ['objects', 0], stixId: ind.id },
    });
    expect(first?.provenance.source).toMatchObject({
      file: 'example.stix2',
      licence: 'CC0-1.0',
      commit: 'a'.repeat(40),
    });
    expect(second?.provenance.indicates).toEqual([]);
    expect(set.diagnostics.map((d) => d.code)).toEqual(['DANGLING_REFERENCE']);
    expect(set.name).toBe('example.stix2');
  });

  it('keeps the latest version of an indicator id and says so', () => {
    const v1 = indicator(1, "[domain-name:value = 'old.test']");
    const v2 = { ...v1, modified: '2026-06-01T00:00:00.000Z', pattern: "[domain-name:value = 'new.test']" };
    const set = loadStix(bundle([v2, v1]));
    expect(set.indicators.map((i) => i.value)).toEqual(['new.test']);
    expect(set.diagnostics).toMatchObject([
      { code: 'DUPLICATE_ID', severity: 'warning', location: { path: ['objects', 1] } },
    ]);
    expect(set.version).toBe('2026-06-01T00:00:00.000Z');
  });

  it('accepts a TAXII envelope, a bare array and a single object', () => {
    const i = indicator(1, "[domain-name:value = 'a.test']");
    expect(loadStix(JSON.stringify({ more: false, objects: [i] })).indicators).toHaveLength(1);
    expect(loadStix(JSON.stringify([i])).indicators).toHaveLength(1);
    expect(loadStix(JSON.stringify(i)).indicators).toHaveLength(1);
    expect(loadStix(JSON.stringify({ hello: 'world' })).diagnostics[0]?.code).toBe('NOT_A_BUNDLE');
    expect(loadStix('42').diagnostics[0]?.code).toBe('NOT_A_BUNDLE');
  });
});

describe('loadStix: bad input', () => {
  it('reports truncated JSON with line and column and still loads the complete objects before it', () => {
    const text = JSON.stringify(
      {
        type: 'bundle',
        id: 'bundle--0',
        objects: [1, 2, 3].map((n) => indicator(n, `[domain-name:value = 'd${n}.test']`)),
      },
      null,
      2,
    );
    const cut = text.slice(0, text.indexOf('d3.test'));
    const set = loadStix(cut, { file: 'cut.stix2' });
    expect(set.indicators.map((i) => i.value)).toEqual(['d1.test', 'd2.test']);
    const d = set.diagnostics[0];
    expect(d).toMatchObject({ code: 'MALFORMED_JSON', severity: 'error', location: { file: 'cut.stix2' } });
    expect(d?.location.line).toBe(cut.split('\n').length);
    expect(d?.message).toMatch(/truncated/);
    expect(d?.message).toMatch(/2 complete object/);
  });

  it('reports malformed JSON at the right place', () => {
    const set = loadStix('{\n  "type": "bundle",\n  "objects": [ { "a": 1, } ]\n}');
    expect(set.diagnostics[0]).toMatchObject({ code: 'MALFORMED_JSON', location: { line: 3, column: 26 } });
    expect(loadStix('').diagnostics[0]?.code).toBe('MALFORMED_JSON');
    expect(loadStix('\u0000\u0001').diagnostics[0]?.code).toBe('MALFORMED_JSON');
  });

  it('survives deeply nested JSON and deeply nested patterns', () => {
    const deepJson = `{"type":"bundle","objects":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    expect(loadStix(deepJson).diagnostics.map((d) => d.code)).toEqual(['INVALID_FIELD']);
    const deepPattern = `${'('.repeat(5000)}[domain-name:value = 'a.test']${')'.repeat(5000)}`;
    const set = loadStix(bundle([indicator(1, deepPattern)]));
    expect(set.indicators).toEqual([]);
    expect(set.diagnostics.map((d) => d.code)).toEqual(['INVALID_PATTERN']);
    expect(set.diagnostics[0]?.message).toMatch(/deep|nest/i);
  });

  it('rejects NUL, bidi and non-UTF-8 bytes inside values, loading the rest', () => {
    const text = bundle([
      indicator(1, "[domain-name:value = 'ok.test']"),
      indicator(2, "[domain-name:value = 'nul\u0000.test']"),
      indicator(3, "[domain-name:value = 'evil\u202egnp.test']"),
      indicator(4, "[domain-name:value = 'BAD-UTF8.test']"),
    ]);
    const bytes = new TextEncoder().encode(text);
    const at = new TextEncoder().encode(text.slice(0, text.indexOf('BAD-UTF8'))).length;
    const patched = new Uint8Array(bytes.length);
    patched.set(bytes);
    patched[at] = 0xff; // not UTF-8
    const set = loadStix(patched);
    expect(set.indicators.map((i) => i.value)).toEqual(['ok.test']);
    expect(set.diagnostics.map((d) => d.code)).toEqual([
      'INVALID_UTF8',
      'CONTROL_CHARACTER',
      'BIDI_CHARACTER',
      'INVALID_UTF8',
    ]);
    expect(set.source.sha256).toBe(createHash('sha256').update(patched).digest('hex'));
  });

  it('links one indicator to many names, and many duplicate links, without quadratic work', () => {
    const ind = indicator(1, "[domain-name:value = 'a.test']");
    const objects: unknown[] = [ind];
    for (let n = 0; n < 30_000; n++) {
      objects.push(malware(n, `Family ${n}`));
      objects.push(rel(2 * n, ind.id, malware(n, '').id));
      objects.push(rel(2 * n + 1, ind.id, malware(n, '').id));
    }
    const set = loadStix(bundle(objects));
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators[0]?.provenance.indicates).toHaveLength(30_000);
    expect(set.indicators[0]?.provenance.indicates[29_999]).toBe('Family 29999');
  });

  it('refuses input over maxBytes before parsing it', () => {
    const set = loadStix(bundle([indicator(1, "[domain-name:value = 'a.test']")]), { maxBytes: 100 });
    expect(set.indicators).toEqual([]);
    expect(set.diagnostics.map((d) => d.code)).toEqual(['INPUT_TOO_LARGE']);
  });

  it('counts maxBytes in UTF-8 bytes for a string, and fingerprints the string as its UTF-8 bytes', () => {
    const text = bundle([indicator(1, "[domain-name:value = 'a.test']", { name: 'é'.repeat(300) })]);
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(text.length);
    const over = loadStix(text, { maxBytes: bytes.length - 1 });
    expect(over.diagnostics.map((d) => d.code)).toEqual(['INPUT_TOO_LARGE']);
    expect(over.diagnostics[0]?.message).toContain(String(bytes.length));
    const fits = loadStix(text, { maxBytes: bytes.length });
    expect(fits.indicators).toHaveLength(1);
    expect(fits.source.sha256).toBe(loadStix(bytes).source.sha256);
    expect(fits.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('loads a 50 MB bundle completely', () => {
    const objects: unknown[] = [];
    const target = 50 * 1024 * 1024;
    let size = 0;
    for (let n = 0; size < target; n++) {
      const o = indicator(n, `[domain-name:value = 'host-${n}.example']`, {
        description: 'x'.repeat(200),
      });
      objects.push(o);
      size += JSON.stringify(o).length + 1;
    }
    const bytes = new TextEncoder().encode(bundle(objects));
    expect(bytes.length).toBeGreaterThan(target);
    const set = loadStix(bytes);
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators).toHaveLength(objects.length);
    expect(set.indicators[objects.length - 1]?.value).toBe(`host-${objects.length - 1}.example`);
  });
});
