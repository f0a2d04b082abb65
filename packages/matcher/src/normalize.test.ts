import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectIndicatorType, isListDomain, normalizeIndicatorValue } from './normalize.js';

const ok = (type: Parameters<typeof normalizeIndicatorValue>[0], raw: string) => {
  const r = normalizeIndicatorValue(type, raw);
  if (!r.ok) throw new Error(`expected ok for ${type} ${JSON.stringify(raw)}, got ${r.code}: ${r.message}`);
  return r;
};
const code = (type: Parameters<typeof normalizeIndicatorValue>[0], raw: string) => {
  const r = normalizeIndicatorValue(type, raw);
  return r.ok ? 'ok' : r.code;
};

describe('normalizeIndicatorValue: domains', () => {
  it('lower-cases, trims, drops one trailing dot and converts IDN to punycode', () => {
    expect(ok('domain', '  Evil.TEST.  ').value).toBe('evil.test');
    expect(ok('domain', 'Bücher.Example').value).toBe('xn--bcher-kva.example');
    expect(ok('domain', 'пример。test').value).toBe(domainToASCII('пример.test'));
    expect(ok('domain', '_dmarc.mail.example').value).toBe('_dmarc.mail.example');
    expect(ok('domain', 'ＥＶＩＬ．test').value).toBe(domainToASCII('ＥＶＩＬ．test'));
  });

  it('turns IP literals written as domains into ip indicators (NoviSpy writes C2 IPs that way)', () => {
    expect(ok('domain', '198.51.100.7')).toMatchObject({ type: 'ip', value: '198.51.100.7' });
    expect(ok('domain', '[2001:DB8::1]')).toMatchObject({ type: 'ip', value: '2001:db8::1' });
  });

  it('rejects what is not a domain, with a specific code', () => {
    expect(code('domain', 'localhost')).toBe('DOMAIN_WITHOUT_DOT');
    expect(code('domain', 'fgr1w2gnsdvsb.xyz/x')).toBe('INVALID_DOMAIN');
    expect(code('domain', 'a..test')).toBe('INVALID_DOMAIN');
    expect(code('domain', '-bad.test')).toBe('INVALID_DOMAIN');
    expect(code('domain', `${'a'.repeat(64)}.test`)).toBe('INVALID_DOMAIN');
    expect(code('domain', '1.2.3.256')).toBe('INVALID_DOMAIN');
    expect(code('domain', 'evil test.example')).toBe('INVALID_DOMAIN');
    expect(code('domain', '*.evil.test')).toBe('WILDCARD_DOMAIN');
    expect(code('domain', 'xn--zz!.test')).toBe('INVALID_DOMAIN');
    expect(code('domain', '')).toBe('EMPTY_VALUE');
    expect(code('domain', '   ')).toBe('EMPTY_VALUE');
  });

  it('gives the same answer on the one-pass fast path as on the full path', () => {
    // A leading space keeps a value off the fast path; the full path trims it.
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9._x-]{0,40}$/), (s) => {
        expect(normalizeIndicatorValue('domain', s)).toEqual(normalizeIndicatorValue('domain', ` ${s}`));
      }),
      { numRuns: 3000 },
    );
    for (const s of ['a.0x1f', 'a.123', 'xn--bcher-kva.example', '-a.test', 'a-.test', 'a_b.test', 'a.b']) {
      expect(normalizeIndicatorValue('domain', s)).toEqual(normalizeIndicatorValue('domain', ` ${s}`));
    }
  });

  it('agrees with the WHATWG host parser on generated ASCII domains', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('test', 'example', 'ORG'),
        (ls, tld) => {
          const host = [...ls, tld].join('.');
          expect(ok('domain', host).value).toBe(domainToASCII(host));
        },
      ),
    );
  });
});

