import type { DatasetInput } from '@vigil/core';
import { DatasetSchema } from '@vigil/core';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Audience, ReportFormat, ReportLanguage } from '../src/index.js';
import { renderReport } from '../src/index.js';
import type { ReportDocument } from '../src/internal/document.js';
import { renderHtml } from '../src/internal/render-html.js';
import { renderMarkdown } from '../src/internal/render-markdown.js';
import { visible } from '../src/internal/text.js';
import { caseInput, SECRET } from './case-fixture.js';

const FORMATS: ReportFormat[] = ['markdown', 'html', 'csv', 'json', 'stix', 'misp'];
const LANGS: ReportLanguage[] = ['en', 'fr', 'es', 'ar'];

/**
 * Hostile fragments: markup, CSV and bidi metacharacters, entities, escapes, Arabic, zero-width. None forms a
 * word of 4+ letters: two values sharing such a word would (rightly) scrub each other as name tokens.
 */
const FRAGMENTS = [
  '<',
  '>',
  '"',
  "'",
  '&',
  '&amp;',
  '|',
  '*',
  '_',
  '`',
  '[',
  ']',
  '(',
  ')',
  '!',
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\n',
  '\r',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u200e',
  '\u0000',
  '\u061c',
  '%20',
  '%3C',
  '\\',
  '#',
  'مر',
  '\u0301',
  '１',
  ' ',
];
/** A distinctive sensitive value: a random marker word (so it cannot occur by chance) plus hostile fragments. */
const sensitive = fc
  .tuple(
    fc.stringMatching(/^[A-Z][a-z]{7,11}$/),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 6 }),
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }),
  )
  .map(([word, before, after]) => `${before.join('')}Zq${word}${after.join('')}`);

type Secrets = {
  lawyerName: string;
  activistName: string;
  phone: string;
  email: string;
  serial: string;
  label: string;
  model: string;
  note: string;
  evidenceText: string;
  custodyNote: string;
  artifact: string;
  basis: string;
  method: string;
  amberIoc: string;
};
const secrets: fc.Arbitrary<Secrets> = fc
  .record({
    lawyerName: sensitive,
    activistName: sensitive,
    phone: sensitive,
    email: sensitive,
    serial: sensitive,
    label: sensitive,
    model: sensitive,
    note: sensitive,
    evidenceText: sensitive,
    custodyNote: sensitive,
    artifact: sensitive,
    basis: sensitive,
    method: sensitive,
    amberIoc: sensitive,
  })
  // Every value's marker word is its own: fast-check favours some words ('prototype', 'constructor',
  // 'aaaaaaa'), and a marker shared by a value an audience may see and one it may not would be reported
  // as a leak that is not one. Nor may one marker contain another.
  .filter((s) => {
    const markers = Object.values(s).map((v) => (/Zq[A-Z][a-z]{7,11}/.exec(v)?.[0] ?? '').toLowerCase());
    return markers.every((m, k) => markers.every((o, l) => k === l || !o.includes(m)));
  });

/** The made-up case with its sensitive fields (DI, CT, LS, CM and a lab-private indicator) replaced. */
function withSecrets(s: Secrets) {
  const input = caseInput() as DatasetInput & Record<string, unknown>;
  const persons = input.persons ?? [];
  const [ana, bruno, carmen] = persons;
  if (ana) ana.notes = s.note;
  if (bruno) {
    bruno.realName = s.lawyerName;
    bruno.consent = { status: 'unknown', basis: s.basis };
  }
  if (carmen) carmen.realName = s.activistName;
  const [phone, email] = input.identifiers ?? [];
  if (phone) phone.value = s.phone;
  if (email) email.value = s.email;
  const device = input.devices?.[0];
  if (device) {
    device.serial = s.serial;
    device.label = s.label;
    device.model = s.model;
  }
  const evidence = input.evidence?.[0];
  if (evidence) {
    evidence.description = s.evidenceText;
    evidence.acquisition.method = s.method;
    const first = evidence.custody?.[0];
    if (first) first.notes = s.custodyNote;
  }
  const match = input.findings?.[0]?.matches?.[1];
  if (match) {
    match.artifact = s.artifact;
    match.value = s.amberIoc;
  }
  const amber = input.indicators?.find((i) => i.id === 'indicator--amber-domain');
  if (amber) amber.value = s.amberIoc;
  return DatasetSchema.parse(input);
}

const norm = (x: string): string => x.normalize('NFKC').toLowerCase();
function assertAbsent(output: string, values: string[], context: string): void {
  const haystacks = [output, norm(output), norm(visible(output))];
  for (const value of values) {
    const marker = /Zq[A-Z][a-z]{7,11}/.exec(value)?.[0] as string;
    // the value itself, its visible form, and the marker word alone must all be absent
    for (const needle of [value, visible(value), marker, norm(marker)]) {
      for (const h of haystacks)
        expect(h.includes(needle), `${context}: ${JSON.stringify(needle)}`).toBe(false);
    }
  }
}

const textOf = (content: string | Uint8Array): string =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

