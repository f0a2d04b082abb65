/**
 * A TAXII 2.1 client: discovery, API roots, collections, objects, manifests, versions, delete, and
 * add objects with the status resource polled until it is final.
 */
import { VigilError } from '@vigil/core';
import type { z } from 'zod';
import { AccessError, InvalidResponseError, TimeoutError } from './errors.js';
import type { HttpOptions } from './http-options.js';
import { invalid, parseResponse, TAXII_MEDIA_TYPE } from './internal/response.js';
import { abortedError, createTransport, type RawResponse } from './internal/transport.js';
import { filtersToSearchParams, isTaxiiTimestamp, type ObjectFilters } from './taxii-filters.js';
import {
  type ApiRoot,
  ApiRootSchema,
  type Collection,
  CollectionSchema,
  CollectionsSchema,
  type Discovery,
  DiscoverySchema,
  type Envelope,
  EnvelopeSchema,
  type ManifestRecord,
  ManifestSchema,
  type Status,
  StatusSchema,
  type StixObject,
  VersionsSchema,
} from './taxii-resources.js';

/**
 * Options of {@link createTaxiiClient}.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type TaxiiClientOptions } from '@vigil/client';
 *
 * const options: TaxiiClientOptions = { url: 'https://taxii.example/taxii2/', auth: { token: 'k-123' } };
 * createTaxiiClient(options);
 * ```
 */
export interface TaxiiClientOptions extends HttpOptions {
  /** The discovery URL, usually ending in `/taxii2/`. A missing trailing slash is added. */
  readonly url: string | URL;
  /**
   * Other origins (`https://api.taxii.example`) that may receive the credentials. By default `auth` and
   * any `Authorization`, `Cookie` or `Proxy-Authorization` header go only to the discovery URL's
   * origin, so a discovery resource listing an API root on another host cannot collect them.
   * @defaultValue []
   */
  readonly trustedOrigins?: readonly (string | URL)[];
}

/**
 * Per-call options.
 *
 * @example
 * ```ts
 * import type { CallOptions } from '@vigil/client';
 *
 * const options: CallOptions = { signal: AbortSignal.timeout(5_000) };
 * ```
 */
export interface CallOptions {
  /** Cancels this call. */
  readonly signal?: AbortSignal;
}

/**
 * One page of an objects, object or versions response, with the `X-TAXII-Date-Added-*` headers.
 * `items` is empty when the server answered `{}`.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type Page, type StixObject } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * const collection = await client.collection('https://taxii.example/api1/', '91a7b528-80eb-42ed-a74d-c6fbd5a26116');
 * const page: Page<StixObject> = await collection.getObjects({ limit: 10 });
 * console.log(page.items.length, page.more, page.next);
 * ```
 */
export interface Page<T> {
  readonly items: readonly T[];
  /** The URL this page was read from, query included. */
  readonly url: string;
  /** Whether the server has more after this page. */
  readonly more: boolean;
  /** The token for the next page, when the server sent one. */
  readonly next?: string;
  /** `X-TAXII-Date-Added-First`, absent on empty pages. */
  readonly dateAddedFirst?: string;
  /** `X-TAXII-Date-Added-Last`, absent on empty pages. */
  readonly dateAddedLast?: string;
}

/**
 * Options of {@link TaxiiCollection.addObjects}.
 *
 * @example
 * ```ts
 * import type { AddObjectsOptions } from '@vigil/client';
 *
 * const options: AddObjectsOptions = { wait: true, pollInterval: 500, timeout: 30_000 };
 * ```
 */
export interface AddObjectsOptions extends CallOptions {
  /**
   * Poll the status resource until it is `complete`.
   * @defaultValue true
   */
  readonly wait?: boolean;
  /**
   * Milliseconds between two polls.
   * @defaultValue 1000
   */
  readonly pollInterval?: number;
  /**
   * Milliseconds to wait for a final status before a {@link TimeoutError}.
   * @defaultValue 60000
   */
  readonly timeout?: number;
}

/**
 * A collection, with the operations TAXII 2.1 allows on it. Reads need `can_read`, writes `can_write`,
 * delete both; otherwise an {@link AccessError} is thrown and nothing is sent.
 *
 * @example
 * ```ts
 * import { createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * const collection = await client.collection('https://taxii.example/api1/', '91a7b528-80eb-42ed-a74d-c6fbd5a26116');
 * for await (const object of collection.objects({ match: { type: 'indicator' } })) console.log(object.id);
 * ```
 */
