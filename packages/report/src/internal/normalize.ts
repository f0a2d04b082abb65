// Normalisation shared by the scrubber and the leak gate, so that a value hidden behind entities, percent
// escapes, Markdown escapes, defanging, zero-width or bidi characters, compatibility forms or case still matches.

import { domainToAscii } from '@vigil/core';
import { INVISIBLE, isNonAscii, unvisible } from './text.js';

/** NFKC, visible placeholders restored then all invisible characters removed, lower case, spaces collapsed. */
export function normalizeForMatch(text: string): string {
  return unvisible(text)
    .normalize('NFKC')
    .replace(INVISIBLE, (c) => (c === '\n' || c === '\t' || c === '\r' ? ' ' : ''))
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The normalised forms under which a sensitive value is searched for. */
export function needleVariants(value: string): string[] {
  const out = new Set<string>();
  const base = normalizeForMatch(value);
  if (base.length > 0) out.add(base);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 7 && digits.length >= value.replace(/\s/g, '').length * 0.6) out.add(digits);
  if (isNonAscii(value) && /^[^\s/@]+\.[^\s/@]+$/u.test(value.trim()))
    out.add(normalizeForMatch(domainToAscii(value.trim())));
  if (/[.@]/.test(base)) out.add(base.replace(/\./g, '[.]').replace(/@/g, '[@]'));
  return [...out];
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes HTML character references (named basics, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

/** Decodes percent escapes where they form valid UTF-8, leaving the rest. */
export function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** Removes Markdown/CommonMark backslash escapes and CSV quote doubling. */
export function unescapeMarkup(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/""/g, '"');
}

/** Reverses common defanging (`hxxp`, `[.]`, `(.)`, `[@]`, `[:]`). */
export function refang(text: string): string {
  return text
    .replace(/hxxp/gi, 'http')
    .replace(/\[\.\]|\(\.\)|\{\.\}/g, '.')
    .replace(/\[@\]|\(@\)/g, '@')
    .replace(/\[:\]/g, ':')
    .replace(/\[:\/\/\]/g, '://');
}

/** Whether `needle` occurs in `haystack` (both normalised); short needles must stand on token boundaries. */
export function containsNeedle(haystack: string, needle: string): boolean {
  if (needle.length === 0) return false;
  if (needle.length >= 5) return haystack.includes(needle);
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return false;
    const before = at > 0 ? haystack[at - 1] : '';
    const after = haystack[at + needle.length] ?? '';
    const word = /[\p{L}\p{N}_]/u;
    if (!word.test(before ?? '') && !word.test(after)) return true;
    from = at + 1;
  }
}
