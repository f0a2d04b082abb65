import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostToAscii, hostToUnicode, punycodeDecode, punycodeEncode } from './punycode.js';

describe('punycode (RFC 3492)', () => {
  it('encodes and decodes the RFC 3492 section 7.1 samples', () => {
    // (A) Arabic (Egyptian), (B) Chinese (simplified), (L) 3<nen>B<gumi><kinpachi><sensei>
    const samples: [string, string][] = [
      [
        '\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F',
        'egbpdaj6bu4bxfgehfvwxn',
      ],
      ['\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
      ['3\u5E74B\u7D44\u91D1\u516B\u5148\u751F', '3B-ww4c5e180e575a65lsy2b'],
      ['-> $1.00 <-', '-> $1.00 <--'],
    ];
    for (const [unicode, ascii] of samples) {
      expect(punycodeEncode(unicode)).toBe(ascii);
      expect(punycodeDecode(ascii)).toBe(unicode);
    }
  });

  it('agrees with the WHATWG host parser for lower-case IDN hosts', () => {
    expect(hostToAscii('bücher.example')).toBe('xn--bcher-kva.example');
    expect(hostToAscii('пример.test')).toBe(domainToASCII('пример.test'));
    expect(hostToUnicode('xn--bcher-kva.example')).toBe('bücher.example');
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zà-öø-ÿа-я一-龥]{1,20}$/), (label) => {
        const host = `${label}.test`;
        const ours = hostToAscii(host);
        expect(ours).toBe(domainToASCII(host));
        expect(hostToUnicode(ours)).toBe(host);
      }),
    );
  });

  it('rejects invalid Punycode with a RangeError, never a hang', () => {
    expect(() => punycodeDecode('99999999999999999')).toThrow(RangeError);
    expect(() => punycodeDecode('a-!')).toThrow(RangeError);
    expect(() => punycodeDecode('ü-a')).toThrow(RangeError);
  });
});
