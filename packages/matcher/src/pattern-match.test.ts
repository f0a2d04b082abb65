import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPatternSyntaxError } from './pattern-errors.js';
import { isPatternMatchError, matchPattern, type PatternMatchError } from './pattern-match.js';
import { parsePattern } from './pattern-parse.js';

type Obj = Record<string, unknown>;
let counter = 0;

/** observed-data (2.1 style, object_refs) plus its SCOs; ids are generated. */
function observed(time: string | [string, string], scos: Obj[], n = 1): Obj[] {
  counter++;
  const [first, last] = typeof time === 'string' ? [time, time] : time;
  const withIds = scos.map((s, i) => ({ id: s.id ?? `${String(s.type)}--${counter}-${i}`, ...s }));
  return [
    {
      type: 'observed-data',
      id: `observed-data--${counter}`,
      spec_version: '2.1',
      first_observed: first,
      last_observed: last,
      number_observed: n,
      object_refs: withIds.map((s) => s.id),
    },
    ...withIds,
  ];
}

const T = (s: number): string => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString().replace('.000Z', 'Z');

const m = (pattern: string, data: unknown[]): boolean => matchPattern(pattern, data).matched;

describe('comparison operators', () => {
  const file = observed(T(0), [
    {
      type: 'file',
      name: 'Report.EXE',
      size: 371712,
      ratio: 0.5,
      is_encrypted: false,
      created: '2014-01-13T07:03:17Z',
      hashes: { 'SHA-256': 'ab12', MD5: 'cd34' },
      magic_number_hex: '4D5A',
      tags: ['a', 'b', 'c'],
    },
  ]);

  it.each([
    ["[file:name = 'Report.EXE']", true],
    ["[file:name = 'report.exe']", false], // case-sensitive
    ["[file:name != 'report.exe']", true],
    ["[file:name NOT = 'Report.EXE']", false],
    ['[file:size = 371712]', true],
    ['[file:size = 371712.0]', true],
    ['[file:size = 371712.5]', false],
    ['[file:ratio = 0.5]', true],
    ["[file:size = '371712']", false], // number vs string: incomparable
    ["[file:size != '371712']", true],
    ['[file:is_encrypted = false]', true],
    ['[file:is_encrypted = 0]', false],
    ['[file:size > 371711 AND file:size < 371713]', true],
    ['[file:size >= 371712 AND file:size <= 371712]', true],
    ['[file:size > 371712]', false],
    ['[file:size NOT > 371712]', true],
    ["[file:name < 'Report.EXF' AND file:name > 'Report.EX']", true],
    ["[file:name > 'report']", false], // 'R' < 'r'
    ["[file:size < 'z']", false], // incomparable types are false …
    ["[file:size NOT < 'z']", false], // … even with NOT, as the reference matcher does
    ["[file:created = t'2014-01-13T07:03:17.000Z']", true],
    ["[file:created > t'2014-01-01T00:00:00Z' AND file:created < t'2014-02-01T00:00:00Z']", true],
    ["[file:created > t'2014-01-13T07:03:17Z']", false],
    ["[file:name IN ('a', 'Report.EXE')]", true],
    ["[file:name IN ('a', 'b')]", false],
    ["[file:name NOT IN ('a', 'b')]", true],
    ['[file:size IN (1, 371712)]', true],
    ['[file:name IN ()]', false],
    ["[file:name LIKE 'Report.%']", true],
    ["[file:name LIKE 'Report._XE']", true],
    ["[file:name LIKE 'report.%']", false],
    ["[file:name LIKE 'Report.__']", false],
    ["[file:name NOT LIKE 'x%']", true],
    ["[file:size LIKE '%']", false],
    ["[file:size NOT LIKE 'x%']", true], // LIKE on a number is false, so NOT LIKE is true (reference)
    ["[file:name MATCHES '\\\\.EXE$']", true],
    ["[file:name MATCHES 'port']", true], // search, not anchored
    ["[file:name MATCHES '^port']", false],
    ["[file:name MATCHES '(?i)report\\\\.exe']", true],
    ["[file:name NOT MATCHES 'zzz']", true],
    ["[file:hashes.'SHA-256' = 'ab12']", true],
    ["[file:hashes.'sha-256' = 'ab12']", false],
    ["[file:hashes.MD5 = 'cd34' AND file:hashes.'SHA-256' = 'ab12']", true],
    ["[file:magic_number_hex = h'4d5a']", true],
    ["[file:magic_number_hex = 'MZ']", true], // octets vs string of code points < 256
    ["[file:magic_number_hex = b'TVo=']", true],
    ["[file:magic_number_hex > h'4d']", true],
    ["[file:magic_number_hex MATCHES '^MZ']", true],
    ["[file:magic_number_hex MATCHES '^\\\\x4d\\\\x5a$']", true],
    ["[file:tags[*] = 'b']", true],
    ["[file:tags[1] = 'b']", true],
    ["[file:tags[0] = 'b']", false],
    ["[file:tags[9] = 'b']", false],
    ["[file:tags[*] != 'a']", true], // some element differs
    ["[file:tags = 'a']", false],
    ['[EXISTS file:hashes.MD5]', true],
    ['[EXISTS file:hashes.SHA1]', false],
    ['[NOT EXISTS file:hashes.SHA1]', true],
    ["[file:missing = 'x']", false],
    ["[file:missing != 'x']", false], // a missing property is false whatever the operator
    ["[file:missing NOT = 'x']", false],
    ["[file:name = 'Report.EXE' AND file:size = 1]", false],
    ["[file:name = 'x' OR file:size = 371712]", true],
    ["[file:name = 'x' OR (file:size = 371712 AND file:ratio = 0.5)]", true],
    ["[process:name = 'Report.EXE']", false],
  ] as const)('%s → %s', (pattern, expected) => {
    expect(m(pattern, file)).toBe(expected);
  });

  it('compares strings by code point and LIKE/MATCHES see whole characters', () => {
    const d = observed(T(0), [{ type: 'x', a: '\u{1F600}', b: 'e\u0301' }]);
    expect(m("[x:a > '\uFFFF']", d)).toBe(true); // JS < on UTF-16 units would say false
    expect(m("[x:a LIKE '_']", d)).toBe(true);
    expect(m("[x:b LIKE '\u00e9']", d)).toBe(true); // NFC
    expect(m("[x:b MATCHES '^\u00e9$']", d)).toBe(true);
  });

  it("LIKE's _ and MATCHES's . match a line break (DOTALL), and PCRE $ allows a final newline", () => {
    const d = observed(T(0), [{ type: 'x', a: 'a\nb', c: 'end\n' }]);
    expect(m("[x:a LIKE 'a_b']", d)).toBe(true);
    expect(m("[x:a MATCHES 'a.b']", d)).toBe(true);
    expect(m("[x:c MATCHES 'end$']", d)).toBe(true);
  });

  it('ISSUBSET / ISSUPERSET on IPv4 and IPv6 addresses and ranges', () => {
    const d = observed(T(0), [
      { type: 'ipv4-addr', value: '198.51.100.7' },
      { type: 'ipv4-addr', value: '10.1.0.0/16' },
      { type: 'ipv6-addr', value: '2001:db8:dead:beef::1' },
      { type: 'ipv6-addr', value: '2001:db8::/32' },
      { type: 'ipv4-addr', value: 'not an ip' },
    ]);
    expect(m("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", d)).toBe(true);
    expect(m("[ipv4-addr:value ISSUBSET '198.51.101.0/24']", d)).toBe(false);
    expect(m("[ipv4-addr:value ISSUBSET '198.51.100.7']", d)).toBe(true); // identical counts
    expect(m("[ipv4-addr:value ISSUBSET '10.0.0.0/8']", d)).toBe(true); // a /16 inside a /8
    expect(m("[ipv4-addr:value ISSUBSET '0.0.0.0/0']", d)).toBe(true);
    expect(m("[ipv4-addr:value ISSUPERSET '10.1.2.3']", d)).toBe(true);
    expect(m("[ipv4-addr:value ISSUPERSET '10.0.0.0/8']", d)).toBe(false);
    expect(m("[ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']", d)).toBe(true);
    expect(m("[ipv6-addr:value ISSUBSET '2001:db8:dead:bef0::/64']", d)).toBe(false);
    expect(m("[ipv6-addr:value ISSUPERSET '2001:db8:ffff::1']", d)).toBe(true);
    expect(m("[ipv6-addr:value ISSUBSET '198.51.100.0/24']", d)).toBe(false); // families differ
    expect(m("[ipv4-addr:value NOT ISSUBSET '192.0.2.0/24']", d)).toBe(true);
    const v4mapped = observed(T(0), [{ type: 'ipv6-addr', value: '::ffff:198.51.100.7' }]);
    expect(m("[ipv6-addr:value ISSUBSET '::ffff:198.51.100.0/120']", v4mapped)).toBe(true);
  });

  it('requires every comparison joined by AND to hold for one object', () => {
    const d = observed(T(0), [
      { type: 'file', name: 'a.exe', size: 1 },
      { type: 'file', name: 'b.exe', size: 2 },
    ]);
    expect(m("[file:name = 'a.exe' AND file:size = 1]", d)).toBe(true);
    expect(m("[file:name = 'a.exe' AND file:size = 2]", d)).toBe(false);
    expect(m("[file:name = 'a.exe'] AND [file:size = 2]", d)).toBe(false); // different observations needed
  });
});

