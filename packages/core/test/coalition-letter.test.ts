// The example dataset (examples/coalition-letter/dataset.json) against the letter it encodes. The letter is
// read at test time from ../shared/seed (beside the repository), never copied into the repository.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COLLECTIONS,
  type Dataset,
  evidenceLevels,
  reconcileAggregateClaims,
  safeParseDataset,
  summarizeDataset,
} from '../src/index.js';

const datasetText = readFileSync(
  new URL('../../../examples/coalition-letter/dataset.json', import.meta.url),
  'utf8',
);
const letterText = readFileSync(
  new URL('../../../../shared/seed/coalition-letter-2021-09-30.txt', import.meta.url),
  'utf8',
);
const LETTER = 'source--coalition-letter-2021-09-30';

/** The letter's paragraphs as numbered in examples/coalition-letter/README.md (1-based; index 0 unused). */
function letterParagraphs(): string[] {
  const blocks = letterText
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const first = blocks.findIndex((b) => b.startsWith('During the 48th session'));
  const last = blocks.findIndex((b) => b.startsWith('Camille Francois'));
  const body = blocks
    .slice(first, last + 1)
    .filter((b) => !b.startsWith('18th Session of Human Rights Council ©'));
  return ['', ...body];
}
const normalise = (s: string): string => s.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();

function parse(): Dataset {
  const result = safeParseDataset(datasetText);
  if (!result.success) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.data;
}

