import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpFailure } from './http-failure.js';

/** Where a page ended: the last row's `date_added` and sequence number. */
export interface PagePosition {
  added: number;
  seq: number;
}

/** Hashes the parameters a `next` token is bound to (everything but `next` and `limit`). */
export function queryFingerprint(scope: string, params: URLSearchParams): string {
  const pairs = [...params.entries()]
    .filter(([k]) => k !== 'next' && k !== 'limit')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([scope, pairs]))
    .digest('base64url')
    .slice(0, 22);
}

/** Signs a page position into an opaque `next` token. */
export function encodePageToken(secret: string, fingerprint: string, position: PagePosition): string {
  const payload = Buffer.from(
    JSON.stringify({ f: fingerprint, a: position.added, s: position.seq }),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/**
 * Checks and opens a `next` token: a token that was not made by this server, or for other parameters, is a
 * 400 (never silently treated as the first page).
 */
export function decodePageToken(secret: string, fingerprint: string, token: string): PagePosition {
  const bad = (why: string): HttpFailure =>
    new HttpFailure(400, 'Invalid pagination token', `The next token is not valid: ${why}.`, {
      issues: [{ path: 'next', code: 'invalid_token', message: why }],
    });
  const dot = token.indexOf('.');
  if (dot < 1 || token.length > 512) throw bad('it was not issued by this server');
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(secret, payload), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw bad('it was not issued by this server');
  let data: { f?: unknown; a?: unknown; s?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof data;
  } catch {
    throw bad('it was not issued by this server');
  }
  if (data.f !== fingerprint)
    throw bad('the other query parameters differ from the request that returned it');
  if (!Number.isSafeInteger(data.a) || !Number.isSafeInteger(data.s))
    throw bad('it was not issued by this server');
  return { added: data.a as number, seq: data.s as number };
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}
