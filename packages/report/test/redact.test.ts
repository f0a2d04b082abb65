import { DatasetSchema } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { AUDIENCES } from '../src/audience.js';
import { schemaLeafPaths } from '../src/internal/schema-paths.js';
import { assertNoLeak } from '../src/leak-gate.js';
import { isRedactedCase, redactCase, sensitiveValuesOf } from '../src/redact.js';
import { CLASS_ACTIONS, DATASET_FIELD_POLICY, REDACTION_POLICY } from '../src/redaction-policy.js';
import { isReportError } from '../src/report-error.js';
import { caseInput, makeCase, PUBLIC_SECRETS, SECRET } from './case-fixture.js';

const dump = (value: unknown): string => JSON.stringify(value);

describe('redaction policy tripwire', () => {
  it('has a policy for every leaf field of the core model (fails when core gains an unclassified field)', () => {
    const missing: string[] = [];
    for (const path of schemaLeafPaths(DatasetSchema)) {
      const m = /^([A-Za-z]+)\[\]\.(.+)$/.exec(path);
      if (m === null) {
        if (DATASET_FIELD_POLICY[path] === undefined) missing.push(path);
        continue;
      }
      const collection = m[1] as keyof typeof REDACTION_POLICY;
      const table = REDACTION_POLICY[collection];
      if (table === undefined || table[m[2] as string] === undefined) missing.push(path);
    }
    expect(missing).toEqual([]);
  });
  it('lists no field the model does not have (stale entries)', () => {
    const paths = new Set(schemaLeafPaths(DatasetSchema));
    const stale: string[] = [];
    for (const [collection, table] of Object.entries(REDACTION_POLICY)) {
      for (const field of Object.keys(table))
        if (!paths.has(`${collection}[].${field}`)) stale.push(`${collection}.${field}`);
    }
    expect(stale).toEqual([]);
  });
  it('is monotone: public never gets more than partners, partners never more than internal', () => {
    const order = { drop: 0, month: 1, name: 1, direct: 1, ref: 2, keep: 2 } as const;
    for (const [cls, actions] of Object.entries(CLASS_ACTIONS)) {
      expect(order[actions.public], cls).toBeLessThanOrEqual(order[actions.partners]);
      expect(order[actions.partners], cls).toBeLessThanOrEqual(order[actions.internal]);
    }
  });
});

