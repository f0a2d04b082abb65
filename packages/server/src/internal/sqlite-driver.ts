import type Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';

/**
 * Wraps a better-sqlite3 connection. Statements are synchronous; transactions are queued one at a time
 * (one connection), and statements outside a transaction wait for the running one, so nobody reads what a
 * transaction has not committed.
 */
export function createSqliteDriver(db: Database.Database): SqlDriver {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
  const direct: SqlExecutor = {
    async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return prepare(sql).run(...params).changes;
    },
  };
  let busy: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const waitIdle = async (): Promise<void> => {
    while (inTransaction) await busy.catch(() => undefined);
  };
  return {
    dialect: 'sqlite',
    async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      await waitIdle();
      return direct.all<T>(sql, params);
    },
    async get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
      await waitIdle();
      return direct.get<T>(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      await waitIdle();
      return direct.run(sql, params);
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const next = busy
        .catch(() => undefined)
        .then(async () => {
          inTransaction = true;
          db.exec('BEGIN IMMEDIATE');
          try {
            const result = await fn(direct);
            db.exec('COMMIT');
            return result;
          } catch (error) {
            if (db.inTransaction) db.exec('ROLLBACK');
            throw error;
          } finally {
            inTransaction = false;
          }
        });
      busy = next;
      return next;
    },
    async nextDateAdded(tx: SqlExecutor, count: number): Promise<number> {
      const row = await tx.get<{ last: number }>(
        'UPDATE clock SET last = MAX(last + ?, ?) WHERE id = 1 RETURNING last',
        [count, Date.now() * 1000],
      );
      return (row as { last: number }).last - count + 1;
    },
    jsonArrayContains(column: string): string {
      return `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ?)`;
    },
    async close(): Promise<void> {
      await busy.catch(() => undefined);
      if (db.open) db.close();
    },
  };
}
