import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { IndicatorSet } from './indicator.js';
import { loadEchapYaml } from './load-echap.js';

const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
const read = (file: string): Uint8Array => readFileSync(new URL(file, IOCS));
const sources = readFileSync(new URL('SOURCES.md', IOCS), 'utf8');
const shaOf = (file: string) =>
  new RegExp(`\\| ${file.replace(/[.]/g, '\\.')} \\|.*\\| ([0-9a-f]{64}) \\|`).exec(sources)?.[1];

const byKey = (set: IndicatorSet) => {
  const out: Record<string, number> = {};
  for (const i of set.indicators) out[`${i.type}:${i.key}`] = (out[`${i.type}:${i.key}`] ?? 0) + 1;
  return out;
};

/** Independent count of values per field, with the yaml package's plain parse. */
function fieldCounts(bytes: Uint8Array): Record<string, number> {
  const apps = parse(new TextDecoder().decode(bytes), { schema: 'failsafe' }) as Record<string, unknown>[];
  const out: Record<string, number> = {};
  const add = (k: string, v: unknown) => {
    if (Array.isArray(v)) out[k] = (out[k] ?? 0) + v.length;
  };
  for (const app of apps) {
    for (const k of ['packages', 'ios_bundles', 'certificates', 'websites', 'distribution']) add(k, app[k]);
    const c2 = (app.c2 ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(c2)) add(`c2.${k}`, c2[k]);
  }
  return out;
}

describe("loadEchapYaml on Echap's real files", () => {
  it('ioc.yaml: every package, certificate, website, distribution host and C2 value', () => {
    const file = 'stalkerware-indicators/ioc.yaml';
    const bytes = read(file);
    const set = loadEchapYaml(bytes, {
      file,
      licence: 'CC-BY-4.0',
      repository: 'AssoEchap/stalkerware-indicators',
    });
    expect(set.source.sha256).toBe(shaOf(file));
    const fields = fieldCounts(bytes);
    // Values per field as documented in ../shared/notes/mvt-behaviour.md §2.2.
    expect(fields).toEqual({
      packages: 616,
      certificates: 472,
      websites: 624,
      distribution: 44,
      'c2.domains': 925,
      'c2.ips': 65,
      'c2.ip': 3,
    });
    expect(byKey(set)).toEqual({
      'app-id:packages': 616,
      'app-cert:certificates': 472,
      'domain:websites': 624,
      'domain:distribution': 41,
      'ip:distribution': 1,
      'url:distribution': 2,
      'domain:c2.domains': 925,
      'ip:c2.ips': 65,
      'ip:c2.ip': 3,
    });
    expect(set.indicators).toHaveLength(2749);
    const codes = set.diagnostics.map((d) => `${d.severity}:${d.code}`);
    expect(codes.filter((c) => c.startsWith('error'))).toEqual([]);
    // Two entries misspell c2.ips as c2.ip; five give certificate_organizations and one certificate_cname_re.
    expect(codes.filter((c) => c === 'warning:NONSTANDARD_KEY')).toHaveLength(2);
    expect(codes.filter((c) => c === 'warning:UNSUPPORTED_FIELD')).toHaveLength(6);
    expect(set.diagnostics).toHaveLength(8);
    for (const c of set.indicators.filter((i) => i.type === 'app-cert')) {
      expect(c.hashAlgorithm).toBe('sha1');
      expect(c.value).toMatch(/^[0-9a-f]{40}$/);
    }
    const first = set.indicators[0];
    expect(first?.provenance.indicates[0]).toBe('TheTruthSpy');
    expect(first?.provenance.indicates.length).toBeGreaterThan(1);
    expect(first?.provenance.location).toMatchObject({ file, path: [0, 'packages', 0], line: 18, column: 5 });
    expect(first?.provenance.source.licence).toBe('CC-BY-4.0');
  });

  it('watchware.yaml has the same shape, with ios_bundles', () => {
    const file = 'stalkerware-indicators/watchware.yaml';
    const set = loadEchapYaml(read(file), { file });
    expect(set.source.sha256).toBe(shaOf(file));
    const fields = fieldCounts(read(file));
    const total = Object.values(fields).reduce((a, b) => a + b, 0);
    expect(set.indicators).toHaveLength(total);
    expect(set.diagnostics).toEqual([]);
    expect(byKey(set)['app-id:ios_bundles']).toBe(fields.ios_bundles);
  });
});

describe('loadEchapYaml: bad input', () => {
  it('reports bad values, unknown fields and YAML errors with line numbers', () => {
    const text = [
      '- name: ExampleStalker',
      '  names: [ExampleStalker, Example Lite]',
      '  packages:',
      '  - com.example.stalker',
      '  - "com.example bad"',
      '  certificates:',
      '  - 1234567890123456789012345678901234567890',
      '  - NOTHEX',
      '  websites: [example-stalker.test, localhost]',
      '  c2:',
      '    domains: [c2.example-stalker.test]',
      '    ips: [192.0.2.300]',
      '    ports: [443]',
      '  price: 10',
    ].join('\n');
    const set = loadEchapYaml(text, { file: 'x.yaml' });
    expect(set.indicators.map((i) => `${i.type}=${i.value}`)).toEqual([
      'app-id=com.example.stalker',
      'app-cert=1234567890123456789012345678901234567890',
      'domain=example-stalker.test',
      'domain=c2.example-stalker.test',
    ]);
    expect(set.indicators[0]?.provenance.indicates).toEqual(['ExampleStalker', 'Example Lite']);
    expect(set.diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['INVALID_VALUE', 5],
      ['INVALID_HASH', 8],
      ['DOMAIN_WITHOUT_DOT', 9],
      ['INVALID_IP', 12],
      ['UNKNOWN_FIELD', 13],
      ['UNKNOWN_FIELD', 14],
    ]);
    const broken = loadEchapYaml('- name: [unclosed\n  packages: [a.b\n', { file: 'broken.yaml' });
    expect(broken.indicators).toEqual([]);
    expect(broken.diagnostics[0]).toMatchObject({
      code: 'MALFORMED_YAML',
      location: { file: 'broken.yaml' },
    });
    expect(broken.diagnostics[0]?.location.line).toBeGreaterThan(0);
    expect(loadEchapYaml('just: a map\n').diagnostics.map((d) => d.code)).toEqual(['NOT_A_BUNDLE']);
  });

  it('reports deeply nested YAML instead of overflowing the stack', () => {
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), `${'- '.repeat(100_000)}x`]) {
      const set = loadEchapYaml(text);
      expect(set.indicators).toEqual([]);
      expect(set.diagnostics.length).toBeGreaterThan(0);
      expect(set.diagnostics.every((d) => d.code === 'MALFORMED_YAML')).toBe(true);
    }
  });

  it('does not expand YAML aliases (no billion laughs)', () => {
    const text = '- name: A\n  packages: &p [com.example.a]\n- name: B\n  packages: *p\n';
    const set = loadEchapYaml(text);
    expect(set.indicators.map((i) => i.value)).toEqual(['com.example.a']);
    expect(set.diagnostics.map((d) => d.code)).toEqual(['INVALID_FIELD']);
  });
});