export interface TaxiiCollection {
  /** The collection resource as the server described it. */
  readonly info: Collection;
  /** The collection's URL, `{api-root}/collections/{id}/`. */
  readonly url: string;
  /** The URL of its API root. */
  readonly apiRoot: string;
  /** One page of objects. */
  getObjects(filters?: ObjectFilters, options?: CallOptions): Promise<Page<StixObject>>;
  /** Every page of objects, following `more`/`next` (or `X-TAXII-Date-Added-Last` when `next` is missing). */
  objectPages(filters?: ObjectFilters, options?: CallOptions): AsyncIterable<Page<StixObject>>;
  /** Every object, across pages. */
  objects(filters?: ObjectFilters, options?: CallOptions): AsyncIterable<StixObject>;
  /** One page of the versions of one object (`match.version` defaults to the last). */
  getObject(id: string, filters?: ObjectFilters, options?: CallOptions): Promise<Page<StixObject>>;
  /** Every version of one object that `filters` select (e.g. `match.version: 'all'`), across pages. */
  object(id: string, filters?: ObjectFilters, options?: CallOptions): AsyncIterable<StixObject>;
  /** One page of an object's version timestamps. */
  getVersions(id: string, filters?: ObjectFilters, options?: CallOptions): Promise<Page<string>>;
  /** All of an object's version timestamps, across pages. */
  versions(id: string, filters?: ObjectFilters, options?: CallOptions): AsyncIterable<string>;
  /** One page of the manifest. */
  getManifest(filters?: ObjectFilters, options?: CallOptions): Promise<Page<ManifestRecord>>;
  /** All manifest records, across pages. */
  manifest(filters?: ObjectFilters, options?: CallOptions): AsyncIterable<ManifestRecord>;
  /** Deletes an object (all versions, or those `match.version` selects). */
  deleteObject(id: string, filters?: Pick<ObjectFilters, 'match'>, options?: CallOptions): Promise<void>;
  /**
   * Adds objects (an array, or a whole envelope) and, by default, waits for the final status. When the
   * API root's information was read with {@link TaxiiClient.apiRoot}, an envelope larger than its
   * `max_content_length` is refused (`PAYLOAD_TOO_LARGE`) without a request.
   */
  addObjects(objects: readonly StixObject[] | Envelope, options?: AddObjectsOptions): Promise<Status>;
}

/**
 * A TAXII 2.1 client made by {@link createTaxiiClient}. API-root arguments may be absolute, or
 * relative to the discovery URL.
 *
 * @example
 * ```ts
 * import { createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * const discovery = await client.discover();
 * const root = discovery.default ?? discovery.api_roots?.[0];
 * if (root) console.log((await client.collections(root)).map((c) => c.info.title));
 * ```
 */
export interface TaxiiClient {
  /** The discovery URL, with its trailing slash. */
  readonly url: string;
  /** Reads the discovery resource; `default` and `api_roots` come back as absolute URLs. */
  discover(options?: CallOptions): Promise<Discovery>;
  /** Reads an API root's information (and remembers its `max_content_length`). */
  apiRoot(apiRoot: string, options?: CallOptions): Promise<ApiRoot>;
  /** Lists the collections of an API root (empty when the server answers `{}`). */
  collections(apiRoot: string, options?: CallOptions): Promise<TaxiiCollection[]>;
  /** Reads one collection. */
  collection(apiRoot: string, id: string, options?: CallOptions): Promise<TaxiiCollection>;
  /** Reads a status resource once. */
  status(apiRoot: string, id: string, options?: CallOptions): Promise<Status>;
}