describe('the example indicators of the STIX 2.1 JSON schemas, on made-up e-mail', () => {
  const bundle = JSON.parse(
    readFileSync(
      new URL(
        '../../../../shared/data/stix2-json-schemas/examples/malicious-email-indicator-with-attachment.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as { objects: Obj[] };
  const patterns = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern as string);
  const email = (subject: string, attachment: string) =>
    observed(T(0), [
      {
        type: 'email-message',
        id: 'email-message--m',
        is_multipart: true,
        subject,
        body_multipart: [{ body: 'see attached' }, { body_raw_ref: 'file--f' }],
      },
      { type: 'file', id: 'file--f', name: attachment },
    ]);

  it('matches the attachment-name indicator through body_multipart[*].body_raw_ref', () => {
    const attachment = patterns.find((p) => p.includes('body_raw_ref')) as string;
    expect(m(attachment, email('hello', 'Final Report 2026.exe'))).toBe(true);
    expect(m(attachment, email('hello', 'Final Report.exe'))).toBe(false); // .+ needs a character
    expect(m(attachment, email('hello', 'Final Report 2026.exe.txt'))).toBe(false);
  });

  it("reads the subject indicator's [IMPORTANT] as the character class it is in PCRE", () => {
    const subject = patterns.find((p) => p.includes('subject')) as string;
    expect(m(subject, email('T Please Review Before Friday', 'x'))).toBe(true);
    expect(m(subject, email('[IMPORTANT] Please Review Before Friday', 'x'))).toBe(false);
  });
});

describe('references', () => {
  it('follows *_ref and *_refs to SCOs listed in object_refs', () => {
    const d = observed(T(0), [
      { type: 'ipv4-addr', id: 'ipv4-addr--a', value: '198.51.100.7' },
      { type: 'domain-name', id: 'domain-name--b', value: 'c2.test', resolves_to_refs: ['ipv4-addr--a'] },
      { type: 'network-traffic', id: 'network-traffic--c', dst_ref: 'ipv4-addr--a', protocols: ['tcp'] },
      {
        type: 'email-message',
        id: 'email-message--d',
        from_ref: 'email-addr--e',
        to_refs: ['email-addr--e', 'email-addr--f'],
      },
      { type: 'email-addr', id: 'email-addr--e', value: 'handler@msg.test' },
      { type: 'email-addr', id: 'email-addr--f', value: 'person@newsroom.test' },
    ]);
    expect(m("[network-traffic:dst_ref.value = '198.51.100.7']", d)).toBe(true);
    expect(m("[network-traffic:dst_ref.type = 'ipv4-addr']", d)).toBe(true);
    expect(m("[network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24']", d)).toBe(true);
    expect(m("[domain-name:resolves_to_refs[*].value = '198.51.100.7']", d)).toBe(true);
    expect(m("[domain-name:resolves_to_refs[0].value = '198.51.100.7']", d)).toBe(true);
    expect(m("[email-message:to_refs[*].value = 'person@newsroom.test']", d)).toBe(true);
    expect(m("[email-message:to_refs[1].value = 'handler@msg.test']", d)).toBe(false);
    expect(m("[email-message:from_ref.value MATCHES '@msg\\\\.test$']", d)).toBe(true);
    expect(m('[EXISTS network-traffic:dst_ref]', d)).toBe(true);
    const r = matchPattern("[network-traffic:dst_ref.value = '198.51.100.7']", d);
    expect(r.bindings[0]?.slots[0]?.objectIds).toEqual(['network-traffic--c']);
  });

  it('follows chains and cycles of references', () => {
    const d = observed(T(0), [
      { type: 'x-person', id: 'x-person--a', name: 'ana', knows_ref: 'x-person--b' },
      { type: 'x-person', id: 'x-person--b', name: 'ben', knows_refs: ['x-person--a', 'x-person--c'] },
      {
        type: 'x-person',
        id: 'x-person--c',
        name: 'cai',
        knows_refs: ['x-person--a', 'x-person--b', 'x-person--c'],
      },
    ]);
    const cases: [string, boolean][] = [
      ["[x-person:knows_ref.name = 'ben']", true],
      ["[x-person:knows_refs[*].name = 'ana' OR x-person:knows_ref.name = 'dee']", true],
      ["[x-person:knows_refs[*].name = 'cai' AND x-person:knows_refs[*].name = 'ben']", true],
      ["[x-person:knows_refs[*].knows_refs[*].name = 'ana']", true],
      ["[x-person:knows_ref.knows_refs[*].knows_refs[1].name = 'ben']", true],
      ["[x-person:knows_ref.name = 'eve']", false],
      ["[x-person:knows_refs[*].name = 'ana' AND x-person:knows_ref.name = 'dee']", false],
      ["[x-person:knows_refs[*].name = 'eve' OR x-person:knows_refs[*].name = 'dee']", false],
    ];
    for (const [p, expected] of cases) expect(m(p, d), p).toBe(expected);
  });

  it('does not resolve references to objects the observed-data does not list', () => {
    const [od, ...scos] = observed(T(0), [{ type: 'network-traffic', dst_ref: 'ipv4-addr--elsewhere' }]);
    const stray = { type: 'ipv4-addr', id: 'ipv4-addr--elsewhere', value: '203.0.113.9' };
    expect(m("[network-traffic:dst_ref.value = '203.0.113.9']", [od, ...scos, stray])).toBe(false);
    expect(m('[EXISTS network-traffic:dst_ref]', [od, ...scos, stray])).toBe(false);
    // and the stray SCO is not matched on its own, as it is in no observation
    expect(m("[ipv4-addr:value = '203.0.113.9']", [od, ...scos, stray])).toBe(false);
  });

  it('reads the deprecated objects map, resolving references by key', () => {
    const legacy = {
      type: 'observed-data',
      id: 'observed-data--legacy',
      first_observed: T(0),
      last_observed: T(0),
      number_observed: 1,
      objects: {
        '0': { type: 'ipv4-addr', value: '198.51.100.7' },
        '1': { type: 'network-traffic', dst_ref: '0', src_port: 443 },
      },
    };
    const r = matchPattern(
      "[network-traffic:dst_ref.value = '198.51.100.7' AND network-traffic:src_port = 443]",
      [legacy],
    );
    expect(r.matched).toBe(true);
    expect(r.bindings[0]?.slots[0]?.objectIds).toEqual(['1']);
    expect(r.bindings[0]?.observedData).toEqual([legacy]);
  });

  it('opens bundles and never matches SDOs', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        ...observed(T(0), [{ type: 'domain-name', value: 'evil.test' }]),
        { type: 'indicator', id: 'indicator--1', name: 'evil.test' },
      ],
    };
    expect(m("[domain-name:value = 'evil.test']", [bundle])).toBe(true);
    expect(m("[indicator:name = 'evil.test']", [bundle])).toBe(false);
  });
});