describe('redactCase', () => {
  const dataset = makeCase();

  it('keeps every public secret out of the public projection, and the gate agrees', () => {
    const view = redactCase(dataset, { audience: 'public', secret: SECRET });
    const text = dump(view);
    for (const value of Object.values(PUBLIC_SECRETS)) expect(text).not.toContain(value);
    expect(text).not.toContain('person--');
    const sensitive = sensitiveValuesOf(view);
    for (const [key, value] of Object.entries(PUBLIC_SECRETS)) {
      // quasi-identifiers are generalised by the projection, not gated
      if (key === 'city' || key === 'roleDescription') continue;
      expect(
        sensitive.some((s) => s.includes(value)),
        value,
      ).toBe(true);
    }
    expect(() => assertNoLeak(text, sensitive)).not.toThrow();
  });

  it('names a person only with consent, and pseudonymises with a keyed, stable code', () => {
    const view = redactCase(dataset, { audience: 'public', secret: SECRET });
    const ana = view.persons.find((p) => p.pseudonym === 'Journalist A');
    expect(ana?.displayName).toBe('Ana Exampleton');
    expect(ana?.named).toBe(true);
    const bruno = view.persons.find((p) => p.pseudonym === 'Lawyer B');
    expect(bruno?.displayName).toBe('Lawyer B');
    expect(bruno?.realName).toBeUndefined();
    expect(bruno?.code).toMatch(/^P-[0-9A-Z]{6}$/);
    // refused consent: the person and every record about them are withheld
    expect(view.persons.some((p) => p.pseudonym === 'Activist C')).toBe(false);
    expect(view.events.some((e) => e.kind === 'targeting-attempt')).toBe(false);
    // stable within a case, different under another secret
    const again = redactCase(dataset, { audience: 'partners', secret: SECRET });
    expect(again.persons.find((p) => p.pseudonym === 'Lawyer B')?.code).toBe(bruno?.code);
    const other = redactCase(dataset, { audience: 'public', secret: 'another-secret-0123456789' });
    expect(other.persons.find((p) => p.pseudonym === 'Lawyer B')?.code).not.toBe(bruno?.code);
  });

  it('generalises person-linked dates to the month and places to the country for public', () => {
    const view = redactCase(dataset, { audience: 'public', secret: SECRET });
    const finding = view.findings.find((f) => f.outcome === 'infected');
    expect(finding?.infectionPeriod?.start?.value).toBe('2021-07');
    const arrest = view.events.find((e) => e.kind === 'arrest');
    expect(arrest?.when?.start?.value).toBe('2021-08');
    expect(arrest?.where).toEqual({ country: 'AQ' });
    // a context event about nobody (a publication) keeps its exact date
    expect(view.events.find((e) => e.kind === 'publication')?.when?.start?.value).toBe('2021-07-18');
    const partners = redactCase(dataset, { audience: 'partners', secret: SECRET });
    expect(partners.findings.find((f) => f.outcome === 'infected')?.infectionPeriod?.start?.value).toBe(
      '2021-07-09',
    );
  });

  it('applies the indicator set marking to its indicators and to finding matches', () => {
    const pub = redactCase(dataset, { audience: 'public', secret: SECRET });
    expect(pub.indicators.map((i) => i.value)).not.toContain(PUBLIC_SECRETS.amberIoc);
    expect(pub.findings[0]?.matches?.length).toBe(1);
    expect(pub.findings[0]?.indicatorSets?.length).toBe(1);
    const partners = redactCase(dataset, { audience: 'partners', secret: SECRET });
    expect(partners.indicators.map((i) => i.value)).toContain(PUBLIC_SECRETS.amberIoc);
    const green = redactCase(dataset, { audience: 'partners', partnerTlp: 'green', secret: SECRET });
    expect(green.indicators.map((i) => i.value)).not.toContain(PUBLIC_SECRETS.amberIoc);
    expect(green.tlp).toBe('green');
  });

  it('shows direct identifiers internally only on request, and lab notes internally only', () => {
    const internal = redactCase(dataset, { audience: 'internal', secret: SECRET });
    expect(dump(internal)).not.toContain(PUBLIC_SECRETS.phone);
    expect(dump(internal)).toContain(PUBLIC_SECRETS.notes);
    const full = redactCase(dataset, {
      audience: 'internal',
      secret: SECRET,
      includeDirectIdentifiers: true,
    });
    expect(dump(full)).toContain(PUBLIC_SECRETS.phone);
    expect(dump(full)).toContain(PUBLIC_SECRETS.lawyerName);
    const partners = redactCase(dataset, { audience: 'partners', secret: SECRET });
    expect(dump(partners)).not.toContain(PUBLIC_SECRETS.notes);
    expect(dump(partners)).not.toContain(PUBLIC_SECRETS.phone);
  });

  it('gives the victim their own identifiers and nothing about other people', () => {
    const view = redactCase(dataset, { audience: 'victim', person: 'person--ana', secret: SECRET });
    const text = dump(view);
    expect(text).toContain(PUBLIC_SECRETS.phone);
    expect(text).toContain(PUBLIC_SECRETS.serial);
    expect(text).not.toContain(PUBLIC_SECRETS.email);
    expect(text).not.toContain(PUBLIC_SECRETS.lawyerName);
    expect(text).not.toContain('Lawyer B');
    expect(text).not.toContain(PUBLIC_SECRETS.notes);
    expect(view.persons.map((p) => p.pseudonym)).toEqual(['Journalist A']);
    expect(view.recipient).toBe(view.persons[0]?.ref);
    // lab-private indicators are not in the victim's copy
    expect(text).not.toContain(PUBLIC_SECRETS.amberIoc);
    expect(() => assertNoLeak(text, sensitiveValuesOf(view))).not.toThrow();
  });

  it('keeps only consenting people in the UN pack, with a confidentiality map', () => {
    const view = redactCase(dataset, { audience: 'un-submission', secret: SECRET });
    expect(view.persons.map((p) => p.pseudonym).sort()).toEqual(['Journalist A']);
    const identity = view.confidentiality.find((c) => c.field === 'victim-identity');
    expect(identity?.level).toBe('may-be-published');
    expect(view.confidentiality.find((c) => c.field === 'submitter')?.level).toBe('confidential');
    expect(view.indicators.every((i) => i.tlp === 'clear')).toBe(true);
  });

  it('refuses bad options and cases stricter than the audience', () => {
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        return isReportError(error) ? error.code : 'other';
      }
      return undefined;
    };
    expect(codeOf(() => redactCase(dataset, { audience: 'public', secret: 'short' }))).toBe(
      'INVALID_OPTIONS',
    );
    expect(codeOf(() => redactCase(dataset, { audience: 'victim', secret: SECRET }))).toBe('INVALID_OPTIONS');
    expect(codeOf(() => redactCase(dataset, { audience: 'nobody' as 'public', secret: SECRET }))).toBe(
      'INVALID_OPTIONS',
    );
    const amber = makeCase((d) => {
      d.marking = { tlp: 'amber' };
    });
    expect(codeOf(() => redactCase(amber, { audience: 'public', secret: SECRET }))).toBe('AUDIENCE_REFUSED');
    expect(codeOf(() => redactCase(amber, { audience: 'partners', secret: SECRET }))).toBeUndefined();
  });

  it('drops a field the policy does not know (allow-list) and gates its value', () => {
    const input = caseInput() as unknown as { persons: Record<string, unknown>[] };
    const dataset2 = DatasetSchema.parse(input);
    // simulate a field added to the model without a policy entry
    const person = dataset2.persons[0] as unknown as Record<string, unknown>;
    person.secretHobby = 'Collects rare glacier stamps';
    for (const audience of AUDIENCES) {
      const view = redactCase(dataset2, {
        audience,
        secret: SECRET,
        person: 'person--ana',
        includeDirectIdentifiers: true,
      });
      expect(dump(view)).not.toContain('glacier stamps');
      expect(sensitiveValuesOf(view)).toContain('Collects rare glacier stamps');
    }
  });

  it('brands its output: forged objects are not RedactedCases', () => {
    const view = redactCase(dataset, { audience: 'public', secret: SECRET });
    expect(isRedactedCase(view)).toBe(true);
    expect(isRedactedCase({ ...view })).toBe(false);
    expect(Object.isFrozen(view)).toBe(true);
  });

  it('scrubs sensitive values out of free text', () => {
    const leaky = makeCase((d) => {
      const event = d.events?.[0];
      if (event)
        event.description = `Published after talking to ${PUBLIC_SECRETS.lawyerName.toUpperCase()} on ${PUBLIC_SECRETS.phone}`;
    });
    const view = redactCase(leaky, { audience: 'public', secret: SECRET });
    const description = view.events.find((e) => e.kind === 'publication')?.description;
    expect(description).toBe('Published after talking to [redacted] on [redacted]');
  });
});