const MEDIA = { mediaTypes: ['application/taxii+json'], taxii: true } as const;
const STIX_ID = /^[a-z0-9][a-z0-9-]*[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function checkId(id: string, what: string): string {
  if (!STIX_ID.test(id)) {
    throw new VigilError(
      'INVALID_INPUT',
      `${what} must be a STIX identifier such as indicator--<uuid>, got '${id}'`,
    );
  }
  return encodeURIComponent(id);
}

function checkCollectionId(id: string): string {
  if (id === '' || id === '.' || id === '..') {
    throw new VigilError('INVALID_INPUT', `'${id}' is not a collection id`);
  }
  return encodeURIComponent(id);
}

function withParams(url: string, params: URLSearchParams): string {
  const query = params.toString();
  return query === '' ? url : `${url}?${query}`;
}

/**
 * Creates a TAXII 2.1 client. Every request sends `Accept: application/taxii+json;version=2.1`,
 * every response is checked for that media type and validated, idempotent requests are retried with
 * backoff, and every failure is a typed error ({@link HttpError}, {@link TimeoutError},
 * {@link NetworkError}, {@link InvalidResponseError}, {@link AccessError}).
 *
 * @param options - The discovery URL and transport options.
 * @returns A {@link TaxiiClient}; no request is sent until a method is called.
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` when the URL or an option is invalid.
 *
 * @example
 * ```ts
 * import { createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({
 *   url: 'https://taxii.example/taxii2/',
 *   auth: { username: 'analyst', password: 'correct horse' },
 *   timeout: 10_000,
 * });
 * const { api_roots = [] } = await client.discover();
 * for (const root of api_roots) {
 *   for (const collection of await client.collections(root)) {
 *     if (!collection.info.can_read) continue;
 *     for await (const object of collection.objects({ match: { type: 'indicator' } })) console.log(object.id);
 *   }
 * }
 * ```
 */
export function createTaxiiClient(options: TaxiiClientOptions): TaxiiClient {
  let discoveryUrl: string;
  try {
    const parsed = new URL(options.url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    discoveryUrl = withSlash(parsed.href);
  } catch {
    throw new VigilError(
      'INVALID_INPUT',
      `url must be an absolute http(s) URL, got '${String(options.url)}'`,
    );
  }
  const transport = createTransport({
    ...options,
    credentialOrigins: [discoveryUrl, ...(options.trustedOrigins ?? []).map(String)],
  });
  /** API-root information read so far, by URL: its `max_content_length` is checked before a POST. */
  const rootInfo = new Map<string, ApiRoot>();

  function resolve(url: string): string {
    try {
      return withSlash(new URL(url, discoveryUrl).href);
    } catch {
      throw new VigilError('INVALID_INPUT', `'${url}' is not a valid URL`);
    }
  }

  async function get(url: string, signal: AbortSignal | undefined): Promise<RawResponse> {
    return transport.send({ method: 'GET', url, headers: { Accept: TAXII_MEDIA_TYPE }, signal });
  }

  async function getResource<S extends z.ZodType>(
    url: string,
    schema: S,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    return parseResponse(await get(url, signal), schema, MEDIA);
  }

  function pageOf<T>(
    raw: RawResponse,
    more: boolean | undefined,
    next: string | undefined,
    items: readonly T[] | undefined,
  ): Page<T> {
    const first = raw.headers.get('x-taxii-date-added-first');
    const last = raw.headers.get('x-taxii-date-added-last');
    return {
      items: items ?? [],
      url: raw.url,
      more: more === true,
      ...(next === undefined || next === '' ? {} : { next }),
      ...(first === null ? {} : { dateAddedFirst: first }),
      ...(last === null ? {} : { dateAddedLast: last }),
    };
  }

  function makeCollection(apiRoot: string, info: Collection): TaxiiCollection {
    const url = `${apiRoot}collections/${encodeURIComponent(info.id)}/`;
    const need = (operation: 'read' | 'write'): void => {
      if (operation === 'read' ? !info.can_read : !info.can_write) {
        throw new AccessError({ collection: info.id, operation });
      }
    };

    async function fetchObjects(
      path: string,
      filters: ObjectFilters | undefined,
      signal?: AbortSignal,
    ): Promise<Page<StixObject>> {
      need('read');
      const raw = await get(withParams(`${url}${path}`, filtersToSearchParams(filters)), signal);
      const envelope = parseResponse(raw, EnvelopeSchema, MEDIA);
      return pageOf(raw, envelope.more, envelope.next, envelope.objects);
    }

    async function fetchVersions(
      id: string,
      filters: ObjectFilters | undefined,
      signal?: AbortSignal,
    ): Promise<Page<string>> {
      need('read');
      const raw = await get(
        withParams(`${url}objects/${checkId(id, 'id')}/versions/`, filtersToSearchParams(filters)),
        signal,
      );
      const versions = parseResponse(raw, VersionsSchema, MEDIA);
      return pageOf(raw, versions.more, versions.next, versions.versions);
    }

    async function fetchManifest(
      filters: ObjectFilters | undefined,
      signal?: AbortSignal,
    ): Promise<Page<ManifestRecord>> {
      need('read');
      const raw = await get(withParams(`${url}manifest/`, filtersToSearchParams(filters)), signal);
      const manifest = parseResponse(raw, ManifestSchema, MEDIA);
      return pageOf(raw, manifest.more, manifest.next, manifest.objects);
    }

    async function pollStatus(first: Status, addOptions: AddObjectsOptions): Promise<Status> {
      const interval = addOptions.pollInterval ?? 1000;
      const limit = addOptions.timeout ?? 60_000;
      const statusUrl = `${apiRoot}status/${encodeURIComponent(first.id)}/`;
      const deadline = Date.now() + limit;
      let status = first;
      while (status.status !== 'complete') {
        if (Date.now() + interval > deadline) {
          throw new TimeoutError({
            url: statusUrl,
            timeout: limit,
            what: `Waiting for status ${first.id} to be complete`,
          });
        }
        await new Promise<void>((resolveWait, reject) => {
          const signal = addOptions.signal;
          const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolveWait();
          }, interval);
          const onAbort = (): void => {
            clearTimeout(timer);
            reject(abortedError('GET', statusUrl, signal?.reason));
          };
          if (signal?.aborted) onAbort();
          else signal?.addEventListener('abort', onAbort, { once: true });
        });
        status = await getResource(statusUrl, StatusSchema, addOptions.signal);
      }
      return status;
    }

    return {
      info,
      url,
      apiRoot,
      getObjects: (filters, call) => fetchObjects('objects/', filters, call?.signal),
      objectPages: (filters, call) => paginate((f) => fetchObjects('objects/', f, call?.signal), filters),
      objects: (filters, call) =>
        flatten(paginate((f) => fetchObjects('objects/', f, call?.signal), filters)),
      getObject: async (id, filters, call) =>
        fetchObjects(`objects/${checkId(id, 'id')}/`, filters, call?.signal),
      object: (id, filters, call) =>
        flatten(paginate((f) => fetchObjects(`objects/${checkId(id, 'id')}/`, f, call?.signal), filters)),
      getVersions: (id, filters, call) => fetchVersions(id, filters, call?.signal),
      versions: (id, filters, call) => flatten(paginate((f) => fetchVersions(id, f, call?.signal), filters)),
      getManifest: (filters, call) => fetchManifest(filters, call?.signal),
      manifest: (filters, call) => flatten(paginate((f) => fetchManifest(f, call?.signal), filters)),
      async deleteObject(id, filters, call) {
        need('read');
        need('write');
        const target = withParams(
          `${url}objects/${checkId(id, 'id')}/`,
          filtersToSearchParams(filters ?? {}),
        );
        const raw = await transport.send({
          method: 'DELETE',
          url: target,
          headers: { Accept: TAXII_MEDIA_TYPE },
          signal: call?.signal,
        });
        if (raw.status < 200 || raw.status > 299) parseResponse(raw, EnvelopeSchema, MEDIA);
      },
      async addObjects(objects, addOptions = {}) {
        need('write');
        const envelope: Envelope = Array.isArray(objects) ? { objects } : (objects as Envelope);
        const list = envelope.objects ?? [];
        list.forEach((object, index) => {
          if (typeof object?.type !== 'string' || typeof object.id !== 'string') {
            throw new VigilError('INVALID_INPUT', `objects[${index}] must have a string type and id`);
          }
          checkId(object.id, `objects[${index}].id`);
        });
        const body = JSON.stringify(envelope);
        const max = rootInfo.get(apiRoot)?.max_content_length;
        const size = new TextEncoder().encode(body).byteLength;
        if (max !== undefined && max > 0 && size > max) {
          throw new VigilError(
            'PAYLOAD_TOO_LARGE',
            `The envelope is ${size} bytes; the API root accepts at most ${max} (max_content_length). Send fewer objects per request.`,
          );
        }
        const raw = await transport.send({
          method: 'POST',
          url: `${url}objects/`,
          headers: { Accept: TAXII_MEDIA_TYPE, 'Content-Type': TAXII_MEDIA_TYPE },
          body,
          signal: addOptions.signal,
        });
        const status = parseResponse(raw, StatusSchema, MEDIA);
        if (addOptions.wait === false) return status;
        return pollStatus(status, addOptions);
      },
    };
  }

  return {
    url: discoveryUrl,
    async discover(call) {
      const discovery = await getResource(discoveryUrl, DiscoverySchema, call?.signal);
      return {
        ...discovery,
        ...(discovery.default === undefined ? {} : { default: resolve(discovery.default) }),
        ...(discovery.api_roots === undefined ? {} : { api_roots: discovery.api_roots.map(resolve) }),
      };
    },
    async apiRoot(root, call) {
      const url = resolve(root);
      const info = await getResource(url, ApiRootSchema, call?.signal);
      rootInfo.set(url, info);
      return info;
    },
    async collections(root, call) {
      const base = resolve(root);
      const result = await getResource(`${base}collections/`, CollectionsSchema, call?.signal);
      return (result.collections ?? []).map((info) => makeCollection(base, info));
    },
    async collection(root, id, call) {
      const base = resolve(root);
      const raw = await get(`${base}collections/${checkCollectionId(id)}/`, call?.signal);
      const info = parseResponse(raw, CollectionSchema, MEDIA);
      if (info.id !== id) {
        throw invalid(raw, [
          { code: 'ID_MISMATCH', path: ['id'], message: `asked for collection '${id}', got '${info.id}'` },
        ]);
      }
      return makeCollection(base, info);
    },
    status: async (root, id, call) =>
      getResource(`${resolve(root)}status/${checkCollectionId(id)}/`, StatusSchema, call?.signal),
  };
}

