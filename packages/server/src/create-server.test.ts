import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVigilError } from '@vigil/core';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_COLLECTION_ID } from './create-server.js';
import { MIGRATIONS } from './internal/database.js';
import { indicator, KEYS, TAXII, taxiiHeaders } from './internal/test-helpers.js';
import { startServer } from './start-server.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keys = Object.values(KEYS);
const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;

function expectVigilError(run: () => unknown, code: string, text: string): void {
  try {
    run();
  } catch (error) {
    expect(isVigilError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    expect((error as Error).message).toContain(text);
    return;
  }
  throw new Error('expected a VigilError');
}

describe('createServer options', () => {
  it('refuses bad options with a VigilError naming the option', () => {
    expectVigilError(
      () => createServer({ database: ':memory:', keys: [{ key: 'short', organization: 'o', role: 'read' }] }),
      'INVALID_INPUT',
      'keys[0].key',
    );
    expectVigilError(
      () =>
        createServer({
          database: ':memory:',
          keys: [{ key: 'long-enough-key', organization: 'o', role: 'root' as 'read' }],
        }),
      'INVALID_INPUT',
      'keys[0].role',
    );
    expectVigilError(
      () => createServer({ database: ':memory:', keys: [KEYS.labAdmin, KEYS.labAdmin] }),
      'INVALID_INPUT',
      'keys[1].key is used twice',
    );
    expectVigilError(
      () => createServer({ database: ':memory:', keys, collections: [{ id: 'a/b', title: 'x' }] }),
      'INVALID_INPUT',
      'collections[0].id',
    );
    expectVigilError(
      () => createServer({ database: ':memory:', keys, maxBodyBytes: 0 }),
      'INVALID_INPUT',
      'maxBodyBytes',
    );
    expectVigilError(
      () => createServer({ database: ':memory:', keys, apiRoot: 'taxii2' }),
      'INVALID_INPUT',
      'apiRoot',
    );
    expectVigilError(
      () => createServer({ database: join(dir, 'missing', 'dir', 'x.db'), keys }),
      'INVALID_INPUT',
      'Cannot open the database',
    );
  });

  it('refuses a database written by a newer schema, without touching it', () => {
    const path = join(dir, 'future.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expectVigilError(() => createServer({ database: path, keys }), 'UNSUPPORTED', 'schema version 99');
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });
});

describe('hashed keys', () => {
  it('accepts a key configured by its SHA-256 only', async () => {
    const secret = 'hashed-secret-0001';
    const keySha256 = createHash('sha256').update(secret).digest('hex');
    const running = await startServer({
      database: ':memory:',
      keys: [{ keySha256, organization: 'organization--lab', role: 'read' }],
    });
    try {
      expect((await fetch(`${running.url}/taxii2/`, { headers: taxiiHeaders(secret) })).status).toBe(200);
      expect((await fetch(`${running.url}/taxii2/`, { headers: taxiiHeaders(keySha256) })).status).toBe(401);
    } finally {
      await running.close();
    }
    expectVigilError(
      () => createServer({ database: ':memory:', keys: [{ organization: 'o', role: 'read' }] }),
      'INVALID_INPUT',
      'give either key or keySha256',
    );
    expectVigilError(
      () =>
        createServer({ database: ':memory:', keys: [{ keySha256: 'abc', organization: 'o', role: 'read' }] }),
      'INVALID_INPUT',
      'keySha256',
    );
  });
});

describe('migrations', () => {
  it('migrates a version-1 database, keeping its cases and backfilling their history', async () => {
    const path = join(dir, 'v1.db');
    const db = new Database(path);
    db.exec(MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    const dataset = {
      schemaVersion: '1.0',
      id: 'dataset--old',
      title: 'Stored by version 1',
      marking: { tlp: 'green' },
    };
    db.prepare(
      `INSERT INTO cases (id, organization, revision, created, updated, restricted, audience, body)
       VALUES ('dataset--old', 'organization--lab', 3, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 0, '[]', ?)`,
    ).run(JSON.stringify(dataset));
    db.close();
    const running = await startServer({ database: path, keys });
    try {
      const auth = { Authorization: `Bearer ${KEYS.labWriter.key}` };
      const current = (await (
        await fetch(`${running.url}/api/v1/cases/dataset--old`, { headers: auth })
      ).json()) as { revision: number };
      expect(current.revision).toBe(3);
      const history = await (
        await fetch(`${running.url}/api/v1/cases/dataset--old/revisions`, { headers: auth })
      ).json();
      expect(history).toEqual({
        items: [{ revision: 3, updated: '2026-02-01T00:00:00.000Z', organization: 'organization--lab' }],
      });
    } finally {
      await running.close();
    }
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    check.close();
  });
});

describe('persistence and transactions', () => {
  it('keeps objects, cases and next tokens across a restart on a database file', async () => {
    const path = join(dir, 'restart.db');
    const first = await startServer({ database: path, keys, port: 0 });
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    const objs = [indicator(), indicator(), indicator()];
    await fetch(first.url + OBJECTS, { method: 'POST', headers, body: JSON.stringify({ objects: objs }) });
    const page = (await (await fetch(`${first.url + OBJECTS}?limit=1`, { headers })).json()) as {
      next: string;
    };
    await first.close();

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();

    const second = await startServer({ database: path, keys, port: 0 });
    try {
      const rest = (await (
        await fetch(`${second.url + OBJECTS}?limit=5&next=${encodeURIComponent(page.next)}`, { headers })
      ).json()) as {
        objects: { id: string }[];
      };
      expect(rest.objects.map((o) => o.id)).toEqual(objs.slice(1).map((o) => o.id));
      // Dates added keep increasing after a restart.
      await fetch(second.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects: [indicator()] }),
      });
      const all = await fetch(`${second.url + OBJECTS}?limit=10`, { headers });
      const last = all.headers.get('x-taxii-date-added-last') as string;
      const manifest = (await (
        await fetch(`${second.url}/vigil/collections/${DEFAULT_COLLECTION_ID}/manifest/`, { headers })
      ).json()) as {
        objects: { date_added: string }[];
      };
      const dates = manifest.objects.map((o) => o.date_added);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(4);
      expect(dates[3]).toBe(last);
    } finally {
      await second.close();
    }
  });

  it('rolls back a whole envelope when the database fails mid-write (500, nothing half-written)', async () => {
    const path = join(dir, 'rollback.db');
    const boom = indicator();
    // A real SQLite failure on the third insert, set up through a trigger.
    const setup = createServer({ database: path, keys });
    await setup.close();
    const db = new Database(path);
    db.exec(
      `CREATE TRIGGER fail_on_boom BEFORE INSERT ON objects WHEN NEW.id = '${boom.id as string}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`,
    );
    db.close();
    const errors: unknown[] = [];
    const server = await startServer({ database: path, keys, onError: (error) => errors.push(error) });
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    const original = indicator();
    try {
      await fetch(server.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects: [original] }),
      });
      const failed = await fetch(server.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          objects: [indicator(), { ...original, modified: '2026-06-01T00:00:00.000Z' }, boom],
        }),
      });
      expect(failed.status).toBe(500);
      expect(((await failed.json()) as { http_status: string }).http_status).toBe('500');
      expect(String(errors[0])).toContain('disk trouble');
      const stored = (await (
        await fetch(`${server.url + OBJECTS}?match[version]=all`, { headers })
      ).json()) as { objects: { id: string }[] };
      expect(stored.objects.map((o) => o.id)).toEqual([original.id]);
    } finally {
      await server.close();
    }
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM statuses').get()).toEqual({ n: 1 });
    check.close();
  });
});