describe('observation expressions and qualifiers', () => {
  const a0 = observed(T(0), [{ type: 'domain-name', value: 'a.test' }]);
  const b5 = observed(T(5), [{ type: 'domain-name', value: 'b.test' }]);
  const b20 = observed(T(20), [{ type: 'domain-name', value: 'b.test' }]);
  const a30 = observed(T(30), [{ type: 'domain-name', value: 'a.test' }]);
  const A = "[domain-name:value = 'a.test']";
  const B = "[domain-name:value = 'b.test']";

  it('AND and OR between observations', () => {
    expect(m(`${A} AND ${B}`, [...a0, ...b5])).toBe(true);
    expect(m(`${A} AND ${B}`, a0)).toBe(false);
    expect(m(`${A} OR ${B}`, b5)).toBe(true);
    expect(m(`${A} AND ${A}`, a0)).toBe(false); // needs two different observations
    expect(m(`${A} AND ${A}`, [...a0, ...a30])).toBe(true);
    const r = matchPattern(`${A} OR ${B}`, b5);
    expect(r.bindings[0]?.slots.map((s) => s?.observation.start ?? null)).toEqual([null, A.length + 4]);
  });

  it('FOLLOWEDBY orders observations in time', () => {
    expect(m(`${A} FOLLOWEDBY ${B}`, [...a0, ...b5])).toBe(true);
    expect(m(`${B} FOLLOWEDBY ${A}`, [...a0, ...b5])).toBe(false);
    expect(m(`${B} FOLLOWEDBY ${A}`, [...a0, ...b5, ...a30])).toBe(true);
    expect(m(`${A} FOLLOWEDBY ${B} FOLLOWEDBY ${A}`, [...a0, ...b5, ...a30])).toBe(true);
    expect(m(`${A} FOLLOWEDBY ${A} FOLLOWEDBY ${B}`, [...a0, ...b5, ...a30])).toBe(false);
    // equal times satisfy "b at or after a"
    const bAt0 = observed(T(0), [{ type: 'domain-name', value: 'b.test' }]);
    expect(m(`${A} FOLLOWEDBY ${B}`, [...a0, ...bAt0])).toBe(true);
  });

  it('FOLLOWEDBY with observation intervals: possible if some choice of times works', () => {
    const aLong = observed([T(0), T(60)], [{ type: 'domain-name', value: 'a.test' }]);
    const bEarly = observed([T(-10), T(1)], [{ type: 'domain-name', value: 'b.test' }]);
    expect(m(`${A} FOLLOWEDBY ${B}`, [...aLong, ...bEarly])).toBe(true);
    const bBefore = observed([T(-10), T(-1)], [{ type: 'domain-name', value: 'b.test' }]);
    expect(m(`${A} FOLLOWEDBY ${B}`, [...aLong, ...bBefore])).toBe(false);
  });

  it('WITHIN n SECONDS', () => {
    expect(m(`(${A} AND ${B}) WITHIN 5 SECONDS`, [...a0, ...b5])).toBe(true); // boundary included (reference)
    expect(m(`(${A} AND ${B}) WITHIN 4.9 SECONDS`, [...a0, ...b5])).toBe(false);
    expect(m(`(${A} FOLLOWEDBY ${B}) WITHIN 10 SECONDS`, [...a0, ...b20])).toBe(false);
    expect(m(`(${A} FOLLOWEDBY ${B}) WITHIN 10 SECONDS`, [...a0, ...b20, ...b5])).toBe(true);
    expect(m(`${A} WITHIN 1 SECONDS`, a0)).toBe(true);
  });

  it('START … STOP: the observation time must fall in [start, stop)', () => {
    const q = (a: string, b: string): string => `${A} START t'${a}' STOP t'${b}'`;
    expect(m(q(T(0), T(1)), a0)).toBe(true);
    expect(m(q(T(-5), T(0)), a0)).toBe(false); // stop is exclusive
    expect(m(q(T(1), T(9)), a0)).toBe(false);
    const long = observed([T(0), T(100)], [{ type: 'domain-name', value: 'a.test' }]);
    expect(m(q(T(50), T(60)), long)).toBe(true); // some time inside the interval works
  });

  it('REPEATS n TIMES needs n distinct observations, counting number_observed', () => {
    expect(m(`${A} REPEATS 2 TIMES`, a0)).toBe(false);
    expect(m(`${A} REPEATS 2 TIMES`, [...a0, ...a30])).toBe(true);
    expect(m(`${A} REPEATS 3 TIMES`, [...a0, ...a30])).toBe(false);
    const many = observed(T(0), [{ type: 'domain-name', value: 'a.test' }], 5);
    expect(m(`${A} REPEATS 5 TIMES`, many)).toBe(true);
    expect(m(`${A} REPEATS 6 TIMES`, many)).toBe(false);
    expect(m(`${A} AND ${A}`, many)).toBe(true);
    const r = matchPattern(`${A} REPEATS 3 TIMES`, many);
    expect(r.bindings[0]?.slots.map((s) => s?.copy)).toEqual([0, 1, 2]);
    expect(r.bindings[0]?.observedData).toHaveLength(1);
    // REPEATS binds tighter than FOLLOWEDBY: only B repeats
    expect(m(`${A} FOLLOWEDBY ${B} REPEATS 2 TIMES`, [...a0, ...b5, ...b20])).toBe(true);
    expect(m(`${A} FOLLOWEDBY ${B} REPEATS 2 TIMES`, [...a0, ...b5])).toBe(false);
  });

  it('REPEATS and WITHIN together (the spec example shape)', () => {
    const p = `${A} REPEATS 2 TIMES WITHIN 10 SECONDS`;
    expect(m(p, [...a0, ...a30])).toBe(false);
    const a8 = observed(T(8), [{ type: 'domain-name', value: 'a.test' }]);
    expect(m(p, [...a0, ...a30, ...a8])).toBe(true);
  });

  it('accepts a parsed pattern and returns every binding', () => {
    const r = matchPattern(parsePattern(`${A} AND ${B}`), [...a0, ...a30, ...b5]);
    expect(r.bindings).toHaveLength(2);
    expect(r.complete).toBe(true);
    expect(r.bindings.map((b) => b.slots.map((s) => s?.index))).toEqual([
      [0, 4],
      [2, 4],
    ]);
  });
});

