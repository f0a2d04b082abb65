/**
 * The byte path for bulk input: scans UTF-8 lines of URLs or hosts in place and finds the lines that
 * match, without creating a JS string per line. Lines the byte path cannot decide alone (non-ASCII or
 * percent-encoded hosts, IP literals, URL indicators present, artifact types other than url/domain) are
 * reported as "to check", and the caller runs the full matcher on them, so results equal `match()`.
 */

import {
  combineLabel,
  fmix,
  type IndexData,
  idMaskOf,
  K_DOMAIN,
  LABEL_SEED,
  SEED_DOMAIN,
} from './fast-index.js';

const labH = new Int32Array(256);
const labS = new Int32Array(256);

/** As the string fast path's table: label bytes to lower case, `.` 46, `/ ? #` 1, `:` 2, others 0. */
const HOST_BYTES: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 97; c <= 122; c++) t[c] = c;
  for (let c = 65; c <= 90; c++) t[c] = c | 32;
  for (let c = 48; c <= 57; c++) t[c] = c;
  t[45] = 45;
  t[95] = 95;
  t[46] = 46;
  t[47] = 1;
  t[63] = 1;
  t[35] = 1;
  t[58] = 2;
  return t;
})();

/** Result of scanning a byte range: local line indexes and byte spans of lines to match in full. */
export interface ScanResult {
  /** Lines in the range. */
  lines: number;
  /** For each candidate: local line index, start byte, end byte (flattened triples). */
  candidates: number[];
}