describe('normalizeIndicatorValue: characters no indicator may hold', () => {
  it('rejects NUL, control, bidi, invisible, U+FFFD and lone surrogates, never throwing', () => {
    expect(code('domain', 'evil\u0000.test')).toBe('CONTROL_CHARACTER');
    expect(code('process-name', 'a\u0085b')).toBe('CONTROL_CHARACTER');
    expect(code('domain', 'evil\u202e.test')).toBe('BIDI_CHARACTER');
    expect(code('app-id', 'com.\u200bevil')).toBe('BIDI_CHARACTER');
    expect(code('file-name', 'a\ufffdb')).toBe('INVALID_UTF8');
    expect(code('file-name', 'a\ud800b')).toBe('INVALID_UTF8');
    expect(code('file-name', 'a\ud83d\ude00b')).toBe('ok');
    expect(code('url', `https://evil.test/${'a'.repeat(9000)}`)).toBe('VALUE_TOO_LONG');
  });

  it('never throws on arbitrary strings, for every type', () => {
    const types = [
      'domain',
      'url',
      'ip',
      'cidr',
      'email',
      'process-name',
      'file-name',
      'file-path',
      'hash',
      'app-id',
      'app-cert',
      'configuration-profile',
      'android-property',
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string({ unit: 'binary', maxLength: 80 }), (type, raw) => {
        const r = normalizeIndicatorValue(type, raw);
        if (r.ok) expect(typeof r.value).toBe('string');
        else expect(r.code).toMatch(/^[A-Z_0-9]+$/);
      }),
    );
  });
});

describe('normalizeIndicatorValue: IPs and CIDRs', () => {
  it('accepts strict IPv4 and canonicalises IPv6 per RFC 5952', () => {
    expect(ok('ip', '192.0.2.1').value).toBe('192.0.2.1');
    expect(ok('ip', '2001:0DB8:0000:0000:0000:0000:0000:0001').value).toBe('2001:db8::1');
    expect(ok('ip', '2001:db8:0:0:1:0:0:1').value).toBe('2001:db8::1:0:0:1');
    expect(ok('ip', '2001:db8:0:1:1:1:1:1').value).toBe('2001:db8:0:1:1:1:1:1');
    expect(ok('ip', '::').value).toBe('::');
    expect(ok('ip', '::FFFF:192.0.2.1').value).toBe(
      new URL('http://[::ffff:192.0.2.1]/').hostname.slice(1, -1),
    );
    expect(ok('ip', '64:ff9b::192.0.2.1').value).toBe('64:ff9b::c000:201');
    expect(code('ip', '010.0.0.1')).toBe('INVALID_IP');
    expect(code('ip', '1.2.3')).toBe('INVALID_IP');
    expect(code('ip', '1::2::3')).toBe('INVALID_IP');
    expect(code('ip', '1:2:3:4:5:6:7:8:9')).toBe('INVALID_IP');
    expect(code('ip', 'evil.test')).toBe('INVALID_IP');
  });

  it('agrees with node:net about which strings are IP addresses', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (ip) => {
        const r = normalizeIndicatorValue('ip', ip);
        expect(r.ok).toBe(true);
        if (r.ok) expect(isIP(r.value)).not.toBe(0);
      }),
    );
  });

  it('reads CIDR ranges and warns about host bits', () => {
    expect(ok('cidr', '198.51.100.0/24').value).toBe('198.51.100.0/24');
    expect(ok('ip', '198.51.100.0/24').type).toBe('cidr');
    const r = ok('cidr', '198.51.100.77/24');
    expect(r.value).toBe('198.51.100.0/24');
    expect(r.warning?.code).toBe('CIDR_HOST_BITS');
    expect(ok('cidr', '2001:db8::1/32').value).toBe('2001:db8::/32');
    expect(ok('cidr', '192.0.2.1').value).toBe('192.0.2.1/32');
    expect(code('cidr', '192.0.2.0/33')).toBe('INVALID_CIDR');
    expect(code('cidr', '192.0.2.0/024')).toBe('INVALID_CIDR');
  });
});

