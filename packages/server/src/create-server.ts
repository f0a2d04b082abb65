import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VigilError } from '@vigil/core';
import type { DatabaseOptions } from './database-options.js';
import { authenticate, type Caller, hashKey, unauthorized } from './internal/auth.js';
import { handleCases, isCasePath } from './internal/case-routes.js';
import { type DatabaseTarget, type Db, openPostgres, openSqlite } from './internal/database.js';
import { HttpFailure, isHttpFailure } from './internal/http-failure.js';
import { sendJson, sendProblem, sendTaxiiError } from './internal/respond.js';
import { handleTaxii, isTaxiiPath, type TaxiiContext } from './internal/taxii-routes.js';
import { openApiDocument } from './openapi.js';
import type { ApiKeyConfig, CollectionConfig, ServerOptions } from './server-options.js';

/**
 * The id of the collection served when {@link ServerOptions.collections} is not set (alias `indicators`).
 *
 * @example
 * ```ts
 * import { DEFAULT_COLLECTION_ID } from '@vigil/server';
 *
 * const url = `http://127.0.0.1:8080/vigil/collections/${DEFAULT_COLLECTION_ID}/objects/`;
 * ```
 */
export const DEFAULT_COLLECTION_ID = '3b7a4c0e-5d1f-4a8e-9c2b-6f0d8e1a7b45';

/**
 * Where to listen.
 *
 * @example
 * ```ts
 * import type { ListenOptions } from '@vigil/server';
 *
 * const where: ListenOptions = { port: 0, host: '127.0.0.1' };
 * ```
 */
export interface ListenOptions {
  /**
   * The TCP port; `0` picks a free one.
   * @default 0
   */
  port?: number | undefined;
  /**
   * The interface to bind.
   * @default '127.0.0.1'
   */
  host?: string | undefined;
}

/**
 * A listening registry.
 *
 * @example
 * ```ts
 * import { createServer } from '@vigil/server';
 *
 * const server = createServer({ database: ':memory:', keys: [] });
 * const running = await server.listen({ port: 0 });
 * console.log(running.url); // http://127.0.0.1:54321
 * await running.close();
 * ```
 */
export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  url: string;
  /** The bound port. */
  port: number;
  /** Stops accepting connections, closes open ones and the database. */
  close(): Promise<void>;
}

/**
 * A registry that is ready to listen: the database is open and migrated.
 *
 * @example
 * ```ts
 * import { createServer } from '@vigil/server';
 *
 * const server = createServer({ database: ':memory:', keys: [] });
 * const { url, close } = await server.listen({ port: 0, host: '127.0.0.1' });
 * await close();
 * ```
 */
export interface VigilServer {
  /** Starts listening; resolves once bound. */
  listen(options?: ListenOptions): Promise<RunningServer>;
  /**
   * The request handler, for mounting on your own `node:http` or `node:https` server.
   */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /**
   * Resolves once the database is open and migrated (at once for SQLite, which is opened by
   * `createServer`; after connecting for PostgreSQL); rejects with the reason it could not be opened.
   * `listen` waits for it; requests given to `handle` earlier wait too.
   */
  ready(): Promise<void>;
  /** Closes the database (and the listener, if any). */
  close(): Promise<void>;
}

