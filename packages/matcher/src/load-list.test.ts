import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadList } from './load-list.js';

describe('loadList', () => {
  it('reads one value a line, skips comments and blank lines, detects types', () => {
    const text = [
      '# C2 infrastructure of ExampleSpy (made up)',
      '',
      'Evil.TEST.',
      '  198.51.100.7   # inline comment',
      'https://evil.test/payload#not-a-comment',
      '2001:db8::1',
      '203.0.113.0/24',
      'd41d8cd98f00b204e9800998ecf8427e',
      'someone@mail.example',
      '/private/var/tmp/example',
      '0.0.0.0 hosts-file.example',
    ].join('\r\n');
    const set = loadList(text, { file: 'c2.txt' });
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators.map((i) => `${i.type}=${i.value}`)).toEqual([
      'domain=evil.test',
      'ip=198.51.100.7',
      'url=https://evil.test/payload#not-a-comment',
      'ip=2001:db8::1',
      'cidr=203.0.113.0/24',
      'hash=d41d8cd98f00b204e9800998ecf8427e',
      'email=someone@mail.example',
      'file-path=/private/var/tmp/example',
      'domain=hosts-file.example',
    ]);
    expect(set.indicators[1]?.provenance.location).toEqual({ file: 'c2.txt', line: 4, column: 3 });
    expect(set.indicators[8]?.provenance.location).toEqual({ file: 'c2.txt', line: 11, column: 9 });
    expect(set.source.format).toBe('list');
    expect(set.source.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(set.name).toBe('c2.txt');
  });

  it('ignores a UTF-8 byte order mark but hashes the bytes as given', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('evil.test\n')]);
    const set = loadList(bytes);
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators.map((i) => i.value)).toEqual(['evil.test']);
    expect(set.source.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(loadList('\ufeffevil.test\n').indicators.map((i) => i.value)).toEqual(['evil.test']);
  });

  it('uses the given type for every line', () => {
    const set = loadList('com.example.spy\ncom.example.tracker\n', { type: 'app-id' });
    expect(set.indicators.map((i) => i.type)).toEqual(['app-id', 'app-id']);
    const procs = loadList('examplesvcd\nexample helper\n', { type: 'process-name' });
    expect(procs.indicators.map((i) => i.value)).toEqual(['examplesvcd', 'example helper']);
  });

  it('gives a diagnostic with the line for every line it cannot use, and loads the rest', () => {
    const bytes = new TextEncoder().encode(
      [
        'ok.test',
        'localhost',
        'examplesvcd',
        'nul\u0000.test',
        'rtl\u202eexample.test',
        'XX.test',
        'ok.test',
        '1.2.3.999',
      ].join('\n'),
    );
    const patched = new Uint8Array(bytes);
    const decoded = new TextDecoder().decode(bytes);
    const xx = new TextEncoder().encode(decoded.slice(0, decoded.indexOf('XX'))).length;
    patched[xx] = 0xc3; // a lone UTF-8 lead byte
    patched[xx + 1] = 0x28;
    const set = loadList(patched, { file: 'mixed.txt' });
    expect(set.indicators.map((i) => i.value)).toEqual(['ok.test']);
    expect(set.diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['INVALID_UTF8', 6],
      ['UNKNOWN_TYPE', 2],
      ['UNKNOWN_TYPE', 3],
      ['CONTROL_CHARACTER', 4],
      ['BIDI_CHARACTER', 5],
      ['INVALID_UTF8', 6],
      ['DUPLICATE_VALUE', 7],
      ['UNKNOWN_TYPE', 8],
    ]);
    const typed = loadList('localhost\n', { type: 'domain' });
    expect(typed.diagnostics.map((d) => d.code)).toEqual(['DOMAIN_WITHOUT_DOT']);
  });

  it('names the line of the first occurrence of every duplicate, per type, before and after the first', () => {
    const list = [
      'a.test', // 1
      'b.test', // 2
      '198.51.100.7', // 3
      'a.test', // 4: first duplicate
      'c.test', // 5: new after it
      'c.test', // 6
      'b.test', // 7
      '198.51.100.7', // 8
      'A.TEST', // 9: normalised to a.test
    ].join('\n');
    const set = loadList(list, { file: 'dups.txt' });
    expect(set.indicators.map((i) => [i.value, i.provenance.location.line])).toEqual([
      ['a.test', 1],
      ['b.test', 2],
      ['198.51.100.7', 3],
      ['c.test', 5],
    ]);
    expect(
      set.diagnostics.map((d) => [d.location.line, /already on line (\d+)/.exec(d.message)?.[1]]),
    ).toEqual([
      [4, '1'],
      [6, '5'],
      [7, '2'],
      [8, '3'],
      [9, '1'],
    ]);
    // The same value as another type is no duplicate.
    expect(loadList('com.evil.app\n', { type: 'app-id' }).diagnostics).toEqual([]);
  });

  it('keeps at most maxDiagnostics diagnostics and counts the rest', () => {
    const garbage = Array.from({ length: 30_000 }, (_, n) =>
      n % 2 === 0 ? `junk${n}` : `nul\u0000${n}`,
    ).join('\n');
    const set = loadList(`ok.test\n${garbage}`, { maxDiagnostics: 100, file: 'junk.txt' });
    expect(set.indicators.map((i) => i.value)).toEqual(['ok.test']);
    expect(set.diagnostics).toHaveLength(101);
    const last = set.diagnostics[100];
    expect(last).toMatchObject({
      code: 'DIAGNOSTICS_TRUNCATED',
      severity: 'warning',
      location: { file: 'junk.txt' },
    });
    expect(last?.message).toContain('29900 more');
    expect(last?.message).toContain('UNKNOWN_TYPE × 14950');
    expect(last?.message).toContain('CONTROL_CHARACTER × 14950');
    expect(loadList(garbage).diagnostics).toHaveLength(10_001);
  });

  it('loads 100k lines and reports nothing for clean input', () => {
    const lines = Array.from({ length: 100_000 }, (_, n) => `host-${n}.sub.example`);
    const set = loadList(lines.join('\n'), { type: 'domain' });
    expect(set.indicators).toHaveLength(100_000);
    expect(set.diagnostics).toEqual([]);
    expect(set.indicators[99_999]?.provenance.location.line).toBe(100_000);
  });
});
