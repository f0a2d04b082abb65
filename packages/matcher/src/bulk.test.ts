import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BulkMatcher, createBulkMatcher, matchLines } from './bulk.js';
import type { Indicator, IndicatorType } from './indicator.js';
import { createMatcher } from './matcher.js';

const source = { format: 'list', sha256: '0'.repeat(64) } as const;
const ind = (type: IndicatorType, value: string): Indicator => ({
  type,
  value,
  raw: value,
  provenance: { source, location: {}, indicates: [], revoked: false },
});

const matcher = createMatcher([
  ind('domain', 'evil.example'),
  ind('domain', 'c2.bad.test'),
  ind('ip', '198.51.100.7'),
  ind('domain', 'xn--bcher-kva.example'),
]);

const lineArb = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('https://', 'http://', '', '//', 'HTTP://u:p@', 'http:'),
      fc.constantFrom(
        'evil.example',
        'A.EVIL.example',
        'notevil.example',
        'c2.bad.test',
        'bad.test',
        'x.c2.bad.test.',
        '198.51.100.7',
        '198.51.100.70',
        'bücher.example',
        'ok.test',
        '[::1]',
      ),
      fc.constantFrom('', '/', ':8080/x', '?q=evil.example', '/p\r'),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
  fc.string({ maxLength: 30 }).map((s) => s.replaceAll('\n', ' ')),
);

function expected(lines: string[]) {
  const out: { line: number; value: string; n: number }[] = [];
  lines.forEach((raw, i) => {
    const value = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const n = value === '' ? 0 : matcher.match({ type: 'url', value }).length;
    if (n > 0) out.push({ line: i + 1, value, n });
  });
  return out;
}

describe('bulk matching', () => {
  let bulk: BulkMatcher;
  beforeAll(async () => {
    bulk = await createBulkMatcher(matcher, { workers: 2 });
  });
  afterAll(async () => {
    await bulk.close();
  });

  it('matchLines equals match() line by line (property)', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), (lines) => {
        const bytes = new TextEncoder().encode(lines.join('\n'));
        const got = matchLines(matcher, bytes).map((h) => ({
          line: h.line,
          value: h.value,
          n: h.matches.length,
        }));
        expect(got).toEqual(expected(lines));
      }),
      { numRuns: 300 },
    );
  });

  it('two workers over shared memory give the same answers', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(
        i % 97 === 0
          ? `https://n${i}.evil.example/a`
          : i % 89 === 0
            ? `http://198.51.100.7:${i}/`
            : `https://h${i}.ok.test/x`,
      );
    }
    const text = `${lines.join('\n')}\n`;
    const plain = new TextEncoder().encode(text);
    const sab = new Uint8Array(new SharedArrayBuffer(plain.length));
    sab.set(plain);
    const a = await bulk.match(sab);
    const b = await bulk.match(plain);
    const want = expected(lines);
    expect(a.map((h) => ({ line: h.line, value: h.value, n: h.matches.length }))).toEqual(want);
    expect(b.length).toBe(want.length);
    expect(want.length).toBeGreaterThan(100);
    expect(a[0]?.matches[0]?.indicator.value).toBe('evil.example');
  });

  it('survives bytes that are not UTF-8, NUL and bidi characters', () => {
    const parts = [
      new TextEncoder().encode('https://a.evil.example/\u0000\n'),
      new Uint8Array([0xff, 0xfe, 0x68, 0x74, 0x74, 0x70, 0x3a, 0x2f, 0x2f, 0xc3, 0x28, 0x0a]),
      new TextEncoder().encode(
        'https://evil.example\u202e/\nhttps://b.EVIL.example\nhttps://ev\til.example/\n',
      ),
    ];
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    const hits = matchLines(matcher, bytes);
    // Line 3's host ends in U+202E, which no host may contain (WHATWG URL refuses it): not evil.example.
    expect(hits.map((h) => h.line)).toEqual([1, 4, 5]);
    expect(matcher.match({ type: 'url', value: 'https://evil.example\u202e/' })).toEqual([]);
  });

  it('other artifact types go line by line', async () => {
    const m = createMatcher([ind('hash', 'd41d8cd98f00b204e9800998ecf8427e')]);
    const bytes = new TextEncoder().encode('x\nD41D8CD98F00B204E9800998ECF8427E\r\n');
    expect(matchLines(m, bytes, { type: 'hash' }).map((h) => h.line)).toEqual([2]);
  });
});