describe('pending statuses (asyncThreshold)', () => {
  async function poll(url: string, key: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100; i++) {
      const status = (await (await fetch(url, { headers: taxiiHeaders(key) })).json()) as Record<
        string,
        unknown
      >;
      if (status.status === 'complete') return status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('status never completed');
  }

  it('answers pending for a large envelope, then completes it in one transaction', async () => {
    const running = await startServer({ database: ':memory:', keys, asyncThreshold: 3 });
    try {
      const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
      const objects = [indicator(), indicator(), { type: 'indicator', id: 'indicator--forged' }];
      const response = await fetch(running.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects }),
      });
      expect(response.status).toBe(202);
      const pending = (await response.json()) as Record<string, unknown>;
      expect(pending).toMatchObject({
        status: 'pending',
        total_count: 3,
        pending_count: 3,
        success_count: 0,
        failure_count: 0,
      });
      expect((pending.pendings as { id: string }[]).map((p) => p.id)).toEqual(objects.map((o) => o.id));
      const done = await poll(`${running.url}/vigil/status/${pending.id as string}/`, KEYS.labWriter.key);
      expect(done).toMatchObject({
        id: pending.id,
        status: 'complete',
        success_count: 2,
        failure_count: 1,
        pending_count: 0,
      });
      expect(done.pendings).toBeUndefined();
      expect(done.request_timestamp).toBe(pending.request_timestamp);
      const small = await fetch(running.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects: [indicator()] }),
      });
      expect(((await small.json()) as { status: string }).status).toBe('complete');
    } finally {
      await running.close();
    }
  });

  it('completes a pending status with every object failed when storing fails, storing nothing', async () => {
    const path = join(dir, 'pending-fail.db');
    const boom = indicator();
    await createServer({ database: path, keys }).close();
    const db = new Database(path);
    db.exec(
      `CREATE TRIGGER fail_on_boom BEFORE INSERT ON objects WHEN NEW.id = '${boom.id as string}' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END;`,
    );
    db.close();
    const errors: unknown[] = [];
    const running = await startServer({
      database: path,
      keys,
      asyncThreshold: 2,
      onError: (error) => errors.push(error),
    });
    try {
      const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
      const response = await fetch(running.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects: [indicator(), boom] }),
      });
      const pending = (await response.json()) as { id: string };
      const done = await poll(`${running.url}/vigil/status/${pending.id}/`, KEYS.labWriter.key);
      expect(done).toMatchObject({
        status: 'complete',
        success_count: 0,
        failure_count: 2,
        pending_count: 0,
      });
      expect(String(errors[0])).toContain('disk trouble');
      const stored = await fetch(`${running.url + OBJECTS}?match[version]=all`, { headers });
      expect(await stored.json()).toEqual({});
    } finally {
      await running.close();
    }
  });
});