describe('normalizeIndicatorValue: hashes, e-mails, URLs and names', () => {
  it('lower-cases hashes and takes the algorithm from the length', () => {
    expect(ok('hash', 'D41D8CD98F00B204E9800998ECF8427E')).toMatchObject({
      value: 'd41d8cd98f00b204e9800998ecf8427e',
      hashAlgorithm: 'md5',
    });
    expect(ok('app-cert', 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01').hashAlgorithm).toBe(
      'sha1',
    );
    expect(code('hash', 'abc')).toBe('INVALID_HASH');
    expect(code('hash', 'g'.repeat(64))).toBe('INVALID_HASH');
    expect(code('hash', 'a'.repeat(128))).toBe('UNSUPPORTED_HASH');
    expect(normalizeIndicatorValue('hash', 'a'.repeat(40), { hashAlgorithm: 'sha256' })).toMatchObject({
      ok: false,
      code: 'HASH_LENGTH_MISMATCH',
    });
  });

  it('normalises e-mail addresses', () => {
    expect(ok('email', 'Jane.Doe@Mail.EXAMPLE').value).toBe('jane.doe@mail.example');
    expect(code('email', 'no-at-sign.example')).toBe('INVALID_EMAIL');
    expect(code('email', 'a@localhost')).toBe('INVALID_EMAIL');
    expect(code('email', 'a b@mail.example')).toBe('INVALID_EMAIL');
  });

  it('normalises the scheme, host and default port of URLs and keeps the rest', () => {
    expect(ok('url', 'HTTPS://User@Evil.TEST:443/A?b=C#d').value).toBe('https://User@evil.test/A?b=C#d');
    expect(ok('url', 'http://evil.test').value).toBe('http://evil.test/');
    expect(ok('url', 'http://evil.test:8080?q').value).toBe('http://evil.test:8080/?q');
    expect(ok('url', 'http://[2001:DB8::1]:81/x').value).toBe('http://[2001:db8::1]:81/x');
    expect(ok('url', 'https://bücher.example/').value).toBe('https://xn--bcher-kva.example/');
    expect(code('url', 'evil.test/x')).toBe('INVALID_URL');
    expect(code('url', 'http://evil.test:99999/')).toBe('INVALID_URL');
    expect(code('url', 'http://[zz]/')).toBe('INVALID_URL');
  });

  it('keeps names as written but rejects slashes in single names', () => {
    expect(ok('process-name', 'ReminderIntentsUIExtension').value).toBe('ReminderIntentsUIExtension');
    expect(code('process-name', '/usr/bin/x')).toBe('INVALID_VALUE');
    expect(code('file-name', 'a/b.plist')).toBe('INVALID_VALUE');
    expect(ok('file-path', 'Library/Preferences/x.plist').warning?.code).toBe('RELATIVE_PATH');
    expect(ok('file-path', '/private/var/tmp/x').warning).toBeUndefined();
    expect(ok('app-id', 'com.Example.App').value).toBe('com.Example.App');
    expect(code('app-id', 'com.example app')).toBe('INVALID_VALUE');
  });
});

describe('detectIndicatorType', () => {
  it('detects each type a bare value can show', () => {
    expect(detectIndicatorType('https://evil.test/x')).toBe('url');
    expect(detectIndicatorType('198.51.100.7')).toBe('ip');
    expect(detectIndicatorType('2001:db8::1')).toBe('ip');
    expect(detectIndicatorType('198.51.100.0/24')).toBe('cidr');
    expect(detectIndicatorType('d41d8cd98f00b204e9800998ecf8427e')).toBe('hash');
    expect(detectIndicatorType('someone@mail.example')).toBe('email');
    expect(detectIndicatorType('/private/var/tmp/x')).toBe('file-path');
    expect(detectIndicatorType('Evil.Test.')).toBe('domain');
    expect(detectIndicatorType('xn--bcher-kva.example')).toBe('domain');
    expect(detectIndicatorType('fservernetd')).toBeUndefined();
    expect(detectIndicatorType('1.2.3.999')).toBeUndefined();
    expect(detectIndicatorType('')).toBeUndefined();
  });
});

describe('isListDomain (the list loader’s one-scan path)', () => {
  const chars = fc.constantFrom(...'abcz09-_.AZ:/@é%x'.split(''), 'xn--', '0x', '..', ' ');
  it('says yes only where detection and normalisation would give the same domain, unchanged', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        if (!isListDomain(s)) return;
        expect(detectIndicatorType(s)).toBe('domain');
        expect(normalizeIndicatorValue('domain', s)).toEqual({ ok: true, type: 'domain', value: s });
      }),
      { numRuns: 2000 },
    );
  });

  it('takes ordinary domains and leaves everything else to the full path', () => {
    expect(isListDomain('cdn.evil.example')).toBe(true);
    expect(isListDomain('a_b-c.test')).toBe(true);
    expect(isListDomain('Evil.test')).toBe(false);
    expect(isListDomain('evil.test.')).toBe(false);
    expect(isListDomain('xn--bcher-kva.example')).toBe(false);
    expect(isListDomain('evil.t3st')).toBe(false);
    expect(isListDomain('1.2.3.4')).toBe(false);
    expect(isListDomain('evil.x')).toBe(false);
    expect(isListDomain('localhost')).toBe(false);
  });
});