describe('property: sensitive values never reach an audience that may not see them', () => {
  it('public, partners, un-submission: no direct identifier, private content, lab note or private IOC, in any format', async () => {
    await fc.assert(
      fc.asyncProperty(secrets, fc.constantFrom(...LANGS), async (s, lang) => {
        const dataset = withSecrets(s);
        const forbidden: Record<string, string[]> = {
          public: Object.values(s),
          partners: Object.values(s).filter((v) => v !== s.amberIoc),
          'un-submission': Object.values(s),
          internal: [s.phone, s.email, s.serial, s.label, s.model, s.lawyerName, s.activistName],
          victim: [
            s.email,
            s.lawyerName,
            s.activistName,
            s.note,
            s.evidenceText,
            s.custodyNote,
            s.artifact,
            s.basis,
            s.method,
            s.amberIoc,
          ],
        };
        for (const [audience, values] of Object.entries(forbidden)) {
          for (const format of FORMATS) {
            const report = await renderReport(dataset, {
              audience: audience as Audience,
              format,
              lang,
              secret: SECRET,
              person: 'person--ana',
            });
            assertAbsent(textOf(report.content), values, `${audience}/${format}/${lang}`);
            assertAbsent(report.filename, values, `${audience}/${format} filename`);
          }
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('non-interference: changing only sensitive fields leaves every public output byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(secrets, secrets, fc.constantFrom(...LANGS), async (a, b, lang) => {
        const da = withSecrets(a);
        const db = withSecrets(b);
        for (const format of FORMATS) {
          const ra = await renderReport(da, { audience: 'public', format, lang, secret: SECRET });
          const rb = await renderReport(db, { audience: 'public', format, lang, secret: SECRET });
          expect(rb.content, format).toStrictEqual(ra.content);
          expect(rb.filename).toBe(ra.filename);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('the victim copy shows the person their own identifiers', async () => {
    await fc.assert(
      fc.asyncProperty(secrets, async (s) => {
        const report = await renderReport(withSecrets(s), {
          audience: 'victim',
          person: 'person--ana',
          format: 'json',
          lang: 'en',
          secret: SECRET,
        });
        const json = JSON.parse(textOf(report.content)) as {
          case: { identifiers: { value?: string }[]; devices: { serial?: string }[] };
        };
        expect(json.case.identifiers.map((i) => i.value)).toEqual([s.phone]);
        expect(json.case.devices[0]?.serial).toBe(s.serial);
      }),
      { numRuns: 10 },
    );
  });
});

function cellDocument(value: string): ReportDocument {
  return {
    title: value,
    lang: 'en',
    dir: 'ltr',
    tlp: 'TLP:CLEAR',
    tlpStatement: 'x',
    blocks: [
      { t: 'paragraph', content: [{ t: 'text', v: value }] },
      { t: 'table', head: ['h'], rows: [[[{ t: 'text', v: value }]], [[{ t: 'code', v: value }]]] },
    ],
  };
}

type P5Node = {
  nodeName: string;
  value?: string;
  childNodes?: P5Node[];
  attrs?: { name: string; value: string }[];
};
function findAll(node: P5Node, name: string, out: P5Node[] = []): P5Node[] {
  if (node.nodeName === name) out.push(node);
  for (const child of node.childNodes ?? []) findAll(child, name, out);
  return out;
}
function textContent(node: P5Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textContent).join('');
}

describe('property: escapers', () => {
  it('HTML: any string lands as exactly the text of its cell and of the title, never as markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const value = visible(raw);
        const tree = parse(renderHtml(cellDocument(value))) as unknown as P5Node;
        const cells = findAll(tree, 'td');
        expect(cells.length).toBe(2);
        for (const cell of cells) expect(textContent(cell)).toBe(value);
        expect(textContent(findAll(tree, 'title')[0] as P5Node)).toBe(value);
        expect(findAll(tree, 'script').length).toBe(0);
        expect(findAll(tree, 'img').length).toBe(0);
        expect(findAll(tree, 'a').length).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('Markdown: any string lands as exactly the text of its table cell, never as a link, image or HTML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const value = visible(raw).trim();
        const md = renderMarkdown(cellDocument(value));
        const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
        const kinds = new Set<string>();
        const walk = (node: { type: string; children?: unknown[] }): void => {
          kinds.add(node.type);
          for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
        };
        walk(tree as { type: string; children?: unknown[] });
        for (const bad of ['link', 'image', 'html', 'linkReference', 'imageReference', 'definition'])
          expect(kinds.has(bad), bad).toBe(false);
        const table = tree.children.find((c) => c.type === 'table');
        if (value === '') return;
        expect(table).toBeDefined();
        const cellText = (cell: {
          children: { type: string; value?: string; children?: { value?: string }[] }[];
        }) =>
          cell.children.map((c) => c.value ?? (c.children ?? []).map((x) => x.value ?? '').join('')).join('');
        const rows = (
          table as unknown as { children: { children: { children: { type: string; value?: string }[] }[] }[] }
        ).children;
        expect(cellText(rows[1]?.children[0] as never).trim()).toBe(value);
        expect(cellText(rows[2]?.children[0] as never).trim()).toBe(value);
      }),
      { numRuns: 100 },
    );
  });
});
