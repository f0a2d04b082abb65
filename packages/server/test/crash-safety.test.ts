import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatabaseOptions } from '../src/index.js';
import { DEFAULT_COLLECTION_ID } from '../src/index.js';
import {
  BACKENDS,
  type Backend,
  dropSchema,
  freshSchema,
  indicator,
  KEYS,
  PG_URL,
  skipUnavailable,
  TAXII,
  taxiiHeaders,
} from '../src/internal/test-helpers.js';
import { type ChildServer, startChildServer } from './child-server.js';

// A registry process killed with SIGKILL while several clients write cases and TAXII envelopes: after a
// restart, every write it acknowledged is there, and nothing is half-written (a case without the history
// entry of its revision, an envelope stored in part). Repeated, on the same database, on each backend.

const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
const MANIFEST = `/vigil/collections/${DEFAULT_COLLECTION_ID}/manifest/`;
const ROUNDS = 3;
const WRITERS = 6;
const ENVELOPE_SIZE = 5;
const dir = mkdtempSync(join(tmpdir(), 'vigil-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: response bodies are probed field by field
type Loose = any;

const caseHeaders = { Authorization: `Bearer ${KEYS.labWriter.key}`, 'Content-Type': 'application/json' };

/** A made-up case with some bulk (organisations with reserved names), so that a write takes a while. */
function dataset(id: string, title: string): string {
  return JSON.stringify({
    schemaVersion: '1.0',
    id,
    title,
    marking: { tlp: 'green' },
    organizations: Array.from({ length: 25 }, (_, i) => ({
      id: `organization--member-${i}`,
      name: `Member ${i} (example.org)`,
      kind: 'ngo',
    })),
  });
}

interface Ledger {
  /** Case id → the last acknowledged revision and the title it had. */
  cases: Map<string, { revision: number; title: string }>;
  /** Object id → acknowledged (status complete, listed in successes). */
  objects: Set<string>;
  /** The ids of every envelope sent, acknowledged or not. */
  envelopes: string[][];
}

/** Writes until `stop()` resolves; failures from the kill (refused or reset connections) are expected. */
async function writer(server: ChildServer, ledger: Ledger, name: string, stopped: () => boolean) {
  let n = 0;
  const mine: string[] = [];
  while (!stopped()) {
    n++;
    try {
      if (n % 3 === 0) {
        const objects = Array.from({ length: ENVELOPE_SIZE }, () => indicator());
        ledger.envelopes.push(objects.map((o) => o.id as string));
        const response = await fetch(server.url + OBJECTS, {
          method: 'POST',
          headers: taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII }),
          body: JSON.stringify({ objects }),
        });
        const status = (await response.json()) as Loose;
        if (response.status === 202 && status.status === 'complete')
          for (const s of status.successes) ledger.objects.add(s.id);
      } else if (n % 3 === 1 || mine.length === 0) {
        const id = `dataset--${name}-${n}`;
        const title = `${name} case ${n}`;
        const response = await fetch(`${server.url}/api/v1/cases`, {
          method: 'POST',
          headers: caseHeaders,
          body: dataset(id, title),
        });
        await response.arrayBuffer();
        if (response.status === 201) {
          ledger.cases.set(id, { revision: 1, title });
          mine.push(id);
        }
      } else {
        const id = mine[n % mine.length] as string;
        const known = ledger.cases.get(id) as { revision: number };
        const title = `${name} update ${n}`;
        const response = await fetch(`${server.url}/api/v1/cases/${id}`, {
          method: 'PUT',
          headers: { ...caseHeaders, 'If-Match': `"${known.revision}"` },
          body: dataset(id, title),
        });
        await response.arrayBuffer();
        if (response.status === 200) ledger.cases.set(id, { revision: known.revision + 1, title });
      }
    } catch {
      // The server was killed: this write was not acknowledged.
    }
  }
}

async function caseJson(server: ChildServer, path: string): Promise<{ status: number; body: Loose }> {
  const response = await fetch(`${server.url}/api/v1/cases${path}`, { headers: caseHeaders });
  return { status: response.status, body: await response.json() };
}

