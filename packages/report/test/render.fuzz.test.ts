/**
 * Fuzzing every report renderer: the made-up case of `case-fixture.ts` with hostile strings (markup, CSV
 * formulas, bidi controls, NUL, lone surrogates, entities, Markdown and template metacharacters, very long
 * text) in every free-text field the schema accepts, rendered for a random audience, format and language.
 *
 * Properties: `renderReport` never throws on a valid dataset (not even a typed error: hostile text is not a
 * reason to refuse); JSON, STIX and MISP outputs are JSON; HTML has no script, event handler or embedded
 * content coming from the data; CSV rows all have the header's width; the file name stays safe.
 * `pdf` (headless Chromium) gets a few runs of its own when Chromium is installed.
 *
 * `FUZZ_RUNS` sets the number of runs (default 200 here means 40: rendering is slower than parsing;
 * see docs/fuzzing.md).
 */

import { existsSync } from 'node:fs';
import { DatasetSchema, safeParseDataset } from '@vigil/core';
import fc from 'fast-check';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import {
  AUDIENCES,
  type Audience,
  isReportError,
  REPORT_LANGUAGES,
  type ReportFormat,
  renderReport,
} from '../src/index.js';
import { caseInput, SECRET } from './case-fixture.js';
import { parseCsv } from './helpers.js';

const RUNS = Math.max(1, Math.round(Number(process.env.FUZZ_RUNS ?? 200) / 5));
const SEED = process.env.FUZZ_SEED === undefined ? {} : { seed: Number(process.env.FUZZ_SEED) };
const FORMATS: ReportFormat[] = ['markdown', 'html', 'csv', 'json', 'stix', 'misp'];

/**
 * Hostile fragments. None holds a word of 4+ letters: the leak gate rightly treats a word shared between
 * a sensitive value and a public one as a leak, which would turn the test into a test of the fixture.
 */
const FRAGMENTS = [
  '<b>',
  '</p>',
  '<a b=c>',
  '<svg/on=1>',
  '<!--',
  '-->',
  '"',
  "'",
  '`',
  '&',
  '&lt;',
  '&#0;',
  '=1+2',
  '+1',
  '-1',
  '@x',
  '\t',
  '\r\n',
  '\n\n# x\n',
  '|',
  '[x](y)',
  '![x](y)',
  '**',
  '_',
  '\\',
  '{{x}}',
  `$${'{x}'}`,
  '\u202e',
  '\u2066',
  '\u200b',
  '\u0000',
  '\ud800',
  '\u061c',
  'مر',
  '１',
  '%3C',
  ',',
  ';',
  ' ',
];

/** String paths of the fixture that accept free text (found once by trying a hostile value in each). */
type Path = (string | number)[];
const base = caseInput() as unknown as Record<string, unknown>;
function stringPaths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (typeof value === 'string') out.push(prefix);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) stringPaths(v, [...prefix, i], out);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) stringPaths(v, [...prefix, k], out);
  return out;
}
function setAt(root: unknown, path: Path, value: unknown): void {
  let v = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) v = v[key] as Record<string | number, unknown>;
  v[path[path.length - 1] as string | number] = value;
}
const FREE_TEXT: Path[] = stringPaths(base).filter((path) => {
  const copy = structuredClone(base);
  setAt(copy, path, `<b>"&'\u202e\r\n=1+2 Zq${path.join('x')}`);
  return safeParseDataset(copy).success;
});

const hostileText = (marker: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 6 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }),
      fc.constantFrom(0, 0, 0, 1, 3000),
    )
    // Long text is padded with punctuation, not letters: a long run of letters would be a word shared by
    // every padded field.
    // Fragments are separated by spaces: glued together they could form a 4+ character word (`%3C` + `مر`),
    // and two fields sharing such a word are, rightly, a leak to the leak gate (found by a long run).
    .map(([before, after, pad]) => `${before.join(' ')} ${marker} ${after.join(' ')}${' .'.repeat(pad)}`);

/** A valid dataset with hostile text in a random subset of the free-text fields (each value unique). */
const hostileDataset = fc
  .tuple(
    fc.subarray(FREE_TEXT, { minLength: 1 }),
    fc.array(hostileText(''), { minLength: FREE_TEXT.length, maxLength: FREE_TEXT.length }),
  )
  .map(([paths, texts]) => {
    const input = structuredClone(base);
    paths.forEach((path, i) => {
      // A unique marker word per field, so that two fields never share a word by accident.
      const n = FREE_TEXT.indexOf(path);
      const marker = `Zq${[3, 2, 1, 0].map((p) => String.fromCharCode(97 + (Math.floor(n / 26 ** p) % 26))).join('')}`;
      setAt(input, path, (texts[i] as string).replace('', `${marker} `));
    });
    return { input, paths };
  });

