import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIp } from './ip.js';

describe('parseIp', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIp('192.0.2.1')?.text).toBe('192.0.2.1');
    expect(parseIp('192.0.2.1')?.version).toBe(4);
    expect(parseIp('192.0.2')).toBeUndefined();
    expect(parseIp('192.0.2.256')).toBeUndefined();
    expect(parseIp('010.0.0.1')).toBeUndefined();
    expect(parseIp('1.2.3.4.5')).toBeUndefined();
    expect(parseIp('evil.example')).toBeUndefined();
  });

  it('parses IPv6 and prints RFC 5952 text', () => {
    expect(parseIp('2001:DB8:0:0:0:0:0:1')?.text).toBe('2001:db8::1');
    expect(parseIp('[2001:db8::1]')?.text).toBe('2001:db8::1');
    expect(parseIp('::')?.text).toBe('::');
    expect(parseIp('::1')?.text).toBe('::1');
    expect(parseIp('1:0:0:2:0:0:0:3')?.text).toBe('1:0:0:2::3');
    expect(parseIp('::ffff:192.0.2.1')?.text).toBe('::ffff:c000:201');
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('12345::')).toBeUndefined();
  });

  it('agrees with WHATWG URL on the canonical IPv6 text', () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(fc.array(fc.oneof(group, fc.constant(0)), { minLength: 8, maxLength: 8 }), (groups) => {
        const text = groups.map((g) => g.toString(16)).join(':');
        const expected = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        expect(parseIp(text)?.text).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseCidr', () => {
  it('clears host bits and keeps the prefix', () => {
    expect(parseCidr('192.0.2.7/24')?.text).toBe('192.0.2.0/24');
    expect(parseCidr('192.0.2.7')?.text).toBe('192.0.2.7/32');
    expect(parseCidr('2001:db8:ffff::/32')?.text).toBe('2001:db8::/32');
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
    expect(parseCidr('10.1.2.3/0')?.text).toBe('0.0.0.0/0');
    expect(parseCidr('10.255.2.3/9')?.text).toBe('10.128.0.0/9');
  });
});
