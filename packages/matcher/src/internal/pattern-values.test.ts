import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileStixRegex, translatePcre } from './pattern-regex.js';
import {
  compareOctets,
  compareStrings,
  decodeBase64,
  decodeHex,
  ipRangeWithin,
  likeMatch,
  parseIpRange,
  parseTimestamp,
  stringToOctets,
} from './pattern-values.js';

describe('timestamps', () => {
  it('parses RFC 3339 UTC with fractions and orders them at nanosecond precision', () => {
    const a = parseTimestamp('2016-06-01T00:00:00.000000001Z');
    const b = parseTimestamp('2016-06-01T00:00:00Z');
    expect((a?.key ?? '') > (b?.key ?? '')).toBe(true);
    expect(parseTimestamp('2016-06-01T00:00:00.5Z')?.ms).toBe(Date.UTC(2016, 5, 1) + 500);
    expect(parseTimestamp('0001-01-01T00:00:00Z')?.ms).toBe(-62135596800000);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const s of [
      '2021-02-29T00:00:00Z',
      '2016-06-01T24:00:00Z',
      '2016-06-01T00:00:00',
      '2016-06-01 00:00:00Z',
      '2016-6-1T00:00:00Z',
      '2016-06-01T00:00:00+01:00',
    ]) {
      expect(parseTimestamp(s), s).toBeUndefined();
    }
    expect(parseTimestamp('2020-02-29T00:00:00Z')).toBeDefined();
    expect(parseTimestamp('2016-12-31T23:59:60Z')).toBeDefined(); // leap second
  });

  it('accepts exactly the RFC 3339 UTC shape with a real calendar date', () => {
    const shape = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$/;
    const piece = fc.constantFrom(
      '2016',
      '2020',
      '1900',
      '0000',
      '-',
      'T',
      'Z',
      'z',
      ':',
      '.',
      '02',
      '29',
      '30',
      '31',
      '13',
      '00',
      '23',
      '24',
      '59',
      '60',
      '61',
      '5',
      ' ',
      '+',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((a) => a.join('')),
        (s) => {
          const t = parseTimestamp(s);
          if (!shape.test(s)) {
            expect(t).toBeUndefined();
            return;
          }
          const [y, mo, d, h, mi, sec] = s.split(/[-T:.Z]/).map(Number) as number[];
          const date = new Date(0);
          date.setUTCFullYear(y as number, (mo as number) - 1, d);
          const real =
            (mo as number) >= 1 &&
            (mo as number) <= 12 &&
            date.getUTCDate() === d &&
            (h as number) <= 23 &&
            (mi as number) <= 59 &&
            (sec as number) <= 60;
          expect(t !== undefined).toBe(real);
        },
      ),
      { numRuns: 3000 },
    );
    expect(parseTimestamp('2016-06-01T00:00:00.Z')).toBeUndefined();
    expect(parseTimestamp('2016-06-01T00:00:00.1234567891Z')?.key).toBe('2016-06-01T00:00:00.123456789');
  });

  it('orders like Date for random instants', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01Z'), max: new Date('9999-01-01Z'), noInvalidDate: true }),
        fc.date({ min: new Date('1000-01-01Z'), max: new Date('9999-01-01Z'), noInvalidDate: true }),
        (x, y) => {
          const a = parseTimestamp(x.toISOString());
          const b = parseTimestamp(y.toISOString());
          expect(a?.ms).toBe(x.getTime());
          expect(Math.sign((a?.key ?? '') < (b?.key ?? '') ? -1 : a?.key === b?.key ? 0 : 1)).toBe(
            Math.sign(x.getTime() - y.getTime()),
          );
        },
      ),
    );
  });
});

describe('octets', () => {
  it('decodes hex and base64 strictly', () => {
    expect([...(decodeHex('4d5A') ?? [])]).toEqual([0x4d, 0x5a]);
    expect(decodeHex('4')).toBeUndefined();
    expect(decodeHex('zz')).toBeUndefined();
    expect([...(decodeBase64('TVo=') ?? [])]).toEqual([0x4d, 0x5a]);
    expect([...(decodeBase64('TVpQ') ?? [])]).toEqual([0x4d, 0x5a, 0x50]);
    expect(decodeBase64('TV=o')).toBeUndefined();
    expect(decodeBase64('TVo')).toBeUndefined();
  });

  it('base64 decoding agrees with Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect([...(decodeBase64(Buffer.from(b).toString('base64')) ?? [])]).toEqual([...b]);
      }),
    );
  });

  it('compares unsigned, longer equal prefix greater; strings convert only below U+0100', () => {
    expect(compareOctets(new Uint8Array([0xff]), new Uint8Array([0x01]))).toBe(1);
    expect(compareOctets(new Uint8Array([1, 2]), new Uint8Array([1]))).toBe(1);
    expect(stringToOctets('MZ\u00ff')).toEqual(new Uint8Array([0x4d, 0x5a, 0xff]));
    expect(stringToOctets('\u0100')).toBeUndefined();
  });
});