describe('assertNoLeak', () => {
  const values = ['Bruno Testwell', '+1 555 0100 777', 'b.testwell@mail.example', 'bücher.example'];
  const leaks = [
    'Bruno&#32;Testwell',
    'BRUNO TESTWELL',
    'Bru\u200bno Test\u202ewell',
    'Bru<U+200B>no Testwell',
    'Bruno%20Testwell',
    'call 15550100777',
    'b[.]testwell[@]mail[.]example',
    'b\\.testwell@mail.example',
    '{"Bruno Testwell": 1}',
    '<a title="b.testwell&#64;mail.example">x</a>',
    'xn--bcher-kva.example',
    'Ｂｒｕｎｏ Ｔｅｓｔｗｅｌｌ',
  ];
  for (const output of leaks) {
    it(`fails closed on ${JSON.stringify(output)}`, () => {
      let caught: unknown;
      try {
        assertNoLeak(output, values);
      } catch (error) {
        caught = error;
      }
      expect(isReportError(caught) && caught.code === 'LEAK_DETECTED').toBe(true);
      expect(String((caught as Error).message)).not.toContain('Bruno');
    });
  }
  it('passes clean output and treats short values on token boundaries', () => {
    expect(() => assertNoLeak('Lawyer B, P-7K3Q9M, a journalist', values)).not.toThrow();
    expect(() => assertNoLeak('Bolivia', ['Bo'])).not.toThrow();
    expect(() => assertNoLeak('met Bo there', ['Bo'])).toThrow();
  });
});

