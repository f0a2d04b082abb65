import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Indicator } from './indicator.js';
import { detectIndicatorFormat, loadIndicators } from './load-indicators.js';
import { type Artifact, createMatcher } from './matcher.js';

const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
const read = (file: string): Uint8Array => readFileSync(new URL(file, IOCS));

describe('loadIndicators', () => {
  it('detects the format of each real file and records the source', () => {
    const pegasus = loadIndicators(read('amnesty-investigations/2021-07-18_nso/pegasus.stix2'), {
      file: '2021-07-18_nso/pegasus.stix2',
      licence: 'CC-BY-2.0',
      repository: 'AmnestyTech/investigations',
      commit: 'ce13c36230ce70c30446ded10aa16028d926b34f',
    });
    expect(pegasus.source).toEqual({
      format: 'stix2',
      file: '2021-07-18_nso/pegasus.stix2',
      sha256: 'df1bcaa78abc7b85781b1ebc2daa3cc225371e2024d9ef96e84f80f927256586',
      licence: 'CC-BY-2.0',
      repository: 'AmnestyTech/investigations',
      commit: 'ce13c36230ce70c30446ded10aa16028d926b34f',
    });
    expect(pegasus.indicators).toHaveLength(1549);
    expect(pegasus.name).toBe('pegasus.stix2');
    expect(pegasus.version).toMatch(/^2024-/);
    const echap = loadIndicators(read('stalkerware-indicators/ioc.yaml'));
    expect(echap.source.format).toBe('echap-yaml');
    expect(echap.indicators).toHaveLength(2749);
    const index = loadIndicators(read('mvt-indicators/indicators.yaml'), { file: 'indicators.yaml' });
    expect(index.source.format).toBe('mvt-index');
    expect(index.indicators).toEqual([]);
    expect(index.diagnostics.map((d) => d.code)).toEqual(['MVT_INDEX']);
    expect(index.diagnostics[0]?.message).toMatch(/15 entries/);
    expect(index.source.sha256).toBe('b1ca4076488c2652a7ac281250fc22798f12bd0a26cd5b8c70283e2a6b5eacee');
  });

  it('detects formats from content and file name', () => {
    expect(detectIndicatorFormat('  {"type":"bundle"}')).toBe('stix2');
    expect(detectIndicatorFormat('[{"type":"indicator"}]')).toBe('stix2');
    expect(detectIndicatorFormat('[2001:db8::1]\n')).toBe('list');
    expect(detectIndicatorFormat('indicators:\n  - type: github\n')).toBe('mvt-index');
    expect(detectIndicatorFormat('- name: X\n  packages:\n  - com.example\n')).toBe('echap-yaml');
    expect(detectIndicatorFormat('garbage', 'x.stix2')).toBe('stix2');
    expect(detectIndicatorFormat('- name: X\n', 'apps.yml')).toBe('echap-yaml');
    expect(detectIndicatorFormat('evil.test\n# comment\n')).toBe('list');
  });

  it('passes the list type through and honours an explicit format', () => {
    const set = loadIndicators('com.example.one\n', { type: 'app-id' });
    expect(set.indicators[0]?.type).toBe('app-id');
    const forced = loadIndicators('{"not": "a list"}', { format: 'list' });
    expect(forced.source.format).toBe('list');
    expect(forced.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_TYPE']);
    const bogus = loadIndicators('x', { format: 'csv' as never });
    expect(bogus.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_FORMAT']);
  });

  it('never throws on random bytes, random text or mutated real files, in any format', () => {
    const real = new TextDecoder().decode(
      read('amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2'),
    );
    const echap = new TextDecoder().decode(read('stalkerware-indicators/watchware.yaml')).slice(0, 3000);
    const mutated = (base: string) =>
      fc
        .tuple(fc.nat(base.length), fc.nat(200), fc.string({ unit: 'binary', maxLength: 20 }))
        .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(Math.min(base.length, at + cut)));
    const formats = ['auto', 'stix2', 'echap-yaml', 'mvt-index', 'list'] as const;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          mutated(real),
          mutated(echap),
        ),
        fc.constantFrom(...formats),
        (input, format) => {
          const set = loadIndicators(input, { format });
          for (const d of set.diagnostics) expect(d.code).toMatch(/^[A-Z_0-9]+$/);
          for (const i of set.indicators) expect(i.value.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on hostile input of any format', () => {
    const inputs: (string | Uint8Array)[] = [
      '',
      '\u0000',
      new Uint8Array([0xff, 0xfe, 0x00, 0x01]),
      '{'.repeat(10_000),
      '['.repeat(10_000),
      '- '.repeat(5_000),
      'indicators:\n'.repeat(100),
      `${'a&b '.repeat(1000)}\n`,
      '{"type":"bundle","objects":[{"type":"indicator","id":"indicator--1","pattern":5}]}',
      null as unknown as string,
    ];
    for (const input of inputs) {
      for (const format of ['auto', 'stix2', 'echap-yaml', 'mvt-index', 'list'] as const) {
        const set = loadIndicators(input, { format });
        expect(Array.isArray(set.diagnostics)).toBe(true);
      }
    }
  });
});

/** What a device might show for an indicator: the raw value as written, in another case or inside a URL. */
function artifactFor(i: Indicator): Artifact {
  switch (i.type) {
    case 'domain':
      return { type: 'url', value: `HTTPS://www.${i.raw.toUpperCase()}/path?q=1` };
    case 'ip':
      return { type: 'url', value: `http://${i.value.includes(':') ? `[${i.value}]` : i.value}:8080/` };
    case 'hash':
    case 'app-cert':
    case 'email':
      return { type: i.type, value: i.raw.toUpperCase() };
    case 'file-name':
      return { type: 'file-path', value: `/private/var/tmp/${i.raw}` };
    case 'cidr':
      return { type: 'ip', value: i.value.split('/')[0] as string };
    default:
      return { type: i.type, value: i.raw };
  }
}

describe('loaded sets work with createMatcher', () => {
  const files = [
    'amnesty-investigations/2021-07-18_nso/pegasus.stix2',
    'amnesty-investigations/2021-12-16_cytrox/cytrox.stix2',
    'amnesty-investigations/2023-03-29_android_campaign/malware.stix2',
    'amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2',
    'mvt-indicators/2026-03-03_coruna_cryptowaters/coruna.stix2',
    'stalkerware-indicators/ioc.yaml',
  ];
  it('indexes every loaded indicator and finds each one from an artifact written as a device would show it', () => {
    const sets = files.map((file) => loadIndicators(read(file), { file }));
    const matcher = createMatcher(sets);
    expect(matcher.diagnostics).toEqual([]);
    let checked = 0;
    for (const set of sets) {
      for (const indicator of set.indicators) {
        if (indicator.type === 'file-path' && !indicator.value.startsWith('/')) continue; // relative: by design
        const found = matcher.match(artifactFor(indicator));
        expect(
          found.some((m) => m.indicator === indicator),
          `${indicator.type} ${indicator.raw}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(7000);
  });
});
