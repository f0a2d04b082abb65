import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHost } from './host.js';

/**
 * The slow reference: WHATWG URL, after giving scheme-less input a scheme. A special scheme without slashes
 * (`http:0`, `http:evil.test`) is a URL as it is: WHATWG reads `http:0` as host 0.0.0.0, as browsers do,
 * not as the host `http` with port 0.
 */
function referenceHost(input: string): string | undefined {
  const trimmed = input.trim();
  const withScheme =
    /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) || /^https?:/i.test(trimmed)
      ? trimmed
      : trimmed.startsWith('//')
        ? `http:${trimmed}`
        : `http://${trimmed}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    return undefined;
  }
  if (host.startsWith('[')) return host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' ? undefined : host;
}

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
const labelChar = fc.oneof(
  { weight: 8, arbitrary: letter },
  { weight: 2, arbitrary: fc.constantFrom(...'0123456789-'.split('')) },
  { weight: 1, arbitrary: fc.constantFrom('ü', 'é', 'Ü', 'ß', '例', 'ж', 'Ж') },
);
// A label starts and ends with a letter (a trailing digit label would be read as an IPv4 number by WHATWG).
const label = fc
  .tuple(letter, fc.array(labelChar, { maxLength: 10 }), letter)
  .map(([a, mid, b]) => `${a}${mid.join('')}${b}`)
  .filter((l) => !/^xn--/i.test(l) && !/^..--/.test(l) && !l.includes('--'));
const domain = fc.array(label, { minLength: 1, maxLength: 5 }).map((ls) => ls.join('.'));
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const hex = fc.integer({ min: 0, max: 0xffff }).map((g) => g.toString(16));
const ipv6 = fc.oneof(
  fc.array(hex, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
  fc
    .tuple(fc.array(hex, { maxLength: 3 }), fc.array(hex, { maxLength: 3 }))
    .map(([a, b]) => `${a.join(':')}::${b.join(':')}`),
  fc.tuple(fc.array(hex, { maxLength: 2 }), ipv4).map(([a, v4]) => `${a.join(':')}::ffff:${v4}`),
);
// IPv4 in the forms inet_aton and WHATWG URL accept: one number, hex or octal parts, two or three parts.
const ipv4Forms = fc
  .tuple(octet, octet, octet, octet, fc.constantFrom('dec', 'hex', 'oct', 'two', 'three'))
  .map(([a, b, c, d, form]) => {
    const n = a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d;
    if (form === 'dec') return String(n);
    if (form === 'hex') return [a, b, c, d].map((x) => `0x${x.toString(16)}`).join('.');
    if (form === 'oct') return [a, b, c, d].map((x) => `0${x.toString(8)}`).join('.');
    if (form === 'two') return `${a}.${b * 2 ** 16 + c * 2 ** 8 + d}`;
    return `${a}.${b}.${c * 256 + d}`;
  });
const host = fc.oneof(
  { weight: 6, arbitrary: domain },
  { weight: 1, arbitrary: ipv4 },
  { weight: 1, arbitrary: ipv4Forms },
  { weight: 1, arbitrary: ipv6.map((h) => `[${h.toUpperCase()}]`) },
);
const scheme = fc.constantFrom(
  'http://',
  'https://',
  'HTTPS://',
  'ftp://',
  'ws://',
  'wss://',
  '//',
  '',
  'http:',
);
const userinfo = fc.constantFrom('', 'user@', 'user:pass@', 'a:b@c@', 'USER:p%40ss@');
const port = fc.constantFrom('', ':80', ':8443', ':1');
const trailingDot = fc.constantFrom('', '', '.');
const rest = fc.constantFrom('', '/', '/a/b?c=d#e', '?q=1', '#frag', '/p@th:x', '\\x', '/%41?@');
const url = fc
  .tuple(scheme, userinfo, host, trailingDot, port, rest)
  .map(
    ([s, u, h, d, p, r]) =>
      // `http:` without slashes is only a scheme before a host; a scheme-less IPv6 host keeps its brackets.
      `${s}${u}${h}${h.startsWith('[') ? '' : d}${p}${r}`,
  )
  .filter((u) => !(u.startsWith('http:') && !u.startsWith('http://') && u.includes('@')));

describe('extractHost', () => {
  it('handles the documented cases', () => {
    expect(extractHost('HTTPS://user:pw@WWW.Evil.Example.:8443/path?q#f')).toBe('www.evil.example');
    expect(extractHost('evil.example:8080/x')).toBe('evil.example');
    expect(extractHost('evil.example')).toBe('evil.example');
    expect(extractHost('//evil.example/x')).toBe('evil.example');
    expect(extractHost('  http://evil.example  ')).toBe('evil.example');
    expect(extractHost('http://[2001:DB8:0::1]:443/')).toBe('2001:db8::1');
    expect(extractHost('bücher.example/x')).toBe('xn--bcher-kva.example');
    expect(extractHost('http://evil.example\\path')).toBe('evil.example');
    expect(extractHost('file:///etc/passwd')).toBeUndefined();
    expect(extractHost('')).toBeUndefined();
    expect(extractHost('http://')).toBeUndefined();
    expect(extractHost('http://a@b@evil.example/')).toBe('evil.example');
    // A special scheme without slashes: the rest is the host, as WHATWG URL and browsers read it.
    expect(extractHost('http:evil.example/x')).toBe('evil.example');
    expect(extractHost('http:0')).toBe('0.0.0.0');
    // IPv4 as WHATWG URL reads it: one number, hex, octal, fewer parts; invalid when it ends in a number.
    expect(extractHost('http://3325256711/')).toBe('198.51.100.7');
    expect(extractHost('http://0xC6.51.100.7/')).toBe('198.51.100.7');
    expect(extractHost('http://0306.063.0144.07/')).toBe('198.51.100.7');
    expect(extractHost('http://198.51.25607/')).toBe('198.51.100.7');
    expect(extractHost('http://127.1:8080/')).toBe('127.0.0.1');
    expect(extractHost('http://1.2.3.4.5/')).toBeUndefined();
    expect(extractHost('http://evil.123/')).toBeUndefined();
    expect(extractHost('http://256.0.0.1/')).toBeUndefined();
    expect(extractHost('http://0x7g.1/')).toBeUndefined();
    expect(extractHost('http://0x7f.example/')).toBe('0x7f.example');
    // Tab and line breaks are removed anywhere, as WHATWG URL does.
    expect(extractHost('http://ev\nil.exa\tmple\r/x')).toBe('evil.example');
  });

  it('agrees with a new URL() reference on generated URLs', () => {
    fc.assert(
      fc.property(url, (u) => {
        const expected = referenceHost(u);
        fc.pre(expected !== undefined);
        expect(extractHost(u)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary strings and returns a clean host', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const h = extractHost(s);
        if (h !== undefined) {
          expect(h.length).toBeGreaterThan(0);
          expect(h).not.toMatch(/[/?#\\@\s]/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