/** Scans `bytes[from, to)` (whole lines) for lines that may match `data` as URLs or hosts. */
export function scanLines(
  data: IndexData,
  bytes: Uint8Array,
  from: number,
  to: number,
  fastPath: boolean,
): ScanResult {
  const { kinds, textOffsets: offs, text, slots, meta } = data;
  const mask = slots.length - 1;
  const idMask = idMaskOf(meta.idBits);
  const hiMask = ~idMask;
  const minLabels = meta.minDomainLabels;
  const hasDomains = (meta.kindCounts[K_DOMAIN] ?? 0) > 0;
  const candidates: number[] = [];
  let line = 0;
  let a = from;
  while (a < to) {
    // Native search for the line break (memchr-like), rather than a JS loop over every byte.
    let b = bytes.indexOf(10, a);
    if (b < 0 || b > to) b = to;
    let e = b;
    if (e > a && bytes[e - 1] === 13) e--;
    if (e > a) {
      if (!fastPath) candidates.push(line, a, e);
      else {
        const quick = hasDomains && meta.urlCount === 0 ? fastLine(a, e) : -1;
        if (quick === 1 || (quick < 0 && lineMayMatch(a, e))) candidates.push(line, a, e);
      }
    }
    line++;
    a = b + 1;
  }
  return { lines: line, candidates };

  /**
   * The common shape in one pass (as the string fast path): `http(s)://` or a scheme-less host with a
   * dot, `[A-Za-z0-9-_.]`, an optional `:port`, then `/ ? #` or the end. 1: a label suffix hits the table;
   * 0: no match; -1: another shape, for {@link lineMayMatch}.
   */
  function fastLine(start: number, end: number): number {
    let i = start;
    let schemeLess = true;
    if (bytes[i] === 104 && bytes[i + 1] === 116 && bytes[i + 2] === 116 && bytes[i + 3] === 112) {
      const k = bytes[i + 4] === 115 ? i + 5 : i + 4;
      if (bytes[k] === 58) {
        if (bytes[k + 1] !== 47 || bytes[k + 2] !== 47) return -1;
        i = k + 3;
        schemeLess = false;
      }
    }
    const hs = i;
    let nl = 0;
    let h = LABEL_SEED;
    let ls = hs;
    let j = hs;
    for (; j < end; j++) {
      const c = bytes[j] as number;
      const t = c < 128 ? (HOST_BYTES[c] as number) : 0;
      if (t > 46 || t === 45) {
        h = Math.imul(h ^ t, 0x01000193);
        continue;
      }
      if (t === 46) {
        if (nl + 2 >= labH.length) return -1;
        labH[nl] = h;
        labS[nl] = ls;
        nl++;
        h = LABEL_SEED;
        ls = j + 1;
        continue;
      }
      if (t === 1) break;
      if (t !== 2) return -1;
      if (schemeLess && nl === 0) return -1;
      let p = j + 1;
      if (p >= end) return -1;
      while (p < end) {
        const d = bytes[p] as number;
        if (d >= 48 && d <= 57) p++;
        else if (d === 47 || d === 63 || d === 35) break;
        else return -1;
      }
      if (p === j + 1) return -1;
      break;
    }
    if (j === hs) return -1;
    let he = j;
    if (bytes[j - 1] === 46) {
      if (ls !== j || nl === 0) return -1;
      nl--;
      he = j - 1;
      h = labH[nl] as number;
      ls = labS[nl] as number;
    }
    if (he <= hs || ls === he) return -1;
    const first = bytes[ls] as number;
    if (first >= 48 && first <= 57) return -1;
    labH[nl] = h;
    labS[nl] = ls;
    nl++;
    let key = SEED_DOMAIN;
    for (let k = nl - 1; k >= 0; k--) {
      key = combineLabel(key, labH[k] as number);
      if (nl - k >= minLabels && probe(fmix(key), labS[k] as number, he)) return 1;
    }
    return 0;
  }

  /** True when the line matches or needs the full matcher. */
  function lineMayMatch(start: number, end: number): boolean {
    let i = start;
    while (i < end && (bytes[i] as number) <= 32) i++;
    // Scheme: letters/digits/+-. then ':'; '//' after it, or a special scheme.
    let k = i;
    const c0 = (bytes[i] as number) | 32;
    if (c0 >= 97 && c0 <= 122) {
      k = i + 1;
      while (k < end) {
        const c = bytes[k] as number;
        const l = c | 32;
        if ((l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) k++;
        else break;
      }
      if (k < end && bytes[k] === 58) {
        if (bytes[k + 1] === 47 && bytes[k + 2] === 47) {
          i = k + 3;
          while (i < end && (bytes[i] === 47 || bytes[i] === 92)) i++;
        } else if (k - i <= 5) {
          // `http:host` and friends, or `host:port`: let the full matcher decide.
          return true;
        }
      }
    } else if (bytes[i] === 47 && bytes[i + 1] === 47) {
      i += 2;
      while (i < end && (bytes[i] === 47 || bytes[i] === 92)) i++;
    }
    let hs = i;
    let colon = -1;
    let j = i;
    for (; j < end; j++) {
      const c = bytes[j] as number;
      // Tab and CR are ignored by URL parsers, even inside the host: the full matcher decides.
      if (c === 9 || c === 13) return true;
      if (c === 47 || c === 63 || c === 35 || c === 92 || c <= 32) break;
      if (c === 64) {
        hs = j + 1;
        colon = -1;
      } else if (c === 58) {
        if (colon < 0) colon = j;
      } else if (colon < 0 && (c >= 128 || c === 37)) return true;
    }
    let he = colon < 0 ? j : colon;
    if (hs < j && bytes[hs] === 91) return true;
    if (he > hs && bytes[he - 1] === 46) he--;
    if (he <= hs) return false;
    // A last label starting with a digit may be IPv4 (`0x7f.1`, `2130706433`): the full matcher decides.
    let lls = he;
    while (lls > hs && bytes[lls - 1] !== 46) lls--;
    const lead = bytes[lls] as number;
    if (lead >= 48 && lead <= 57) return true;
    if (meta.urlCount > 0) return true;
    if (!hasDomains) return false;
    // Label hashes left to right, then suffix keys right to left (as the index builds them).
    let nl = 0;
    let h = LABEL_SEED;
    let ls = hs;
    for (let p = hs; p < he; p++) {
      let c = bytes[p] as number;
      if (c === 46) {
        if (nl + 1 >= labH.length) return true;
        labH[nl] = h;
        labS[nl] = ls;
        nl++;
        h = LABEL_SEED;
        ls = p + 1;
        continue;
      }
      if (c >= 65 && c <= 90) c |= 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    labH[nl] = h;
    labS[nl] = ls;
    nl++;
    let key = SEED_DOMAIN;
    for (let k = nl - 1; k >= 0; k--) {
      key = combineLabel(key, labH[k] as number);
      if (nl - k >= minLabels && probe(fmix(key), labS[k] as number, he)) return true;
    }
    return false;
  }

  function probe(h: number, s: number, e: number): boolean {
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return false;
      const id = (v & idMask) - 1;
      if (((v ^ h) & hiMask) === 0 && kinds[id] === K_DOMAIN) {
        const o = offs[id] as number;
        if ((offs[id + 1] as number) - o === e - s) {
          let same = true;
          for (let p = s, q = o; p < e; p++, q++) {
            let c = bytes[p] as number;
            if (c >= 65 && c <= 90) c |= 32;
            if (c !== text[q]) {
              same = false;
              break;
            }
          }
          if (same) return true;
        }
      }
      slot = (slot + 1) & mask;
    }
  }
}
