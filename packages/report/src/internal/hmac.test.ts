import { createHash, createHmac } from 'node:crypto';
import { domainToAscii, punycodeEncode, sha256 } from '@vigil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, toCode, toHex, toUuid } from './hmac.js';

describe('sha256 and hmac (pure JS)', () => {
  it('matches known vectors', () => {
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // RFC 4231 test case 2
    expect(toHex(hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
  it('agrees with node:crypto on random input (including long keys)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 200 }), (key, msg) => {
        expect(toHex(sha256(msg))).toBe(createHash('sha256').update(msg, 'utf8').digest('hex'));
        expect(toHex(hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg, 'utf8').digest('hex'));
      }),
      { numRuns: 100 },
    );
  });
  it('makes codes and uuids of the requested shape', () => {
    const mac = hmacSha256('k', 'm');
    expect(toCode(mac, 6)).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(toUuid(mac)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('punycode', () => {
  it('encodes RFC 3492 samples and domains', () => {
    expect(punycodeEncode('bücher')).toBe('bcher-kva');
    expect(punycodeEncode('münchen')).toBe('mnchen-3ya');
    expect(domainToAscii('Bücher.example')).toBe('xn--bcher-kva.example');
    expect(domainToAscii('пример.example')).toBe('xn--e1afmkfd.example');
    expect(domainToAscii('plain.example')).toBe('plain.example');
  });
});
