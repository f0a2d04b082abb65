/**
 * Registry throughput over real loopback HTTP, reported as ratios against an in-process comparator
 * (better-sqlite3 reading the same rows directly), so the figures do not depend on the machine.
 *
 * Run: pnpm --filter @vigil/server bench
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { DEFAULT_COLLECTION_ID, startServer } from '../src/index.js';

const TAXII = 'application/taxii+json;version=2.1';
const KEY = 'bench-key-00000001';
const OBJECTS = 5000;
const CASES = 1000;

const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
const database = join(dir, 'bench.db');
const server = await startServer({
  database,
  keys: [{ key: KEY, organization: 'organization--lab', role: 'admin' }],
  maxPageSize: 1000,
});
const headers = {
  Accept: `${TAXII}, application/json`,
  Authorization: `Bearer ${KEY}`,
  'Content-Type': TAXII,
};
const objectsUrl = `${server.url}/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;

function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  return fn().then((value) => [performance.now() - start, value]);
}

try {
  const [ingestMs] = await time(async () => {
    for (let i = 0; i < OBJECTS; i += 500) {
      const objects = Array.from({ length: 500 }, (_, j) => ({
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${randomUUID()}`,
        created: '2026-01-01T00:00:00.000Z',
        modified: '2026-01-01T00:00:00.000Z',
        pattern: `[domain-name:value = 'c2-${i + j}.spyware.test']`,
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
      }));
      const response = await fetch(objectsUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects }),
      });
      if (response.status !== 202) throw new Error(`POST ${response.status}`);
    }
  });

  const [pageMs, seen] = await time(async () => {
    let count = 0;
    let url = `${objectsUrl}?limit=100`;
    for (;;) {
      const page = (await (await fetch(url, { headers })).json()) as {
        objects?: unknown[];
        more?: boolean;
        next?: string;
      };
      count += page.objects?.length ?? 0;
      if (!page.more || page.next === undefined) break;
      url = `${objectsUrl}?limit=100&next=${encodeURIComponent(page.next)}`;
    }
    return count;
  });
  if (seen !== OBJECTS) throw new Error(`paged ${seen} objects, expected ${OBJECTS}`);

  const raw = new Database(database, { readonly: true });
  const [rawMs] = await time(async () => {
    const rows = raw.prepare('SELECT body FROM objects ORDER BY date_added, seq').all() as { body: string }[];
    for (let i = 0; i < rows.length; i += 100)
      JSON.stringify({ more: true, objects: rows.slice(i, i + 100).map((r) => JSON.parse(r.body)) });
  });

  for (let i = 0; i < CASES; i++) {
    const id = `dataset--bench-${String(i).padStart(5, '0')}`;
    const dataset = {
      schemaVersion: '1.0',
      id,
      title: `Bench case ${i}`,
      marking: { tlp: i % 3 === 0 ? 'red' : 'green' },
      organizations: [
        { id: 'organization--x', name: 'Example org', kind: 'ngo', country: i % 2 === 0 ? 'HU' : 'ES' },
      ],
      persons: [
        { id: 'person--p', pseudonym: `Person ${i}`, roles: ['journalist'], consent: { status: 'unknown' } },
      ],
    };
    const response = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(dataset),
    });
    if (response.status !== 201) throw new Error(`case POST ${response.status}: ${await response.text()}`);
  }
  const [searchMs, found] = await time(async () => {
    const response = await fetch(`${server.url}/api/v1/cases?country=HU&q=person%2099&limit=1000`, {
      headers,
    });
    return ((await response.json()) as { items: unknown[] }).items.length;
  });
  const [rawSearchMs] = await time(async () => {
    const rows = raw.prepare('SELECT body FROM cases ORDER BY id').all() as { body: string }[];
    rows.map((r) => JSON.parse(r.body) as unknown).filter((d) => JSON.stringify(d).includes('Person 99'));
  });
  raw.close();

  const fmt = (n: number): string => n.toFixed(1);
  console.log(
    `ingest: ${OBJECTS} objects in envelopes of 500 over HTTP: ${fmt(ingestMs)} ms (${fmt((OBJECTS / ingestMs) * 1000)} objects/s)`,
  );
  console.log(
    `page:   ${OBJECTS} objects, limit=100, following next: ${fmt(pageMs)} ms; direct SQLite read + JSON: ${fmt(rawMs)} ms; ratio ${fmt(pageMs / rawMs)}x`,
  );
  console.log(
    `search: ${CASES} cases, country+text (${found} hits): ${fmt(searchMs)} ms; direct SQLite scan: ${fmt(rawSearchMs)} ms; ratio ${fmt(searchMs / rawSearchMs)}x`,
  );
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
