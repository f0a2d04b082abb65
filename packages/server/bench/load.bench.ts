/**
 * Load test on loopback: one registry process (a child, so the load generator does not share its event
 * loop) on SQLite and on PostgreSQL, driven by concurrent clients with mixed reads and writes. Bounded in
 * count and time. Reports throughput and p50/p99 latency, counts errors, then checks that every
 * acknowledged write is stored. Results go to bench/load-results.json.
 *
 * Run: pnpm --filter @vigil/server bench:load
 * PostgreSQL: VIGIL_TEST_PG_URL=postgres://… (else a server on 127.0.0.1:5432 if one answers; else skipped).
 * Tune: VIGIL_LOAD_REQUESTS (default 6000 per backend), VIGIL_LOAD_CONCURRENCY (16), VIGIL_LOAD_SECONDS (30).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { type DatabaseOptions, DEFAULT_COLLECTION_ID } from '../src/index.js';
import { type ChildServer, startChildServer } from '../test/child-server.js';

const TAXII = 'application/taxii+json;version=2.1';
const KEY = 'load-writer-key-0001';
const REQUESTS = Number(process.env.VIGIL_LOAD_REQUESTS ?? 6000);
const CONCURRENCY = Number(process.env.VIGIL_LOAD_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.VIGIL_LOAD_SECONDS ?? 30);
const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
const MANIFEST = `/vigil/collections/${DEFAULT_COLLECTION_ID}/manifest/`;

/** The mix: kind and weight (out of 100). */
const MIX = [
  ['GET objects page', 35],
  ['GET case', 20],
  ['GET case list', 10],
  ['POST envelope (3 objects)', 15],
  ['POST case', 12],
  ['PUT case (If-Match)', 8],
] as const;
type Kind = (typeof MIX)[number][0];

const taxiiHeaders = { Accept: TAXII, Authorization: `Bearer ${KEY}`, 'Content-Type': TAXII };
const caseHeaders = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };

function indicator(): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: 'Load-test domain',
    pattern: `[domain-name:value = '${randomBytes(4).toString('hex')}.spyware.test']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
  };
}

function dataset(id: string, title: string): string {
  return JSON.stringify({
    schemaVersion: '1.0',
    id,
    title,
    marking: { tlp: 'green' },
    organizations: [
      { id: 'organization--lab', name: 'Example Lab', kind: 'forensic-lab', country: 'CA' },
      { id: 'organization--ngo', name: 'Example NGO', kind: 'ngo' },
    ],
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

async function pgUrl(): Promise<string | undefined> {
  const url = process.env.VIGIL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return url;
  } catch {
    if (process.env.VIGIL_TEST_PG_URL) throw new Error(`VIGIL_TEST_PG_URL does not answer: ${url}`);
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function run(backend: string, database: DatabaseOptions) {
  const server: ChildServer = await startChildServer({
    database,
    keys: [{ key: KEY, organization: 'organization--lab', role: 'write' }],
    maxPageSize: 100,
  });
  const ackObjects = new Set<string>();
  const ackCases = new Map<string, { revision: number; title: string }>();
  const latencies = new Map<Kind, number[]>(MIX.map(([kind]) => [kind, []]));
  const errors: string[] = [];
  let issued = 0;
  try {
    // Seed: some objects and cases to read.
    for (let i = 0; i < 10; i++) {
      const objects = Array.from({ length: 20 }, indicator);
      const r = await fetch(server.url + OBJECTS, {
        method: 'POST',
        headers: taxiiHeaders,
        body: JSON.stringify({ objects }),
      });
      for (const s of ((await r.json()) as { successes: { id: string }[] }).successes) ackObjects.add(s.id);
    }
    for (let i = 0; i < 50; i++) {
      const id = `dataset--seed-${i}`;
      const r = await fetch(`${server.url}/api/v1/cases`, {
        method: 'POST',
        headers: caseHeaders,
        body: dataset(id, `Seed ${i}`),
      });
      await r.arrayBuffer();
      ackCases.set(id, { revision: 1, title: `Seed ${i}` });
    }
    const seeded = [...ackCases.keys()];
    const deadline = performance.now() + SECONDS * 1000;
    const weights = MIX.flatMap(([kind, weight]) => Array<Kind>(weight).fill(kind));

    async function worker(w: number): Promise<void> {
      const mine: string[] = [];
      let n = 0;
      while (issued < REQUESTS && performance.now() < deadline) {
        issued++;
        n++;
        let kind = weights[Math.floor(Math.random() * weights.length)] as Kind;
        if (kind === 'PUT case (If-Match)' && mine.length === 0) kind = 'POST case';
        const start = performance.now();
        try {
          if (kind === 'GET objects page') {
            const r = await fetch(`${server.url + OBJECTS}?limit=50`, { headers: taxiiHeaders });
            await r.arrayBuffer();
            if (r.status !== 200) errors.push(`${kind}: ${r.status}`);
          } else if (kind === 'GET case') {
            const id = seeded[n % seeded.length] as string;
            const r = await fetch(`${server.url}/api/v1/cases/${id}`, { headers: caseHeaders });
            await r.arrayBuffer();
            if (r.status !== 200) errors.push(`${kind}: ${r.status}`);
          } else if (kind === 'GET case list') {
            const r = await fetch(`${server.url}/api/v1/cases?limit=20&country=CA`, { headers: caseHeaders });
            await r.arrayBuffer();
            if (r.status !== 200) errors.push(`${kind}: ${r.status}`);
          } else if (kind === 'POST envelope (3 objects)') {
            const objects = [indicator(), indicator(), indicator()];
            const r = await fetch(server.url + OBJECTS, {
              method: 'POST',
              headers: taxiiHeaders,
              body: JSON.stringify({ objects }),
            });
            const status = (await r.json()) as {
              status?: string;
              success_count?: number;
              successes?: { id: string }[];
            };
            if (r.status !== 202 || status.status !== 'complete' || status.success_count !== 3)
              errors.push(`${kind}: ${r.status} ${JSON.stringify(status).slice(0, 120)}`);
            for (const s of status.successes ?? []) ackObjects.add(s.id);
          } else if (kind === 'POST case') {
            const id = `dataset--load-${w}-${n}`;
            const title = `Load ${w}/${n}`;
            const r = await fetch(`${server.url}/api/v1/cases`, {
              method: 'POST',
              headers: caseHeaders,
              body: dataset(id, title),
            });
            await r.arrayBuffer();
            if (r.status === 201) {
              ackCases.set(id, { revision: 1, title });
              mine.push(id);
            } else errors.push(`${kind}: ${r.status}`);
          } else {
            const id = mine[n % mine.length] as string;
            const known = ackCases.get(id) as { revision: number };
            const title = `Load ${w}/${n} updated`;
            const r = await fetch(`${server.url}/api/v1/cases/${id}`, {
              method: 'PUT',
              headers: { ...caseHeaders, 'If-Match': `"${known.revision}"` },
              body: dataset(id, title),
            });
            await r.arrayBuffer();
            if (r.status === 200) ackCases.set(id, { revision: known.revision + 1, title });
            else errors.push(`${kind}: ${r.status}`);
          }
        } catch (error) {
          errors.push(`${kind}: ${(error as Error).message}`);
        }
        latencies.get(kind)?.push(performance.now() - start);
      }
    }

    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    const elapsed = performance.now() - started;

    // Every acknowledged write is stored: objects through the manifest, cases at their last revision.
    const stored = new Set<string>();
    let next: string | undefined;
    do {
      const r = await fetch(
        `${server.url + MANIFEST}?limit=100${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
        { headers: taxiiHeaders },
      );
      const page = (await r.json()) as { objects?: { id: string }[]; more?: boolean; next?: string };
      for (const o of page.objects ?? []) stored.add(o.id);
      next = page.more ? page.next : undefined;
    } while (next !== undefined);
    const missingObjects = [...ackObjects].filter((id) => !stored.has(id));
    let missingCases = 0;
    for (const [id, acked] of ackCases) {
      const r = await fetch(`${server.url}/api/v1/cases/${id}`, { headers: caseHeaders });
      const body = (await r.json()) as { revision?: number; dataset?: { title?: string } };
      if (body.revision !== acked.revision || body.dataset?.title !== acked.title) missingCases++;
    }

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const byKind = Object.fromEntries(
      [...latencies].map(([kind, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return [
          kind,
          {
            requests: sorted.length,
            p50Ms: round(percentile(sorted, 50)),
            p99Ms: round(percentile(sorted, 99)),
          },
        ];
      }),
    );
    return {
      backend,
      requests: all.length,
      concurrency: CONCURRENCY,
      seconds: round(elapsed / 1000),
      requestsPerSecond: Math.round(all.length / (elapsed / 1000)),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      acknowledgedObjects: ackObjects.size,
      acknowledgedCases: ackCases.size,
      missingObjects: missingObjects.length,
      casesNotAsAcknowledged: missingCases,
      byKind,
    };
  } finally {
    await server.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-load-'));
const results = [];
try {
  results.push(await run('sqlite', { kind: 'sqlite', path: join(dir, 'load.db') }));
  const url = await pgUrl();
  const schema = `vigil_load_${randomBytes(4).toString('hex')}`;
  if (url === undefined) console.log('PostgreSQL: none reachable (set VIGIL_TEST_PG_URL); skipped.');
  else {
    try {
      results.push(await run('postgres', { kind: 'postgres', url, schema, poolSize: 10 }));
    } finally {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  mix: Object.fromEntries(MIX),
  note: 'One registry child process on loopback; the load generator in this process. Figures depend on the machine.',
  results,
};
writeFileSync(new URL('./load-results.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.table(
  results.map((r) => ({
    backend: r.backend,
    requests: r.requests,
    'req/s': r.requestsPerSecond,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    errors: r.errors,
    'acked writes missing': r.missingObjects + r.casesNotAsAcknowledged,
  })),
);
const bad = results.some((r) => r.errors > 0 || r.missingObjects > 0 || r.casesNotAsAcknowledged > 0);
if (bad) {
  console.error('Load test FAILED: errors or missing acknowledged writes (see load-results.json).');
  process.exitCode = 1;
}