describe('examples/coalition-letter/dataset.json', () => {
  it('validates with no issue at all', () => {
    const result = safeParseDataset(datasetText);
    expect(result.issues).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('numbers 14 paragraphs of the letter', () => {
    const paragraphs = letterParagraphs();
    expect(paragraphs).toHaveLength(15);
    expect(paragraphs[3]).toMatch(/^We are deeply alarmed/);
    expect(paragraphs[12]).toMatch(/^Until and unless/);
  });

  it('derives the ladder levels the letter states', () => {
    const levels = Object.fromEntries(evidenceLevels(parse()));
    expect(levels).toEqual({
      // France: numbers on the leaked list only.
      'person--emmanuel-macron': 'listed',
      'person--edouard-philippe': 'listed',
      'person--french-serving-ministers': 'listed',
      // Budapest photojournalist: Citizen Lab finding, validated by Amnesty International.
      'person--daniel-nemeth': 'independently-confirmed',
      // Hungarian journalists: Amnesty forensic checks, 2019.
      'person--andras-szabo': 'infected',
      'person--szabolcs-panyi': 'infected',
      'person--brigitta-csikasz': 'infected',
      // French journalists: ANSSI found traces.
      'person--lenaig-bredoux': 'infected',
      'person--edwy-plenel': 'infected',
      'person--france24-staff-member': 'infected',
      // Khashoggi's circle.
      'person--hatice-cengiz': 'infected',
      'person--hanan-elatr': 'targeted',
      'person--wadah-khanfar': 'infected',
      'person--abdullah-khashoggi': 'listed',
      'person--rodney-dixon': 'listed',
      // Morocco.
      'person--taoufik-bouachrine': 'listed',
      'person--soulaimane-raissouni': 'listed',
      'person--omar-radi': 'targeted',
      // UAE.
      'person--ahmed-mansoor': 'targeted',
    });
    expect(levels).not.toHaveProperty('person--jamal-khashoggi');
  });

  it('cites every record to the letter, by a paragraph that exists', () => {
    const dataset = parse();
    const paragraphs = letterParagraphs();
    for (const collection of COLLECTIONS) {
      for (const record of dataset[collection] as {
        id: string;
        citations?: { source: string; paragraph?: number }[];
      }[]) {
        if (record.id === LETTER) continue;
        const toLetter = (record.citations ?? []).filter((c) => c.source === LETTER);
        expect(toLetter.length, `${record.id} cites the letter`).toBeGreaterThan(0);
        for (const c of toLetter) {
          expect(c.paragraph, `${record.id} paragraph`).toBeGreaterThanOrEqual(1);
          expect(c.paragraph, `${record.id} paragraph`).toBeLessThan(paragraphs.length);
        }
      }
    }
  });

  it('quotes only short passages, each found verbatim in the paragraph it cites', () => {
    const dataset = parse();
    const paragraphs = letterParagraphs().map(normalise);
    let quotes = 0;
    for (const collection of COLLECTIONS) {
      for (const record of dataset[collection] as {
        id: string;
        citations?: { paragraph?: number; quote?: string }[];
      }[]) {
        for (const c of record.citations ?? []) {
          if (c.quote === undefined) continue;
          quotes++;
          expect(c.quote.length, `${record.id}: "${c.quote}"`).toBeLessThanOrEqual(80);
          expect(paragraphs[c.paragraph ?? 0], `${record.id}: "${c.quote}"`).toContain(normalise(c.quote));
        }
      }
    }
    expect(quotes).toBeGreaterThan(50);
  });

  it('adds no date whose year the cited paragraphs do not give (the letter date aside)', () => {
    const dataset = parse();
    const paragraphs = letterParagraphs();
    for (const collection of COLLECTIONS) {
      for (const record of dataset[collection] as { id: string; citations?: { paragraph?: number }[] }[]) {
        const cited = (record.citations ?? []).map((c) => paragraphs[c.paragraph ?? 0] ?? '').join(' ');
        const values = [...JSON.stringify(record).matchAll(/"value":"(\d{4})[^"]*"/g)].map((m) => m[0]);
        for (const v of values) {
          const year = /(\d{4})/.exec(v)?.[1] ?? '';
          if (v.includes('2021-09-30')) continue; // the letter's own date, used as an upper bound
          expect(cited, `${record.id} dates ${v}`).toContain(year);
        }
      }
    }
  });

  it('holds no phone number, serial or other direct identifier the letter does not give', () => {
    const dataset = parse();
    for (const identifier of dataset.identifiers) expect(identifier.value).toBeUndefined();
    for (const device of dataset.devices) expect(device.serial).toBeUndefined();
    expect(dataset.devices.filter((d) => d.user === 'person--daniel-nemeth')).toHaveLength(2);
    expect(dataset.devices.find((d) => d.user === 'person--hatice-cengiz')).toMatchObject({
      platform: 'ios',
      model: 'iPhone',
    });
  });

  it('keeps named people off TLP:CLEAR (consent unknown) and unnamed ones by pseudonym only', () => {
    const dataset = parse();
    for (const person of dataset.persons) {
      if (person.realName !== undefined) {
        expect(person.consent.status).toBe('unknown');
        expect(person.marking?.tlp).toBe('green');
      }
    }
    expect(dataset.persons.find((p) => p.id === 'person--france24-staff-member')?.realName).toBeUndefined();
  });

  it('uses pseudonyms that contain no part of anyone’s real name', () => {
    const dataset = parse();
    const nameParts = dataset.persons.flatMap((p) =>
      (p.realName ?? '').split(/\s+/).filter((w) => w.length >= 4),
    );
    expect(nameParts.length).toBeGreaterThan(20);
    for (const person of dataset.persons) {
      for (const part of nameParts) expect(person.pseudonym, person.id).not.toContain(part);
    }
  });

  it('records the harms with the link the letter supports', () => {
    const dataset = parse();
    const harm = (id: string) => dataset.harms.find((h) => h.id === id);
    expect(harm('harm--khashoggi-killing')).toMatchObject({
      kind: 'killing',
      victim: 'person--jamal-khashoggi',
    });
    expect(harm('harm--raissouni-imprisonment')).toMatchObject({ when: { start: { value: '2021-07-09' } } });
    expect(harm('harm--radi-imprisonment')).toMatchObject({
      when: { start: { value: '2021-07-19' } },
      link: 'timing-only',
    });
    expect(harm('harm--bouachrine-imprisonment')?.sentence).toBe('15 years in prison');
    expect(harm('harm--mansoor-imprisonment')?.sentence).toBe('10 years in prison');
    // The letter never establishes or alleges that surveillance caused a specific harm.
    for (const h of dataset.harms) expect(['timing-only', 'none-claimed']).toContain(h.link);
    expect(dataset.events.find((e) => e.id === 'event--cengiz-infection')?.relativeTo).toEqual({
      event: 'event--khashoggi-murder',
      relation: 'after',
      days: 4,
    });
  });

  it('keeps the vendor, the product and the unnamed government client', () => {
    const dataset = parse();
    expect(dataset.organizations.find((o) => o.id === 'organization--nso-group')?.kind).toBe('vendor');
    expect(dataset.products).toEqual([
      expect.objectContaining({ name: 'Pegasus', vendor: 'organization--nso-group' }),
    ]);
    const nemeth = dataset.attributions.find((a) => a.id === 'attribution--nemeth-government-client');
    expect(nemeth?.client).toBeUndefined();
    expect(nemeth?.suspectedState).toBeUndefined();
    expect(nemeth?.clientDescription).toMatch(/government client/);
  });

  it('records the demands: inquiry, reporting to the HRC and UNGA, a moratorium on sale, export, transfer and use', () => {
    const letter = parse().interventions.find((i) => i.id === 'intervention--coalition-letter-2021-09-30');
    const kinds = letter?.demands.map((d) => d.kind) ?? [];
    for (const kind of [
      'independent-inquiry',
      'report-to-hrc-and-unga',
      'moratorium-sale',
      'moratorium-export',
      'moratorium-transfer',
      'moratorium-use',
    ] as const) {
      expect(kinds).toContain(kind);
    }
    expect(letter?.addressedTo).toEqual(['organization--un-human-rights-council']);
    // Signed by the 91 organisations of paragraph 13 and the 6 independent experts of paragraph 14.
    expect(letter?.by.filter((id) => id.startsWith('organization--'))).toHaveLength(91);
    expect(letter?.by.filter((id) => id.startsWith('person--'))).toHaveLength(6);
  });

  it('reconciles the aggregate figures with the records', () => {
    const rows = Object.fromEntries(reconcileAggregateClaims(parse()).map((r) => [r.claim, r]));
    expect(rows['claim--leaked-numbers']).toMatchObject({
      stated: { n: 50000 },
      computed: 16,
      status: 'subset',
    });
    expect(rows['claim--journalists-potential-targets']).toMatchObject({
      stated: { n: 180, qualifier: 'at-least' },
      computed: 10,
      status: 'subset',
      secondary: [{ stated: { n: 20, unit: 'countries' }, computed: 2, status: 'subset' }],
    });
    expect(rows['claim--moroccan-journalists']).toMatchObject({ stated: { n: 35 }, computed: 3 });
    expect(rows['claim--french-journalists-traces']).toMatchObject({ computed: 3, status: 'matches' });
    expect(rows['claim--french-ministers-listed']).toMatchObject({ computed: 14, status: 'matches' });
    // Paragraph 13 names 91 organisations: "over 90".
    expect(rows['claim--signatories']).toMatchObject({
      stated: { n: 90, qualifier: 'more-than' },
      computed: 91,
      status: 'matches',
    });
  });

  it('summarises by pseudonym, never by real name', () => {
    const summary = summarizeDataset(parse());
    const text = JSON.stringify(summary);
    for (const person of parse().persons) {
      if (person.realName !== undefined) expect(text).not.toContain(person.realName);
    }
    expect(summary.people).toBe(39);
  });
});
