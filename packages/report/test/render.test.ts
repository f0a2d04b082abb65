import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnySchema } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { ReportFormat } from '../src/index.js';
import {
  AUDIENCES,
  isReportError,
  REPORT_JSON_SCHEMA,
  redactCase,
  renderRedactedCase,
  renderReport,
} from '../src/index.js';
import { LEADING_JUNK } from '../src/internal/text.js';
import { makeCase, PUBLIC_SECRETS, SECRET } from './case-fixture.js';
import { letterDataset, parseCsv, STIX_SCHEMAS } from './helpers.js';

const LEADING = LEADING_JUNK;
const TEXT_FORMATS: ReportFormat[] = ['markdown', 'html', 'csv', 'json', 'stix', 'misp'];
const text = (content: string | Uint8Array): string =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

function stixValidator() {
  const ajv = new Ajv2020.default({ strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addFormat('idn-hostname', true);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    );
  for (const file of walk(STIX_SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as AnySchema);
  const bundle = ajv.getSchema(
    'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json',
  );
  if (bundle === undefined) throw new Error('bundle schema not found');
  return { ajv, bundle };
}

describe('renderReport on a made-up case', () => {
  const dataset = makeCase();

  it('renders every text format for every audience, without a public secret in public outputs', async () => {
    for (const audience of AUDIENCES) {
      for (const format of TEXT_FORMATS) {
        const report = await renderReport(dataset, {
          audience,
          format,
          lang: 'en',
          secret: SECRET,
          person: 'person--ana',
        });
        expect(report.filename).toMatch(new RegExp(`^vigil-case-[0-9A-Z]{10}-${audience}-en`));
        expect(report.mediaType.length).toBeGreaterThan(5);
        const content = text(report.content);
        expect(content).not.toContain('person--');
        if (audience === 'public')
          for (const value of Object.values(PUBLIC_SECRETS))
            expect(content, `${format}: ${value}`).not.toContain(value);
      }
    }
  });

  it('refuses a dataset that fails the integrity rules, listing its issues', async () => {
    const broken = makeCase((d) => {
      d.harms?.push({ id: 'harm--dangling', victim: 'person--nobody', kind: 'arrest', link: 'alleged' });
    });
    let caught: unknown;
    try {
      await renderReport(broken, { audience: 'public', format: 'markdown', lang: 'en', secret: SECRET });
    } catch (error) {
      caught = error;
    }
    expect(isReportError(caught) && caught.code === 'INTEGRITY_ERROR').toBe(true);
    expect(isReportError(caught) && caught.issues.some((i) => i.code === 'DANGLING_REFERENCE')).toBe(true);
  });

  it('refuses forged redacted cases and unknown formats or languages', async () => {
    const view = redactCase(dataset, { audience: 'public', secret: SECRET });
    await expect(renderRedactedCase({ ...view }, { format: 'markdown', lang: 'en' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(renderRedactedCase(view, { format: 'docx' as 'html', lang: 'en' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    await expect(renderRedactedCase(view, { format: 'html', lang: 'de' as 'en' })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });

  it('writes self-contained, script-free HTML with a CSP, a TLP banner and technical values isolated LTR', async () => {
    const html = text(
      (await renderReport(dataset, { audience: 'public', format: 'html', lang: 'ar', secret: SECRET }))
        .content,
    );
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain('default-src &#39;none&#39;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\son\w+=/i);
    expect(html).not.toMatch(/(?:src|href)=/i);
    expect(html).toContain('TLP:CLEAR');
    expect(html).toContain('<bdi dir="ltr"><code>evil-clear[.]example</code></bdi>');
    // attacker text: bidi override shown, markup escaped
    expect(html).toContain('&#60;U+202E&#62;gnp[.]exe');
    expect(html).not.toContain('\u202e');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('@media print');
  });

  it('writes Markdown where hostile text cannot become links, images or HTML', async () => {
    const md = text(
      (await renderReport(dataset, { audience: 'public', format: 'markdown', lang: 'en', secret: SECRET }))
        .content,
    );
    expect(md).not.toMatch(/\]\((?!\s)/); // no [text](url) link syntax survives unescaped
    expect(md).not.toMatch(/(?<!\\)<script/);
    expect(md).not.toContain('https://');
    expect(md).toContain('hxxps://letter[.]example/2021/joint');
    expect(md).toContain('xn--bcher-lure-9db[.]example');
    expect(md).toContain('`=cmd\\|');
  });

  it('writes a CSV timeline where no cell can start a formula', async () => {
    const csv = text(
      (await renderReport(dataset, { audience: 'partners', format: 'csv', lang: 'en', secret: SECRET }))
        .content,
    );
    expect(csv.startsWith('\ufeff"date_iso"')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows.length).toBeGreaterThan(4);
    for (const row of rows) {
      for (const cell of row) {
        const lead = LEADING.exec(cell)?.[0] ?? '';
        // a guarded cell starts with an apostrophe; an unguarded one has no trigger first
        if (!cell.startsWith("'")) {
          expect(cell.slice(lead.length)).not.toMatch(/^[=+\-@]/);
          expect(lead).not.toMatch(/[\t\r]/);
        }
      }
    }
    expect(csv).toContain('"\'=HYPERLINK(');
    expect(csv).toContain('" <U+200E>@SUM(1+1)'); // the mark is shown, so no trigger stands first
  });

  it('writes canonical JSON: sorted keys, versioned, stable', async () => {
    const options = { audience: 'partners', format: 'json', lang: 'en', secret: SECRET } as const;
    const a = text((await renderReport(dataset, options)).content);
    const b = text((await renderReport(makeCase(), options)).content);
    expect(a).toBe(b);
    const parsed = JSON.parse(a) as Record<string, unknown>;
    expect(parsed.schema).toBe('vigil.report-case');
    expect(parsed.schemaVersion).toBe('1.0');
    const keysSorted = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(keysSorted);
      if (typeof value !== 'object' || value === null) return true;
      const keys = Object.keys(value);
      return (
        keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k) && Object.values(value).every(keysSorted)
      );
    };
    expect(keysSorted(parsed)).toBe(true);
    expect(a).not.toContain('\n  ');
    const ajv = new Ajv2020.default({ strict: false });
    const validate = ajv.compile(REPORT_JSON_SCHEMA as unknown as AnySchema);
    for (const audience of AUDIENCES) {
      const json = JSON.parse(
        text((await renderReport(dataset, { ...options, audience, person: 'person--ana' })).content),
      );
      expect(validate(json), `${audience}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('writes STIX 2.1 bundles valid against the OASIS schemas, with TLP 2.0 markings, sightings and opinions', async () => {
    const { ajv, bundle } = stixValidator();
    for (const audience of AUDIENCES) {
      for (const ds of [dataset, letterDataset()]) {
        const person = ds === dataset ? 'person--ana' : 'person--daniel-nemeth';
        const json = JSON.parse(
          text(
            (await renderReport(ds, { audience, format: 'stix', lang: 'en', secret: SECRET, person }))
              .content,
          ),
        ) as {
          objects: { type: string; id: string }[];
        };
        for (const object of json.objects) {
          const schema = ajv.getSchema(
            `http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/${object.type === 'relationship' || object.type === 'sighting' ? 'sros' : object.type === 'marking-definition' ? 'common' : 'sdos'}/${object.type}.json`,
          );
          expect(schema, object.type).toBeDefined();
          expect(
            schema?.(object),
            `${object.type}: ${ajv.errorsText(schema?.errors)} ${JSON.stringify(object)}`,
          ).toBe(true);
        }
        // bundle.json lists most types explicitly and lets others (opinion, location, ...) through a
        // `oneOf [core, cyber-observable-core]` that such SDOs satisfy twice (an upstream quirk), so those are
        // checked above against their own schema and left out of the envelope check.
        const listed = new Set([
          'identity',
          'indicator',
          'intrusion-set',
          'malware',
          'relationship',
          'report',
          'sighting',
          'marking-definition',
        ]);
        const ok = bundle({ ...json, objects: json.objects.filter((o) => listed.has(o.type)) });
        expect(ok, ajv.errorsText(bundle.errors).slice(0, 2000)).toBe(true);
      }
    }
    const pub = JSON.parse(
      text(
        (await renderReport(dataset, { audience: 'partners', format: 'stix', lang: 'en', secret: SECRET }))
          .content,
      ),
    ) as {
      objects: Record<string, unknown>[];
    };
    const types = new Set(pub.objects.map((o) => o.type));
    for (const type of [
      'report',
      'sighting',
      'opinion',
      'indicator',
      'malware',
      'marking-definition',
      'identity',
    ])
      expect(types.has(type), type).toBe(true);
    const report = pub.objects.find((o) => o.type === 'report');
    const author = pub.objects.find((o) => o.id === report?.created_by_ref);
    expect(author?.name).toBe('Example Forensics Lab');
    const letter = JSON.parse(
      text(
        (
          await renderReport(letterDataset(), {
            audience: 'public',
            format: 'stix',
            lang: 'en',
            secret: SECRET,
          })
        ).content,
      ),
    ) as { objects: Record<string, unknown>[] };
    const letterReport = letter.objects.find((o) => o.type === 'report');
    // a lab mentioned in the case is never made the author
    expect(letter.objects.find((o) => o.id === letterReport?.created_by_ref)?.name).toBe('Vigil case report');
    const tlp = pub.objects.find((o) => o.id === 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    expect(tlp?.extensions).toEqual({
      'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
        extension_type: 'property-extension',
        tlp_2_0: 'amber',
      },
    });
  });

  it('writes a MISP event with TLP tags, sightings and the report as an EventReport', async () => {
    const event = JSON.parse(
      text(
        (await renderReport(dataset, { audience: 'public', format: 'misp', lang: 'fr', secret: SECRET }))
          .content,
      ),
    ) as {
      Event: {
        info: string;
        distribution: string;
        Tag: { name: string }[];
        Attribute: { type: string; value: string; Sighting?: unknown[] }[];
        Object: unknown[];
        EventReport: { content: string }[];
      };
    };
    expect(event.Event.distribution).toBe('3');
    expect(event.Event.Tag.map((t) => t.name)).toContain('tlp:clear');
    expect(event.Event.Attribute.find((a) => a.value === 'evil-clear.example')?.Sighting?.length).toBe(1);
    expect(event.Event.Attribute.some((a) => a.value === PUBLIC_SECRETS.amberIoc)).toBe(false);
    expect(event.Event.Object.length).toBe(1);
    expect(event.Event.EventReport[0]?.content).toContain('Principales constatations');
  });
});

describe('runtime HTML check', () => {
  it('lets escaped look-alikes in case text through, and refuses nothing else', async () => {
    const dataset = makeCase((d) => {
      const event = d.events?.[0];
      if (event) event.description = 'x onload=1 src=2 <img src=x> <a href=y>';
    });
    const html = (
      await renderReport(dataset, { audience: 'public', format: 'html', lang: 'en', secret: SECRET })
    ).content as string;
    expect(html).toContain('x onload=1 src=2 &#60;img src=x&#62;');
  });
});
