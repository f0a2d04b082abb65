// Text helpers shared by every renderer: visible control characters, defanging, CSV formula safety.

import { domainToAscii } from '@vigil/core';

/**
 * Characters that must never be interpreted when they come from attacker-controlled text: C0 and C1 controls,
 * bidi embeddings/overrides/isolates, directional marks, zero-width characters, the BOM, line and paragraph
 * separators, and the Arabic letter mark.
 */
const INVISIBLE_CLASS =
  '\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb';
export const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, 'gu');

/** Replaces each invisible or control character by a visible `<U+XXXX>` placeholder. */
export function visible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => `<U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

const PLACEHOLDER = /<U\+([0-9A-F]{4,6})>/g;

/** Inverse of {@link visible} (used by the leak gate to compare like with like). */
export function unvisible(text: string): string {
  return text.replace(PLACEHOLDER, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

/** Defangs a URL, domain, e-mail address or IP so that no reader's tool makes it a link. */
export function defang(value: string): string {
  let out = value.replace(/^(h)tt(ps?:\/\/)/i, '$1xx$2');
  out = out.replace(/^(f)t(p)/i, '$1x$2');
  // Domains inside URLs and bare: every dot of the host part becomes [.]; @ becomes [@].
  out = out.replace(/\./g, '[.]').replace(/@/g, '[@]');
  return out;
}

/** Shows a domain or URL whose host is not ASCII with its punycode form beside it. */
export function withPunycode(value: string): string {
  const hostMatch = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#\s]+)/i.exec(value);
  const host = hostMatch?.[1];
  if (host === undefined || !isNonAscii(host)) return value;
  const ascii = domainToAscii(host);
  return `${value.replace(host, ascii)} (${host})`;
}

/** Displays an indicator value in a human-readable report: punycode, defanged, controls visible. */
export function displayIndicator(type: string, value: string): string {
  const networky =
    type === 'domain' || type === 'url' || type === 'email' || type === 'ip' || type === 'cidr';
  if (!networky) return visible(value);
  return visible(defang(withPunycode(value)));
}

/** Finds URLs and domain-like tokens in free text and defangs them. */
export function defangText(text: string): string {
  return text.replace(
    /\b(?:https?|ftp):\/\/[^\s<>"')\]]+|\b(?:[a-z0-9-]+\.)+(?:example|test|invalid|localhost|[a-z]{2,24})\b(?![\w[])/giu,
    (m) => (m.includes('.') && !/^\d+(\.\d+)*$/.test(m) && /[a-z]/i.test(m) ? defang(withPunycode(m)) : m),
  );
}

/**
 * CSV formula-injection guard: a cell whose first meaningful character (after spaces, control, bidi and
 * zero-width characters) is `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe.
 */
export function csvSafeCell(value: string): string {
  const lead = LEADING_JUNK.exec(value)?.[0] ?? '';
  const risky = /[\t\r]/.test(lead) || /^[=+\-@]/.test(value.slice(lead.length));
  return risky ? `'${value}` : value;
}

export const LEADING_JUNK = new RegExp(`^[\\s\\u00a0\\u3000${INVISIBLE_CLASS}]*`, 'u');

/** Quotes one CSV cell (RFC 4180), always quoted. */
export function csvQuote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** Tells whether a string has characters outside ASCII. */
export function isNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}