/** How many times in a row an empty page may send the client back to the same position. */
const MAX_EMPTY_REPEATS = 3;

function paginationError(
  page: Page<unknown>,
  code: string,
  path: string,
  message: string,
): InvalidResponseError {
  return new InvalidResponseError({
    method: 'GET',
    url: page.url,
    status: 200,
    contentType: TAXII_MEDIA_TYPE,
    issues: [{ code, path: [path], message }],
  });
}

/**
 * Follows `more`/`next`; when a page says `more` without `next`, asks again with `added_after` set to
 * that page's `X-TAXII-Date-Added-Last`, as TAXII 2.1 prescribes. An empty page with `more` (which TAXII
 * allows) may send the client back to the same position a few times. Stops with an
 * {@link InvalidResponseError} when the server gives no way forward, or when a page with objects points
 * back to a position already read (which would repeat objects or loop forever).
 */
async function* paginate<T>(
  fetchPage: (filters: ObjectFilters) => Promise<Page<T>>,
  filters: ObjectFilters = {},
): AsyncGenerator<Page<T>> {
  let current: ObjectFilters = filters;
  let currentKey = 'start';
  const visits = new Map<string, number>([[currentKey, 1]]);
  for (;;) {
    const page = await fetchPage(current);
    yield page;
    if (!page.more) return;
    let key: string;
    let following: ObjectFilters;
    if (page.next !== undefined) {
      following = { ...filters, next: page.next };
      key = `next:${page.next}`;
    } else if (page.dateAddedLast !== undefined) {
      if (!isTaxiiTimestamp(page.dateAddedLast)) {
        throw paginationError(
          page,
          'INVALID_HEADER',
          'X-TAXII-Date-Added-Last',
          `'${page.dateAddedLast}' is not a TAXII timestamp, so it cannot be sent as added_after`,
        );
      }
      const { next: _dropped, ...rest } = filters;
      following = { ...rest, addedAfter: page.dateAddedLast };
      key = `added_after:${page.dateAddedLast}`;
    } else if (page.items.length === 0) {
      following = current;
      key = currentKey;
    } else {
      throw paginationError(
        page,
        'PAGINATION_STUCK',
        'more',
        'the server said more: true but sent neither next nor X-TAXII-Date-Added-Last, so the next page cannot be asked for',
      );
    }
    const visited = visits.get(key) ?? 0;
    if ((visited > 0 && page.items.length > 0) || visited > MAX_EMPTY_REPEATS) {
      throw paginationError(
        page,
        'PAGINATION_LOOP',
        'next',
        `the server sent the client back to a position it had read (${key})`,
      );
    }
    visits.set(key, visited + 1);
    current = following;
    currentKey = key;
  }
}

async function* flatten<T>(pages: AsyncIterable<Page<T>>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.items;
}
