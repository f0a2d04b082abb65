import { isVigilError } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { Indicator, IndicatorType } from './indicator.js';
import { type Artifact, createMatcher } from './matcher.js';
import { loadMatcher, serializeMatcher } from './serialize.js';

const listSource = { format: 'list', sha256: 'a'.repeat(64), file: 'iocs.txt' } as const;
const stixSource = {
  format: 'stix2',
  sha256: 'b'.repeat(64),
  file: 'x.stix2',
  licence: 'CC-BY-4.0',
} as const;

function ind(type: IndicatorType, value: string, n: number, stix = false): Indicator {
  return stix
    ? {
        type,
        value,
        raw: value.toUpperCase(),
        provenance: {
          source: stixSource,
          location: { file: 'x.stix2', path: ['objects', n, 'pattern'] },
          stixId: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          indicates: ['Example spyware', 'Example campaign'],
          validFrom: '2024-01-01T00:00:00Z',
          revoked: n % 2 === 0,
          confidence: 80,
        },
      }
    : {
        type,
        value,
        raw: value,
        provenance: { source: listSource, location: { line: n + 1 }, indicates: [], revoked: false },
      };
}

const indicators: Indicator[] = [
  ind('domain', 'evil.example', 0),
  ind('domain', 'evil.example', 1, true),
  ind('domain', 'cdn.evil.example', 2, true),
  ind('url', 'https://bad.example/x?y=1', 3),
  ind('ip', '198.51.100.7', 4),
  ind('cidr', '203.0.113.0/24', 5, true),
  { ...ind('hash', 'd41d8cd98f00b204e9800998ecf8427e', 6), hashAlgorithm: 'md5' },
  ind('email', 'agent@evil.example', 7),
  ind('process-name', 'com.apple.Xtravagant', 8, true),
  ind('file-path', '/private/var/tmp/l', 9),
  ind('file-name', 'Bücher.db', 10),
  ind('app-id', 'com.evil.app', 11),
  ind('domain', 'no-dot', 12),
];

const artifacts: Artifact[] = [
  { type: 'url', value: 'https://a.cdn.EVIL.example/' },
  { type: 'url', value: 'https://bad.example/x?y=1' },
  { type: 'url', value: 'http://198.51.100.7/' },
  { type: 'ip', value: '203.0.113.9' },
  { type: 'hash', value: 'D41D8CD98F00B204E9800998ECF8427E' },
  { type: 'email', value: 'AGENT@evil.example' },
  { type: 'process-name', value: 'com.apple.Xtrava' },
  { type: 'file-path', value: '/private/var/tmp/l/Bücher.db' },
  { type: 'app-id', value: 'COM.EVIL.APP' },
  { type: 'url', value: 'https://good.example/' },
];

describe('serializeMatcher / loadMatcher', () => {
  it('round-trips: same matches, same provenance, same diagnostics', () => {
    const built = createMatcher(indicators);
    const bytes = serializeMatcher(built);
    const loaded = loadMatcher(bytes);
    expect(loaded.size).toBe(built.size);
    expect(loaded.diagnostics).toEqual(built.diagnostics);
    let total = 0;
    for (const a of artifacts) {
      const want = built.match(a);
      total += want.length;
      expect(loaded.match(a)).toEqual(want);
    }
    expect(total).toBeGreaterThanOrEqual(11);
    // And a second time: decoded indicators are cached and stable.
    expect(loaded.match(artifacts[0] as Artifact)).toEqual(built.match(artifacts[0] as Artifact));
  });

  it('loads with another profile, and from unaligned bytes', () => {
    const bytes = serializeMatcher(createMatcher(indicators));
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const mvt = loadMatcher(shifted.subarray(3), { profile: 'mvt' });
    expect(mvt.profile).toBe('mvt');
    expect(mvt.match({ type: 'url', value: 'https://a.cdn.EVIL.example/' })).toHaveLength(0);
    expect(mvt.match({ type: 'process-name', value: 'com.apple.Xtrava' })).toHaveLength(1);
    // A loaded matcher serialises again to the same bytes.
    expect(serializeMatcher(loadMatcher(bytes))).toEqual(bytes);
  });

  it('stays small for list-loaded indicators, and keeps 3-byte line numbers', () => {
    const many: Indicator[] = [];
    for (let i = 0; i < 70_000; i++) many.push(ind('domain', `host${i}.zone${i % 97}.example`, i));
    const bytes = serializeMatcher(createMatcher(many));
    // key text (~20 bytes) + offsets + table + line numbers; no per-indicator JSON.
    expect(bytes.length / many.length).toBeLessThan(52);
    const loaded = loadMatcher(bytes);
    const hit = loaded.match({ type: 'url', value: `https://a.host69999.zone${69_999 % 97}.example/` });
    expect(hit[0]?.indicator).toEqual(many[69_999]);
    expect(hit[0]?.indicator.provenance.location.line).toBe(70_000);
  });

  it('refuses bytes that are not an index with a typed error', () => {
    const bytes = serializeMatcher(createMatcher(indicators));
    const cases = [
      new Uint8Array(3),
      new Uint8Array(64),
      bytes.subarray(0, 40),
      bytes.subarray(0, bytes.length - 200),
    ];
    const badVersion = bytes.slice();
    badVersion[4] = 99;
    for (const c of cases) {
      let caught: unknown;
      try {
        loadMatcher(c);
      } catch (e) {
        caught = e;
      }
      expect(isVigilError(caught)).toBe(true);
    }
    expect(() => loadMatcher(badVersion)).toThrow(/format 99/);
    expect(() => serializeMatcher({ profile: 'default', size: 0, diagnostics: [], match: () => [] })).toThrow(
      /not a matcher/,
    );
  });

  it('stores the domain filter, and rebuilds the same one for an index stored without it', () => {
    const bytes = serializeMatcher(createMatcher(indicators));
    const header = readHeader(bytes);
    expect(header.meta.domainFilterBits).toBeGreaterThan(0);
    expect(header.sections.domainFilter).toBeDefined();
    const without = rewriteHeader(bytes, (h) => {
      delete h.sections.domainFilter;
      delete h.meta.domainFilterBits;
    });
    const loaded = loadMatcher(without);
    for (const a of artifacts) expect(loaded.match(a), a.value).toEqual(loadMatcher(bytes).match(a));
    const wrongSize = rewriteHeader(bytes, (h) => {
      h.meta.domainFilterBits = (h.meta.domainFilterBits as number) * 64;
    });
    expect(() => loadMatcher(wrongSize)).toThrow(/domain filter/);
  });
});

type RawHeader = {
  meta: Record<string, unknown>;
  sections: Record<string, [number, number]>;
};

function readHeader(bytes: Uint8Array): RawHeader {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as RawHeader;
}

/** The same index with its JSON header changed by `edit` (the body moved to its new aligned start). */
function rewriteHeader(bytes: Uint8Array, edit: (h: RawHeader) => void): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const body = bytes.subarray((12 + length + 7) & ~7);
  const header = readHeader(bytes);
  edit(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = (12 + text.length + 7) & ~7;
  const out = new Uint8Array(start + body.length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, text.length, true);
  out.set(text, 12);
  out.set(body, start);
  return out;
}
