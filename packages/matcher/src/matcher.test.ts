import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHost } from './host.js';
import type { Indicator, IndicatorSet, IndicatorType } from './indicator.js';
import { loadIndicators } from './load-indicators.js';
import { createMatcher } from './matcher.js';

const source = { format: 'list', sha256: '0'.repeat(64) } as const;

function ind(
  type: IndicatorType,
  value: string,
  extra: Partial<Indicator> & { names?: string[] } = {},
): Indicator {
  const { names, ...rest } = extra;
  return {
    type,
    value,
    raw: value,
    provenance: { source, location: { line: 1 }, indicates: names ?? ['Example spyware'], revoked: false },
    ...rest,
  };
}

function set(name: string, indicators: Indicator[]): IndicatorSet {
  return { name, source, indicators, diagnostics: [] };
}

const values = (ms: readonly { indicator: Indicator }[]) => ms.map((m) => m.indicator.value);

describe('createMatcher: domains and URLs (default profile)', () => {
  const evil = ind('domain', 'evil.example');
  const deep = ind('domain', 'a.b.bad.test');
  const m = createMatcher([evil, deep]);

  it('matches the host and its subdomains at label boundaries', () => {
    expect(m.match({ type: 'url', value: 'https://evil.example/' })).toEqual([
      { indicator: evil, rule: 'exact', observed: 'evil.example' },
    ]);
    expect(m.match({ type: 'url', value: 'https://x.y.EVIL.example.:8443/p?q' })).toEqual([
      { indicator: evil, rule: 'subdomain', observed: 'x.y.evil.example' },
    ]);
    expect(m.match({ type: 'url', value: 'https://notevil.example/' })).toEqual([]);
    expect(m.match({ type: 'url', value: 'https://evil.example.com/' })).toEqual([]);
    expect(m.match({ type: 'url', value: 'https://example/' })).toEqual([]);
    expect(values(m.match({ type: 'url', value: 'z.a.b.bad.test' }))).toEqual(['a.b.bad.test']);
    expect(m.match({ type: 'url', value: 'b.bad.test' })).toEqual([]);
    expect(values(m.match({ type: 'domain', value: 'EVIL.EXAMPLE' }))).toEqual(['evil.example']);
    // The one-pass http(s) fast path: trailing dot, upper case, query and fragment right after the host.
    expect(m.match({ type: 'url', value: 'https://A.Evil.Example./x' })[0]?.observed).toBe('a.evil.example');
    expect(values(m.match({ type: 'url', value: 'http://evil.example?x' }))).toEqual(['evil.example']);
    expect(values(m.match({ type: 'url', value: 'http://evil.example#x' }))).toEqual(['evil.example']);
    expect(m.match({ type: 'url', value: 'http://evil.example../' })).toEqual([]);
    expect(m.match({ type: 'url', value: 'https://.evil.example/' })).toHaveLength(1);
    expect(values(m.match({ type: 'url', value: 'a.EVIL.example:8080/x' }))).toEqual(['evil.example']);
    expect(values(m.match({ type: 'url', value: 'https://a.evil.example:8080' }))).toEqual(['evil.example']);
    expect(m.match({ type: 'url', value: 'https://a.evil.example:8080@good.example/' })).toEqual([]);
    expect(m.match({ type: 'url', value: 'evil:8080/x' })).toEqual([]);
    expect(values(m.match({ type: 'url', value: 'http:evil.example/x' }))).toEqual(['evil.example']);
    expect(values(m.match({ type: 'url', value: 'httpx.evil.example/x' }))).toEqual(['evil.example']);
    expect(values(m.match({ type: 'url', value: 'http://ev\nil.exam\tple/x' }))).toEqual(['evil.example']);
  });

  it('handles scheme-less input, user info, IDN and odd input without throwing', () => {
    expect(values(m.match({ type: 'url', value: 'user:pw@evil.example:80/x' }))).toEqual(['evil.example']);
    expect(m.match({ type: 'url', value: 'https://evil.example@good.example/' })).toEqual([]);
    const idn = createMatcher([ind('domain', 'xn--bcher-kva.example')]);
    expect(idn.match({ type: 'url', value: 'http://WWW.Bücher.example/' })).toHaveLength(1);
    for (const v of ['', ' ', '://', '\u0000', '[', 'http://[::1', 'a'.repeat(10_000)]) {
      expect(() => m.match({ type: 'url', value: v })).not.toThrow();
    }
  });

  it('returns every match, with provenance, in indicator order', () => {
    const a = ind('domain', 'evil.example', { names: ['Cytrox'] });
    const b = ind('domain', 'evil.example', { names: ['Predator'] });
    const c = ind('domain', 'cdn.evil.example', { names: ['Predator'] });
    const both = createMatcher([set('one', [a]), set('two', [b, c])]);
    const ms = both.match({ type: 'url', value: 'https://cdn.evil.example/' });
    expect(ms.map((x) => x.indicator)).toEqual([a, b, c]);
    expect(ms.map((x) => x.rule)).toEqual(['subdomain', 'subdomain', 'exact']);
    expect(ms[0]?.indicator.provenance.indicates).toEqual(['Cytrox']);
  });

  it('matches URL indicators on host, port, path and query, ignoring scheme, default port and fragment', () => {
    const u = ind('url', 'http://evil.example/landing?id=1');
    const mu = createMatcher([u]);
    expect(mu.match({ type: 'url', value: 'https://EVIL.example:443/landing?id=1#x' })).toHaveLength(1);
    expect(mu.match({ type: 'url', value: 'https://evil.example/landing?id=2' })).toEqual([]);
    expect(mu.match({ type: 'url', value: 'https://evil.example:8080/landing?id=1' })).toEqual([]);
    expect(mu.match({ type: 'url', value: 'https://a.evil.example/landing?id=1' })).toEqual([]);
    expect(mu.match({ type: 'url', value: 'https://evil.example/landing?id=1' })[0]?.rule).toBe('url');
    // With domain indicators too, on the fast path (http(s), plain host) and the general one (user info).
    const both = createMatcher([u, ind('domain', 'evil.example')]);
    expect(
      both.match({ type: 'url', value: 'https://a.evil.example/landing?id=1' }).map((x) => x.rule),
    ).toEqual(['subdomain']);
    expect(
      both.match({ type: 'url', value: 'https://evil.example/landing?id=1' }).map((x) => x.rule),
    ).toEqual(['url', 'exact']);
    expect(
      both.match({ type: 'url', value: 'https://me@evil.example/landing?id=1' }).map((x) => x.rule),
    ).toEqual(['url', 'exact']);
    const ipUrl = createMatcher([
      ind('url', 'http://[2001:db8::1]:8080/x'),
      ind('url', 'http://198.51.100.7/y'),
    ]);
    expect(ipUrl.match({ type: 'url', value: 'https://[2001:DB8::1]:8080/x' })).toHaveLength(1);
    expect(ipUrl.match({ type: 'url', value: 'https://198.51.100.7/y' })).toHaveLength(1);
    expect(ipUrl.match({ type: 'url', value: 'https://198.51.100.7/z' })).toEqual([]);
  });

  it('agrees with a Set suffix walk over extracted hosts (property)', () => {
    const label = fc.constantFrom('a', 'b', 'evil', 'x-y', 'cdn', 'www', 'test', 'example');
    const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((l) => l.join('.'));
    fc.assert(
      fc.property(
        fc.uniqueArray(domain, { maxLength: 30 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('https://', 'http://U@', '', '//', 'HTTP://', 'http:', 'ws://', ' https://'),
            fc.tuple(domain, fc.constantFrom('', '.')).map(([d, dot]) => `${d}${dot}`),
            fc.constantFrom('', '/p', ':81/q', ':8080', '?x', '#y', ':x/', ':/'),
          ),
          {
            maxLength: 30,
          },
        ),
        (iocs, urls) => {
          const matcher = createMatcher(iocs.map((d) => ind('domain', d)));
          const s = new Set(iocs);
          for (const [scheme, host, rest] of urls) {
            const url = `${scheme}${host.toUpperCase()}${rest}`;
            const h = extractHost(url) ?? '';
            const expected = new Set<string>();
            const labels = h.split('.');
            for (let i = 0; i < labels.length; i++) {
              const suffix = labels.slice(i).join('.');
              if (s.has(suffix)) expected.add(suffix);
            }
            expect(new Set(values(matcher.match({ type: 'url', value: url })))).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createMatcher: IPs and CIDR', () => {
  const one = ind('ip', '198.51.100.7');
  const net = ind('cidr', '203.0.113.0/24');
  const v6 = ind('cidr', '2001:db8::/32');
  const asDomain = ind('domain', '192.0.2.9');
  const m = createMatcher([one, net, v6, asDomain]);

  it('matches literals and ranges in URLs, hosts and ip artifacts', () => {
    expect(m.match({ type: 'url', value: 'http://198.51.100.7:8080/x' })).toEqual([
      { indicator: one, rule: 'exact', observed: '198.51.100.7' },
    ]);
    expect(m.match({ type: 'url', value: 'http://198.51.100.70/' })).toEqual([]);
    expect(m.match({ type: 'ip', value: '203.0.113.254' })).toEqual([
      { indicator: net, rule: 'cidr', observed: '203.0.113.254' },
    ]);
    expect(m.match({ type: 'ip', value: '203.0.114.1' })).toEqual([]);
    expect(values(m.match({ type: 'url', value: 'https://[2001:DB8:1::5]/' }))).toEqual(['2001:db8::/32']);
    expect(values(m.match({ type: 'ip', value: '2001:db9::1' }))).toEqual([]);
    expect(values(m.match({ type: 'ip', value: '::ffff:198.51.100.7' }))).toEqual(['198.51.100.7']);
    expect(values(m.match({ type: 'domain', value: '192.0.2.9' }))).toEqual(['192.0.2.9']);
    // IPv4 written as browsers read it (one number, hex, octal, short forms) is the same address.
    for (const u of [
      'http://3325256711/',
      'http://0xc6.0x33.0x64.7/',
      'http://0306.51.100.07/',
      'http://198.51.25607/',
    ]) {
      expect(values(m.match({ type: 'url', value: u }))).toEqual(['198.51.100.7']);
    }
    expect(values(m.match({ type: 'domain', value: '3405803785' }))).toEqual(['203.0.113.0/24']);
    // IP indicators never match by substring in the default profile.
    expect(m.match({ type: 'url', value: 'http://1198.51.100.71/' })).toEqual([]);
  });
});

describe('createMatcher: other artifact types', () => {
  const md5 = ind('hash', 'd41d8cd98f00b204e9800998ecf8427e', { hashAlgorithm: 'md5' });
  const sha256 = ind('hash', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const email = ind('email', 'agent@evil.example');
  const proc = ind('process-name', 'com.apple.Xtravagant');
  const shortProc = ind('process-name', 'bh');
  const file = ind('file-name', 'libpayload.dylib');
  const dir = ind('file-path', '/private/var/tmp/l/');
  const rel = ind('file-path', 'Library/Preferences/com.evil.plist');
  const appId = ind('app-id', 'com.Evil.App');
  const cert = ind('app-cert', '31a6ec1f5e0d7c0f5c3a6b2f1e9d8c7b6a5f4e3d');
  const profile = ind('configuration-profile', 'A1B2C3D4-0000-4000-8000-000000000001');
  const prop = ind('android-property', 'persist.evil.flag');
  const m = createMatcher([md5, sha256, email, proc, shortProc, file, dir, rel, appId, cert, profile, prop]);

  it('hashes, e-mails, ids and properties ignore case', () => {
    expect(values(m.match({ type: 'hash', value: 'D41D8CD98F00B204E9800998ECF8427E' }))).toEqual([md5.value]);
    expect(values(m.match({ type: 'hash', value: sha256.value.toUpperCase() }))).toEqual([sha256.value]);
    expect(m.match({ type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427f' })).toEqual([]);
    expect(values(m.match({ type: 'email', value: 'Agent@EVIL.example' }))).toEqual([email.value]);
    expect(values(m.match({ type: 'app-id', value: 'com.evil.app' }))).toEqual([appId.value]);
    expect(
      values(
        m.match({ type: 'app-cert', value: '31:A6:EC:1F:5E:0D:7C:0F:5C:3A:6B:2F:1E:9D:8C:7B:6A:5F:4E:3D' }),
      ),
    ).toEqual([cert.value]);
    expect(values(m.match({ type: 'configuration-profile', value: profile.value.toLowerCase() }))).toEqual([
      profile.value,
    ]);
    expect(values(m.match({ type: 'android-property', value: 'PERSIST.EVIL.FLAG' }))).toEqual([prop.value]);
  });

  it('ignores white space around hashes, e-mails and ids, ASCII or not, and reports the trimmed value', () => {
    for (const pad of [' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', '\u2028']) {
      const hit = m.match({ type: 'hash', value: `${pad}${md5.value.toUpperCase()}${pad}` });
      expect(values(hit), JSON.stringify(pad)).toEqual([md5.value]);
      expect(hit[0]?.observed).toBe(md5.value);
      expect(values(m.match({ type: 'email', value: `${pad}agent@evil.example` }))).toEqual([email.value]);
      expect(values(m.match({ type: 'app-id', value: `com.evil.app${pad}` }))).toEqual([appId.value]);
    }
    expect(m.match({ type: 'hash', value: `x${md5.value}` })).toEqual([]);
    expect(m.match({ type: 'hash', value: '' })).toEqual([]);
  });

  it('process names match exactly or truncated to 15 (Android) or 16 (iOS) bytes', () => {
    expect(m.match({ type: 'process-name', value: 'com.apple.Xtravagant' })[0]?.rule).toBe('exact');
    expect(m.match({ type: 'process-name', value: 'com.apple.Xtrava' })[0]?.rule).toBe('truncated-name');
    expect(m.match({ type: 'process-name', value: 'com.apple.Xtrav' })[0]?.rule).toBe('truncated-name');
    expect(m.match({ type: 'process-name', value: 'com.apple.Xtra' })).toEqual([]);
    expect(m.match({ type: 'process-name', value: 'com.apple.Xtravx' })).toEqual([]);
    expect(m.match({ type: 'process-name', value: 'COM.apple.Xtravagant' })).toEqual([]);
    expect(values(m.match({ type: 'process-name', value: '/usr/libexec/bh' }))).toEqual(['bh']);
  });

  it('file paths match at a / boundary; relative paths as suffixes; names by basename', () => {
    expect(m.match({ type: 'file-path', value: '/private/var/tmp/l/x.db' })[0]?.rule).toBe('path-prefix');
    expect(m.match({ type: 'file-path', value: '/private/var/tmp/l' })[0]?.rule).toBe('exact');
    expect(m.match({ type: 'file-path', value: '/private/var/tmp/lock.db' })).toEqual([]);
    expect(
      m.match({ type: 'file-path', value: '/var/mobile/Library/Preferences/com.evil.plist' })[0]?.rule,
    ).toBe('path-suffix');
    expect(m.match({ type: 'file-path', value: '/var/mobile/XLibrary/Preferences/com.evil.plist' })).toEqual(
      [],
    );
    expect(m.match({ type: 'file-path', value: '/usr/lib/libpayload.dylib' })[0]?.rule).toBe('basename');
    expect(values(m.match({ type: 'file-name', value: 'libpayload.dylib' }))).toEqual([file.value]);
    expect(m.match({ type: 'file-name', value: 'LIBPAYLOAD.dylib' })).toEqual([]);
  });

  it('reports indicators it cannot index, and keeps the rest', () => {
    const bad = createMatcher([ind('domain', 'no-dot'), ind('hash', 'xyz'), ind('domain', 'ok.example')]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['DOMAIN_WITHOUT_DOT', 'INVALID_HASH']);
    expect(bad.match({ type: 'url', value: 'https://ok.example' })).toHaveLength(1);
    expect(bad.size).toBe(3);
  });
});

describe("createMatcher: the 'mvt' profile", () => {
  it("reproduces lstrip('www.'), the registrable-domain rule and port handling", () => {
    const sub = ind('domain', 'wha.tsapp.example.com');
    const www = ind('domain', 'www.example.org');
    const reg = ind('domain', 'example.net');
    const sub2 = ind('domain', 'sub.example.com');
    const mvt = createMatcher([sub, www, reg, sub2], { profile: 'mvt' });
    const dflt = createMatcher([sub, www, reg, sub2]);
    // MVT strips the characters w and . from the left, so 'wha.tsapp.example.com' becomes 'ha.tsapp.example.com'.
    expect(mvt.match({ type: 'url', value: 'https://wha.tsapp.example.com/' })).toEqual([]);
    expect(dflt.match({ type: 'url', value: 'https://wha.tsapp.example.com/' })).toHaveLength(1);
    // An indicator starting with www. never matches the host in MVT.
    expect(mvt.match({ type: 'url', value: 'https://www.example.org/' })).toEqual([]);
    expect(dflt.match({ type: 'url', value: 'https://www.example.org/' })).toHaveLength(1);
    // Registrable domain.
    expect(mvt.match({ type: 'url', value: 'https://x.y.example.net/' })[0]?.rule).toBe('registrable-domain');
    // Port stays in MVT's host: the subdomain indicator is missed.
    expect(mvt.match({ type: 'url', value: 'https://sub.example.com:8443/' })).toEqual([]);
    expect(mvt.match({ type: 'url', value: 'https://sub.example.com/' })[0]?.rule).toBe('exact');
    // A deeper subdomain of an indicator that is not a registrable domain is not matched.
    expect(mvt.match({ type: 'url', value: 'https://a.sub.example.com/' })).toEqual([]);
    expect(dflt.match({ type: 'url', value: 'https://a.sub.example.com/' })).toHaveLength(1);
  });

  it('falls back to a substring test for unknown TLDs, like MVT', () => {
    const evil = ind('domain', 'evil.test');
    const mvt = createMatcher([evil], { profile: 'mvt' });
    expect(mvt.match({ type: 'url', value: 'https://notevil.test.example/' })[0]?.rule).toBe('substring');
    expect(createMatcher([evil]).match({ type: 'url', value: 'https://notevil.test.example/' })).toEqual([]);
  });

  it('matches IP indicators by substring, and returns the first match only', () => {
    const ip = ind('ip', '1.2.3.4');
    const mvt = createMatcher([set('a', [ip]), set('b', [ind('ip', '1.2.3.4')])], { profile: 'mvt' });
    const ms = mvt.match({ type: 'url', value: 'https://11.2.3.45:8080/' });
    expect(ms).toHaveLength(1);
    expect(ms[0]?.indicator).toBe(ip);
    expect(ms[0]?.rule).toBe('substring');
  });

  it('MVT URL indicators compare the raw string; paths use startswith; profiles use containment', () => {
    const u = ind('url', 'http://example.com/thisisbad');
    const p = ind('file-path', '/private/var/tmp/l/');
    const prof = ind('configuration-profile', 'ABCD-1234');
    const mvt = createMatcher([u, p, prof], { profile: 'mvt' });
    expect(mvt.match({ type: 'url', value: 'http://example.com/thisisbad' })).toHaveLength(1);
    expect(mvt.match({ type: 'url', value: 'HTTP://example.com/thisisbad' })).toEqual([]);
    expect(mvt.match({ type: 'file-path', value: '/private/var/tmp/lock.db' })[0]?.rule).toBe('prefix');
    expect(mvt.match({ type: 'configuration-profile', value: 'CD-12' })[0]?.rule).toBe('contains');
  });

  it('process names: exact or 16-character truncation only', () => {
    const proc = ind('process-name', 'com.apple.Xtravagant');
    const mvt = createMatcher([proc], { profile: 'mvt' });
    expect(mvt.match({ type: 'process-name', value: 'com.apple.Xtrava' })).toHaveLength(1);
    expect(mvt.match({ type: 'process-name', value: 'com.apple.Xtrav' })).toEqual([]);
  });
});

describe('createMatcher on the real files in ../shared/data/iocs', () => {
  const IOCS = new URL('../../../../shared/data/iocs/', import.meta.url);
  const files = [
    'amnesty-investigations/2021-07-18_nso/pegasus.stix2',
    'amnesty-investigations/2021-12-16_cytrox/cytrox.stix2',
    'amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2',
    'amnesty-investigations/2023-03-29_android_campaign/malware.stix2',
    'mvt-indicators/2026-03-03_coruna_cryptowaters/coruna.stix2',
    'stalkerware-indicators/stalkerware.stix2',
  ];
  const sets = files.map((f) => loadIndicators(readFileSync(new URL(f, IOCS)), { file: f }));
  const matcher = createMatcher(sets);

  it('indexes every indicator the loaders kept', () => {
    const total = sets.reduce((n, s) => n + s.indicators.length, 0);
    expect(matcher.size).toBe(total);
    expect(matcher.diagnostics).toEqual([]);
  });

  it('every Pegasus domain matches itself and a subdomain, with its provenance', () => {
    const pegasus = sets[0] as IndicatorSet;
    const domains = pegasus.indicators.filter((i) => i.type === 'domain');
    expect(domains.length).toBe(1438);
    for (const d of domains) {
      const own = matcher.match({ type: 'url', value: `https://${d.value}/` });
      expect(own.map((m) => m.indicator)).toContain(d);
      const sub = matcher.match({ type: 'url', value: `http://x-1.${d.value.toUpperCase()}:8443/a?b` });
      const mine = sub.find((m) => m.indicator === d);
      expect(mine?.rule).toBe('subdomain');
      expect(mine?.indicator.provenance.indicates).toContain('Pegasus');
    }
  });

  it('process names, e-mails and Android packages of the real files match', () => {
    for (const s of sets) {
      for (const i of s.indicators) {
        if (i.type === 'process-name' || i.type === 'email' || i.type === 'app-id' || i.type === 'hash') {
          expect(
            matcher
              .match({ type: i.type, value: i.type === 'process-name' ? i.value : i.value.toUpperCase() })
              .map((m) => m.indicator),
          ).toContain(i);
        }
        if (i.type === 'process-name' && i.value.length > 16) {
          expect(
            matcher.match({ type: 'process-name', value: i.value.slice(0, 16) }).map((m) => m.indicator),
          ).toContain(i);
        }
      }
    }
  });

  it("the 'mvt' profile misses subdomain indicators starting with w, as MVT does", () => {
    const mvt = createMatcher(sets, { profile: 'mvt' });
    const ws = sets
      .flatMap((s) => s.indicators)
      .filter((i) => i.type === 'domain' && i.value.startsWith('w') && !i.value.startsWith('www.'));
    let missed = 0;
    for (const d of ws) if (mvt.match({ type: 'url', value: `https://${d.value}/` }).length === 0) missed++;
    expect(ws.length).toBeGreaterThan(0);
    expect(missed).toBeGreaterThan(0);
    for (const d of ws)
      expect(matcher.match({ type: 'url', value: `https://${d.value}/` }).length).toBeGreaterThan(0);
  });
});
