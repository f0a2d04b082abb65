/**
 * The typed errors of `@vigil/client`. Every one extends `VigilError` from `@vigil/core`, so
 * `isVigilError` recognises them; each subclass only adds data about the request that failed.
 */
import { VigilError } from '@vigil/core';

/**
 * The HTTP methods the clients send.
 *
 * @example
 * ```ts
 * import { HttpError, type HttpMethod } from '@vigil/client';
 *
 * function describe(error: HttpError): string {
 *   const method: HttpMethod = error.method;
 *   return `${method} ${error.url} → ${error.status}`;
 * }
 * ```
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/**
 * Every code an error thrown by `@vigil/client` can carry (besides `INVALID_DATASET` from `@vigil/core`).
 *
 * @example
 * ```ts
 * import { isVigilError } from '@vigil/core';
 * import type { ClientErrorCode } from '@vigil/client';
 *
 * function isTransient(error: unknown): boolean {
 *   const transient: ClientErrorCode[] = ['TIMEOUT', 'NETWORK_ERROR'];
 *   return isVigilError(error) && transient.includes(error.code as ClientErrorCode);
 * }
 * ```
 */
export type ClientErrorCode =
  | 'HTTP_ERROR'
  | 'CONFLICT'
  | 'TIMEOUT'
  | 'NETWORK_ERROR'
  | 'INVALID_RESPONSE'
  | 'ACCESS_DENIED'
  | 'ABORTED'
  | 'INVALID_INPUT'
  | 'PAYLOAD_TOO_LARGE';

/**
 * One problem found while validating a response body: where it is and what is wrong.
 *
 * @example
 * ```ts
 * import type { ResponseIssue } from '@vigil/client';
 *
 * const issue: ResponseIssue = { code: 'invalid_type', path: ['objects', 1, 'id'], message: 'Invalid input: expected string' };
 * ```
 */
