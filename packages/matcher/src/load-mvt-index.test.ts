import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadMvtIndex } from './load-mvt-index.js';

const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
const FILE = 'mvt-indicators/indicators.yaml';
const sources = readFileSync(new URL('SOURCES.md', IOCS), 'utf8');

describe("loadMvtIndex on MVT's real indicators.yaml", () => {
  it('reads every entry with its download URL, sources and references', () => {
    const bytes = readFileSync(new URL(FILE, IOCS));
    const index = loadMvtIndex(bytes, {
      file: FILE,
      licence: 'MIT',
      repository: 'mvt-project/mvt-indicators',
    });
    expect(index.source.sha256).toBe(
      /\| mvt-indicators\/indicators\.yaml \|.*\| ([0-9a-f]{64}) \|/.exec(sources)?.[1],
    );
    expect(index.diagnostics).toEqual([]);
    const plain = parse(new TextDecoder().decode(bytes)) as {
      indicators: { name: string; github: { owner: string; repo: string; branch?: string; path: string } }[];
    };
    expect(index.entries).toHaveLength(plain.indicators.length);
    expect(index.entries).toHaveLength(15);
    index.entries.forEach((e, i) => {
      const p = plain.indicators[i];
      expect(e.name).toBe(p?.name);
      expect(e.type).toBe('github');
      expect(e.downloadUrl).toBe(
        `https://raw.githubusercontent.com/${p?.github.owner}/${p?.github.repo}/${p?.github.branch ?? 'main'}/${p?.github.path}`,
      );
      expect(e.sources.length).toBeGreaterThan(0);
      expect(e.location.line).toBeGreaterThan(1);
    });
    const pegasus = index.entries[0];
    expect(pegasus?.github).toEqual({
      owner: 'AmnestyTech',
      repo: 'investigations',
      branch: 'master',
      path: '2021-07-18_nso/pegasus.stix2',
    });
    expect(pegasus?.references).toHaveLength(1);
    expect(index.entries.map((e) => e.github?.path)).toContain('2026-03-03_coruna_cryptowaters/coruna.stix2');
  });
});

describe('loadMvtIndex: bad entries', () => {
  it('leaves out unusable entries with a diagnostic and keeps the rest', () => {
    const text = [
      'indicators:',
      '  - type: github',
      '    name: Good',
      '    github: { owner: example-org, repo: iocs, path: a/b.stix2 }',
      '  - type: github',
      '    name: Traversal',
      '    github: { owner: example-org, repo: iocs, path: ../../etc/passwd }',
      '  - type: github',
      '    name: No repo',
      '    github: { owner: example-org, path: a.stix2 }',
      '  - type: url',
      '    name: Plain HTTP',
      '    download_url: http://iocs.example/a.stix2',
      '  - type: url',
      '    name: HTTPS',
      '    download_url: https://iocs.example/a b.stix2',
      '  - type: url',
      '    name: Fine',
      '    download_url: https://iocs.example/a.stix2',
      '    colour: blue',
      '  - name: No type',
    ].join('\n');
    const index = loadMvtIndex(text, { file: 'index.yaml' });
    expect(index.entries.map((e) => [e.name, e.downloadUrl])).toEqual([
      ['Good', 'https://raw.githubusercontent.com/example-org/iocs/main/a/b.stix2'],
      ['Fine', 'https://iocs.example/a.stix2'],
    ]);
    expect(index.diagnostics.map((d) => [d.code, d.severity, d.location.line])).toEqual([
      ['INVALID_FIELD', 'error', 7],
      ['MISSING_FIELD', 'error', 10],
      ['INVALID_FIELD', 'error', 13],
      ['INVALID_FIELD', 'error', 16],
      ['UNKNOWN_FIELD', 'warning', 20],
      ['MISSING_FIELD', 'error', 21],
    ]);
    expect(loadMvtIndex('- a\n- b\n').diagnostics.map((d) => d.code)).toEqual(['NOT_A_BUNDLE']);
    expect(loadMvtIndex('indicators: [\n').diagnostics[0]?.code).toBe('MALFORMED_YAML');
  });
});
