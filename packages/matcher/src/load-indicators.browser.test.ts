import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIndicators } from './load-indicators.js';
import { loadMvtIndex } from './load-mvt-index.js';

// The loaders must run in browsers too: bundle them for the browser platform (a `node:` import would fail
// the build) and load real files in a real Chromium, where the pure-JavaScript sha256 is used. The results
// must equal Node's, and the sha256 SOURCES.md gives.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
const FILES = [
  'amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2',
  'amnesty-investigations/2021-12-16_cytrox/cytrox.stix2',
  'mvt-indicators/2026-03-03_coruna_cryptowaters/coruna.stix2',
  'stalkerware-indicators/watchware.yaml',
];
const INDEX = 'mvt-indicators/indicators.yaml';
const LIST = '# made-up\nEvil.TEST.\n198.51.100.7\nbücher.example\nnul\u0000.test\nlocalhost\n';

describe.skipIf(!existsSync(chromiumPath))('loaders in a real browser', () => {
  let dir = '';
  let bundle = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-load-browser-'));
    const src = (f: string) => fileURLToPath(new URL(f, import.meta.url));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `export { loadIndicators } from ${JSON.stringify(src('./load-indicators.ts'))};`,
        `export { loadMvtIndex } from ${JSON.stringify(src('./load-mvt-index.ts'))};`,
      ].join('\n'),
    );
    await build({
      entry: { loaders: entry },
      format: ['iife'],
      globalName: 'VigilLoaders',
      platform: 'browser',
      target: 'es2022',
      outDir: dir,
      noExternal: [/.*/],
      config: false,
      dts: false,
      silent: true,
      sourcemap: false,
      splitting: false,
      // Sibling packages from source, as everywhere in the tests: a fresh clone has no dist/ yet.
      esbuildOptions(options) {
        options.conditions = ['@vigil/source'];
      },
    });
    bundle = readFileSync(join(dir, 'loaders.global.js'), 'utf8');
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the real files with the same indicators, diagnostics and sha256 as Node', async () => {
    expect(bundle).not.toMatch(/require\(["']node:/);
    const sources = readFileSync(new URL('SOURCES.md', IOCS), 'utf8');
    const inputs = FILES.map((file) => ({ file, bytes: Array.from(readFileSync(new URL(file, IOCS))) }));
    const indexBytes = Array.from(readFileSync(new URL(INDEX, IOCS)));
    const expected = {
      sets: inputs.map(({ file, bytes }) => loadIndicators(new Uint8Array(bytes), { file })),
      list: loadIndicators(LIST, { file: 'list.txt' }),
      index: loadMvtIndex(new Uint8Array(indexBytes), { file: INDEX }),
    };
    for (const [i, set] of expected.sets.entries()) {
      const file = FILES[i] as string;
      expect(set.source.sha256).toBe(
        new RegExp(`\\| ${file.replace(/\./g, '\\.')} \\|.*\\| ([0-9a-f]{64}) \\|`).exec(sources)?.[1],
      );
      expect(set.indicators.length).toBeGreaterThan(10);
    }
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><title>vigil</title>');
      await page.addScriptTag({ content: bundle });
      const actual = await page.evaluate(
        ({ inputs, indexBytes, list, indexFile }) => {
          const api = (
            globalThis as unknown as {
              VigilLoaders: typeof import('./load-indicators.js') & typeof import('./load-mvt-index.js');
            }
          ).VigilLoaders;
          return {
            hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
            sets: inputs.map(({ file, bytes }) => api.loadIndicators(new Uint8Array(bytes), { file })),
            list: api.loadIndicators(list, { file: 'list.txt' }),
            index: api.loadMvtIndex(new Uint8Array(indexBytes), { file: indexFile }),
          };
        },
        { inputs, indexBytes, list: LIST, indexFile: INDEX },
      );
      expect(actual.hasProcess).toBe(false);
      expect(actual.sets).toEqual(JSON.parse(JSON.stringify(expected.sets)));
      expect(actual.list).toEqual(JSON.parse(JSON.stringify(expected.list)));
      expect(actual.index).toEqual(JSON.parse(JSON.stringify(expected.index)));
      expect(actual.list.indicators.map((i) => i.value)).toEqual([
        'evil.test',
        '198.51.100.7',
        'xn--bcher-kva.example',
      ]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