describe('agreement with the OASIS reference matcher on mixed types and NOT', () => {
  const probe = observed(T(0), [
    {
      type: 'x-probe',
      int: 5,
      float: 12.658,
      float_int: 12.0,
      bool: true,
      string: 'hello',
      ip: '11.22.33.44',
      cidr: '11.22.33.44/20',
    },
  ]);
  const yes = [
    '[x-probe:int NOT != 5]',
    '[x-probe:int NOT < 3]',
    '[x-probe:int > 4.9]',
    '[x-probe:int != true]',
    '[x-probe:int NOT = true]',
    "[x-probe:int != 'world']",
    "[x-probe:int != h'010203']",
    "[x-probe:int != t'1965-07-19T22:41:38Z']",
    '[x-probe:int IN (-4, 5, 6.6)]',
    "[x-probe:int NOT IN ('a', 'b')]",
    "[x-probe:int NOT MATCHES 'l+']",
    "[x-probe:int NOT LIKE 'he%']",
    "[x-probe:int NOT ISSUBSET '11.22.33.44']",
    "[x-probe:bool NOT ISSUPERSET '11.22.33.44']",
    '[x-probe:float_int IN (11.1, 12, 13)]',
    '[x-probe:float > 12.65799]',
    '[x-probe:bool != 1]',
    '[x-probe:bool IN (false, true)]',
    "[x-probe:string >= 'hello']",
    "[x-probe:string LIKE 'he__o']",
    "[x-probe:string MATCHES '.lo$']",
    '[x-probe:string NOT IN (1, 2, 3)]',
    '[x-probe:string NOT IN ()]',
    "[x-probe:ip ISSUBSET '11.22.41.123/20']",
    "[x-probe:ip NOT ISSUBSET '11.22.123.41/20']",
    "[x-probe:cidr ISSUPERSET '11.22.41.123/29']",
    "[x-probe:cidr NOT ISSUPERSET '11.22.33.44/13']",
  ];
  const no = [
    '[x-probe:int NOT = 5]',
    "[x-probe:int = 'world']",
    "[x-probe:int > h'010203']",
    "[x-probe:int < b'AQIDBA==']",
    "[x-probe:int > t'1965-07-19T22:41:38Z']",
    "[x-probe:int LIKE 'he%']",
    "[x-probe:int MATCHES 'l+']",
    '[x-probe:int NOT IN (-4, 5, 6)]',
    '[x-probe:float_int NOT IN (11, 12, 13)]',
    "[x-probe:float NOT != 'world']",
    '[x-probe:bool = 1]',
    '[x-probe:bool NOT IN (false, true)]',
    "[x-probe:string NOT LIKE 'he%']",
    "[x-probe:string NOT MATCHES 'l+']",
    "[x-probe:string <= 'alice']",
    '[x-probe:string IN ()]',
    "[x-probe:int ISSUPERSET '11.22.33.44']",
    "[x-probe:cidr ISSUPERSET '11.22.123.41/29']",
  ];
  it.each(yes)('%s matches', (p) => expect(m(p, probe)).toBe(true));
  it.each(no)('%s does not match', (p) => expect(m(p, probe)).toBe(false));

  it('comparison AND/OR precedence inside one observation', () => {
    const people = observed(T(0), [
      { type: 'x-person', name: 'ana', age: 10 },
      { type: 'x-person', name: 'ben', age: 15 },
    ]);
    expect(m("[x-person:name = 'ana' OR x-person:age > 1000 AND x-person:age < 0]", people)).toBe(true);
    expect(m("[(x-person:name = 'cai' OR x-person:name = 'ben') AND x-person:age > 10]", people)).toBe(true);
    expect(
      m(
        "[(x-person:name = 'dee' OR x-person:name = 'cai') AND x-person:age < 0 OR x-person:age > 5]",
        people,
      ),
    ).toBe(true);
    expect(m("[x-person:name = 'ana' AND x-person:age > 10]", people)).toBe(false);
    expect(
      m(
        "[(x-person:name = 'dee' OR x-person:name = 'cai') AND (x-person:age < 0 OR x-person:age > 5)]",
        people,
      ),
    ).toBe(false);
  });

  it('uses object_refs when an observed-data also carries an empty objects map', () => {
    const [od, ...scos] = observed(T(0), [{ type: 'x-person', name: 'ana' }]);
    const both = { ...od, objects: {} };
    const r = matchPattern("[x-person:name = 'ana']", [both, ...scos]);
    expect(r.matched).toBe(true);
    expect(r.diagnostics).toEqual([]);
    const conflicting = { ...od, objects: { '0': { type: 'x-person', name: 'zed' } } };
    const r2 = matchPattern("[x-person:name = 'zed']", [conflicting, ...scos]);
    expect(r2.matched).toBe(false);
    expect(r2.diagnostics.map((d) => d.code)).toEqual(['OBJECTS_AND_OBJECT_REFS']);
  });

  it('observation operators and their precedence (FOLLOWEDBY < OR < AND)', () => {
    const person = (time: string, name: string, age: number) =>
      observed(time, [{ type: 'x-person', name, age }]);
    const people = [
      ...person('2004-10-11T21:44:58Z', 'ana', 10),
      ...person('2008-05-09T01:21:58.6Z', 'ben', 17),
      ...person('2006-11-03T07:42:18.96Z', 'cai', 22),
    ];
    const cases: [string, boolean][] = [
      ["[x-person:name='ana'] AND [x-person:age>20]", true],
      ["[x-person:name='ana'] OR [x-person:name='zed']", true],
      ["[x-person:age>10] OR [x-person:name='ben'] OR [x-person:name>'amy']", true],
      ["[x-person:name='ana'] FOLLOWEDBY [x-person:name>'bea']", true],
      ["[x-person:age > 20] OR ([x-person:name > 'zed'] FOLLOWEDBY [x-person:age < 0])", true],
      ["[x-person:age > 20] OR [x-person:name > 'zed'] AND [x-person:age < 0]", true],
      ["([x-person:name='cai'] FOLLOWEDBY [x-person:name < 'eve']) AND [x-person:age < 15]", true],
      ["[x-person:name='ana'] AND [x-person:name='zed']", false],
      ["[x-person:name='ana'] AND [x-person:age=10]", false],
      ["[x-person:name='ana'] FOLLOWEDBY [x-person:age=10]", false],
      ["[x-person:age > 70] OR [x-person:name > 'zed'] AND [x-person:name MATCHES '^...?$']", false],
      ["[x-person:name='ben'] FOLLOWEDBY [x-person:age<15]", false],
      ["[x-person:age > 20] OR [x-person:name > 'zed'] FOLLOWEDBY [x-person:age < 0]", false],
      ["([x-person:age > 20] OR [x-person:name > 'zed']) AND [x-person:age < 0]", false],
      ["[x-person:name='cai'] FOLLOWEDBY [x-person:name < 'eve'] AND [x-person:age < 15]", false],
    ];
    for (const [p, expected] of cases) expect(m(p, people), p).toBe(expected);
  });

  it('temporal qualifiers over three observations five seconds apart', () => {
    const at = (s: number, name: string) =>
      observed(new Date(Date.UTC(1994, 10, 29, 13, 37, s)).toISOString().replace('.000Z', 'Z'), [
        { type: 'x-person', name },
      ]);
    const people = [...at(52, 'ana'), ...at(57, 'ben'), ...at(62, 'cai')];
    const t = (s: number) =>
      `t'${new Date(Date.UTC(1994, 10, 29, 13, 37, s)).toISOString().replace('.000Z', 'Z')}'`;
    const cases: [string, boolean][] = [
      ["[x-person:name = 'ben'] WITHIN 1 SECONDS", true],
      ["[x-person:name = 'ben'] WITHIN .0001 SECONDS", true],
      ["[x-person:name = 'ana'] AND [x-person:name < 'cai'] WITHIN 1 SECONDS", true],
      ["([x-person:name = 'ana'] AND [x-person:name < 'cai']) WITHIN 5 SECONDS", true],
      ["([x-person:name = 'ana'] AND [x-person:name < 'cai']) WITHIN 4.9999 SECONDS", false],
      ["([x-person:name = 'ana'] OR [x-person:name = 'dee']) WITHIN 1 SECONDS", true],
      ["([x-person:name < 'ana'] OR [x-person:name = 'dee']) WITHIN 10 SECONDS", false],
      [`[x-person:name = 'ben'] START ${t(57)} STOP ${t(58)}`, true],
      [`[x-person:name = 'ben'] START ${t(58)} STOP ${t(59)}`, false],
      [`([x-person:name LIKE 'a%'] AND [x-person:name = 'ben']) START ${t(50)} STOP ${t(58)}`, true],
      [`([x-person:name LIKE 'a%'] AND [x-person:name = 'ben']) START ${t(50)} STOP ${t(57)}`, false],
      [`[x-person:name MATCHES ''] REPEATS 2 TIMES START ${t(50)} STOP ${t(58)}`, true],
      [`[x-person:name MATCHES ''] REPEATS 3 TIMES START ${t(50)} STOP ${t(58)}`, false],
      [`[x-person:name NOT LIKE 'foo'] START ${t(50)} STOP ${t(57)} REPEATS 3 TIMES`, false],
    ];
    for (const [p, expected] of cases) expect(m(p, people), p).toBe(expected);
  });
});