/** Checks a restarted server against the ledger. */
async function verify(server: ChildServer, ledger: Ledger): Promise<void> {
  for (const [id, acked] of ledger.cases) {
    const current = await caseJson(server, `/${id}`);
    expect(current.status, id).toBe(200);
    expect(current.body.revision).toBeGreaterThanOrEqual(acked.revision);
    const then = await caseJson(server, `/${id}/revisions/${acked.revision}`);
    expect(then.body.dataset.title, id).toBe(acked.title);
  }
  // Every stored case has the history entry of its current revision, and a body that reads back.
  let cursor: string | undefined;
  do {
    const page = await caseJson(server, `?limit=50${cursor === undefined ? '' : `&cursor=${cursor}`}`);
    expect(page.status).toBe(200);
    for (const item of page.body.items) {
      const history = await caseJson(server, `/${item.id}/revisions`);
      expect(history.body.items.map((r: { revision: number }) => r.revision).at(-1), item.id).toBe(
        item.revision,
      );
      expect((await caseJson(server, `/${item.id}`)).body.dataset.organizations).toHaveLength(25);
    }
    cursor = page.body.next;
  } while (cursor !== undefined);
  // Every acknowledged object is stored; every envelope is stored whole or not at all.
  const stored = new Set<string>();
  let next: string | undefined;
  do {
    const response = await fetch(
      `${server.url + MANIFEST}?match[version]=all&limit=100${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`,
      { headers: taxiiHeaders(KEYS.labAdmin.key) },
    );
    const page = (await response.json()) as Loose;
    for (const o of page.objects ?? []) stored.add(o.id);
    next = page.more ? page.next : undefined;
  } while (next !== undefined);
  for (const id of ledger.objects) expect(stored.has(id), id).toBe(true);
  for (const ids of ledger.envelopes) {
    const present = ids.filter((id) => stored.has(id)).length;
    expect([0, ids.length], ids[0]).toContain(present);
  }
}

function database(backend: Backend): { options: DatabaseOptions; cleanup: () => Promise<void> } {
  if (backend === 'postgres') {
    const schema = freshSchema();
    return {
      options: { kind: 'postgres', url: PG_URL as string, schema, poolSize: 4 },
      cleanup: () => dropSchema(schema),
    };
  }
  return { options: { kind: 'sqlite', path: join(dir, 'crash.db') }, cleanup: async () => undefined };
}

describe.each(BACKENDS)('SIGKILL during writes on %s', (backend) => {
  if (skipUnavailable(backend)) return;
  it(`loses no acknowledged write and leaves nothing half-written (${ROUNDS} kills)`, async () => {
    const db = database(backend);
    const ledger: Ledger = { cases: new Map(), objects: new Set(), envelopes: [] };
    const keys = Object.values(KEYS);
    let server = await startChildServer({ database: db.options, keys });
    try {
      for (let round = 0; round < ROUNDS; round++) {
        let stop = false;
        const acknowledgedBefore = ledger.cases.size + ledger.objects.size;
        const writers = Array.from({ length: WRITERS }, (_, w) =>
          writer(server, ledger, `r${round}w${w}`, () => stop),
        );
        // Kill once writes are flowing (some acknowledged in this round), while others are in flight.
        const deadline = Date.now() + 10_000;
        while (ledger.cases.size + ledger.objects.size < acknowledgedBefore + 40 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 5));
        await new Promise((resolve) => setTimeout(resolve, 20 + round * 15));
        server.process.kill('SIGKILL');
        await server.stop();
        stop = true;
        await Promise.all(writers);
        expect(ledger.cases.size + ledger.objects.size).toBeGreaterThan(acknowledgedBefore);
        server = await startChildServer({ database: db.options, keys });
        await verify(server, ledger);
      }
      // Some envelopes and cases were in flight at a kill (so the checks above were not vacuous).
      expect(ledger.envelopes.length * ENVELOPE_SIZE).toBeGreaterThan(ledger.objects.size);
    } finally {
      await server.stop();
      await db.cleanup();
    }
  });
});