describe('strings', () => {
  it('compares by code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const ca = Array.from(a, (c) => c.codePointAt(0) as number);
        const cb = Array.from(b, (c) => c.codePointAt(0) as number);
        let expected = 0;
        for (let i = 0; i < Math.min(ca.length, cb.length) && expected === 0; i++) {
          expected = Math.sign((ca[i] as number) - (cb[i] as number));
        }
        if (expected === 0) expected = Math.sign(ca.length - cb.length);
        expect(compareStrings(a, b)).toBe(expected);
      }),
    );
  });

  it('LIKE agrees with an equivalent regular expression', () => {
    const toRe = (p: string): RegExp =>
      new RegExp(
        `^${Array.from(p, (c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('')}$`,
        'su',
      );
    fc.assert(
      fc.property(fc.stringMatching(/^[ab%_]{0,8}$/), fc.stringMatching(/^[ab\n]{0,10}$/), (p, v) => {
        expect(likeMatch(v, Array.from(p))).toBe(toRe(p).test(v));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('IP ranges', () => {
  it('parses IPv4, IPv6 and CIDR strictly', () => {
    expect(parseIpRange('198.51.100.7')).toEqual({ family: 4, bits: 0xc6336407n, prefix: 32 });
    expect(parseIpRange('2001:db8::1')?.bits).toBe(0x20010db8000000000000000000000001n);
    expect(parseIpRange('::')?.bits).toBe(0n);
    expect(parseIpRange('::1')?.bits).toBe(1n);
    expect(parseIpRange('1::')?.bits).toBe(1n << 112n);
    expect(parseIpRange('::ffff:1.2.3.4')?.bits).toBe(0xffff01020304n);
    expect(parseIpRange('1:2:3:4:5:6:1.2.3.4')?.bits).toBe(0x00010002000300040005000601020304n);
    for (const bad of [
      '1.2.3',
      '1.2.3.256',
      '01.2.3.4',
      '1.2.3.4/33',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      'x',
      '',
      '1.2.3.4/',
      '::/129',
      ':1:2',
    ]) {
      expect(parseIpRange(bad), bad).toBeUndefined();
    }
  });

  it('contains ranges correctly', () => {
    const r = (s: string) => parseIpRange(s) as NonNullable<ReturnType<typeof parseIpRange>>;
    expect(ipRangeWithin(r('10.1.2.3'), r('10.0.0.0/8'))).toBe(true);
    expect(ipRangeWithin(r('10.0.0.0/8'), r('10.1.0.0/16'))).toBe(false);
    expect(ipRangeWithin(r('11.0.0.0'), r('10.0.0.0/8'))).toBe(false);
    expect(ipRangeWithin(r('2001:db8::5'), r('2001:db8::/32'))).toBe(true);
    expect(ipRangeWithin(r('10.0.0.1'), r('::/0'))).toBe(false);
  });

  it('agrees with a byte-wise check for random IPv4 addresses', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), fc.integer({ min: 0, max: 32 }), (a, b, prefix) => {
        const toInt = (s: string) => s.split('.').reduce((acc, x) => acc * 256 + Number(x), 0);
        const mask = prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)) >>> 0;
        const expected = (toInt(a) & mask) >>> 0 === (toInt(b) & mask) >>> 0;
        expect(ipRangeWithin(parseIpRange(a) as never, parseIpRange(`${b}/${prefix}`) as never)).toBe(
          expected,
        );
      }),
    );
  });
});

describe('regular expressions', () => {
  it('translates what RE2 lacks and keeps the meaning', () => {
    expect(translatePcre('a(?# note )b')).toBe('ab');
    expect(translatePcre('\\e')).toBe('\\x1b');
    expect(translatePcre('\\cA')).toBe('\\x{1}');
    const ok = (src: string, input: string) => {
      const r = compileStixRegex(src);
      if (!r.ok) throw new Error(r.message);
      return r.regex.test(input);
    };
    expect(ok('a\\Z', 'xa\n')).toBe(true);
    expect(ok('a\\Z', 'xa\nb')).toBe(false);
    expect(ok('a$', 'xa\n')).toBe(true);
    expect(ok('(?m)a$', 'a\nb')).toBe(true);
    expect(ok('^a\\hb', 'a\tb')).toBe(true);
    expect(ok('a\\Rb', 'a\r\nb')).toBe(true);
    expect(ok('[$]', '$')).toBe(true);
    expect(ok('\\$', '$')).toBe(true);
    expect(ok('(?<=a)b', 'ab')).toBe(true);
    expect(ok('a.b', 'a\nb')).toBe(true);
    expect(ok('\\Qa.b$\\E', 'a.b$')).toBe(true);
    expect(ok("(?'year'[0-9]{4})", 'in 2026')).toBe(true);
  });

  it('names the unsupported construct', () => {
    for (const [src, word] of [
      ['(a)\\1', 'backreference'],
      ['\\k<x>', 'backreference'],
      ['a(?!b)', 'lookahead'],
      ['(?>a)', 'atomic'],
      ['a*+', 'possessive'],
      ['(?(1)a|b)', 'conditional'],
      ['(?R)', 'recursion'],
      ['(?P<n>a)(?P=n)', 'named backreference'],
      ['\\G', 'no equivalent'],
    ] as const) {
      const r = compileStixRegex(src);
      expect(r.ok, src).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe('UNSUPPORTED_REGEX');
        expect(r.message).toContain(word);
      }
    }
  });
});
