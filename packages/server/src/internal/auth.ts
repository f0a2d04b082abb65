import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiKeyConfig } from '../server-options.js';
import { HttpFailure } from './http-failure.js';

/** The caller of a request, once its key is known. */
export interface Caller {
  organization: string;
  role: ApiKeyConfig['role'];
  collections: ReadonlySet<string> | undefined;
}

/** The SHA-256 of a key, in lower-case hex: how keys are looked up. */
export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Finds the key a request carries (keys are indexed by {@link hashKey}); `undefined` when it carries none or an unknown one. */
export function authenticate(
  headers: IncomingHttpHeaders,
  keys: ReadonlyMap<string, ApiKeyConfig>,
): Caller | undefined {
  const header = headers.authorization;
  if (header === undefined) return undefined;
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const credentials = space < 0 ? '' : header.slice(space + 1).trim();
  let secret: string | undefined;
  if (scheme === 'bearer' || scheme === 'token') secret = credentials;
  else if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    secret = password === '' ? user : password;
  }
  const key = secret === undefined || secret === '' ? undefined : keys.get(hashKey(secret));
  if (key === undefined) return undefined;
  return {
    organization: key.organization,
    role: key.role,
    collections: key.collections === undefined ? undefined : new Set(key.collections),
  };
}

/** The 401 for a missing or unknown key. */
export function unauthorized(): HttpFailure {
  return new HttpFailure(401, 'Unauthorized', 'A valid API key is required (HTTP Basic, Bearer or Token).', {
    headers: { 'WWW-Authenticate': 'Basic realm="vigil", Bearer realm="vigil"' },
  });
}
