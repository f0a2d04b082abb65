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

// Several registry processes on one database, driven alternately: what one process writes, acknowledges or
// signs, every other one serves the same way (as behind a load balancer).

const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
const MANIFEST = `/vigil/collections/${DEFAULT_COLLECTION_ID}/manifest/`;
const dir = mkdtempSync(join(tmpdir(), 'vigil-multi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: response bodies are probed field by field
type Loose = any;

async function getJson(url: string, key: string = KEYS.labAdmin.key) {
  const response = await fetch(url, { headers: taxiiHeaders(key) });
  const text = await response.text();
  return { response, status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as Loose };
}

async function postEnvelope(server: ChildServer, objects: unknown[]) {
  const response = await fetch(server.url + OBJECTS, {
    method: 'POST',
    headers: taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII }),
    body: JSON.stringify({ objects }),
  });
  return { status: response.status, body: (await response.json()) as Loose };
}

function caseBody(id: string, title: string): string {
  return JSON.stringify({ schemaVersion: '1.0', id, title, marking: { tlp: 'green' } });
}

async function sendCase(
  server: ChildServer,
  method: 'POST' | 'PUT',
  id: string,
  title: string,
  ifMatch?: string,
) {
  const response = await fetch(`${server.url}/api/v1/cases${method === 'PUT' ? `/${id}` : ''}`, {
    method,
    headers: {
      Authorization: `Bearer ${KEYS.labWriter.key}`,
      'Content-Type': 'application/json',
      ...(ifMatch === undefined ? {} : { 'If-Match': ifMatch }),
    },
    body: caseBody(id, title),
  });
  await response.arrayBuffer();
  return { status: response.status, etag: response.headers.get('etag') };
}

/** Every object version of the collection, page by page, each page asked of the next server in turn. */
async function readAllPages(servers: readonly ChildServer[], limit: number) {
  const seen: { id: string; date_added: string }[] = [];
  let next: string | undefined;
  let turn = 0;
  do {
    const server = servers[turn++ % servers.length] as ChildServer;
    const query = `?match[version]=all&limit=${limit}${next === undefined ? '' : `&next=${encodeURIComponent(next)}`}`;
    const page = await getJson(server.url + MANIFEST + query);
    expect(page.status).toBe(200);
    seen.push(...(page.body.objects ?? []));
    next = page.body.more ? page.body.next : undefined;
  } while (next !== undefined);
  return seen;
}

function database(
  backend: Backend,
  name: string,
): { options: DatabaseOptions; cleanup: () => Promise<void> } {
  if (backend === 'postgres') {
    const schema = freshSchema();
    return {
      options: { kind: 'postgres', url: PG_URL as string, schema, poolSize: 4 },
      cleanup: () => dropSchema(schema),
    };
  }
  return { options: { kind: 'sqlite', path: join(dir, `${name}.db`) }, cleanup: async () => undefined };
}

