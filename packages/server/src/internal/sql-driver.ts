/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** Runs statements; `?` placeholders are bound in order (the PostgreSQL driver rewrites them to `$n`). */
export interface SqlExecutor {
  /** Every row. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or `undefined`. */
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** The SQL dialects the registry speaks. */
export type SqlDialect = 'sqlite' | 'postgres';

/** A database connection (SQLite) or pool (PostgreSQL) with transactions. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` in one transaction that takes the write lock first (SQLite `BEGIN IMMEDIATE`; PostgreSQL
   * `SELECT … FOR UPDATE` on the clock row, so that writes commit in the order of their `date_added`):
   * committed when `fn` resolves, rolled back when it throws. `writeLock: false` skips the clock row
   * (PostgreSQL migrations, before the table exists).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: { writeLock?: boolean }): Promise<T>;
  /**
   * Reserves `count` consecutive `date_added` values (microseconds) above every value handed out before, in
   * any process, and not below the database's clock; resolves with the first. Only inside a transaction.
   */
  nextDateAdded(tx: SqlExecutor, count: number): Promise<number>;
  /** SQL that is true when the JSON array in column `column` holds the bound value. */
  jsonArrayContains(column: string): string;
  close(): Promise<void>;
}