describe('status retention', () => {
  it('deletes statuses older than statusRetentionHours when a new one is recorded', async () => {
    const path = join(dir, 'retention.db');
    const running = await startServer({ database: path, keys, statusRetentionHours: 24 });
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    const post = async () =>
      (
        (await (
          await fetch(running.url + OBJECTS, {
            method: 'POST',
            headers,
            body: JSON.stringify({ objects: [indicator()] }),
          })
        ).json()) as {
          id: string;
        }
      ).id;
    try {
      const old = await post();
      const recent = await post();
      const db = new Database(path);
      db.prepare('UPDATE statuses SET created = ? WHERE id = ?').run(Date.now() - 25 * 3_600_000, old);
      db.prepare('UPDATE statuses SET created = ? WHERE id = ?').run(Date.now() - 23 * 3_600_000, recent);
      db.close();
      await post();
      expect((await fetch(`${running.url}/vigil/status/${old}/`, { headers })).status).toBe(404);
      expect((await fetch(`${running.url}/vigil/status/${recent}/`, { headers })).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});

describe('dropped connections', () => {
  it('stores nothing when the client drops the connection mid-body, and keeps serving', async () => {
    const errors: unknown[] = [];
    const running = await startServer({ database: ':memory:', keys, onError: (error) => errors.push(error) });
    try {
      const body = JSON.stringify({ objects: [indicator(), indicator()] });
      const { port } = new URL(running.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST ${OBJECTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ${TAXII}\r\nContent-Type: ${TAXII}\r\n` +
              `Authorization: Bearer ${KEYS.labWriter.key}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, body.length / 2)}`,
            () => setTimeout(() => socket.destroy(), 50),
          );
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = await fetch(`${running.url}${OBJECTS}?match[version]=all`, {
        headers: taxiiHeaders(KEYS.labWriter.key),
      });
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await running.close();
    }
  });
});

describe('startServer and handle', () => {
  it('closes on abort', async () => {
    const controller = new AbortController();
    const running = await startServer({ database: ':memory:', keys, signal: controller.signal });
    expect((await fetch(`${running.url}/api/v1/openapi.json`)).status).toBe(200);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${running.url}/api/v1/openapi.json`)).rejects.toThrow();
  });

  it('mounts on a caller-made node:http server', async () => {
    const server = createServer({ database: ':memory:', keys });
    const http = createHttpServer(server.handle);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = http.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/taxii2/`, {
        headers: taxiiHeaders(KEYS.ngoReader.key),
      });
      expect(response.status).toBe(200);
      const unknown = await fetch(`http://127.0.0.1:${port}/elsewhere`, {
        headers: taxiiHeaders(KEYS.ngoReader.key),
      });
      expect(unknown.status).toBe(404);
    } finally {
      await new Promise((resolve) => http.close(resolve));
      await server.close();
    }
  });

  it('serves absolute API-root URLs when publicUrl is set', async () => {
    const running = await startServer({
      database: ':memory:',
      keys,
      publicUrl: 'https://registry.example/',
      apiRoot: 'root1',
    });
    try {
      const body = (await (
        await fetch(`${running.url}/taxii2/`, { headers: taxiiHeaders(KEYS.ngoReader.key) })
      ).json()) as { api_roots: string[] };
      expect(body.api_roots).toEqual(['https://registry.example/root1/']);
      expect(
        (await fetch(`${running.url}/root1/`, { headers: taxiiHeaders(KEYS.ngoReader.key) })).status,
      ).toBe(200);
    } finally {
      await running.close();
    }
  });
});