describe('policy mutation: the gate catches a wrong rule', () => {
  const mutable = CLASS_ACTIONS as unknown as Record<string, Record<string, string>>;
  for (const cls of ['di', 'ct', 'ls', 'name'] as const) {
    it(`flipping ${cls} to "keep" for public makes rendering fail closed`, async () => {
      const { renderReport } = await import('../src/render-report.js');
      const saved = mutable[cls]?.public as string;
      (mutable[cls] as Record<string, string>).public = 'keep';
      let caught: unknown;
      const outputs: string[] = [];
      try {
        for (const format of ['json', 'markdown'] as const) {
          const report = await renderReport(makeCase(), {
            audience: 'public',
            format,
            lang: 'en',
            secret: SECRET,
          });
          outputs.push(report.content as string);
        }
      } catch (error) {
        caught = error;
      } finally {
        (mutable[cls] as Record<string, string>).public = saved;
      }
      // Either the gate refused (LEAK_DETECTED) or the independent deny-list scrubbed the values: never a leak.
      if (caught !== undefined)
        expect(isReportError(caught) && caught.code === 'LEAK_DETECTED', String(caught)).toBe(true);
      const leaked = Object.entries(PUBLIC_SECRETS).filter(
        ([key, value]) =>
          key !== 'city' && key !== 'roleDescription' && outputs.some((o) => o.includes(value)),
      );
      expect(leaked).toEqual([]);
      // and the mutation did change something (the rule is live, not dead code)
      const clean = await renderReport(makeCase(), {
        audience: 'public',
        format: 'json',
        lang: 'en',
        secret: SECRET,
      });
      // (names: a non-consenting person is also reduced to a skeleton by marking, so 'name' may change nothing)
      if (cls !== 'name') expect(caught !== undefined || outputs[0] !== clean.content).toBe(true);
    });
  }
});

describe('small groups', () => {
  it('warns when fewer than minGroupSize unnamed people share roles and country, and never renders it', () => {
    const view = redactCase(makeCase(), { audience: 'public', secret: SECRET });
    // Lawyer B is the only unnamed lawyer from AQ shown
    const bruno = view.persons.find((p) => p.pseudonym === 'Lawyer B');
    expect(view.warnings).toContainEqual({ code: 'SMALL_GROUP', ref: bruno?.ref, size: 1 });
    // named people are not warned about
    const ana = view.persons.find((p) => p.pseudonym === 'Journalist A');
    expect(view.warnings.some((w) => w.ref === ana?.ref)).toBe(false);
    expect(redactCase(makeCase(), { audience: 'public', secret: SECRET, minGroupSize: 1 }).warnings).toEqual(
      [],
    );
    expect(redactCase(makeCase(), { audience: 'internal', secret: SECRET }).warnings).toEqual([]);
  });
});