/** The storage target named by `ServerOptions.database`. */
function databaseTarget(database: string | DatabaseOptions | undefined): DatabaseTarget {
  const fail = (message: string): never => {
    throw new VigilError('INVALID_INPUT', `createServer: ${message}`);
  };
  if (database === undefined) return { kind: 'sqlite', path: './vigil.db' };
  if (typeof database === 'string') {
    if (database === '') fail('database must not be empty');
    return /^postgres(ql)?:\/\//.test(database)
      ? { kind: 'postgres', url: database }
      : { kind: 'sqlite', path: database };
  }
  if (typeof database !== 'object' || database === null) fail('database must be a path or an object');
  if (database.kind === 'sqlite') {
    if (typeof database.path !== 'string' || database.path === '')
      fail('database.path must be a file path or ":memory:"');
    return { kind: 'sqlite', path: database.path };
  }
  if (database.kind === 'postgres') {
    if (typeof database.url !== 'string' || !/^postgres(ql)?:\/\//.test(database.url))
      fail('database.url must be a postgres:// connection string');
    if (database.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(database.schema))
      fail('database.schema must be lower-case letters, digits and "_" (at most 63)');
    if (
      database.poolSize !== undefined &&
      (!Number.isSafeInteger(database.poolSize) || database.poolSize < 1)
    )
      fail('database.poolSize must be a positive integer');
    return { kind: 'postgres', url: database.url, schema: database.schema, poolSize: database.poolSize };
  }
  return fail(`database.kind must be "sqlite" or "postgres"`);
}

function checkOptions(options: ServerOptions): void {
  const fail = (message: string): never => {
    throw new VigilError('INVALID_INPUT', `createServer: ${message}`);
  };
  const seen = new Set<string>();
  options.keys.forEach((k, i) => {
    if ((k.key === undefined) === (k.keySha256 === undefined))
      fail(`keys[${i}]: give either key or keySha256`);
    if (k.key !== undefined && (typeof k.key !== 'string' || k.key.length < 8)) {
      fail(`keys[${i}].key must be a string of at least 8 characters`);
    }
    if (k.keySha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(k.keySha256)) {
      fail(`keys[${i}].keySha256 must be 64 hex digits`);
    }
    const hash = k.key !== undefined ? hashKey(k.key) : (k.keySha256 as string).toLowerCase();
    if (seen.has(hash)) fail(`keys[${i}].key is used twice`);
    seen.add(hash);
    if (typeof k.organization !== 'string' || k.organization === '')
      fail(`keys[${i}].organization is required`);
    if (!['read', 'write', 'admin'].includes(k.role)) fail(`keys[${i}].role must be read, write or admin`);
  });
  const names = new Set<string>();
  (options.collections ?? []).forEach((c, i) => {
    if (!/^[A-Za-z0-9._-]+$/.test(c.id))
      fail(`collections[${i}].id must be letters, digits, ".", "_" or "-"`);
    if (c.alias !== undefined && !/^[A-Za-z0-9._-]+$/.test(c.alias))
      fail(`collections[${i}].alias must be URL-safe`);
    for (const name of [c.id, c.alias]) {
      if (name === undefined) continue;
      if (names.has(name)) fail(`collections[${i}]: "${name}" is used twice`);
      names.add(name);
    }
  });
  const root = options.apiRoot ?? 'vigil';
  if (!/^[A-Za-z0-9._-]+$/.test(root) || root === 'taxii2' || root === 'api')
    fail('apiRoot must be a URL-safe name other than taxii2 and api');
  for (const [name, value] of [
    ['maxBodyBytes', options.maxBodyBytes],
    ['maxPageSize', options.maxPageSize],
    ['asyncThreshold', options.asyncThreshold],
    ['statusRetentionHours', options.statusRetentionHours],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 1))
      fail(`${name} must be a positive integer`);
  }
}

/**
 * Creates the Vigil registry: a TAXII 2.1 server and the case API on SQLite or PostgreSQL. A SQLite
 * database is opened and migrated now; a PostgreSQL one in the background ({@link VigilServer.ready}, which
 * {@link VigilServer.listen} waits for). Call {@link VigilServer.listen} to serve.
 *
 * Routes: `/taxii2/` (discovery), `/<apiRoot>/…` (TAXII 2.1), `/api/v1/cases…` (case API) and
 * `/api/v1/openapi.json` (its OpenAPI 3.1 description, the only route that needs no key).
 *
 * @param options - See {@link ServerOptions}.
 * @returns A server ready to {@link VigilServer.listen}.
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` on bad options or a SQLite database that cannot
 *   be opened; `UNSUPPORTED` on a SQLite database written by a newer server (for PostgreSQL, `ready()` and
 *   `listen()` reject with these).
 *
 * @example
 * ```ts
 * import { createServer } from '@vigil/server';
 *
 * const server = createServer({
 *   database: './vigil.db',
 *   keys: [{ key: 'lab-secret-1', organization: 'organization--lab', role: 'admin' }],
 * });
 * const { url } = await server.listen({ port: 8080, host: '127.0.0.1' });
 * const discovery = await fetch(`${url}/taxii2/`, {
 *   headers: { Accept: 'application/taxii+json;version=2.1', Authorization: 'Bearer lab-secret-1' },
 * });
 *
 * // The same registry on PostgreSQL (run several processes with this configuration behind a balancer):
 * const shared = createServer({
 *   database: { kind: 'postgres', url: 'postgres://vigil@db.example:5432/vigil', schema: 'registry' },
 *   keys: [{ key: 'lab-secret-1', organization: 'organization--lab', role: 'admin' }],
 * });
 * await shared.ready(); // connected and migrated
 * ```
 */
