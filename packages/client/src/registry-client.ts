/**
 * A typed client for the Vigil registry's case API (`/api/v1/cases`): create, read, update with
 * optimistic concurrency, list and search cases as `@vigil/core` datasets.
 */
import {
  type DatasetInput,
  DatasetSchema,
  type EvidenceLevel,
  EvidenceLevelSchema,
  parseDataset,
  RecordIdSchema,
  type Tlp,
  TlpSchema,
  VigilError,
} from '@vigil/core';
import { z } from 'zod';
import type { HttpOptions } from './http-options.js';
import { fillPath, REGISTRY_OPERATIONS, type RegistryOperationName } from './internal/registry-operations.js';
import { parseResponse } from './internal/response.js';
import { createTransport, type RawResponse } from './internal/transport.js';
import type { CallOptions } from './taxii-client.js';

/**
 * A case as the registry serves it: the dataset (filtered for the caller's organisation) with the
 * registry's bookkeeping. `revision` is what {@link RegistryClient.updateCase} must send back.
 *
 * @example
 * ```ts
 * import { createRegistryClient, type CaseRecord } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const found: CaseRecord = await registry.getCase('dataset--example');
 * console.log(found.revision, found.dataset.title, found.withheld);
 * ```
 */
export const CaseRecordSchema = z.object({
  id: RecordIdSchema,
  organization: z.string().min(1),
  revision: z.number().int().positive(),
  created: z.string(),
  updated: z.string(),
  /** Records left out of this view because of their TLP marking. */
  withheld: z.number().int().nonnegative(),
  /** Sensitive fields removed from this view. */
  redactedFields: z.number().int().nonnegative(),
  dataset: DatasetSchema,
});
/**
 * A case as served, see {@link CaseRecordSchema}.
 *
 * @example
 * ```ts
 * import { createRegistryClient, type CaseRecord } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const found: CaseRecord = await registry.getCase('dataset--example');
 * ```
 */
export type CaseRecord = z.infer<typeof CaseRecordSchema>;

/**
 * One case in a list or a search result.
 *
 * @example
 * ```ts
 * import { CaseSummarySchema } from '@vigil/client';
 *
 * CaseSummarySchema.parse({
 *   id: 'dataset--example', title: 'Example case', organization: 'organization--lab', revision: 1,
 *   updated: '2026-01-01T00:00:00.000Z', tlp: 'amber', countries: [], levels: [],
 * });
 * ```
 */
export const CaseSummarySchema = z.object({
  id: RecordIdSchema,
  title: z.string(),
  organization: z.string().min(1),
  revision: z.number().int().positive(),
  updated: z.string(),
  tlp: TlpSchema,
  countries: z.array(z.string()),
  levels: z.array(EvidenceLevelSchema),
});
/**
 * A case in a list, see {@link CaseSummarySchema}.
 *
 * @example
 * ```ts
 * import { createRegistryClient, type CaseSummary } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const first: CaseSummary | undefined = (await registry.listCases()).items[0];
 * ```
 */
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/**
 * A page of cases; `next` is absent on the last page.
 *
 * @example
 * ```ts
 * import { CasePageSchema } from '@vigil/client';
 *
 * CasePageSchema.parse({ items: [] });
 * ```
 */
export const CasePageSchema = z.object({
  items: z.array(CaseSummarySchema),
  next: z.string().optional(),
});
/**
 * A page of cases, see {@link CasePageSchema}.
 *
 * @example
 * ```ts
 * import { createRegistryClient, type CasePage } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const page: CasePage = await registry.listCases({ limit: 20 });
 * ```
 */
export type CasePage = z.infer<typeof CasePageSchema>;

/**
 * Paging options of {@link RegistryClient.listCases}.
 *
 * @example
 * ```ts
 * import type { CaseListOptions } from '@vigil/client';
 *
 * const options: CaseListOptions = { limit: 20 };
 * ```
 */
export interface CaseListOptions extends CallOptions {
  /** The most cases per page; the server may send fewer. */
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly next?: string;
}

