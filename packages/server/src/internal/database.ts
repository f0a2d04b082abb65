import { randomBytes } from 'node:crypto';
import { VigilError } from '@vigil/core';
import Database from 'better-sqlite3';

/** The open database handle used by the server. */
export type Db = Database.Database;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a released
 * step: append a new one.
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
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Opens (creating if needed) the database and migrates it to {@link SCHEMA_VERSION}, each step in one
 * transaction. A database written by a newer server is refused rather than damaged.
 */
export function openDatabase(path: string): Db {
  let db: Db;
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
      })();
    }
    db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(
      'token_secret',
      randomBytes(32).toString('hex'),
    );
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The per-database secret that signs pagination tokens. */
export function tokenSecret(db: Db): string {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('token_secret') as
    | { value: string }
    | undefined;
  return row?.value ?? '';
}