export function createServer(options: ServerOptions): VigilServer {
  checkOptions(options);
  const target = databaseTarget(options.database);
  const collections: readonly CollectionConfig[] = options.collections ?? [
    {
      id: DEFAULT_COLLECTION_ID,
      title: 'Indicators',
      alias: 'indicators',
      description: 'STIX 2.1 indicators shared through this registry.',
    },
  ];
  const reportError =
    options.onError ??
    ((error: unknown) => process.emitWarning(`vigil server: ${String((error as Error)?.stack ?? error)}`));
  const settings = {
    apiRoot: options.apiRoot ?? 'vigil',
    collections,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    maxPageSize: options.maxPageSize ?? 100,
    asyncThreshold: options.asyncThreshold,
    statusRetentionMs: (options.statusRetentionHours ?? 168) * 3_600_000,
    onError: reportError,
    discovery: {
      title: options.title ?? 'Vigil registry',
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.contact === undefined ? {} : { contact: options.contact }),
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    },
  };
  // SQLite opens now (a bad path fails createServer at once); PostgreSQL connects in the background and
  // `ready`, `listen` and every request wait for it.
  const opened: Promise<{ db: Db; secret: string }> =
    target.kind === 'sqlite' ? Promise.resolve(openSqlite(target.path)) : openPostgres(target, reportError);
  opened.catch(() => undefined);
  const contexts = opened.then(({ db, secret }) => ({
    db,
    taxii: { ...settings, db, secret } satisfies TaxiiContext,
  }));
  contexts.catch(() => undefined);
  const keys = new Map<string, ApiKeyConfig>(
    options.keys.map((k) => [
      k.key !== undefined ? hashKey(k.key) : (k.keySha256 as string).toLowerCase(),
      k,
    ]),
  );
  let closed = false;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let segments: string[];
    try {
      segments = url.pathname
        .split('/')
        .filter((s) => s !== '')
        .map((s) => decodeURIComponent(s));
    } catch {
      throw new HttpFailure(400, 'Bad request', 'The URL path is not valid percent-encoding.');
    }
    if (
      segments[0] === 'api' &&
      segments[1] === 'v1' &&
      segments[2] === 'openapi.json' &&
      segments.length === 3
    ) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new HttpFailure(405, 'Method not allowed', 'Allowed methods: GET, HEAD.', {
          headers: { Allow: 'GET, HEAD' },
        });
      }
      return sendJson(response, 200, openApiDocument, 'application/json');
    }
    const caller: Caller | undefined = authenticate(request.headers, keys);
    if (caller === undefined) throw unauthorized();
    const { db, taxii } = await contexts;
    if (isTaxiiPath(taxii, segments))
      return handleTaxii(taxii, caller, request, response, segments, url.searchParams);
    if (isCasePath(segments)) {
      return handleCases(
        { db, maxBodyBytes: taxii.maxBodyBytes, maxPageSize: taxii.maxPageSize },
        caller,
        request,
        response,
        segments,
        url.searchParams,
      );
    }
    throw new HttpFailure(404, 'Not found', `Nothing is served at ${url.pathname}.`);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const problemStyle = path.startsWith('/api/');
    route(request, response).catch((error: unknown) => {
      const failure = isHttpFailure(error)
        ? error
        : new HttpFailure(
            500,
            'Internal server error',
            'The server failed to process the request; nothing was stored.',
          );
      if (!isHttpFailure(error)) reportError(error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      if (failure.status === 413) response.setHeader('Connection', 'close');
      if (problemStyle) sendProblem(response, failure, path);
      else sendTaxiiError(response, failure);
    });
  }

  let running: { close(): Promise<void> } | undefined;

  async function closeDatabase(): Promise<void> {
    if (closed) return;
    closed = true;
    const state = await opened.catch(() => undefined);
    await state?.db.close();
  }

  return {
    handle,
    async ready(): Promise<void> {
      await opened;
    },
    async listen(listenOptions: ListenOptions = {}): Promise<RunningServer> {
      if (closed) throw new VigilError('UNSUPPORTED', 'This server was closed.');
      await opened;
      const http = createHttpServer(handle);
      http.requestTimeout = 60_000;
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(listenOptions.port ?? 0, listenOptions.host ?? '127.0.0.1', () => {
          http.off('error', reject);
          const address = http.address() as AddressInfo;
          const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const closeListener = (): Promise<void> =>
            new Promise((done) => {
              http.close(() => done());
              http.closeAllConnections();
            });
          running = { close: closeListener };
          resolve({
            url: `http://${host}:${address.port}`,
            port: address.port,
            close: async () => {
              await closeListener();
              await closeDatabase();
            },
          });
        });
      });
    },
    async close(): Promise<void> {
      if (running !== undefined) await running.close();
      await closeDatabase();
    },
  };
}
