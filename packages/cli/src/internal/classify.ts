import type { ArtifactType } from '../artifact.js';

const SCHEME_URL = /^[a-z][a-z0-9+.-]*:\/\/\S+$/iu;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u;
const IPV6 = /^\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?\]?$/iu;
const CIDR4 = /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/u;
const CIDR6 = /^[0-9a-f:]+\/\d{1,3}$/iu;
const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/iu;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/u;
const DOMAIN =
  /^(?=.{1,253}\.?$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+(?:[a-z][a-z0-9-]{0,62}|xn--[a-z0-9-]{1,59})\.?$/iu;
const HOST_WITH_PATH = /^(?:[a-z0-9_-]+\.)+[a-z][a-z0-9-]*(?::\d+)?[/?#]\S*$/iu;

/** Detects the type of one value from a plain list. `undefined` when it fits no type. */
export function detectType(raw: string): ArtifactType | undefined {
  const value = raw.trim();
  if (value.length === 0 || /\s/u.test(value)) return undefined;
  if (SCHEME_URL.test(value) || HOST_WITH_PATH.test(value)) return 'url';
  if (CIDR4.test(value) || (value.includes(':') && CIDR6.test(value))) return 'cidr';
  if (IPV4.test(value) || (value.includes(':') && IPV6.test(value))) return 'ip';
  if (HASH.test(value)) return 'hash';
  if (EMAIL.test(value)) return 'email';
  if (value.startsWith('/')) return 'file-path';
  if (DOMAIN.test(value)) return 'domain';
  return 'process-name';
}

/** True when the value looks like a URL or a bare host name (what a `url` key usually holds). */
export function looksLikeUrlOrHost(value: string): boolean {
  const v = value.trim();
  return SCHEME_URL.test(v) || HOST_WITH_PATH.test(v) || DOMAIN.test(v) || IPV4.test(v);
}

/** True when the value is a host name (with a dot) or an IP address. */
export function looksLikeHost(value: string): boolean {
  const v = value.trim();
  return DOMAIN.test(v) || IPV4.test(v) || (v.includes(':') && IPV6.test(v));
}

/** True for an md5, sha1 or sha256 hex digest. */
export function looksLikeHash(value: string): boolean {
  return HASH.test(value.trim());
}

/** True for an e-mail address. */
export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

const URL_IN_TEXT = /\b(?:(?:https?|ftp|wss?):\/\/|www\.)[^\s"'<>()[\]{}\\^`|]+/giu;

/** Finds the URLs written in free text (SMS bodies, messages, descriptions). */
export function urlsInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const url = m[0].replace(/[.,;:!?'"]+$/u, '');
    if (url.length > 4) found.push(url);
  }
  return found;
}

/** `SafariHistory` → `safari_history`; a slug stays as it is. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/gu, '$1_$2')
    .toLowerCase();
}
