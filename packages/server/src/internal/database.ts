import { randomBytes } from 'node:crypto';
import { VigilError } from '@vigil/core';
import Database from 'better-sqlite3';
import { createPostgresDriver } from './postgres-driver.js';
import type { SqlDriver } from './sql-driver.js';
import { createSqliteDriver } from './sqlite-driver.js';

/** The open database used by the server. */
export type Db = SqlDriver;

/**
 * SQLite schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a
 * released step: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE objects (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    spec_version TEXT NOT NULL,
    version TEXT NOT NULL,
    version_key TEXT NOT NULL,
    date_added INTEGER NOT NULL,
    owner_org TEXT NOT NULL,
    restricted INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (collection_id, id, version_key)
  ) STRICT;
  CREATE INDEX objects_by_added ON objects (collection_id, date_added, seq);
  CREATE INDEX objects_by_id ON objects (collection_id, id, version_key);
  CREATE TABLE statuses (
    id TEXT PRIMARY KEY,
    owner_org TEXT NOT NULL,
    created INTEGER NOT NULL,
    body TEXT NOT NULL
  ) STRICT;
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    organization TEXT NOT NULL,
    revision INTEGER NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    restricted INTEGER NOT NULL,
    audience TEXT NOT NULL,
    body TEXT NOT NULL
  ) STRICT;
  CREATE INDEX cases_by_updated ON cases (updated, id);
  `,
  // 2: every revision of a case is kept (updates never lose what was stored); backfill the current ones.
  `
  CREATE TABLE case_revisions (
    id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    organization TEXT NOT NULL,
    updated TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, revision)
  ) STRICT;
  INSERT INTO case_revisions (id, revision, organization, updated, body)
    SELECT id, revision, organization, updated, body FROM cases;
  `,
  // 3: date_added comes from a clock row in the database (shared by every process on the file).
  `
  CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL) STRICT;
  INSERT INTO clock (id, last) SELECT 1, COALESCE(MAX(date_added), 0) FROM objects;
  `,
];

/**
 * PostgreSQL schema migrations, applied in order and recorded in `schema_migrations`. Identifiers and
 * versions compare byte by byte (`COLLATE "C"`), as in SQLite. Never edit a released step: append one.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE objects (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection_id TEXT COLLATE "C" NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    spec_version TEXT COLLATE "C" NOT NULL,
    version TEXT NOT NULL,
    version_key TEXT COLLATE "C" NOT NULL,
    date_added BIGINT NOT NULL,
    owner_org TEXT COLLATE "C" NOT NULL,
    restricted SMALLINT NOT NULL,
    body TEXT COLLATE "C" NOT NULL,
    UNIQUE (collection_id, id, version_key)
  );
  CREATE INDEX objects_by_added ON objects (collection_id, date_added, seq);
  CREATE TABLE statuses (
    id TEXT COLLATE "C" PRIMARY KEY,
    owner_org TEXT COLLATE "C" NOT NULL,
    created BIGINT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX statuses_by_created ON statuses (created);
  CREATE TABLE cases (
    id TEXT COLLATE "C" PRIMARY KEY,
    organization TEXT COLLATE "C" NOT NULL,
    revision INTEGER NOT NULL,
    created TEXT NOT NULL,
    updated TEXT COLLATE "C" NOT NULL,
    restricted SMALLINT NOT NULL,
    audience TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE INDEX cases_by_updated ON cases (updated, id);
  CREATE TABLE case_revisions (
    id TEXT COLLATE "C" NOT NULL,
    revision INTEGER NOT NULL,
    organization TEXT COLLATE "C" NOT NULL,
    updated TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (id, revision)
  );
  CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), last BIGINT NOT NULL);
  INSERT INTO clock (id, last) VALUES (1, 0);
  `,
];

/** The SQLite schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The PostgreSQL schema version this build writes. */
export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/** Where the data lives, after the options were checked. */
export type DatabaseTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string; schema?: string | undefined; poolSize?: number | undefined };

