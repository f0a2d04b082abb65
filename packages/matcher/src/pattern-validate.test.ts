import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Comparison, Pattern } from './pattern-ast.js';
import { patternPosition, positionLookup } from './pattern-errors.js';
import { formatPattern } from './pattern-format.js';
import { parsePattern } from './pattern-parse.js';
import { type PatternIssueCode, validatePattern } from './pattern-validate.js';

const codes = (text: string): PatternIssueCode[] => validatePattern(text).issues.map((i) => i.code);

describe('validatePattern', () => {
  it('accepts valid patterns with no issues and returns the tree', () => {
    const r = validatePattern(
      "[domain-name:value = 'evil.test'] FOLLOWEDBY [url:value LIKE 'https://evil.test/%']",
    );
    expect(r.valid).toBe(true);
    expect(r.issues).toEqual([]);
    if (r.valid) expect(r.pattern.expression.type).toBe('followed-by');
  });

  it('turns syntax errors into one issue with a position instead of throwing', () => {
    const r = validatePattern("[file:name = 'a.exe' OR file:size = 3");
    expect(r).toEqual({
      valid: false,
      issues: [
        expect.objectContaining({
          code: 'PATTERN_SYNTAX',
          severity: 'error',
          line: 1,
          column: 38,
          offset: 37,
        }),
      ],
    });
    expect(validatePattern('('.repeat(100_000)).issues[0]?.code).toBe('PATTERN_TOO_DEEP');
  });

  it.each([
    ['[a:b = 1] REPEATS 0 TIMES', 'INVALID_REPEATS', 11],
    ['[a:b = 1] WITHIN 0 SECONDS', 'INVALID_WITHIN', 11],
    ['[a:b = 1] WITHIN 0.0 SECONDS', 'INVALID_WITHIN', 11],
    ["[a:b = 1] START t'2020-01-02T00:00:00Z' STOP t'2020-01-01T00:00:00Z'", 'START_NOT_BEFORE_STOP', 11],
    ["[a:b = 1] START t'2020-01-01T00:00:00Z' STOP t'2020-01-01T00:00:00Z'", 'START_NOT_BEFORE_STOP', 11],
    ['[a:b = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS', 'DUPLICATE_QUALIFIER', 28],
    ['[a:b = 1] REPEATS 2 TIMES REPEATS 3 TIMES', 'DUPLICATE_QUALIFIER', 27],
    ["[a:b = t'2021-02-29T00:00:00Z']", 'INVALID_TIMESTAMP', 8],
    ["[a:b = 1] START t'2021-04-31T00:00:00Z' STOP t'2021-05-01T00:00:00Z'", 'INVALID_TIMESTAMP', 17],
    ["[a:b IN (1, 'x')]", 'MIXED_SET', 9],
    ["[a:b IN (true, h'00')]", 'MIXED_SET', 9],
    ["[a:b MATCHES '(a)\\\\1']", 'UNSUPPORTED_REGEX', 14],
    ["[a:b MATCHES 'a(?=b)']", 'UNSUPPORTED_REGEX', 14],
    ["[a:b MATCHES '(?>a)']", 'UNSUPPORTED_REGEX', 14],
    ["[a:b MATCHES 'a++']", 'UNSUPPORTED_REGEX', 14],
    ["[a:b MATCHES '(a']", 'INVALID_REGEX', 14],
    ["[a:b MATCHES 'a{1001}']", 'INVALID_REGEX', 14],
    ["[ipv4-addr:value ISSUBSET '10.0.0.0/33']", 'INVALID_ADDRESS', 27],
    ["[ipv4-addr:value ISSUBSET 'evil.test']", 'INVALID_ADDRESS', 27],
    ["[ipv6-addr:value ISSUPERSET '2001:db8::1::2']", 'INVALID_ADDRESS', 29],
  ] as const)('%s → error %s at column %i', (text, code, column) => {
    const r = validatePattern(text);
    expect(r.valid).toBe(false);
    const issue = r.issues.find((i) => i.code === code);
    expect(issue).toMatchObject({ code, severity: 'error', column });
    expect(issue?.message.length).toBeGreaterThan(20);
  });

  it('allows a repeated qualifier when parentheses separate the levels', () => {
    expect(validatePattern('([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS').valid).toBe(true);
    expect(validatePattern('[a:b = 1] REPEATS 2 TIMES WITHIN 6 SECONDS').valid).toBe(true);
  });

  it('allows sets mixing integers and floats', () => {
    expect(validatePattern('[a:b IN (1, 2.5)]').valid).toBe(true);
  });

  it.each([
    ["[file:name = 'a' AND process:name = 'b']", 'AND_MIXED_TYPES'],
    ["[file:name = 'a' AND (process:name = 'b' OR process:pid = 1)]", 'AND_MIXED_TYPES'],
    ["[file:parent_directory_ref[0].path = 'x']", 'REF_INDEXED'],
    ["[email-message:to_refs.value = 'x']", 'REFS_NOT_INDEXED'],
    ["[network-traffic:dst_ref = 'ipv4-addr--1']", 'REF_COMPARED'],
    ['[x:list[-1] = 1]', 'NEGATIVE_INDEX'],
    ['[x:b IN ()]', 'EMPTY_SET'],
    ["[indicator:name = 'x']", 'NOT_AN_OBSERVABLE'],
    ['[x:b = 99999999999999999999]', 'UNSAFE_INTEGER'],
    ["[domain-name:value = 'evil\u202e.test']", 'INVISIBLE_CHARACTER'],
    ["[file:'na\u200bme' = 'x']", 'INVISIBLE_CHARACTER'],
    ["[file:name = 'a\u0000b']", 'INVISIBLE_CHARACTER'],
  ] as const)('%s → warning %s, still valid', (text, code) => {
    const r = validatePattern(text);
    expect(r.valid).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toContainEqual([code, 'warning']);
  });

  it('does not warn for AND across types that an OR makes possible', () => {
    expect(codes("[file:name = 'a' AND (file:size = 1 OR process:pid = 1)]")).toEqual([]);
  });

  it('lists errors before warnings and accepts a parsed pattern', () => {
    const p = parsePattern("[file:name = 'a' AND process:name = 'b'] REPEATS 0 TIMES");
    const r = validatePattern(p);
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.severity)).toEqual(['error', 'warning']);
  });

  it('reports positions on the right line', () => {
    const r = validatePattern('[a:b = 1]\n  REPEATS 0 TIMES');
    expect(r.issues[0]).toMatchObject({ line: 2, column: 3 });
  });

  it('positions agree between the one-off and the indexed lookup, CRLF and CR included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', ' ') }), fc.nat(), (text, n) => {
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        expect(positionLookup(text)(offset)).toEqual(patternPosition(text, offset));
      }),
    );
  });

  it('stays fast with tens of thousands of issues', () => {
    const text = `[${Array.from({ length: 30_000 }, () => 'a:b IN ()').join('\nOR ')}]`;
    const r = validatePattern(text);
    expect(r.issues).toHaveLength(30_000);
    expect(r.issues.at(-1)).toMatchObject({ code: 'EMPTY_SET', line: 30_000, column: 11 });
  });

  it('checks literal values of trees built by hand', () => {
    const p = parsePattern("[a:b = h'00' OR a:b = b'AAAA' OR a:b = 1]");
    if (p.expression.type !== 'observation' || p.expression.comparison.type !== 'comparison-or')
      throw new Error();
    const [hex, bin, int] = p.expression.comparison.operands as [Comparison, Comparison, Comparison];
    const broken: Pattern = {
      ...p,
      expression: {
        ...p.expression,
        comparison: {
          ...p.expression.comparison,
          operands: [
            { ...hex, value: { ...hex.value, type: 'hex', value: 'zz' } },
            { ...bin, value: { ...bin.value, type: 'binary', value: 'A' } },
            { ...int, value: { ...int.value, type: 'integer', value: 1.5 } },
          ],
        },
      },
    };
    expect(codes(formatPattern(p))).toEqual([]);
    const r = validatePattern(broken);
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['INVALID_LITERAL', 'INVALID_LITERAL', 'INVALID_LITERAL']);
  });
});
