import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { it } from 'vitest';
import { createServer, type RunningServer } from '../create-server.js';
import type { DatabaseOptions } from '../database-options.js';
import type { ServerOptions } from '../server-options.js';

/** A storage backend the suites run against. */
export type Backend = 'sqlite' | 'postgres';

/** Where a local PostgreSQL is tried when `VIGIL_TEST_PG_URL` is not set. */
const LOCAL_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The PostgreSQL server the tests use: `VIGIL_TEST_PG_URL` (it must answer: a set but dead URL fails the
 * suites rather than skipping them), else a local server on 127.0.0.1:5432 if one answers, else none.
 */
export const PG_URL: string | undefined = process.env.VIGIL_TEST_PG_URL
  ? process.env.VIGIL_TEST_PG_URL
  : (await reachable(LOCAL_PG_URL))
    ? LOCAL_PG_URL
    : undefined;

/** The backends the shared suites run on (PostgreSQL ones are skipped, not passed, without a server). */
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

/**
 * Call first in a `describe.each(BACKENDS)` body: when `backend` is not available, registers one skipped
 * test that says why and returns `true` (the caller then returns without registering its tests).
 */
export function skipUnavailable(backend: Backend): boolean {
  if (backend === 'sqlite' || PG_URL !== undefined) return false;
  it.skip('needs PostgreSQL: set VIGIL_TEST_PG_URL or run one on 127.0.0.1:5432', () => undefined);
  return true;
}

/** A fresh PostgreSQL schema name for one test database. */
export function freshSchema(): string {
  return `vigil_test_${randomBytes(6).toString('hex')}`;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  if (PG_URL === undefined) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Database options for a fresh, empty test database on `backend` (a new schema for PostgreSQL). */
export function testDatabase(backend: Backend): DatabaseOptions {
  if (backend === 'sqlite') return { kind: 'sqlite', path: ':memory:' };
  if (PG_URL === undefined) throw new Error('No PostgreSQL server for the tests');
  return { kind: 'postgres', url: PG_URL, schema: freshSchema(), poolSize: 4 };
}

/** Media type sent on TAXII requests in tests. */
export const TAXII = 'application/taxii+json;version=2.1';

/** Keys used by the tests: two organisations, every role. */
export const KEYS = {
  labAdmin: { key: 'lab-admin-key-0001', organization: 'organization--lab', role: 'admin' },
  labWriter: { key: 'lab-writer-key-0001', organization: 'organization--lab', role: 'write' },
  ngoWriter: { key: 'ngo-writer-key-0001', organization: 'organization--ngo', role: 'write' },
  ngoReader: { key: 'ngo-reader-key-0001', organization: 'organization--ngo', role: 'read' },
  pressReader: { key: 'press-reader-key-01', organization: 'organization--press', role: 'read' },
  restricted: {
    key: 'restricted-key-0001',
    organization: 'organization--ngo',
    role: 'write',
    collections: ['other'],
  },
} as const;

/**
 * Starts a real server on 127.0.0.1, port 0, with a fresh database on `backend` (in-memory SQLite, or a new
 * PostgreSQL schema that `close()` drops) unless `options.database` is given.
 */
export async function startTestServer(
  options: Partial<ServerOptions> = {},
  backend: Backend = 'sqlite',
): Promise<RunningServer> {
  const database = options.database ?? testDatabase(backend);
  const server = createServer({ keys: Object.values(KEYS), ...options, database });
  const running = await server.listen({ port: 0, host: '127.0.0.1' });
  if (options.database !== undefined || typeof database !== 'object' || database.kind !== 'postgres')
    return running;
  return {
    ...running,
    async close() {
      await running.close();
      await dropSchema(database.schema as string);
    },
  };
}

/** Headers for a TAXII request with a key. */
export function taxiiHeaders(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: TAXII, Authorization: `Bearer ${key}`, ...extra };
}

/** A valid STIX 2.1 indicator with a fresh id unless one is given. */
export function indicator(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: 'Spyware domain',
    pattern: "[domain-name:value = 'c2.spyware.test']",
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
