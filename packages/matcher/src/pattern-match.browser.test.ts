import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchPattern } from './pattern-match.js';
import { validatePattern } from './pattern-validate.js';

// The patterning core must run in browsers: bundle it for the browser platform (a `node:` import would fail
// the build) and run the same checks in a real Chromium as in Node.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const od = (s: number, refs: string[], n = 1) => ({
  type: 'observed-data',
  id: `observed-data--${s}`,
  first_observed: `2026-01-01T10:00:${String(s).padStart(2, '0')}Z`,
  last_observed: `2026-01-01T10:00:${String(s).padStart(2, '0')}Z`,
  number_observed: n,
  object_refs: refs,
});
const DATA = [
  od(0, ['domain-name--1', 'ipv6-addr--1']),
  { type: 'domain-name', id: 'domain-name--1', value: 'e\u0301vil.test' },
  { type: 'ipv6-addr', id: 'ipv6-addr--1', value: '2001:db8:dead:beef::1' },
  od(5, ['network-traffic--1', 'ipv4-addr--1'], 3),
  { type: 'network-traffic', id: 'network-traffic--1', dst_ref: 'ipv4-addr--1', payload_hex: '4d5a90' },
  { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '198.51.100.7' },
];
const PATTERNS = [
  "[domain-name:value LIKE '\u00e9vil.%']",
  "[domain-name:value MATCHES '^\u00e9vil\\\\.test$']",
  "[ipv6-addr:value ISSUBSET '2001:db8:dead:beef::/64']",
  "[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24'] REPEATS 3 TIMES",
  "[network-traffic:payload_hex MATCHES '^MZ\\\\x90']",
  "([domain-name:value LIKE '%.test'] FOLLOWEDBY [network-traffic:payload_hex = h'4d5a90']) WITHIN 5 SECONDS",
  "([domain-name:value LIKE '%.test'] FOLLOWEDBY [network-traffic:payload_hex = h'4d5a90']) WITHIN 4 SECONDS",
  "[file:name MATCHES '(a)\\\\1']",
  "[file:name = 'a'",
];

function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    return { error: (e as { code?: unknown }).code };
  }
}

describe.skipIf(!existsSync(chromiumPath))('patterning in a real browser', () => {
  let dir = '';
  let bundle = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-pattern-browser-'));
    const src = (f: string) => fileURLToPath(new URL(f, import.meta.url));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `export { matchPattern } from ${JSON.stringify(src('./pattern-match.ts'))};`,
        `export { validatePattern } from ${JSON.stringify(src('./pattern-validate.ts'))};`,
      ].join('\n'),
    );
    await build({
      entry: { patterns: entry },
      format: ['iife'],
      globalName: 'VigilPatterns',
      platform: 'browser',
      target: 'es2022',
      outDir: dir,
      noExternal: [/.*/],
      config: false,
      dts: false,
      silent: true,
      sourcemap: false,
      splitting: false,
      esbuildOptions(options) {
        options.conditions = ['@vigil/source'];
      },
    });
    bundle = readFileSync(join(dir, 'patterns.global.js'), 'utf8');
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same answers as Node', async () => {
    expect(bundle).not.toMatch(/require\(["']node:/);
    const expected = PATTERNS.map((p) => ({
      valid: outcome(() => validatePattern(p).valid),
      match: outcome(() => {
        const r = matchPattern(p, DATA);
        return {
          matched: r.matched,
          slots: r.bindings[0]?.slots.map((s) => s && [s.index, s.copy, s.objectIds]),
        };
      }),
    }));
    expect(expected.map((e) => (e.match as { matched?: boolean }).matched)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      undefined,
      undefined,
    ]);
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><title>vigil</title>');
      await page.addScriptTag({ content: bundle });
      const actual = await page.evaluate(
        ({ patterns, data }) => {
          const api = (
            globalThis as unknown as {
              VigilPatterns: typeof import('./pattern-match.js') & typeof import('./pattern-validate.js');
            }
          ).VigilPatterns;
          const run = (f: () => unknown): unknown => {
            try {
              return f();
            } catch (e) {
              return { error: (e as { code?: unknown }).code };
            }
          };
          return patterns.map((p) => ({
            valid: run(() => api.validatePattern(p).valid),
            match: run(() => {
              const r = api.matchPattern(p, data);
              return {
                matched: r.matched,
                slots: r.bindings[0]?.slots.map((s) => s && [s.index, s.copy, s.objectIds]),
              };
            }),
          }));
        },
        { patterns: PATTERNS, data: DATA },
      );
      expect(actual).toEqual(expected);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