export interface ResponseIssue {
  /** A stable code, e.g. zod's `invalid_type`, or `NOT_JSON`, `WRONG_MEDIA_TYPE`. */
  readonly code: string;
  /** JSON path into the response body; empty for the body as a whole. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** HTTP status codes a request is retried on when it is idempotent. */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The server answered with a status outside 2xx. Carries the TAXII error resource's
 * `title` and `description` (or an RFC 9457 problem's `title` and `detail`) when the body had one.
 *
 * @example
 * ```ts
 * import { HttpError, createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * try {
 *   await client.discover();
 * } catch (error) {
 *   if (error instanceof HttpError) console.error(error.status, error.title, error.description);
 * }
 * ```
 */
export class HttpError extends VigilError {
  override name = 'HttpError';
  /** The HTTP status code. */
  readonly status: number;
  readonly method: HttpMethod;
  readonly url: string;
  /** The error resource's `title`, when the body was a TAXII error or a problem document. */
  readonly title?: string;
  /** The error resource's `description` (TAXII) or `detail` (RFC 9457). */
  readonly description?: string;
  /** The TAXII `error_code` or problem `type`, when present. */
  readonly errorCode?: string;
  /** The raw body, cut to 2,000 characters. */
  readonly body: string;
  /** Whether the same request may succeed if sent again (408, 429, 500, 502, 503, 504). */
  readonly isRetryable: boolean;
  constructor(options: {
    status: number;
    method: HttpMethod;
    url: string;
    body: string;
    title?: string | undefined;
    description?: string | undefined;
    errorCode?: string | undefined;
    code?: ClientErrorCode;
  }) {
    const detail = options.title
      ? `: ${options.title}${options.description ? ` (${options.description})` : ''}`
      : '';
    super(
      options.code ?? 'HTTP_ERROR',
      `Request failed with status ${options.status}: ${options.method} ${options.url}${detail}`,
    );
    this.status = options.status;
    this.method = options.method;
    this.url = options.url;
    this.body = options.body.slice(0, 2000);
    if (options.title !== undefined) this.title = options.title;
    if (options.description !== undefined) this.description = options.description;
    if (options.errorCode !== undefined) this.errorCode = options.errorCode;
    this.isRetryable = RETRYABLE_STATUS.has(options.status);
  }
}

/**
 * An update was refused because the record changed since it was read (HTTP 409 or 412):
 * re-read it, re-apply the change and send it with the new revision.
 *
 * @example
 * ```ts
 * import { ConflictError, createRegistryClient } from '@vigil/client';
 *
 * const registry = createRegistryClient({ url: 'https://registry.example', apiKey: 'lab-secret-1' });
 * const current = await registry.getCase('dataset--example');
 * try {
 *   await registry.updateCase(current.id, { revision: current.revision, dataset: { ...current.dataset, title: 'Renamed' } });
 * } catch (error) {
 *   if (error instanceof ConflictError) console.error('stale revision', error.status);
 * }
 * ```
 */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
}

/**
 * The request, or reading its response, took longer than the `timeout` option allowed.
 *
 * @example
 * ```ts
 * import { TimeoutError, createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/', timeout: 5_000 });
 * try {
 *   await client.discover();
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.error(`gave up after ${error.timeout} ms`);
 * }
 * ```
 */
export class TimeoutError extends VigilError {
  override name = 'TimeoutError';
  readonly method: HttpMethod | undefined;
  readonly url: string;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeout: number;
  constructor(options: { method?: HttpMethod; url: string; timeout: number; what?: string }) {
    super(
      'TIMEOUT',
      `${options.what ?? 'Request'} timed out after ${options.timeout} ms: ${options.method ? `${options.method} ` : ''}${options.url}`,
    );
    this.method = options.method;
    this.url = options.url;
    this.timeout = options.timeout;
  }
}

/**
 * The connection failed: refused, reset, DNS failure, or dropped in the middle of the response.
 * The transport's own exception is kept as `cause`.
 *
 * @example
 * ```ts
 * import { NetworkError, createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'http://127.0.0.1:9/taxii2/' });
 * try {
 *   await client.discover();
 * } catch (error) {
 *   if (error instanceof NetworkError) console.error(error.message, error.cause);
 * }
 * ```
 */
export class NetworkError extends VigilError {
  override name = 'NetworkError';
  readonly method: HttpMethod;
  readonly url: string;
  constructor(options: { method: HttpMethod; url: string; cause: unknown }) {
    super(
      'NETWORK_ERROR',
      `Network error: ${options.method} ${options.url}: ${describeCause(options.cause)}`,
      {
        cause: options.cause,
      },
    );
    this.method = options.method;
    this.url = options.url;
  }
}

/**
 * The server answered 2xx but the response is not what the protocol requires: the wrong media type,
 * not JSON (an HTML page), or JSON that does not match the resource's schema. `issues` says where.
 *
 * @example
 * ```ts
 * import { InvalidResponseError, createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * try {
 *   await client.discover();
 * } catch (error) {
 *   if (error instanceof InvalidResponseError) {
 *     for (const issue of error.issues) console.error(issue.code, issue.path.join('.'), issue.message);
 *   }
 * }
 * ```
 */
export class InvalidResponseError extends VigilError {
  override name = 'InvalidResponseError';
  readonly method: HttpMethod;
  readonly url: string;
  readonly status: number;
  /** The response's `Content-Type`, or `''` when it had none. */
  readonly contentType: string;
  readonly issues: readonly ResponseIssue[];
  constructor(options: {
    method: HttpMethod;
    url: string;
    status: number;
    contentType: string;
    issues: readonly ResponseIssue[];
  }) {
    const first = options.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    super(
      'INVALID_RESPONSE',
      `Invalid response to ${options.method} ${options.url}${first ? `${where}: ${first.message}` : ''}${
        options.issues.length > 1 ? ` (and ${options.issues.length - 1} more issues)` : ''
      }`,
    );
    this.method = options.method;
    this.url = options.url;
    this.status = options.status;
    this.contentType = options.contentType;
    this.issues = options.issues;
  }
}

/**
 * The collection does not allow the operation (`can_read` or `can_write` is false), so no request
 * was sent.
 *
 * @example
 * ```ts
 * import { AccessError, createTaxiiClient } from '@vigil/client';
 *
 * const client = createTaxiiClient({ url: 'https://taxii.example/taxii2/' });
 * const collection = await client.collection('https://taxii.example/api1/', '91a7b528-80eb-42ed-a74d-c6fbd5a26116');
 * try {
 *   await collection.addObjects([]);
 * } catch (error) {
 *   if (error instanceof AccessError) console.error(`${error.operation} is not allowed`);
 * }
 * ```
 */
export class AccessError extends VigilError {
  override name = 'AccessError';
  /** The collection's id. */
  readonly collection: string;
  /** What was refused. */
  readonly operation: 'read' | 'write';
  constructor(options: { collection: string; operation: 'read' | 'write' }) {
    super(
      'ACCESS_DENIED',
      `Collection ${options.collection} does not allow ${options.operation === 'read' ? 'reading (can_read is false)' : 'writing (can_write is false)'}; no request was sent`,
    );
    this.collection = options.collection;
    this.operation = options.operation;
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    const innerText = inner instanceof Error ? `: ${(inner as { code?: string }).code ?? inner.message}` : '';
    return `${cause.message}${innerText}`;
  }
  return String(cause);
}
