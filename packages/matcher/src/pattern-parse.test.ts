import { readdirSync, readFileSync } from 'node:fs';
import { isVigilError, VigilError } from '@vigil/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pattern } from './pattern-ast.js';
import { isPatternSyntaxError, PatternSyntaxError } from './pattern-errors.js';
import { formatPattern } from './pattern-format.js';
import { parsePattern } from './pattern-parse.js';
import { validatePattern } from './pattern-validate.js';

const examplesDir = new URL('../../../../shared/data/stix2-json-schemas/examples/', import.meta.url);

/** The tree without positions and source text, for structural comparison. */
export function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'start' && typeof v === 'number') continue;
      if (k === 'end' && typeof v === 'number') continue;
      if (k === 'source') continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}

function syntaxError(text: string): PatternSyntaxError {
  try {
    parsePattern(text);
  } catch (e) {
    if (isPatternSyntaxError(e)) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

// Examples from the STIX 2.1 specification (section 9) and common real-world and MVT patterns.
const VALID = [
  "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
  "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
  "[domain-name:value = 'www.5z8.info' OR domain-name:value = 'www.5z8.info'] OR [ipv4-addr:value = '198.51.100.1']",
  "[file:hashes.'SHA-256' = 'aec0' AND file:mime_type = 'application/x-pdf'] OR [file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
  "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
  "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
  "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\System\\\\Foo' AND windows-registry-key:values[*].name = 'Foo']",
  "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
  "[file:name = 'pdf.exe' AND file:size = 371712 AND file:created = t'2014-01-13T07:03:17Z']",
  "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
  "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
  "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
  "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
  "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']",
  "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
  "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
  "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
  "[ipv4-addr:value ISSUPERSET '198.51.100.7']",
  "[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
  "[directory:path LIKE 'C:\\\\\\\\Windows\\\\\\\\%\\\\\\\\foo']",
  "[user-account:account_type = 'unix' AND user-account:user_id = '1007'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008']",
  '[network-traffic:src_port IN (80, 443, 8080)]',
  "[network-traffic:protocols[*] NOT IN ('tcp', 'udp')]",
  '[file:size NOT > 1024]',
  '[file:size >= -1 AND file:size <= +2 AND file:entropy < .5 AND file:entropy > -0.25]',
  "[file:hashes.MD5 != '79054025255fb1a26e4bc422aef54eb4']",
  "[file:hashes.MD5 <> 'a' AND file:name == 'b']",
  '[file:is_encrypted = true OR file:is_encrypted = false]',
  "[artifact:payload_bin = b'AAECAw==' OR artifact:payload_bin = h'00010203' OR artifact:payload_bin = h'']",
  '[windows-registry-key:values[0].data = 1]',
  '[x:list[-1] = 1]',
  '[NOT EXISTS file:hashes.MD5] OR [EXISTS file:name]',
  '([a:b = 1] WITHIN 5 SECONDS) WITHIN 10 SECONDS',
  '[a:b = 1] FOLLOWEDBY [a:c = 2] FOLLOWEDBY [a:d = 3]',
  "[a:b = 1] REPEATS 2 TIMES START t'2016-06-01T00:00:00.123456789Z' STOP t'2016-06-01T00:00:60Z'",
  '[a:b = 1] WITHIN 2.5 SECONDS',
  "[a:'quoted key' = 1 AND a:x.'y.z'.w = 2]",
  "[a:b = 'it\\'s' AND a:c = 'back\\\\slash']",
  "[a:b = 'line\nbreak']",
  '/* comment */ [a:b = 1] // trailing comment',
  // MVT dialect: non-standard object types and keys must parse.
  "[app:id = 'com.example.spy']",
  "[app:cert.sha256 = 'ab12']",
  "[configuration-profile:id = 'aa-bb']",
  "[android-property:name = 'persist.sys.x']",
  "[domain-name:value = 'evil.test' OR domain-name:value = 'x.test']",
  "[file:hashes.sha256 = 'ab' OR file:hashes.'SHA-256' = 'ab']",
  "[email-addr:value = 'handler@msg.test']",
  "[process:name = 'bh']",
  "[url:value = 'https://x.test/a=b?c=\\'d\\'']",
];

const INVALID: readonly (readonly [string, string, number])[] = [
  // text, fragment of the message, column
  ["[file:name = 'a.exe'", "expected ']' to close the observation opened at column 1", 21],
  ["[file:name = 'a.exe' OR file:size = 3", "expected ']' to close the observation opened at column 1", 38],
  ['', 'the pattern is empty', 1],
  ['   ', 'the pattern is empty', 1],
  ["file:name = 'a'", 'an observation must be in brackets', 1],
  ["[file:name = 'a']]", "unexpected ']'", 18],
  ["[file:name = 'a'])", "unexpected ')'", 18],
  ["[file:name = 'a'", 'found the end of the pattern', 17],
  ["[file:name 'a']", 'expected a comparison operator', 12],
  ["[file:name = 'a] ", 'unterminated string literal', 14],
  ['[file:name = "a"]', 'single quotes', 14],
  ["[file:name = 'a\\nb']", "invalid escape '\\n'", 16],
  ['[file:size = 01]', 'leading zeros', 14],
  ["[file:name = h'0']", 'even number of hex digits', 14],
  ["[file:name = h'zz']", 'not a hex digit', 16],
  ["[file:name = b'AAE']", 'invalid binary literal', 14],
  ["[file:name = t'2016-13-01T00:00:00Z']", 'invalid timestamp literal', 14],
  ["[file:name = t'2016-01-01 00:00:00Z']", 'invalid timestamp literal', 14],
  ["[file:name = t'2016-01-01T00:00:00z']", 'invalid timestamp literal', 14],
  ["[file:name = 'a'] within 5 SECONDS", 'keywords are upper case: WITHIN', 19],
  ["[file:name = 'a' and file:size = 1]", 'keywords are upper case: AND', 18],
  ["[file:name = 'a'] WITHIN -5 SECONDS", 'positive number of seconds', 26],
  ["[file:name = 'a'] WITHIN 5", 'expected SECONDS', 27],
  ["[file:name = 'a'] REPEATS 2.5 TIMES", 'positive whole number after REPEATS', 27],
  ["[file:name = 'a'] REPEATS 2", 'expected TIMES', 28],
  [
    "[file:name = 'a'] START '2016-01-01T00:00:00Z' STOP '2016-02-01T00:00:00Z'",
    "write t'2016-01-01T00:00:00Z'",
    25,
  ],
  ["[file:name = 'a'] START t'2016-01-01T00:00:00Z'", 'expected STOP', 48],
  ['[file:size > true]', 'cannot compare with a boolean', 14],
  ['[file:name LIKE 5]', 'LIKE takes a string literal', 17],
  ["[file:name IN 'a']", "expected a set such as ('a', 'b')", 15],
  ["[file:name IN ('a' 'b')]", "expected ',' or ')' in the set", 20],
  ["[file:name IN ('a',)]", 'expected a literal in the set', 20],
  ["[file-name = 'a']", "expected ':' after the object type 'file-name'", 12],
  ["[file:some-prop = 'a']", "quote it, as in file:'some-prop'", 7],
  ["[file:hashes.SHA-256 = 'a']", "quote it, as in .'SHA-256'", 14],
  ["[file:hashes.5 = 'a']", 'cannot start with a digit', 13],
  ['[file:x[a] = 1]', 'expected a list index', 9],
  ['[file:x[1 = 1]', "expected ']' to close the list index", 11],
  ["[file:name = 'a'] [file:name = 'b']", 'expected AND, OR, FOLLOWEDBY or a qualifier', 19],
  ["[file:name = 'a'] AND", "expected '[' to start an observation", 22],
  ['[file:name = @]', "unexpected '@'", 14],
  ['[file:name = \u0000]', 'character U+0000', 14],
  ['[file:name = \u202e]', 'character U+202E', 14],
  ["[file:name = 'a'] /* open", 'unterminated comment', 19],
  ["[file:name = 'a'] LAST 5", 'keyword LAST', 19],
  ["[true:name = 'a']", 'expected an object path', 2],
  ['[file:name = - 5]', 'a sign must be followed directly by digits', 14],
  ["[NOT file:name = 'a']", 'NOT goes after the object path', 2],
];

describe('parsePattern: valid patterns', () => {
  it.each(VALID)('parses %s and reads back its own canonical form', (text) => {
    const p = parsePattern(text);
    expect(p.type).toBe('pattern');
    expect(p.source).toBe(text);
    const printed = formatPattern(p);
    expect(strip(parsePattern(printed))).toEqual(strip(p));
    // printing is idempotent
    expect(formatPattern(parsePattern(printed))).toBe(printed);
  });

  it('builds the tree with operators, negation, paths and literal values', () => {
    const p = parsePattern(
      "[file:hashes.'SHA-256' = 'ab' OR file:x[*].y[2] NOT IN (1, 2.5)] AND [EXISTS a:b] FOLLOWEDBY [a:c = h'0A'] REPEATS 3 TIMES WITHIN 4 SECONDS",
    );
    expect(strip(p.expression)).toEqual({
      type: 'followed-by',
      operands: [
        {
          type: 'observation-and',
          operands: [
            {
              type: 'observation',
              comparison: {
                type: 'comparison-or',
                operands: [
                  {
                    type: 'comparison',
                    path: {
                      type: 'path',
                      objectType: 'file',
                      steps: [
                        { kind: 'key', key: 'hashes' },
                        { kind: 'key', key: 'SHA-256' },
                      ],
                    },
                    operator: '=',
                    negated: false,
                    value: { type: 'string', value: 'ab' },
                  },
                  {
                    type: 'comparison',
                    path: {
                      type: 'path',
                      objectType: 'file',
                      steps: [
                        { kind: 'key', key: 'x' },
                        { kind: 'any' },
                        { kind: 'key', key: 'y' },
                        { kind: 'index', index: 2 },
                      ],
                    },
                    operator: 'IN',
                    negated: true,
                    value: {
                      type: 'set',
                      values: [
                        { type: 'integer', value: 1 },
                        { type: 'float', value: 2.5 },
                      ],
                    },
                  },
                ],
              },
            },
            {
              type: 'observation',
              comparison: {
                type: 'exists',
                negated: false,
                path: { type: 'path', objectType: 'a', steps: [{ kind: 'key', key: 'b' }] },
              },
            },
          ],
        },
        {
          type: 'qualified',
          expression: {
            type: 'observation',
            comparison: {
              type: 'comparison',
              path: { type: 'path', objectType: 'a', steps: [{ kind: 'key', key: 'c' }] },
              operator: '=',
              negated: false,
              value: { type: 'hex', value: '0a' },
            },
          },
          qualifiers: [
            { kind: 'repeats', times: 3 },
            { kind: 'within', seconds: 4 },
          ],
        },
      ],
    });
  });

  it('records offsets that point at each node in the text', () => {
    const text = "[domain-name:value = 'evil.test' OR domain-name:value = 'x.test']";
    const p = parsePattern(text);
    if (p.expression.type !== 'observation' || p.expression.comparison.type !== 'comparison-or') {
      throw new Error('unexpected shape');
    }
    const second = p.expression.comparison.operands[1];
    if (second?.type !== 'comparison') throw new Error('unexpected shape');
    expect(text.slice(second.start, second.end)).toBe("domain-name:value = 'x.test'");
    expect(text.slice(second.value.start, second.value.end)).toBe("'x.test'");
    expect(text.slice(second.path.start, second.path.end)).toBe('domain-name:value');
  });

  it('resolves escapes, keeps raw line breaks, normalises == and <> and lower-cases hex', () => {
    const p = parsePattern("[a:b = 'it\\'s \\\\ ok' AND a:c <> h'AbCd' AND a:d == 1]");
    const text = JSON.stringify(strip(p));
    expect(text).toContain('"value":"it\'s \\\\ ok"');
    expect(text).toContain('"operator":"!="');
    expect(text).toContain('"value":"abcd"');
    expect(text).not.toContain('"=="');
  });

  it('treats IDENTIFIER-like keywords and booleans as reserved only where the grammar does', () => {
    // AND_x is an identifier, not the keyword AND
    expect(() => parsePattern('[ANDx:ORy = 1]')).not.toThrow();
    expect(syntaxError('[a:b.true = 1]').message).toContain("key 'true' is a reserved word");
    expect(() => parsePattern("[a:'true' = 1]")).not.toThrow();
  });
});

describe('parsePattern: invalid patterns', () => {
  it.each(INVALID)('rejects %j with %j at column %i', (text, fragment, column) => {
    const e = syntaxError(text);
    expect(e).toBeInstanceOf(PatternSyntaxError);
    expect(e.code).toBe('PATTERN_SYNTAX');
    expect(e.message).toContain(fragment);
    expect(e.column).toBe(column);
    expect(e.message).toContain(`column ${column}`);
    expect(e.isVigilError).toBe(true);
  });

  it('reports line and column on multi-line patterns', () => {
    const e = syntaxError("[file:name = 'a']\nAND\n  [file:name ~ 'b']");
    expect(e.line).toBe(3);
    expect(e.column).toBe(14);
    expect(e.message).toContain('line 3, column 14');
  });

  it('is a VigilError subclass carrying the position', () => {
    const e = syntaxError('[a:b = ]');
    expect(e).toBeInstanceOf(VigilError);
    expect(isVigilError(e)).toBe(true);
    expect(e.name).toBe('PatternSyntaxError');
    expect({ offset: e.offset, reason: e.reason }).toEqual({
      offset: 7,
      reason: "expected a literal value after =, found ']'",
    });
  });

  it('rejects a non-string with a typed error', () => {
    expect(() => parsePattern(42 as unknown as string)).toThrow(PatternSyntaxError);
  });
});

describe('parsePattern: bounded on hostile input', () => {
  it('gives PATTERN_TOO_DEEP, not a stack overflow, for 100k opening parentheses', () => {
    const e = syntaxError('('.repeat(100_000));
    expect(e.code).toBe('PATTERN_TOO_DEEP');
    expect(e.column).toBe(201);
  });

  it('gives PATTERN_TOO_DEEP for deep comparison nesting and honours maxDepth', () => {
    const deep = `[${'('.repeat(300)}a:b = 1${')'.repeat(300)}]`;
    expect(syntaxError(deep).code).toBe('PATTERN_TOO_DEEP');
    expect(() => parsePattern(deep, { maxDepth: 400 })).not.toThrow();
    expect(() => parsePattern('(([a:b = 1]))', { maxDepth: 2 })).toThrow(/nests deeper than 2/);
  });

  it('parses very long flat chains without deep trees', () => {
    const n = 20_000;
    const text = `[${Array.from({ length: n }, (_, i) => `a:b = ${i}`).join(' OR ')}]`;
    const p = parsePattern(text);
    if (p.expression.type !== 'observation' || p.expression.comparison.type !== 'comparison-or')
      throw new Error();
    expect(p.expression.comparison.operands).toHaveLength(n);
    const obs = Array.from({ length: 5_000 }, () => '[a:b = 1]').join(' FOLLOWEDBY ');
    expect(formatPattern(parsePattern(obs))).toBe(obs);
  });

  it('enforces maxLength', () => {
    const e = (() => {
      try {
        parsePattern("[a:b = 'x']", { maxLength: 5 });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(isPatternSyntaxError(e) && e.code).toBe('PATTERN_TOO_LONG');
  });
});

describe('parsePattern: the example indicators of the STIX 2.1 JSON schemas', () => {
  const files = readdirSync(examplesDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.json'),
  );
  const patterns: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.pattern === 'string' && (o.pattern_type === undefined || o.pattern_type === 'stix')) {
        patterns.push(o.pattern);
      }
      Object.values(o).forEach(walk);
    }
  };
  for (const f of files) walk(JSON.parse(readFileSync(new URL(f, examplesDir), 'utf8')));

  it('finds the example patterns', () => {
    expect(files.length).toBeGreaterThan(3);
    expect(patterns.length).toBeGreaterThan(30);
  });

  it('parses and validates every one, and prints each back to an equal tree', () => {
    for (const text of patterns) {
      const p = parsePattern(text);
      const v = validatePattern(p);
      expect(v.valid, text).toBe(true);
      expect(strip(parsePattern(formatPattern(p)))).toEqual(strip(p));
    }
  });
});

// ------------------------------------------------------------------------------------------------------
// Properties

const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const anyKey = fc.oneof(ident, fc.string({ maxLength: 6 }));
const pathArb = fc.record({
  type: fc.constant('path' as const),
  objectType: fc.oneof(ident, fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)),
  steps: fc
    .tuple(
      anyKey.map((key) => ({ kind: 'key' as const, key })),
      fc.array(
        fc.oneof(
          anyKey.map((key) => ({ kind: 'key' as const, key })),
          fc.integer({ min: -5, max: 1000 }).map((index) => ({ kind: 'index' as const, index })),
          fc.constant({ kind: 'any' as const }),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([a, rest]) => [a, ...rest]),
  start: fc.constant(0),
  end: fc.constant(0),
});
const span = { start: 0, end: 0 };
const tsArb = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace('.000Z', 'Z'));
const primitiveArb = fc.oneof(
  fc.string({ maxLength: 8 }).map((value) => ({ type: 'string' as const, value, ...span })),
  fc
    .integer({ min: -1e9, max: 1e9 })
    .map((value) => ({ type: 'integer' as const, value: value === 0 ? 0 : value, ...span })),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((v) => !Object.is(v, -0))
    .map((value) => ({ type: 'float' as const, value, ...span })),
  fc.boolean().map((value) => ({ type: 'boolean' as const, value, ...span })),
  fc.uint8Array({ maxLength: 6 }).map((b) => ({
    type: 'hex' as const,
    value: [...b].map((x) => x.toString(16).padStart(2, '0')).join(''),
    ...span,
  })),
  fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => ({
    type: 'binary' as const,
    value: Buffer.from(b).toString('base64'),
    ...span,
  })),
  tsArb.map((value) => ({ type: 'timestamp' as const, value, ...span })),
);
const comparisonArb = fc.oneof(
  fc.record({
    type: fc.constant('comparison' as const),
    path: pathArb,
    operator: fc.constantFrom('=' as const, '!=' as const),
    negated: fc.boolean(),
    value: primitiveArb,
    ...{ start: fc.constant(0), end: fc.constant(0) },
  }),
  fc.record({
    type: fc.constant('comparison' as const),
    path: pathArb,
    operator: fc.constantFrom(
      'LIKE' as const,
      'MATCHES' as const,
      'ISSUBSET' as const,
      'ISSUPERSET' as const,
    ),
    negated: fc.boolean(),
    value: fc.string({ maxLength: 8 }).map((value) => ({ type: 'string' as const, value, ...span })),
    ...{ start: fc.constant(0), end: fc.constant(0) },
  }),
  fc.record({
    type: fc.constant('comparison' as const),
    path: pathArb,
    operator: fc.constant('IN' as const),
    negated: fc.boolean(),
    value: fc
      .array(primitiveArb, { maxLength: 3 })
      .map((values) => ({ type: 'set' as const, values, ...span })),
    ...{ start: fc.constant(0), end: fc.constant(0) },
  }),
  fc.record({
    type: fc.constant('exists' as const),
    path: pathArb,
    negated: fc.boolean(),
    ...{ start: fc.constant(0), end: fc.constant(0) },
  }),
);
const { pattern: patternArb } = fc.letrec((tie) => ({
  comp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArb,
    fc.record({
      type: fc.constantFrom('comparison-and' as const, 'comparison-or' as const),
      operands: fc.array(tie('comp'), { minLength: 2, maxLength: 3 }),
      start: fc.constant(0),
      end: fc.constant(0),
    }),
  ),
  obs: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      type: fc.constant('observation' as const),
      comparison: tie('comp'),
      start: fc.constant(0),
      end: fc.constant(0),
    }),
    fc.record({
      type: fc.constantFrom('observation-and' as const, 'observation-or' as const, 'followed-by' as const),
      operands: fc.array(tie('obs'), { minLength: 2, maxLength: 3 }),
      start: fc.constant(0),
      end: fc.constant(0),
    }),
    fc.record({
      type: fc.constant('qualified' as const),
      expression: tie('obs'),
      qualifiers: fc.array(
        fc.oneof(
          fc.integer({ min: 1, max: 100 }).map((times) => ({ kind: 'repeats' as const, times, ...span })),
          fc
            .oneof(fc.integer({ min: 1, max: 9999 }), fc.double({ min: 0.001, max: 9999, noNaN: true }))
            .map((seconds) => ({
              kind: 'within' as const,
              seconds,
              ...span,
            })),
          fc.tuple(tsArb, tsArb).map(([a, b]) => ({
            kind: 'start-stop' as const,
            startTime: { type: 'timestamp' as const, value: a, ...span },
            stopTime: { type: 'timestamp' as const, value: b, ...span },
            ...span,
          })),
        ),
        { minLength: 1, maxLength: 2 },
      ),
      start: fc.constant(0),
      end: fc.constant(0),
    }),
  ),
  pattern: tie('obs'),
}));

