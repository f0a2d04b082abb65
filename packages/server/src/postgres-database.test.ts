import { isVigilError } from '@vigil/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_COLLECTION_ID } from './create-server.js';
import { POSTGRES_SCHEMA_VERSION } from './internal/database.js';
import {
  dropSchema,
  freshSchema,
  indicator,
  KEYS,
  PG_URL,
  TAXII,
  taxiiHeaders,
} from './internal/test-helpers.js';
import { startServer } from './start-server.js';

// What only PostgreSQL has: versioned migrations in schema_migrations, connection errors, the schema option.
// The behaviour shared with SQLite is tested by the suites that run on both.

const keys = Object.values(KEYS);
const OBJECTS = `/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

function schema(): string {
  const name = freshSchema();
  schemas.push(name);
  return name;
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function expectRejects(promise: Promise<unknown>, code: string, text: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isVigilError(error), String(error)).toBe(true);
  expect((error as { code: string }).code).toBe(code);
  expect((error as Error).message).toContain(text);
}

describe('PostgreSQL options (checked without a server)', () => {
  it('refuses a bad schema name, pool size or URL at once', () => {
    const url = 'postgres://vigil@127.0.0.1:1/vigil';
    expect(() =>
      createServer({ database: { kind: 'postgres', url, schema: 'Robert"); DROP' }, keys }),
    ).toThrow(/database.schema/);
    expect(() => createServer({ database: { kind: 'postgres', url, poolSize: 0 }, keys })).toThrow(
      /database.poolSize/,
    );
    expect(() => createServer({ database: { kind: 'postgres', url: 'mysql://x' }, keys })).toThrow(
      /database.url/,
    );
    expect(() => createServer({ database: { kind: 'oracle', path: 'x' } as never, keys })).toThrow(
      /database.kind/,
    );
  });

  it('reports a server it cannot reach from ready() and listen(), without the password', async () => {
    // Port 1 on loopback: nothing listens there.
    const server = createServer({ database: 'postgres://vigil:hunter2@127.0.0.1:1/vigil', keys });
    await expectRejects(server.ready(), 'INVALID_INPUT', 'Cannot open the PostgreSQL database');
    const error = await server.listen().catch((e: unknown) => e);
    expect(String((error as Error).message)).not.toContain('hunter2');
    await server.close();
  });
});

describe.skipIf(PG_URL === undefined)('PostgreSQL migrations', () => {
  it('records each step in schema_migrations; servers starting together migrate once', async () => {
    const name = schema();
    const database = { kind: 'postgres' as const, url: PG_URL as string, schema: name };
    const servers = [0, 1, 2].map(() => createServer({ database, keys }));
    await Promise.all(servers.map((s) => s.ready()));
    await Promise.all(servers.map((s) => s.close()));
    const rows = await sql<{ version: number }>(
      `SELECT version FROM "${name}".schema_migrations ORDER BY version`,
    );
    expect(rows.map((r) => r.version)).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1),
    );
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [name],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'case_revisions',
      'cases',
      'clock',
      'meta',
      'objects',
      'schema_migrations',
      'statuses',
    ]);
  });

  it('refuses a database written by a newer schema, without touching it', async () => {
    const name = schema();
    await sql(`CREATE SCHEMA "${name}"`);
    await sql(`CREATE TABLE "${name}".schema_migrations (version INTEGER PRIMARY KEY, applied TIMESTAMPTZ)`);
    await sql(`INSERT INTO "${name}".schema_migrations (version) VALUES (99)`);
    const server = createServer({
      database: { kind: 'postgres', url: PG_URL as string, schema: name },
      keys,
    });
    await expectRejects(server.ready(), 'UNSUPPORTED', 'schema version 99');
    await expectRejects(server.listen(), 'UNSUPPORTED', 'schema version 99');
    await server.close();
    const tables = await sql('SELECT 1 FROM information_schema.tables WHERE table_schema = $1', [name]);
    expect(tables).toHaveLength(1);
  });

  it('keeps objects and next tokens across a restart (the signing secret is in the database)', async () => {
    const database = { kind: 'postgres' as const, url: PG_URL as string, schema: schema() };
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    const objects = [indicator(), indicator(), indicator()];
    const first = await startServer({ database, keys });
    await fetch(first.url + OBJECTS, { method: 'POST', headers, body: JSON.stringify({ objects }) });
    const page = (await (await fetch(`${first.url + OBJECTS}?limit=2`, { headers })).json()) as {
      next: string;
    };
    await first.close();
    const again = await startServer({ database, keys });
    try {
      const rest = (await (
        await fetch(`${again.url + OBJECTS}?limit=2&next=${encodeURIComponent(page.next)}`, { headers })
      ).json()) as { objects: { id: string }[]; more: boolean };
      expect(rest.objects.map((o) => o.id)).toEqual([objects[2]?.id]);
      expect(rest.more).toBe(false);
    } finally {
      await again.close();
    }
  });

  it('answers pending for a large envelope, then completes it (asyncThreshold)', async () => {
    const database = { kind: 'postgres' as const, url: PG_URL as string, schema: schema() };
    const server = await startServer({ database, keys, asyncThreshold: 2 });
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    try {
      const objects = [indicator(), indicator(), { type: 'indicator', id: 'indicator--forged' }];
      const response = await fetch(server.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects }),
      });
      const pending = (await response.json()) as { id: string; status: string };
      expect(pending.status).toBe('pending');
      let done: Record<string, unknown> = {};
      for (let i = 0; i < 200 && done.status !== 'complete'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        done = (await (
          await fetch(`${server.url}/vigil/status/${pending.id}/`, {
            headers: taxiiHeaders(KEYS.labWriter.key),
          })
        ).json()) as Record<string, unknown>;
      }
      expect(done).toMatchObject({
        status: 'complete',
        success_count: 2,
        failure_count: 1,
        pending_count: 0,
      });
      const stored = (await (await fetch(server.url + OBJECTS, { headers })).json()) as {
        objects: unknown[];
      };
      expect(stored.objects).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('rolls back a whole envelope when PostgreSQL fails mid-write (500, nothing half-written)', async () => {
    const name = schema();
    const database = { kind: 'postgres' as const, url: PG_URL as string, schema: name };
    await createServer({ database, keys }).ready();
    const boom = indicator();
    await sql(
      `CREATE FUNCTION "${name}".fail_on_boom() RETURNS trigger AS $$
       BEGIN IF NEW.id = '${boom.id as string}' THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END
       $$ LANGUAGE plpgsql`,
    );
    await sql(
      `CREATE TRIGGER fail_on_boom BEFORE INSERT ON "${name}".objects FOR EACH ROW EXECUTE FUNCTION "${name}".fail_on_boom()`,
    );
    const errors: unknown[] = [];
    const server = await startServer({ database, keys, onError: (error) => errors.push(error) });
    const headers = taxiiHeaders(KEYS.labWriter.key, { 'Content-Type': TAXII });
    try {
      const failed = await fetch(server.url + OBJECTS, {
        method: 'POST',
        headers,
        body: JSON.stringify({ objects: [indicator(), indicator(), boom] }),
      });
      expect(failed.status).toBe(500);
      expect(String(errors[0])).toContain('disk trouble');
      expect(await (await fetch(server.url + OBJECTS, { headers })).json()).toEqual({});
    } finally {
      await server.close();
    }
    expect(await sql(`SELECT id FROM "${name}".statuses`)).toEqual([]);
    expect(await sql(`SELECT last FROM "${name}".clock`)).toEqual([{ last: '0' }]);
  });
});
