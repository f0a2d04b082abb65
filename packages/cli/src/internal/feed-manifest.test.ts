import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCacheManifest } from './feed-manifest.js';

describe('readCacheManifest', () => {
  it("takes only @vigil/client's manifest, not MVT's iOS backup manifest.json or broken JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-manifest-'));
    expect(readCacheManifest(dir)).toBeUndefined();
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify([{ file_id: 'x', domain: 'HomeDomain' }]));
    expect(readCacheManifest(dir)).toBeUndefined();
    writeFileSync(join(dir, 'manifest.json'), '{not json');
    expect(readCacheManifest(dir)).toBeUndefined();
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        version: 1,
        entries: {
          'https://feeds.example/a.stix2': {
            name: 'a',
            url: 'https://feeds.example/a.stix2',
            file: 'a.stix2',
            format: 'stix2',
            sha256: 'ab',
            bytes: 2,
            fetchedAt: '2026-01-01T00:00:00Z',
          },
        },
      }),
    );
    expect(readCacheManifest(dir)).toEqual([
      {
        name: 'a',
        url: 'https://feeds.example/a.stix2',
        path: join(dir, 'a.stix2'),
        format: 'stix2',
        sha256: 'ab',
        bytes: 2,
        fetchedAt: '2026-01-01T00:00:00Z',
        isIndex: false,
      },
    ]);
  });
});