/** Junctions nested directly in a junction of the same type are written with parentheses and kept. */
describe('properties', () => {
  it('parse(format(tree)) gives back the tree', () => {
    fc.assert(
      fc.property(patternArb, (tree) => {
        const text = formatPattern(tree as Pattern['expression']);
        const back = parsePattern(text, { maxDepth: 1000 });
        expect(strip(back.expression)).toEqual(strip(tree));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a PatternSyntaxError on random text', () => {
    const alphabet = fc.constantFrom(
      ...'[]():.,*\'"\\ =<>!-+_0123456789abhtxyzANDORNOTINLIKE\n'.split(''),
      'AND',
      'OR',
      'FOLLOWEDBY',
      'WITHIN',
      'SECONDS',
      'REPEATS',
      'TIMES',
      'START',
      'STOP',
      'EXISTS',
      'MATCHES',
      "h'",
      "b'",
      "t'",
      '/*',
      '//',
      'file:name',
      "'x'",
      '\u0000',
      '\ud800',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (text) => {
          try {
            const p = parsePattern(text);
            // whatever parses, validates without throwing and prints back to the same tree
            validatePattern(p);
            expect(strip(parsePattern(formatPattern(p), { maxDepth: 1000 }))).toEqual(strip(p));
          } catch (e) {
            if (!isPatternSyntaxError(e)) throw e;
            expect(e.offset).toBeGreaterThanOrEqual(0);
            expect(e.offset).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