/**
 * Opens (creating if needed) a SQLite database and migrates it to {@link SCHEMA_VERSION}, each step in one
 * transaction. A database written by a newer server is refused rather than damaged. Synchronous, so that
 * `createServer` reports a bad path at once.
 */
export function openSqlite(path: string): { db: Db; secret: string } {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (error) {
    throw new VigilError(
      'INVALID_INPUT',
      `Cannot open the database at ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new VigilError(
        'UNSUPPORTED',
        `The database at ${path} has schema version ${current}; this server knows up to ${SCHEMA_VERSION}.`,
      );
    }
    for (let step = current; step < SCHEMA_VERSION; step++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[step] as string);
        db.pragma(`user_version = ${step + 1}`);
      }).immediate();
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(
      'token_secret',
      randomBytes(32).toString('hex'),
    );
    const secret = (
      db.prepare('SELECT value FROM meta WHERE key = ?').get('token_secret') as { value: string }
    ).value;
    return { db: createSqliteDriver(db), secret };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Any of the driver's errors, as a `VigilError` that says where. */
function cannotOpen(url: string, error: unknown): VigilError {
  const where = url.replace(/\/\/[^@/]*@/, '//…@');
  return new VigilError(
    'INVALID_INPUT',
    `Cannot open the PostgreSQL database at ${where}: ${(error as Error).message}`,
    { cause: error },
  );
}

/**
 * Connects to PostgreSQL and migrates the schema to {@link POSTGRES_SCHEMA_VERSION} under an advisory lock,
 * so that several servers starting together migrate once. A database written by a newer server is
 * refused.
 */
export async function openPostgres(
  target: { url: string; schema?: string | undefined; poolSize?: number | undefined },
  onError: (error: unknown) => void,
): Promise<{ db: Db; secret: string }> {
  const db = createPostgresDriver({
    url: target.url,
    schema: target.schema,
    poolSize: target.poolSize,
    onError,
  });
  try {
    const prefix = target.schema === undefined ? '' : `"${target.schema}".`;
    try {
      // Under an advisory lock: servers starting together on an empty database do this once.
      await db.transaction(
        async (tx) => {
          await tx.all("SELECT pg_advisory_xact_lock(hashtext('vigil_schema_migrations'))");
          if (target.schema !== undefined) await tx.run(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
          await tx.run(
            `CREATE TABLE IF NOT EXISTS ${prefix}schema_migrations (version INTEGER PRIMARY KEY, applied TIMESTAMPTZ NOT NULL DEFAULT now())`,
          );
        },
        { writeLock: false },
      );
    } catch (error) {
      throw cannotOpen(target.url, error);
    }
    await migratePostgres(db, target.url);
    await db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
      'token_secret',
      randomBytes(32).toString('hex'),
    ]);
    const row = await db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', ['token_secret']);
    return { db, secret: (row as { value: string }).value };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function migratePostgres(db: Db, url: string): Promise<void> {
  const row = await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  const current = row?.v ?? 0;
  if (current > POSTGRES_SCHEMA_VERSION) {
    throw new VigilError(
      'UNSUPPORTED',
      `The PostgreSQL database has schema version ${current}; this server knows up to ${POSTGRES_SCHEMA_VERSION}.`,
    );
  }
  let done = current === POSTGRES_SCHEMA_VERSION;
  while (!done) {
    // One step per transaction, under a transaction-scoped advisory lock (not the clock row: it may not
    // exist yet); a server that waited for another one finds the step done.
    done = await db.transaction(
      async (tx) => {
        await tx.all("SELECT pg_advisory_xact_lock(hashtext('vigil_schema_migrations'))");
        const now =
          (await tx.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
        if (now >= POSTGRES_SCHEMA_VERSION) return true;
        try {
          await tx.run(POSTGRES_MIGRATIONS[now] as string);
        } catch (error) {
          throw cannotOpen(url, error);
        }
        await tx.run('INSERT INTO schema_migrations (version) VALUES (?)', [now + 1]);
        return now + 1 >= POSTGRES_SCHEMA_VERSION;
      },
      { writeLock: false },
    );
  }
}