/**
 * Search criteria of {@link RegistryClient.searchCases}; all given criteria must hold.
 *
 * @example
 * ```ts
 * import type { CaseQuery } from '@vigil/client';
 *
 * const query: CaseQuery = { q: 'pegasus', country: 'HU', level: 'targeted' };
 * ```
 */
export interface CaseQuery extends CaseListOptions {
  /** Case-insensitive text in the records the caller can see. */
  readonly q?: string;
  /** An ISO 3166-1 alpha-2 country code. */
  readonly country?: string;
  /** An evidence level claimed by a targeting assessment. */
  readonly level?: EvidenceLevel;
  /** The case-level TLP. */
  readonly tlp?: Tlp;
}

/**
 * Options of {@link createRegistryClient}.
 *
 * @example
 * ```ts
 * import type { RegistryClientOptions } from '@vigil/client';
 *
 * const options: RegistryClientOptions = { url: 'https://registry.example', apiKey: 'lab-secret-1' };
 * ```
 */
export interface RegistryClientOptions extends Omit<HttpOptions, 'auth'> {
  /** The registry's base URL (the part before `/api/v1/`). */
  readonly url: string | URL;
  /** The API key, sent as `Authorization: Bearer <key>`. */
  readonly apiKey: string;
}

/**
 * The case API, made by {@link createRegistryClient}.
 *
 * @example
 * ```ts
 * import { ConflictError, createRegistryClient } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const current = await registry.getCase('dataset--example');
 * try {
 *   await registry.updateCase(current.id, { revision: current.revision, dataset: { ...current.dataset, title: 'New title' } });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.error('someone else updated it first; read it again');
 * }
 * ```
 */
export interface RegistryClient {
  /** Validates the dataset with `@vigil/core`, then creates the case. */
  createCase(dataset: DatasetInput, options?: CallOptions): Promise<CaseRecord>;
  /** Reads one case (as the caller's organisation may see it). */
  getCase(id: string, options?: CallOptions): Promise<CaseRecord>;
  /**
   * Replaces a case's dataset if it is still at `revision` (sent as `If-Match`). A stale revision is a
   * {@link ConflictError}: nothing is merged.
   */
  updateCase(
    id: string,
    update: { revision: number; dataset: DatasetInput },
    options?: CallOptions,
  ): Promise<CaseRecord>;
  /** One page of cases, by ascending id. */
  listCases(options?: CaseListOptions): Promise<CasePage>;
  /** One page of the cases matching `query`. */
  searchCases(query: CaseQuery): Promise<CasePage>;
  /** Every case matching `query` (every case without one), following `next`. */
  cases(query?: CaseQuery): AsyncIterable<CaseSummary>;
  /** The OpenAPI 3.1 document the server publishes. */
  openApi(options?: CallOptions): Promise<Record<string, unknown>>;
}

const JSON_MEDIA = { mediaTypes: ['application/json'], conflict: true } as const;