describe('equivalences', () => {
  it('an OR of equalities answers like IN, also on _hex paths and mixed numbers', () => {
    const value = fc.oneof(
      fc.constantFrom('a', 'b', 'MZ', '4d5a', 'é'),
      fc.integer({ min: -2, max: 2 }),
      fc.constantFrom(1.5, 2.0),
    );
    const lit = (v: string | number) =>
      typeof v === 'string' ? `'${v}'` : Number.isInteger(v) ? String(v) : String(v);
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 6 }),
        fc.array(value, { maxLength: 4 }),
        fc.constantFrom('v', 'data_hex', 'list[*]'),
        (wanted, present, key) => {
          const strings = wanted.filter((w) => typeof w === 'string');
          const numbers = wanted.filter((w) => typeof w === 'number');
          const d = observed(
            T(0),
            present.map((v) => ({
              type: 'x',
              v,
              data_hex: typeof v === 'string' && /^([0-9a-f]{2})+$/.test(v) ? v : '00',
              list: [v],
            })),
          );
          const or = `[${wanted.map((w) => `x:${key} = ${lit(w)}`).join(' OR ')}]`;
          const inSets = [strings, numbers]
            .filter((g) => g.length > 0)
            .map((g) => `x:${key} IN (${g.map(lit).join(', ')})`)
            .join(' OR ');
          expect(m(or, d)).toBe(m(`[${inSets}]`, d));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('large input', () => {
  it('opens a bundle of 300 000 objects without spreading it onto the stack', () => {
    const objects: Obj[] = [];
    for (let i = 0; i < 150_000; i++) {
      objects.push({
        type: 'observed-data',
        id: `observed-data--${i}`,
        first_observed: T(i % 60),
        last_observed: T(i % 60),
        number_observed: 1,
        object_refs: [`domain-name--${i}`],
      });
      objects.push({ type: 'domain-name', id: `domain-name--${i}`, value: `host${i}.test` });
    }
    const r = matchPattern("[domain-name:value = 'host149999.test']", [
      { type: 'bundle', id: 'bundle--big', objects },
    ]);
    expect(r.matched).toBe(true);
    expect(r.bindings[0]?.slots[0]?.index).toBe(299_998);
  });
});

describe('against a brute-force oracle', () => {
  type E =
    | { k: 'leaf'; name: string }
    | { k: 'and' | 'or' | 'fb'; l: E; r: E }
    | { k: 'within'; e: E; s: number }
    | { k: 'repeats'; e: E; n: number }
    | { k: 'startstop'; e: E; a: number; b: number };
  interface Ob {
    name: string;
    first: number;
    last: number;
  }
  const names = ['a', 'b', 'c'];
  const exprArb = fc.letrec<{ e: E }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...names).map((name): E => ({ k: 'leaf', name })),
      fc.record({
        k: fc.constantFrom('and' as const, 'or' as const, 'fb' as const),
        l: tie('e'),
        r: tie('e'),
      }),
      fc.record({ k: fc.constant('within' as const), e: tie('e'), s: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ k: fc.constant('repeats' as const), e: tie('e'), n: fc.integer({ min: 1, max: 3 }) }),
      fc
        .record({
          k: fc.constant('startstop' as const),
          e: tie('e'),
          a: fc.integer({ min: 0, max: 30 }),
          d: fc.integer({ min: 1, max: 30 }),
        })
        .map(({ k, e, a, d }): E => ({ k, e, a, b: a + d })),
    ),
  })).e;
  const obsArb = fc.array(
    fc
      .record({
        name: fc.constantFrom(...names),
        first: fc.integer({ min: 0, max: 30 }),
        len: fc.integer({ min: 0, max: 8 }),
      })
      .map(({ name, first, len }): Ob => ({ name, first, last: first + len })),
    { maxLength: 5 },
  );
  const ts = (s: number) => `t'${T(s)}'`;
  const text = (e: E): string => {
    switch (e.k) {
      case 'leaf':
        return `[x:name = '${e.name}']`;
      case 'and':
        return `(${text(e.l)} AND ${text(e.r)})`;
      case 'or':
        return `(${text(e.l)} OR ${text(e.r)})`;
      case 'fb':
        return `(${text(e.l)} FOLLOWEDBY ${text(e.r)})`;
      case 'within':
        return `(${text(e.e)} WITHIN ${e.s} SECONDS)`;
      case 'repeats':
        return `(${text(e.e)} REPEATS ${e.n} TIMES)`;
      case 'startstop':
        return `(${text(e.e)} START ${ts(e.a)} STOP ${ts(e.b)})`;
    }
  };
  const size = (e: E): number =>
    e.k === 'leaf' ? 1 : 'l' in e ? size(e.l) + size(e.r) : e.k === 'repeats' ? size(e.e) * e.n : size(e.e);
  /** Every binding, by direct enumeration (null = slot left unbound by OR). */
  const oracle = (e: E, obs: Ob[]): (number | null)[][] => {
    const bound = (b: (number | null)[]) => b.filter((x): x is number => x !== null);
    const disjoint = (x: (number | null)[], y: (number | null)[]) =>
      bound(x).every((i) => !bound(y).includes(i));
    switch (e.k) {
      case 'leaf':
        return obs.flatMap((o, i) => (o.name === e.name ? [[i]] : []));
      case 'and':
      case 'fb': {
        const out: (number | null)[][] = [];
        for (const l of oracle(e.l, obs)) {
          for (const r of oracle(e.r, obs)) {
            if (!disjoint(l, r)) continue;
            if (e.k === 'fb') {
              // some choice of times puts every right observation at or after every left one
              const maxFirst = Math.max(...bound(l).map((i) => (obs[i] as Ob).first));
              const minLast = Math.min(...bound(r).map((i) => (obs[i] as Ob).last));
              if (maxFirst > minLast) continue;
            }
            out.push([...l, ...r]);
          }
        }
        return out;
      }
      case 'or':
        return [
          ...oracle(e.l, obs).map((l) => [...l, ...new Array<null>(size(e.r)).fill(null)]),
          ...oracle(e.r, obs).map((r) => [...new Array<null>(size(e.l)).fill(null), ...r]),
        ];
      case 'within':
        return oracle(e.e, obs).filter((b) => {
          const iv = bound(b).map((i) => obs[i] as Ob);
          // try every window start that could matter
          const starts = iv.flatMap((o) => [o.first, o.last, o.first - e.s, o.last - e.s]);
          return starts.some((t) => iv.every((o) => o.last >= t && o.first <= t + e.s));
        });
      case 'startstop':
        return oracle(e.e, obs).filter((b) =>
          bound(b).every((i) => (obs[i] as Ob).last >= e.a && (obs[i] as Ob).first < e.b),
        );
      case 'repeats': {
        const all = oracle(e.e, obs);
        const out: (number | null)[][] = [];
        const pick = (from: number, chosen: (number | null)[][]) => {
          if (chosen.length === e.n) {
            out.push(chosen.flat());
            return;
          }
          for (let i = from; i < all.length; i++) {
            const c = all[i] as (number | null)[];
            if (chosen.every((x) => disjoint(x, c))) pick(i + 1, [...chosen, c]);
          }
        };
        pick(0, []);
        return out;
      }
    }
  };

  it('finds exactly the bindings that direct enumeration finds', () => {
    fc.assert(
      fc.property(exprArb, obsArb, (e, obs) => {
        const data = obs.flatMap((o) => observed([T(o.first), T(o.last)], [{ type: 'x', name: o.name }]));
        const all = oracle(e, obs);
        const r = matchPattern(text(e), data);
        expect(r.matched).toBe(all.length > 0);
        // the same bindings, slot for slot (observation i is input index 2i: observed-data, then its SCO)
        const key = (b: (number | null)[]) => JSON.stringify(b);
        const mine = r.bindings.map((b) => key(b.slots.map((x) => (x === null ? null : x.index / 2)))).sort();
        expect(mine).toEqual(all.map(key).sort());
        // every binding returned is a real one: slots line up with observations of the right name
        for (const b of r.bindings) {
          expect(b.slots).toHaveLength(size(e));
          const used = b.slots.filter((x) => x !== null).map((x) => `${x.index}/${x.copy}`);
          expect(new Set(used).size).toBe(used.length);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('bad input', () => {
  it('throws typed errors for invalid patterns', () => {
    expect(() => matchPattern('[a:b', [])).toThrow(expect.objectContaining({ code: 'PATTERN_SYNTAX' }));
    try {
      matchPattern("[a:b MATCHES '(a)\\\\1'] REPEATS 0 TIMES", []);
      expect.unreachable();
    } catch (e) {
      expect(isPatternMatchError(e)).toBe(true);
      expect(isPatternSyntaxError(e)).toBe(false);
      const err = e as PatternMatchError;
      expect(err.code).toBe('PATTERN_INVALID');
      expect(err.issues.map((i) => i.code).sort()).toEqual(['INVALID_REPEATS', 'UNSUPPORTED_REGEX']);
      expect(err.message).toContain('backreference');
    }
  });

  it('reports malformed observed-data as diagnostics and uses the rest', () => {
    const good = observed(T(0), [{ type: 'domain-name', value: 'a.test' }]);
    const r = matchPattern("[domain-name:value = 'a.test']", [
      null,
      {
        type: 'observed-data',
        id: 'observed-data--x',
        first_observed: 'yesterday',
        last_observed: T(0),
        number_observed: 1,
        object_refs: [],
      },
      {
        type: 'observed-data',
        id: 'observed-data--y',
        first_observed: T(5),
        last_observed: T(0),
        number_observed: 1,
        object_refs: [],
      },
      {
        type: 'observed-data',
        id: 'observed-data--z',
        first_observed: T(0),
        last_observed: T(0),
        number_observed: 0,
        object_refs: [],
      },
      {
        type: 'observed-data',
        id: 'observed-data--w',
        first_observed: T(0),
        last_observed: T(0),
        number_observed: 1,
      },
      {
        type: 'observed-data',
        id: 'observed-data--v',
        first_observed: T(0),
        last_observed: T(0),
        number_observed: 1,
        object_refs: ['file--gone'],
      },
      ...good,
    ]);
    expect(r.matched).toBe(true);
    expect(r.diagnostics.map((d) => [d.code, d.index])).toEqual([
      ['NOT_AN_OBJECT', 0],
      ['INVALID_TIMESTAMP', 1],
      ['LAST_BEFORE_FIRST', 2],
      ['INVALID_NUMBER_OBSERVED', 3],
      ['NO_OBJECTS', 4],
      ['UNRESOLVED_OBJECT_REF', 5],
    ]);
    expect(r.diagnostics[5]?.path).toEqual(['object_refs', 0]);
  });

  it('returns warnings for parts that can never match', () => {
    const r = matchPattern("[file:name = 'a' AND process:name = 'b']", []);
    expect(r.warnings.map((w) => w.code)).toEqual(['AND_MIXED_TYPES']);
  });

  it('stays linear on a catastrophic-backtracking regex', () => {
    const d = observed(T(0), [{ type: 'x', v: `${'a'.repeat(50_000)}!` }]);
    expect(m("[x:v MATCHES '^(a+)+$']", d)).toBe(false);
    expect(m("[x:v MATCHES '(a|aa)+!']", d)).toBe(true);
  });

  it('refuses regular expressions too large to run fast, and bounds the work per value', () => {
    expect(() => matchPattern("[x:v MATCHES '.{1000}.{1000}.{1000}.{1000}.{1000}.{1000}']", [])).toThrow(
      expect.objectContaining({ code: 'PATTERN_INVALID', message: expect.stringContaining('too large') }),
    );
    const long = observed(T(0), [{ type: 'x', v: 'ab'.repeat(60_000) }]);
    const big = "[x:v MATCHES 'a.{1000}c.{1000}d.{1000}e']"; // ~3000 instructions × 120 000 characters
    expect(() => matchPattern(big, long)).toThrow(expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }));
    // a match found elsewhere still stands, reported as incomplete
    const short = observed(T(1), [
      { type: 'x', v: 'a'.padEnd(1001, 'b').concat('c', 'b'.repeat(1000), 'd', 'b'.repeat(1000), 'e') },
    ]);
    const r = matchPattern(big, [...long, ...short]);
    expect(r).toMatchObject({ matched: true, complete: false });
    // NOT MATCHES on an unknown value is not turned into a match
    expect(() => matchPattern("[x:v NOT MATCHES 'a.{1000}c.{1000}d.{1000}e']", long)).toThrow(
      expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }),
    );
  });

  it('bounds LIKE backtracking the same way', () => {
    const d = observed(T(0), [{ type: 'x', v: 'a'.repeat(200_000) }]);
    const hostile = `[x:v LIKE '${'%a'.repeat(500)}%b']`;
    expect(() => matchPattern(hostile, d)).toThrow(expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }));
    expect(m(`[x:v LIKE '${'%a'.repeat(50)}%']`, d)).toBe(true);
  });

  it('cuts combinatorial searches: keeps a found match, throws when unsure of a non-match', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      observed(T(i), [{ type: 'domain-name', value: 'a.test' }]),
    ).flat();
    const found = matchPattern("[domain-name:value = 'a.test'] REPEATS 5 TIMES", many, { maxBindings: 50 });
    expect(found.matched).toBe(true);
    expect(found.complete).toBe(false);
    expect(found.bindings).toHaveLength(50);
    // REPEATS over one observation expression is counted, not searched: a certain "no" even at 50 bindings
    expect(
      matchPattern("([domain-name:value = 'a.test'] REPEATS 5 TIMES) WITHIN 1 SECONDS", many, {
        maxBindings: 50,
      }),
    ).toMatchObject({ matched: false, complete: true });
    // the same question written as a join is still a search, and is cut
    const a = "[domain-name:value = 'a.test']";
    expect(() =>
      matchPattern(`(${a} AND ${a} AND ${a} AND ${a} AND ${a}) WITHIN 1 SECONDS`, many, { maxBindings: 50 }),
    ).toThrow(expect.objectContaining({ code: 'PATTERN_MATCH_LIMIT' }));
    // with room to search it gives a definite answer
    const sure = matchPattern("([domain-name:value = 'a.test'] REPEATS 2 TIMES) WITHIN 1 SECONDS", many);
    expect(sure).toMatchObject({ matched: true, complete: true });
    expect(m("([domain-name:value = 'a.test'] REPEATS 2 TIMES) WITHIN 0.5 SECONDS", many)).toBe(false);
  });

  it('handles number_observed in the millions without expanding them', () => {
    const huge = observed(T(0), [{ type: 'domain-name', value: 'a.test' }], 5_000_000);
    expect(m("[domain-name:value = 'a.test'] REPEATS 3 TIMES", huge)).toBe(true);
  });
});