function checkHtml(html: string, context: string): void {
  const bad: string[] = [];
  const walk = (node: {
    nodeName: string;
    attrs?: { name: string }[];
    childNodes?: unknown[];
    content?: unknown;
  }): void => {
    if (['script', 'iframe', 'object', 'embed', 'svg', 'img', 'a'].includes(node.nodeName)) {
      // <a> is allowed only without a javascript: link; the renderer's own links are checked below.
      if (node.nodeName !== 'a') bad.push(node.nodeName);
    }
    for (const attr of node.attrs ?? []) {
      if (/^on/i.test(attr.name)) bad.push(`${node.nodeName}[${attr.name}]`);
    }
    for (const child of (node.childNodes ?? []) as (typeof node)[]) walk(child);
    if (node.content) walk(node.content as typeof node);
  };
  walk(parse(html) as unknown as Parameters<typeof walk>[0]);
  expect(bad, context).toEqual([]);
  expect(html.toLowerCase(), context).not.toContain('javascript:');
}

describe('renderReport on valid datasets with hostile strings (fuzz)', () => {
  it('finds free-text fields to fuzz', () => {
    expect(FREE_TEXT.length).toBeGreaterThan(20);
  });

  it('never throws, and every format stays well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileDataset,
        fc.constantFrom(...AUDIENCES),
        fc.constantFrom(...FORMATS),
        fc.constantFrom(...REPORT_LANGUAGES),
        async ({ input, paths }, audience: Audience, format, lang) => {
          const parsed = DatasetSchema.safeParse(input);
          // The fields were chosen because hostile text keeps the dataset valid; combined they still must.
          expect(parsed.success, JSON.stringify(paths)).toBe(true);
          if (!parsed.success) return;
          const context = `${audience}/${format}/${lang} fields ${JSON.stringify(paths.slice(0, 5))}`;
          let report: Awaited<ReturnType<typeof renderReport>>;
          try {
            report = await renderReport(parsed.data, {
              audience,
              format,
              lang,
              secret: SECRET,
              person: 'person--ana',
            });
          } catch (error) {
            throw new Error(
              `${context}: threw ${isReportError(error) ? `ReportError ${error.code}` : 'an untyped error'}: ${String(error)}`,
            );
          }
          expect(report.filename, context).toMatch(/^[A-Za-z0-9._-]+$/);
          const text =
            typeof report.content === 'string' ? report.content : new TextDecoder().decode(report.content);
          expect(text.length).toBeGreaterThan(0);
          if (format === 'json' || format === 'stix' || format === 'misp')
            expect(() => JSON.parse(text), context).not.toThrow();
          if (format === 'html') checkHtml(text, context);
          if (format === 'csv') {
            const rows = parseCsv(text);
            const width = rows[0]?.length ?? 0;
            for (const row of rows) expect(row.length, context).toBe(width);
            // No cell starts with a formula character (CSV injection), once any protection is applied.
            for (const row of rows.slice(1))
              for (const cell of row) expect(cell, context).not.toMatch(/^[=+\-@\t\r]/);
          }
          expect(text, context).not.toContain('\u0000');
        },
      ),
      { numRuns: RUNS, ...SEED },
    );
  }, 120_000);

  // PDF: Chromium prints the HTML page; a few runs only (each takes about a second).
  it.skipIf(!existsSync('/usr/bin/chromium'))(
    'pdf: never throws and gives a complete PDF',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileDataset,
          fc.constantFrom(...AUDIENCES),
          fc.constantFrom(...REPORT_LANGUAGES),
          async ({ input }, audience: Audience, lang) => {
            const dataset = DatasetSchema.parse(input);
            const report = await renderReport(dataset, {
              audience,
              format: 'pdf',
              lang,
              secret: SECRET,
              person: 'person--ana',
            });
            const bytes = report.content as Uint8Array;
            expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
            expect(new TextDecoder().decode(bytes.subarray(-1024))).toContain('%%EOF');
            expect(report.filename).toMatch(/^[A-Za-z0-9._-]+\.pdf$/);
          },
        ),
        { numRuns: Math.max(1, Math.round(RUNS / 10)), ...SEED },
      );
    },
    120_000,
  );
});