describe.each(BACKENDS)('three server processes on one %s database', (backend) => {
  if (skipUnavailable(backend)) return;
  it('serve the same objects, statuses, next tokens and case revisions', async () => {
    const db = database(backend, 'shared');
    const keys = Object.values(KEYS);
    // Started together on an empty database: the migrations run once.
    const servers = await Promise.all([0, 1, 2].map(() => startChildServer({ database: db.options, keys })));
    try {
      const at = (i: number): ChildServer => servers[i % servers.length] as ChildServer;

      // Envelopes written through every process at once; each status readable on every other process.
      const envelopes = Array.from({ length: 18 }, () => [indicator(), indicator(), indicator()]);
      const statuses = await Promise.all(envelopes.map((objects, i) => postEnvelope(at(i), objects)));
      for (const s of statuses) expect(s.body).toMatchObject({ status: 'complete', success_count: 3 });
      for (const [i, s] of statuses.entries()) {
        const again = await getJson(`${at(i + 1).url}/vigil/status/${s.body.id}/`, KEYS.labWriter.key);
        expect(again.body).toEqual(s.body);
      }

      // Pages asked of each process in turn, with the previous process's next token: all, once, in order.
      const pages = await readAllPages(servers, 7);
      const ids = envelopes.flat().map((o) => o.id as string);
      expect(pages.map((o) => o.id).sort()).toEqual([...ids].sort());
      const dates = pages.map((o) => o.date_added);
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates).toEqual([...dates].sort());

      // A token is bound to the secret in the database: a token from one process is refused if forged.
      const first = await getJson(`${at(0).url + MANIFEST}?limit=2`);
      const forged = `${String(first.body.next).slice(0, -2)}xx`;
      expect((await getJson(`${at(1).url + MANIFEST}?limit=2&next=${forged}`)).status).toBe(400);

      // Reading with added_after = the last page's X-TAXII-Date-Added-Last while others write: no skips.
      const more = Array.from({ length: 24 }, () => indicator());
      const collected = new Set<string>();
      let after: string | undefined;
      let finished = false;
      const writing = Promise.all(more.map((o, i) => postEnvelope(at(i), [o]))).finally(() => {
        finished = true;
      });
      let reads = 0;
      for (let done = false; !done; reads++) {
        done = reads > 3 && finished;
        const query = `?limit=5${after === undefined ? '' : `&added_after=${after}`}`;
        const page = await getJson(at(reads).url + OBJECTS + query);
        for (const o of page.body.objects ?? []) collected.add(o.id);
        after = page.response.headers.get('x-taxii-date-added-last') ?? after;
      }
      await writing;
      for (;;) {
        const page = await getJson(
          `${at(reads++).url + OBJECTS}?limit=50${after === undefined ? '' : `&added_after=${after}`}`,
        );
        if (page.body.objects === undefined) break;
        for (const o of page.body.objects) collected.add(o.id);
        after = page.response.headers.get('x-taxii-date-added-last') ?? after;
      }
      for (const id of [...ids, ...more.map((o) => o.id as string)]) expect(collected.has(id)).toBe(true);

      // Cases: created on one process, read on another, updated on a third with compare-and-set.
      expect((await sendCase(at(0), 'POST', 'dataset--shared', 'v1')).status).toBe(201);
      const read = await fetch(`${at(1).url}/api/v1/cases/dataset--shared`, {
        headers: { Authorization: `Bearer ${KEYS.labWriter.key}` },
      });
      expect(read.headers.get('etag')).toBe('"1"');
      expect((await sendCase(at(2), 'PUT', 'dataset--shared', 'v2', '"1"')).etag).toBe('"2"');
      expect((await sendCase(at(0), 'PUT', 'dataset--shared', 'stale', '"1"')).status).toBe(412);
      // Three updates from the same revision at once, one per process: exactly one wins.
      const racing = await Promise.all(
        [0, 1, 2].map((i) => sendCase(at(i), 'PUT', 'dataset--shared', `race ${i}`, '"2"')),
      );
      expect(racing.map((r) => r.status).sort()).toEqual([200, 412, 412]);
      // The same new id created on three processes at once: one 201, two 409.
      const creating = await Promise.all(
        [0, 1, 2].map((i) => sendCase(at(i), 'POST', 'dataset--raced', `created by ${i}`)),
      );
      expect(creating.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const history = (await (
        await fetch(`${at(1).url}/api/v1/cases/dataset--shared/revisions`, {
          headers: { Authorization: `Bearer ${KEYS.labWriter.key}` },
        })
      ).json()) as Loose;
      expect(history.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2, 3]);
      const winner = racing.findIndex((r) => r.status === 200);
      const current = await fetch(`${at(2).url}/api/v1/cases/dataset--shared`, {
        headers: { Authorization: `Bearer ${KEYS.ngoReader.key}` },
      });
      expect(((await current.json()) as Loose).dataset.title).toBe(`race ${winner}`);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.cleanup();
    }
  });
});
