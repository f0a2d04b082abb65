// The TAXII client against the real @vigil/server, over loopback HTTP with a real SQLite database.
import { randomUUID } from 'node:crypto';
import { createServer, DEFAULT_COLLECTION_ID, type RunningServer } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessError, HttpError } from './errors.js';
import { createTaxiiClient, type TaxiiClient } from './taxii-client.js';

const KEYS = {
  writer: { key: 'lab-writer-key-0001', organization: 'organization--lab', role: 'write' },
  admin: { key: 'lab-admin-key-0001', organization: 'organization--lab', role: 'admin' },
  reader: { key: 'ngo-reader-key-0001', organization: 'organization--ngo', role: 'read' },
} as const;

function indicator(
  n: number,
  modified = '2026-01-01T00:00:00.000Z',
): Record<string, unknown> & { id: string; type: string } {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified,
    name: `Spyware domain ${n}`,
    pattern: `[domain-name:value = 'c2-${n}.spyware.test']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
  };
}

let running: RunningServer;
let writer: TaxiiClient;
let root: string;

beforeAll(async () => {
  running = await createServer({ database: ':memory:', keys: Object.values(KEYS), maxPageSize: 3 }).listen({
    port: 0,
    host: '127.0.0.1',
  });
  writer = createTaxiiClient({ url: `${running.url}/taxii2/`, auth: { token: KEYS.writer.key }, retry: 0 });
  const discovery = await writer.discover();
  root = discovery.default ?? discovery.api_roots?.[0] ?? '';
});
afterAll(async () => {
  await running.close();
});

describe('@vigil/client against @vigil/server (TAXII 2.1)', () => {
  it('discovers an absolute API root and reads its information and collections', async () => {
    expect(root.startsWith(running.url)).toBe(true);
    const info = await writer.apiRoot(root);
    expect(info.versions).toContain('application/taxii+json;version=2.1');
    const collections = await writer.collections(root);
    expect(collections.map((c) => c.info.id)).toContain(DEFAULT_COLLECTION_ID);
  });

  it('adds objects, waits for the status, and pages through them with a capped limit', async () => {
    const collection = await writer.collection(root, DEFAULT_COLLECTION_ID);
    const added = Array.from({ length: 7 }, (_, i) => indicator(i));
    const status = await collection.addObjects(added, { pollInterval: 10 });
    expect(status.status).toBe('complete');
    expect(status.success_count).toBe(7);

    const pages = [];
    for await (const page of collection.objectPages({ limit: 50, match: { type: 'indicator' } }))
      pages.push(page);
    expect(pages.every((p) => p.items.length <= 3)).toBe(true); // the server caps at 3
    const ids = pages.flatMap((p) => p.items.map((o) => o.id));
    for (const object of added) expect(ids).toContain(object.id);
    expect(new Set(ids).size).toBe(ids.length);

    const manifest = [];
    for await (const record of collection.manifest()) manifest.push(record.id);
    for (const object of added) expect(manifest).toContain(object.id);
  });

  it('reads one object, its versions, filters by version, and deletes it', async () => {
    const collection = await writer.collection(root, DEFAULT_COLLECTION_ID);
    const v1 = indicator(100);
    const v2 = { ...v1, modified: '2026-02-01T00:00:00.000Z', name: 'renamed' };
    await collection.addObjects([v1], { pollInterval: 10 });
    await collection.addObjects([v2], { pollInterval: 10 });
    // an exact duplicate is not an error
    expect((await collection.addObjects([v2], { pollInterval: 10 })).failure_count).toBe(0);

    const versions = [];
    for await (const v of collection.versions(v1.id)) versions.push(v);
    expect(versions).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
    expect((await collection.getObject(v1.id)).items.map((o) => o.modified)).toEqual([
      '2026-02-01T00:00:00.000Z',
    ]);
    const all = await collection.getObject(v1.id, { match: { version: 'all' } });
    expect(all.items).toHaveLength(2);
    expect(all.dateAddedFirst).toBeDefined();
    const iterated = [];
    for await (const version of collection.object(v1.id, { match: { version: 'all' }, limit: 1 }))
      iterated.push(version.modified);
    expect(iterated).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);

    const admin = createTaxiiClient({ url: `${running.url}/taxii2/`, auth: { token: KEYS.admin.key } });
    await (await admin.collection(root, DEFAULT_COLLECTION_ID)).deleteObject(v1.id, {
      match: { version: 'all' },
    });
    const error = await collection.getObject(v1.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(404);
  });

  it('a read-only key gets can_write false, and the client refuses to POST', async () => {
    const reader = createTaxiiClient({
      url: `${running.url}/taxii2/`,
      auth: { username: '', password: KEYS.reader.key },
    });
    const collection = await reader.collection(root, DEFAULT_COLLECTION_ID);
    expect(collection.info.can_write).toBe(false);
    await expect(collection.addObjects([indicator(1)])).rejects.toBeInstanceOf(AccessError);
  });

  it('refuses an envelope over max_content_length: client-side once the API root is known, else the server 413', async () => {
    const small = await createServer({
      database: ':memory:',
      keys: Object.values(KEYS),
      maxBodyBytes: 2000,
    }).listen({
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const big = Array.from({ length: 20 }, (_, i) => indicator(i));
      const fresh = createTaxiiClient({
        url: `${small.url}/taxii2/`,
        auth: { token: KEYS.writer.key },
        retry: 0,
      });
      const smallRoot = (await fresh.discover()).api_roots?.[0] ?? '';
      const collection = await fresh.collection(smallRoot, DEFAULT_COLLECTION_ID);
      const fromServer = await collection.addObjects(big).catch((e: unknown) => e);
      expect((fromServer as HttpError).status).toBe(413);
      expect((await fresh.apiRoot(smallRoot)).max_content_length).toBe(2000);
      await expect(collection.addObjects(big)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect((await collection.addObjects(big.slice(0, 1), { pollInterval: 10 })).success_count).toBe(1);
    } finally {
      await small.close();
    }
  });

  it('turns server errors into HttpError with the TAXII title: unknown collection, bad token, bad key', async () => {
    const missing = await writer.collection(root, 'no-such-collection').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HttpError);
    expect((missing as HttpError).status).toBe(404);
    expect((missing as HttpError).title).toEqual(expect.any(String));

    const collection = await writer.collection(root, DEFAULT_COLLECTION_ID);
    const badToken = await collection.getObjects({ next: 'forged-token' }).catch((e: unknown) => e);
    expect((badToken as HttpError).status).toBe(400);
    expect((badToken as HttpError).title).toEqual(expect.any(String));

    const stranger = createTaxiiClient({
      url: `${running.url}/taxii2/`,
      auth: { token: 'not-a-key-at-all' },
    });
    const unauthorized = await stranger.discover().catch((e: unknown) => e);
    expect((unauthorized as HttpError).status).toBe(401);
  });
});
