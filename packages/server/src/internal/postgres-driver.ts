import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';

const INT8_OID = 20;

/** `?` placeholders to `$1, $2, …` (the registry's SQL has no `?` anywhere else). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return (await client.query(numbered(sql), params as SqlValue[])).rows as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
      return (await client.query(numbered(sql), params as SqlValue[])).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return (await client.query(numbered(sql), params as SqlValue[])).rowCount ?? 0;
    },
  };
}

/** Options of {@link createPostgresDriver}. */
export interface PostgresDriverOptions {
  url: string;
  schema: string | undefined;
  poolSize: number | undefined;
  onError: (error: unknown) => void;
}

/**
 * A PostgreSQL pool. `BIGINT` columns come back as numbers (microsecond timestamps stay below 2^53), and
 * every connection uses `schema` when one is given.
 */
export function createPostgresDriver(options: PostgresDriverOptions): SqlDriver {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A database that does not answer fails requests (500) instead of leaving them waiting for ever.
    connectionTimeoutMillis: 10_000,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server drops must not crash the process.
  pool.on('error', (error) => options.onError(error));
  const direct = executor(pool);
  return {
    dialect: 'postgres',
    ...direct,
    async transaction<T>(
      fn: (tx: SqlExecutor) => Promise<T>,
      transactionOptions: { writeLock?: boolean } = {},
    ): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        // The clock row is the write lock: writers commit one at a time, in date_added order, across every
        // server process on this database.
        if (transactionOptions.writeLock !== false)
          await client.query('SELECT last FROM clock WHERE id = 1 FOR UPDATE');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async nextDateAdded(tx: SqlExecutor, count: number): Promise<number> {
      const row = await tx.get<{ last: number }>(
        `UPDATE clock SET last = GREATEST(last + ?::BIGINT, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::BIGINT)
         WHERE id = 1 RETURNING last`,
        [count],
      );
      return (row as { last: number }).last - count + 1;
    },
    jsonArrayContains(column: string): string {
      return `EXISTS (SELECT 1 FROM jsonb_array_elements_text(${column}::jsonb) AS a(v) WHERE a.v = ?)`;
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
