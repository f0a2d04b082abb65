import type { DatabaseOptions } from './database-options.js';

/**
 * What an API key may do: `read` reads, `write` also adds objects and creates or updates its
 * organisation's cases, `admin` also deletes objects of other organisations.
 *
 * @example
 * ```ts
 * import type { ApiKeyRole } from '@vigil/server';
 *
 * const role: ApiKeyRole = 'write';
 * ```
 */
export type ApiKeyRole = 'read' | 'write' | 'admin';

/**
 * One API key (the secret, or its SHA-256). Clients send it as `Authorization: Bearer <key>`, `Authorization: Token <key>`, or as the
 * password (or, with an empty password, the user name) of HTTP Basic.
 *
 * @example
 * ```ts
 * import type { ApiKeyConfig } from '@vigil/server';
 *
 * const key: ApiKeyConfig = { key: 'lab-secret-1', organization: 'organization--lab', role: 'write' };
 * ```
 */
export interface ApiKeyConfig {
  /** The secret, at least 8 characters. Give either `key` or `keySha256`. */
  key?: string | undefined;
  /**
   * The SHA-256 of the secret, as 64 hex digits, so that the configuration file does not hold the secret
   * itself (`printf %s "$KEY" | sha256sum`). Give either `key` or `keySha256`.
   */
  keySha256?: string | undefined;
  /**
   * The organisation the key speaks for, as a @vigil/core record id (`organization--lab`). It owns what
   * the key writes, and it is matched against TLP `audience` lists.
   */
  organization: string;
  /** What the key may do. */
  role: ApiKeyRole;
  /**
   * TAXII collection ids (or aliases) this key may use; other collections are invisible to it.
   * @default every collection
   */
  collections?: readonly string[] | undefined;
  /** A label for logs and status resources; never the secret. */
  label?: string | undefined;
}

/**
 * A TAXII collection served under the API root.
 *
 * @example
 * ```ts
 * import type { CollectionConfig } from '@vigil/server';
 *
 * const collection: CollectionConfig = {
 *   id: '6f2bd4b4-57e2-4b6a-9d40-1a3b2f3d9c11',
 *   title: 'Spyware indicators',
 *   alias: 'indicators',
 * };
 * ```
 */
export interface CollectionConfig {
  /** The collection id in URLs: letters, digits, `-`, `_` and `.` (a UUID is usual). */
  id: string;
  /** A human-readable title. */
  title: string;
  /** A longer description. */
  description?: string | undefined;
  /** A short, URL-safe alternative name, unique on the server. */
  alias?: string | undefined;
  /**
   * When `true`, only `admin` keys may write to it.
   * @default false
   */
  adminWriteOnly?: boolean | undefined;
}

/**
 * Options of {@link createServer}.
 *
 * @example
 * ```ts
 * import { createServer, type ServerOptions } from '@vigil/server';
 *
 * const options: ServerOptions = {
 *   database: ':memory:',
 *   keys: [{ key: 'lab-secret-1', organization: 'organization--lab', role: 'admin' }],
 * };
 * const server = createServer(options);
 * ```
 */
export interface ServerOptions {
  /**
   * Where to store: a SQLite file path (created when missing), `':memory:'`, a `postgres://` URL, or
   * {@link DatabaseOptions} (`{ kind: 'sqlite', path }` or `{ kind: 'postgres', url, schema?, poolSize? }`).
   * @default './vigil.db'
   */
  database?: string | DatabaseOptions | undefined;
  /** The API keys; a request without one of them gets a 401. */
  keys: readonly ApiKeyConfig[];
  /**
   * The TAXII collections.
   * @default one collection, alias `indicators`, id `DEFAULT_COLLECTION_ID`
   */
  collections?: readonly CollectionConfig[] | undefined;
  /**
   * The largest request body accepted, in bytes; larger bodies get a 413. Advertised as the API root's
   * `max_content_length`.
   * @default 10485760 (10 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * The most objects (or cases) one page returns; a larger `limit` is lowered to it.
   * @default 100
   */
  maxPageSize?: number | undefined;
  /**
   * Name of the TAXII API root, served at `/<apiRoot>/`.
   * @default 'vigil'
   */
  apiRoot?: string | undefined;
  /** The discovery resource's title. @default 'Vigil registry' */
  title?: string | undefined;
  /** The discovery resource's description. */
  description?: string | undefined;
  /** The discovery resource's contact. */
  contact?: string | undefined;
  /**
   * The public base URL (`https://registry.example`) used for absolute API-root URLs in discovery.
   * @default relative URLs (`/vigil/`)
   */
  publicUrl?: string | undefined;
  /**
   * Envelopes with at least this many objects are answered at once with a `pending` status resource and
   * stored right after (still in one transaction, which also completes the status); clients poll
   * `/status/{id}/`. A failure completes the status with every object as a failure.
   * @default every envelope is stored before answering (status `complete`)
   */
  asyncThreshold?: number | undefined;
  /**
   * How long status resources are kept, in hours (TAXII asks for at least 24); older ones answer 404.
   * @default 168 (a week)
   */
  statusRetentionHours?: number | undefined;
  /**
   * Called with each unexpected error (answered as a 500, after the transaction was rolled back).
   * @default a process warning
   */
  onError?: ((error: unknown) => void) | undefined;
}
