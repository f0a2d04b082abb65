import { VigilError } from '@vigil/core';
import ky, { type KyInstance } from 'ky';
import { type HttpMethod, InvalidResponseError, NetworkError, TimeoutError } from '../errors.js';
import type { Auth, RetryOptions } from '../http-options.js';

/** What one HTTP exchange produced once its whole body was read. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The body's raw bytes. */
  readonly bytes: Uint8Array;
  readonly url: string;
  readonly method: HttpMethod;
}

export interface TransportOptions {
  readonly auth?: Auth | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly timeout?: number | undefined;
  readonly retry?: number | RetryOptions | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly maxResponseBytes?: number | undefined;
  /**
   * Origins that may receive credentials (`auth`, and `Authorization`, `Cookie` or `Proxy-Authorization`
   * from `headers`); requests to any other origin go without them. Unset: every origin.
   */
  readonly credentialOrigins?: readonly string[] | undefined;
}

export interface SendOptions {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface Transport {
  send(options: SendOptions): Promise<RawResponse>;
}

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization']);

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

const DEFAULT_RETRY_STATUS = [408, 429, 500, 502, 503, 504] as const;
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

interface ResolvedRetry {
  limit: number;
  delay: number;
  backoffLimit: number;
  statusCodes: ReadonlySet<number>;
  maxRetryAfter: number;
}

function resolveRetry(retry: number | RetryOptions | undefined): ResolvedRetry {
  const options: RetryOptions = typeof retry === 'number' ? { limit: retry } : (retry ?? {});
  const limit = options.limit ?? 2;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new VigilError('INVALID_INPUT', `retry.limit must be a non-negative integer, got ${String(limit)}`);
  }
  return {
    limit,
    delay: options.delay ?? 300,
    backoffLimit: options.backoffLimit ?? 10_000,
    statusCodes: new Set(options.statusCodes ?? DEFAULT_RETRY_STATUS),
    maxRetryAfter: options.maxRetryAfter ?? 60_000,
  };
}

function authHeader(auth: Auth | undefined): string | undefined {
  if (!auth) return undefined;
  if ('token' in auth) return `Bearer ${auth.token}`;
  const bytes = new TextEncoder().encode(`${auth.username}:${auth.password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from now. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads a body in chunks, stopping (and closing the connection) as soon as it exceeds `max` bytes. */
async function readBody(
  response: Response,
  max: number,
  send: SendOptions,
  controller: AbortController,
): Promise<Uint8Array> {
  const tooLarge = (): InvalidResponseError =>
    new InvalidResponseError({
      method: send.method,
      url: send.url,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      issues: [
        {
          code: 'RESPONSE_TOO_LARGE',
          path: [],
          message: `the response body exceeds maxResponseBytes (${max} bytes)`,
        },
      ],
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > max) {
    controller.abort(new Error('too large'));
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      controller.abort(new Error('too large'));
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export function abortedError(method: HttpMethod | undefined, url: string, reason: unknown): VigilError {
  return new VigilError('ABORTED', `Request aborted: ${method ? `${method} ` : ''}${url}`, { cause: reason });
}

/**
 * Sends requests with ky, reads the whole body inside the attempt (so a connection dropped mid-body
 * is a network error, retried like any other for idempotent methods), and turns every transport
 * failure into a typed error.
 */
export function createTransport(options: TransportOptions): Transport {
  const retry = resolveRetry(options.retry);
  const timeout = options.timeout ?? 30_000;
  if (!(timeout > 0) || !Number.isFinite(timeout)) {
    throw new VigilError(
      'INVALID_INPUT',
      `timeout must be a positive number of milliseconds, got ${String(timeout)}`,
    );
  }
  const maxBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new VigilError(
      'INVALID_INPUT',
      `maxResponseBytes must be a positive integer, got ${String(maxBytes)}`,
    );
  }
  const authorization = authHeader(options.auth);
  const credentialOrigins =
    options.credentialOrigins === undefined ? undefined : new Set(options.credentialOrigins.map(originOf));
  const http: KyInstance = ky.create({
    throwHttpErrors: false,
    retry: 0,
    timeout: false,
    redirect: 'follow',
  });

  async function attempt(send: SendOptions, signal: AbortSignal | undefined): Promise<RawResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeout);
    const signals = [controller.signal];
    if (signal) signals.push(signal);
    const combined = signals.length === 1 ? controller.signal : AbortSignal.any(signals);
    const trusted = credentialOrigins === undefined || credentialOrigins.has(originOf(send.url));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...options.headers, ...send.headers })) {
      if (!trusted && CREDENTIAL_HEADERS.has(name.toLowerCase())) continue;
      headers[name] = value;
    }
    if (
      trusted &&
      authorization &&
      !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')
    ) {
      headers.Authorization = authorization;
    }
    try {
      const response = await http(send.url, {
        method: send.method,
        headers,
        ...(send.body === undefined ? {} : { body: send.body }),
        signal: combined,
      });
      const bytes = await readBody(response, maxBytes, send, controller);
      const body = new TextDecoder().decode(bytes);
      return {
        status: response.status,
        headers: response.headers,
        body,
        bytes,
        url: send.url,
        method: send.method,
      };
    } catch (error) {
      if (error instanceof InvalidResponseError) throw error;
      if (signal?.aborted) throw abortedError(send.method, send.url, signal.reason);
      if (controller.signal.aborted) throw new TimeoutError({ method: send.method, url: send.url, timeout });
      throw new NetworkError({ method: send.method, url: send.url, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(send: SendOptions): Promise<RawResponse> {
      const signals = [options.signal, send.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal =
        signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
      const idempotent = IDEMPOTENT.has(send.method);
      for (let attemptNo = 0; ; attemptNo += 1) {
        if (signal?.aborted) throw abortedError(send.method, send.url, signal.reason);
        let response: RawResponse;
        try {
          response = await attempt(send, signal);
        } catch (error) {
          if (idempotent && error instanceof NetworkError && attemptNo < retry.limit) {
            await wait(backoff(attemptNo), signal, send);
            continue;
          }
          throw error;
        }
        if (idempotent && attemptNo < retry.limit && retry.statusCodes.has(response.status)) {
          const after = retryAfterMs(response.headers.get('retry-after'));
          if (after !== undefined && after > retry.maxRetryAfter) return response;
          await wait(Math.max(after ?? 0, backoff(attemptNo)), signal, send);
          continue;
        }
        return response;
      }
    },
  };

  function backoff(attemptNo: number): number {
    const base = Math.min(retry.backoffLimit, retry.delay * 2 ** attemptNo);
    return base / 2 + Math.random() * (base / 2);
  }

  async function wait(ms: number, signal: AbortSignal | undefined, send: SendOptions): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (reason) {
      throw abortedError(send.method, send.url, reason);
    }
  }
}