/**
 * Creates a client for the registry's case API. Every response is validated (cases with
 * `@vigil/core`'s schema), every error is typed: {@link HttpError} with the RFC 9457 problem's title
 * and detail, {@link ConflictError} on a stale revision (409/412), {@link TimeoutError},
 * {@link NetworkError}, {@link InvalidResponseError}.
 *
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` on a bad URL or an empty key.
 *
 * @example
 * ```ts
 * import { createRegistryClient } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const created = await registry.createCase({
 *   schemaVersion: '1.0', id: 'dataset--example', title: 'Example case', marking: { tlp: 'amber' },
 * });
 * for await (const summary of registry.cases({ country: 'HU' })) console.log(summary.id, summary.title);
 * ```
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  let base: string;
  try {
    const parsed = new URL(options.url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    base = parsed.href.replace(/\/+$/, '');
  } catch {
    throw new VigilError(
      'INVALID_INPUT',
      `url must be an absolute http(s) URL, got '${String(options.url)}'`,
    );
  }
  if (typeof options.apiKey !== 'string' || options.apiKey === '') {
    throw new VigilError('INVALID_INPUT', 'apiKey must be a non-empty string');
  }
  const transport = createTransport({ ...options, auth: { token: options.apiKey } });

  async function call(
    name: RegistryOperationName,
    init: {
      params?: Record<string, string>;
      query?: URLSearchParams;
      body?: unknown;
      headers?: Record<string, string>;
      signal?: AbortSignal | undefined;
    },
  ): Promise<RawResponse> {
    const operation = REGISTRY_OPERATIONS[name];
    const query = init.query?.toString() ?? '';
    const url = `${base}${fillPath(operation.path, init.params ?? {})}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json',
      ...init.headers,
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return transport.send({
      method: operation.method,
      url,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: init.signal,
    });
  }

  function checkId(id: string): string {
    if (!RecordIdSchema.safeParse(id).success) {
      throw new VigilError(
        'INVALID_INPUT',
        `'${id}' is not a case id (expected something like dataset--name)`,
      );
    }
    return id;
  }

  function queryOf(query: CaseQuery, names: Readonly<Record<string, string>>): URLSearchParams {
    const params = new URLSearchParams();
    if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1)) {
      throw new VigilError('INVALID_INPUT', `limit must be a positive integer, got ${String(query.limit)}`);
    }
    for (const [option, parameter] of Object.entries(names)) {
      const value = (query as Record<string, unknown>)[option];
      if (value !== undefined) params.set(parameter, String(value));
    }
    return params;
  }

  async function page(name: 'listCases' | 'searchCases', query: CaseQuery): Promise<CasePage> {
    const raw = await call(name, {
      query: queryOf(query, REGISTRY_OPERATIONS[name].query),
      signal: query.signal,
    });
    return parseResponse(raw, CasePageSchema, JSON_MEDIA);
  }

  return {
    async createCase(dataset, call_) {
      const valid = parseDataset(dataset);
      const raw = await call('createCase', { body: valid, signal: call_?.signal });
      return parseResponse(raw, CaseRecordSchema, JSON_MEDIA);
    },
    async getCase(id, call_) {
      const raw = await call('getCase', { params: { id: checkId(id) }, signal: call_?.signal });
      return parseResponse(raw, CaseRecordSchema, JSON_MEDIA);
    },
    async updateCase(id, update, call_) {
      checkId(id);
      if (!Number.isInteger(update.revision) || update.revision < 1) {
        throw new VigilError(
          'INVALID_INPUT',
          `revision must be a positive integer, got ${String(update.revision)}`,
        );
      }
      const valid = parseDataset(update.dataset);
      if (valid.id !== id) {
        throw new VigilError('INVALID_INPUT', `the dataset's id '${valid.id}' is not the case id '${id}'`);
      }
      const raw = await call('updateCase', {
        params: { id },
        body: valid,
        headers: { 'If-Match': `"${update.revision}"` },
        signal: call_?.signal,
      });
      return parseResponse(raw, CaseRecordSchema, JSON_MEDIA);
    },
    listCases: async (listOptions = {}) => page('listCases', listOptions),
    searchCases: async (query) => page('searchCases', query),
    async *cases(query = {}) {
      const name = Object.keys(query).some((k) => !['limit', 'next', 'signal'].includes(k))
        ? 'searchCases'
        : 'listCases';
      const seen = new Set<string>();
      let current: CaseQuery = query;
      for (;;) {
        const result = await page(name, current);
        yield* result.items;
        if (result.next === undefined) return;
        if (seen.has(result.next)) {
          throw new VigilError(
            'INVALID_RESPONSE',
            `The registry sent the same next cursor twice ('${result.next}')`,
          );
        }
        seen.add(result.next);
        current = { ...query, next: result.next };
      }
    },
    async openApi(call_) {
      const raw = await call('openApi', { signal: call_?.signal });
      return parseResponse(raw, z.record(z.string(), z.unknown()), { mediaTypes: ['application/json'] });
    },
  };
}
