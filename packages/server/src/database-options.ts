/**
 * Store in one SQLite file (better-sqlite3, WAL mode): no database server to run.
 *
 * @example
 * ```ts
 * import type { SqliteDatabaseOptions } from '@vigil/server';
 *
 * const database: SqliteDatabaseOptions = { kind: 'sqlite', path: '/var/lib/vigil/vigil.db' };
 * ```
 */
export interface SqliteDatabaseOptions {
  kind: 'sqlite';
  /** The database file (created when missing), or `':memory:'`. */
  path: string;
}

/**
 * Store in PostgreSQL (node-postgres `pg`): several server processes can share one database behind a load
 * balancer. The schema is created and migrated on start (`schema_migrations` records the steps).
 *
 * @example
 * ```ts
 * import type { PostgresDatabaseOptions } from '@vigil/server';
 *
 * const database: PostgresDatabaseOptions = {
 *   kind: 'postgres',
 *   url: 'postgres://vigil@127.0.0.1:5432/vigil',
 *   schema: 'registry',
 * };
 * ```
 */
export interface PostgresDatabaseOptions {
  kind: 'postgres';
  /** A connection string, `postgres://user:password@host:port/database` (libpq parameters are honoured). */
  url: string;
  /**
   * The schema that holds the registry's tables (created when missing): lower-case letters, digits and `_`.
   * @default the connection's search path (usually `public`)
   */
  schema?: string | undefined;
  /**
   * Connections per server process.
   * @default 10
   */
  poolSize?: number | undefined;
}

/**
 * Where the registry stores its data: a SQLite file or a PostgreSQL database. A plain string is a SQLite
 * path, unless it starts with `postgres://` or `postgresql://`.
 *
 * @example
 * ```ts
 * import type { DatabaseOptions } from '@vigil/server';
 *
 * const local: DatabaseOptions = { kind: 'sqlite', path: './vigil.db' };
 * const shared: DatabaseOptions = { kind: 'postgres', url: 'postgres://vigil@db.example:5432/vigil' };
 * ```
 */
export type DatabaseOptions = SqliteDatabaseOptions | PostgresDatabaseOptions;
