/**
 * Options shared by every client in this package: authentication, timeouts, retries, cancellation.
 */

/**
 * HTTP Basic credentials, sent as `Authorization: Basic …`.
 *
 * @example
 * ```ts
 * import type { BasicAuth } from '@vigil/client';
 *
 * const auth: BasicAuth = { username: 'analyst', password: 'correct horse' };
 * ```
 */
export interface BasicAuth {
  readonly username: string;
  readonly password: string;
}

/**
 * A bearer token, sent as `Authorization: Bearer <token>`.
 *
 * @example
 * ```ts
 * import type { TokenAuth } from '@vigil/client';
 *
 * const auth: TokenAuth = { token: 'k-123' };
 * ```
 */
export interface TokenAuth {
  readonly token: string;
}

/**
 * How a client authenticates: HTTP Basic or a bearer token. For any other scheme, set the
 * `Authorization` header through the `headers` option instead.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type Auth } from '@vigil/client';
 *
 * const auth: Auth = { username: 'analyst', password: 'correct horse' };
 * createTaxiiClient({ url: 'https://taxii.example/taxii2/', auth });
 * ```
 */
export type Auth = BasicAuth | TokenAuth;

/**
 * When and how often an idempotent request (GET, HEAD, PUT, DELETE) is sent again. POST is never retried.
 * A request is retried on a network error (including a connection dropped mid-response) and on the
 * listed status codes, waiting an exponential backoff with jitter, or the server's `Retry-After`.
 *
 * @example
 * ```ts
 * import { createTaxiiClient } from '@vigil/client';
 *
 * createTaxiiClient({ url: 'https://taxii.example/taxii2/', retry: { limit: 4, delay: 500 } });
 * ```
 */
export interface RetryOptions {
  /**
   * How many times a request is sent again after the first attempt.
   * @defaultValue 2
   */
  readonly limit?: number;
  /**
   * The first backoff in milliseconds; it doubles on every retry.
   * @defaultValue 300
   */
  readonly delay?: number;
  /**
   * The longest backoff in milliseconds.
   * @defaultValue 10000
   */
  readonly backoffLimit?: number;
  /**
   * Status codes worth retrying.
   * @defaultValue [408, 429, 500, 502, 503, 504]
   */
  readonly statusCodes?: readonly number[];
  /**
   * A `Retry-After` longer than this (milliseconds) is not waited for: the error is thrown instead.
   * @defaultValue 60000
   */
  readonly maxRetryAfter?: number;
}

/**
 * The transport options every client in this package accepts.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type HttpOptions } from '@vigil/client';
 *
 * const http: HttpOptions = { timeout: 10_000, retry: 3, headers: { 'X-Org': 'lab.example' } };
 * createTaxiiClient({ url: 'https://taxii.example/taxii2/', ...http });
 * ```
 */
export interface HttpOptions {
  /** Credentials sent with every request. */
  readonly auth?: Auth;
  /** Extra headers sent with every request (an `Authorization` here wins over `auth`). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Milliseconds allowed for one attempt, from sending the request to reading the last byte of the body.
   * @defaultValue 30000
   */
  readonly timeout?: number;
  /**
   * Retries for idempotent requests: a count, or {@link RetryOptions}.
   * @defaultValue 2
   */
  readonly retry?: number | RetryOptions;
  /** Cancels every request of this client when aborted. Each call can take its own signal too. */
  readonly signal?: AbortSignal;
  /**
   * The largest response body read, in bytes. A larger one is an `InvalidResponseError`
   * (`RESPONSE_TOO_LARGE`) and the connection is closed. `updateFeeds` defaults to 256 MiB.
   * @defaultValue 67108864 (64 MiB)
   */
  readonly maxResponseBytes?: number;
}
