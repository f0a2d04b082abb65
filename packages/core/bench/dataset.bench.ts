/**
 * `pnpm bench` for @vigil/core: the cost of checking a dataset, as ratios against in-process comparators.
 *
 * - JSON.parse alone (the floor), then DatasetSchema.safeParse (zod schema only), then safeParseDataset
 *   (schema + every integrity rule and the ladder);
 * - toStixBundle per exported object;
 * - the pure-JS SHA-1 behind UUIDv5 ids against node:crypto.
 *
 * Environment: BENCH_PEOPLE (people in the synthetic case, default 5000), BENCH_ROUNDS (default 5).
 * Prints medians and ratios; asserts nothing about time.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DatasetSchema } from '../src/dataset.js';
import { sha1 } from '../src/internal/sha1.js';
import { safeParseDataset } from '../src/parse-dataset.js';
import { toStixBundle } from '../src/to-stix-bundle.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

// A made-up case: every person has a phone, a finding of infection confirmed by another lab, an assessment.
function syntheticCase(n: number): unknown {
  const d = {
    schemaVersion: '1.0',
    id: 'dataset--bench',
    title: 'Synthetic case',
    marking: { tlp: 'amber' },
    organizations: [
      { id: 'organization--lab-a', name: 'Lab A', kind: 'forensic-lab' },
      { id: 'organization--lab-b', name: 'Lab B', kind: 'forensic-lab' },
    ],
    products: [{ id: 'product--spy', name: 'ExampleSpy', kind: 'spyware' }],
    persons: [] as unknown[],
    devices: [] as unknown[],
    findings: [] as unknown[],
    reviews: [] as unknown[],
    targeting: [] as unknown[],
  };
  for (let i = 0; i < n; i++) {
    d.persons.push({
      id: `person--p${i}`,
      pseudonym: `Person ${i}`,
      roles: ['journalist'],
      consent: { status: 'unknown' },
    });
    d.devices.push({ id: `device--d${i}`, kind: 'smartphone', user: `person--p${i}` });
    d.findings.push({
      id: `finding--f${i}`,
      device: `device--d${i}`,
      performedBy: 'organization--lab-a',
      outcome: 'infected',
      products: ['product--spy'],
      infectionPeriod: { start: { value: '2021-07', qualifier: 'early' } },
    });
    d.reviews.push({
      id: `review--r${i}`,
      finding: `finding--f${i}`,
      reviewer: 'organization--lab-b',
      outcome: 'confirmed',
    });
    d.targeting.push({
      id: `targeting--t${i}`,
      person: `person--p${i}`,
      claimedLevel: 'independently-confirmed',
      bases: [{ kind: 'finding', finding: `finding--f${i}` }],
      product: 'product--spy',
    });
  }
  return d;
}

const text = JSON.stringify(syntheticCase(PEOPLE));
const records = PEOPLE * 5 + 3;
const results: Record<string, number[]> = {
  json: [],
  schema: [],
  full: [],
  stix: [],
  sha1: [],
  nodeSha1: [],
};
const parsed = safeParseDataset(text);
if (!parsed.success) throw new Error(`synthetic case is invalid: ${parsed.issues[0]?.code}`);
const inputs = Array.from({ length: 20_000 }, (_, i) => new TextEncoder().encode(`person--p${i}`));

for (let r = 0; r < ROUNDS; r++) {
  results.json?.push(time(() => JSON.parse(text)));
  results.schema?.push(time(() => DatasetSchema.safeParse(JSON.parse(text))));
  results.full?.push(time(() => safeParseDataset(text)));
  results.stix?.push(time(() => toStixBundle(parsed.data, { timestamp: '2021-10-01T00:00:00.000Z' })));
  results.sha1?.push(
    time(() => {
      for (const b of inputs) sha1(b);
    }),
  );
  results.nodeSha1?.push(
    time(() => {
      for (const b of inputs) createHash('sha1').update(b).digest();
    }),
  );
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])) as Record<
  string,
  number
>;
const r2 = (x: number): number => Math.round(x * 100) / 100;
console.log(
  `@vigil/core bench: ${records} records (${(text.length / 1e6).toFixed(1)} MB JSON), median of ${ROUNDS} rounds`,
);
console.log(`  JSON.parse                 ${r2(m.json ?? 0)} ms (1.00x)`);
console.log(
  `  DatasetSchema.safeParse    ${r2(m.schema ?? 0)} ms (${r2((m.schema ?? 0) / (m.json ?? 1))}x JSON.parse)`,
);
console.log(
  `  safeParseDataset (all)     ${r2(m.full ?? 0)} ms (${r2((m.full ?? 0) / (m.json ?? 1))}x JSON.parse, ${r2((m.full ?? 0) / (m.schema ?? 1))}x schema only)`,
);
console.log(
  `  toStixBundle               ${r2(m.stix ?? 0)} ms (${r2((m.stix ?? 0) / (m.full ?? 1))}x safeParseDataset)`,
);
console.log(
  `  sha1 (pure JS), 20k ids    ${r2(m.sha1 ?? 0)} ms (${r2((m.sha1 ?? 0) / (m.nodeSha1 ?? 1))}x node:crypto)`,
);
