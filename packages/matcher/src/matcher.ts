/**
 * The fast path: a compiled index that matches real artifacts (URLs, hosts, IPs, hashes, names, paths,
 * ids) against indicators and returns every match with its provenance.
 */

import { parse as parseDomain } from 'tldts';
import {
  HOST_BRACKETS,
  HOST_SLOW,
  hostSpan,
  scanHost,
  slowHostToAscii,
  stripTabsAndNewlines,
} from './host.js';
import type { Diagnostic, Indicator, IndicatorSet } from './indicator.js';
import {
  buildIndex,
  domainFilterOf,
  filterBit,
  fmix,
  hashBytes,
  type IndexData,
  idMaskOf,
  K_APP_CERT,
  K_APP_ID,
  K_DOMAIN,
  K_EMAIL,
  K_FILE_NAME,
  K_FILE_PATH,
  K_HASH,
  K_IP,
  K_PROCESS,
  K_PROFILE,
  K_PROPERTY,
  K_URL,
  keyText,
  LABEL_SEED,
  NS_PROC15,
  NS_PROC16,
  SEED_DOMAIN,
  seedOf,
  step,
  urlKey,
} from './internal/fast-index.js';
import { matcherStates } from './internal/matcher-state.js';
import { formatIpBytes, type IpAddress, maskIpBytes, parseHostIpv4, parseIpSpan } from './ip.js';

/**
 * The kinds of artifact a matcher can check.
 *
 * @example
 * ```ts
 * import type { ArtifactType } from '@vigil/matcher';
 *
 * const type: ArtifactType = 'process-name';
 * ```
 */
export type ArtifactType =
  | 'url'
  | 'domain'
  | 'ip'
  | 'email'
  | 'process-name'
  | 'file-name'
  | 'file-path'
  | 'hash'
  | 'app-id'
  | 'app-cert'
  | 'configuration-profile'
  | 'android-property';

/**
 * One observed value to check, e.g. a URL from a browser history or a process name from a process list.
 *
 * @example
 * ```ts
 * import type { Artifact } from '@vigil/matcher';
 *
 * const artifact: Artifact = { type: 'url', value: 'https://login.evil.example/x' };
 * ```
 */
export interface Artifact {
  readonly type: ArtifactType;
  readonly value: string;
}

/**
 * Why an indicator matched.
 *
 * - `exact`: equal after normalisation (host, hash, address, name, id...).
 * - `subdomain`: the observed host is a subdomain of the domain indicator (at a label boundary).
 * - `url`: same host, port, path and query as a URL indicator.
 * - `cidr`: the address is in the indicator's range.
 * - `truncated-name`: the observed process name is the indicator cut to 15 (Android) or 16 (iOS) bytes.
 * - `path-prefix`: the indicator is a directory the observed path is in (at a `/` boundary).
 * - `path-suffix`: a relative path indicator equals the end of the observed path (at a `/` boundary).
 * - `basename`: the observed path's last component equals a file-name indicator.
 * - `registrable-domain`, `substring`, `prefix`, `contains`: MVT's rules, only in the `mvt` profile.
 *
 * @example
 * ```ts
 * import type { MatchRule } from '@vigil/matcher';
 *
 * const rule: MatchRule = 'subdomain';
 * ```
 */
export type MatchRule =
  | 'exact'
  | 'subdomain'
  | 'url'
  | 'cidr'
  | 'truncated-name'
  | 'path-prefix'
  | 'path-suffix'
  | 'basename'
  | 'registrable-domain'
  | 'substring'
  | 'prefix'
  | 'contains';

/**
 * One match: the indicator (with its provenance), the rule that matched and what was compared.
 *
 * @example
 * ```ts
 * import type { IndicatorMatch } from '@vigil/matcher';
 *
 * function explain(m: IndicatorMatch): string {
 *   return `${m.observed} matched ${m.indicator.value} (${m.rule}), from ${m.indicator.provenance.indicates.join(', ')}`;
 * }
 * ```
 */
export interface IndicatorMatch {
  readonly indicator: Indicator;
  readonly rule: MatchRule;
  /** The normalised observed value that was compared: the host for URLs, the lower-case hash, ... */
  readonly observed: string;
}

/**
 * `default`: Vigil's semantics (label-boundary domains, path boundaries, every match). `mvt`: MVT's rules,
 * for comparing results with it (see the package README for each difference).
 *
 * @example
 * ```ts
 * import type { MatcherProfile } from '@vigil/matcher';
 *
 * const profile: MatcherProfile = 'mvt';
 * ```
 */
export type MatcherProfile = 'default' | 'mvt';

/**
 * Options for {@link createMatcher} and {@link loadMatcher}.
 *
 * @example
 * ```ts
 * import { createMatcher, type MatcherOptions } from '@vigil/matcher';
 *
 * const options: MatcherOptions = { profile: 'mvt' };
 * createMatcher([], options);
 * ```
 */
export interface MatcherOptions {
  /**
   * Which matching rules to apply.
   * @default 'default'
   */
  readonly profile?: MatcherProfile;
}

/**
 * A compiled index of indicators. Build one with {@link createMatcher} or load one with
 * {@link loadMatcher}.
 *
 * @example
 * ```ts
 * import { createMatcher } from '@vigil/matcher';
 *
 * const matcher = createMatcher(sets);
 * for (const m of matcher.match({ type: 'url', value: 'https://a.evil.example/' })) console.log(m.indicator.provenance);
 * ```
 */
export interface Matcher {
  /** The rules in use. */
  readonly profile: MatcherProfile;
  /** How many indicators were given (indexed or not). */
  readonly size: number;
  /** Indicators that could not be indexed, with a code and their location. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Checks one artifact.
   *
   * @returns Every match, in indicator order (at most one in the `mvt` profile, which stops at the first
   * like MVT); a shared empty array when nothing matched. Never throws on odd input.
   */
  match(artifact: Artifact): readonly IndicatorMatch[];
}

const EMPTY: readonly IndicatorMatch[] = Object.freeze([]);

function isIndicatorSet(x: IndicatorSet | Indicator): x is IndicatorSet {
  return (x as IndicatorSet).indicators !== undefined;
}

/**
 * Compiles indicators into a matcher. Domain indicators match the host and every subdomain (at label
 * boundaries); URL indicators match the same host, port, path and query; IP and CIDR indicators match
 * addresses in URLs, hosts and `ip` artifacts; hashes, e-mails, app ids, certificate hashes, profile ids
 * and property names match case-insensitively; process names match exactly or truncated to 15 (Android)
 * or 16 (iOS) bytes; file paths match at a `/` boundary; file names match names and path basenames.
 *
 * Building costs one pass over the indicators; matching allocates nothing when nothing matches.
 *
 * @param sets - Indicator sets (from `loadIndicators`) or bare indicators.
 * @param options - {@link MatcherOptions}.
 * @returns A {@link Matcher}. Indicators that cannot be indexed are listed in `matcher.diagnostics`.
 *
 * @example
 * ```ts
 * import { createMatcher, type Indicator } from '@vigil/matcher';
 *
 * const provenance = { source: { format: 'list', sha256: '0'.repeat(64) }, location: { line: 1 }, indicates: ['Example spyware'], revoked: false } as const;
 * const evil: Indicator = { type: 'domain', value: 'evil.example', raw: 'evil.example', provenance };
 * const matcher = createMatcher([evil]);
 * matcher.match({ type: 'url', value: 'https://cdn.EVIL.example:443/x' }); // [{ indicator: evil, rule: 'subdomain', observed: 'cdn.evil.example' }]
 * matcher.match({ type: 'url', value: 'https://notevil.example/' }); // []
 * ```
 */
export function createMatcher(
  sets: readonly IndicatorSet[] | readonly Indicator[],
  options: MatcherOptions = {},
): Matcher {
  const indicators: Indicator[] = [];
  for (const s of sets as readonly (IndicatorSet | Indicator)[]) {
    if (isIndicatorSet(s)) for (const i of s.indicators) indicators.push(i);
    else indicators.push(s);
  }
  const { data, diagnostics } = buildIndex(indicators);
  return matcherFromIndex(data, (id) => indicators[id] as Indicator, diagnostics, options);
}

/** @internal Wraps a compiled index (built or loaded) in the public matcher shape. */
export function matcherFromIndex(
  data: IndexData,
  indicatorAt: (id: number) => Indicator,
  diagnostics: readonly Diagnostic[],
  options: MatcherOptions,
): Matcher {
  const profile = options.profile ?? 'default';
  const engine = createEngine(data, indicatorAt);
  const matcher: Matcher = {
    profile,
    size: data.count,
    diagnostics,
    match: profile === 'mvt' ? engine.matchMvt : engine.matchDefault,
  };
  matcherStates.set(matcher, { data, indicatorAt, diagnostics });
  return matcher;
}

/**
 * Host characters for the fast path: label characters map to their lower-case code, `.` to 46, `/ ? #` to
 * 1, `:` to 2, anything else to 0 (leave it to the general path).
 */
const HOST_CHARS: Uint8Array = (() => {
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

/** ASCII lower case by table lookup (the identity outside A-Z). */
const LOWER_ASCII: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = c >= 65 && c <= 90 ? c | 32 : c;
  return t;
})();

/** Rule codes stored per hit. */
const RULES: readonly MatchRule[] = [
  'exact',
  'subdomain',
  'url',
  'cidr',
  'truncated-name',
  'path-prefix',
  'path-suffix',
  'basename',
  'registrable-domain',
  'substring',
  'prefix',
  'contains',
];

function createEngine(data: IndexData, indicatorAt: (id: number) => Indicator) {
  const { kinds, textOffsets: offs, text, slots, meta } = data;
  const mask = slots.length - 1;
  const idMask = idMaskOf(meta.idBits);
  const hiMask = ~idMask;
  const minLabels = meta.minDomainLabels;
  const hasDomains = (meta.kindCounts[K_DOMAIN] ?? 0) > 0;
  // The domain filter (see DomainFilter): stored with the index, or built on the first domain probe from
  // an index stored without it.
  let filter: Uint32Array | undefined = data.domainFilter;
  let filterBits = data.meta.domainFilterBits ?? 0;
  const hasUrls = meta.urlCount > 0;
  // Hits of the current call: typed arrays and a count, so a call that matches nothing allocates nothing.
  let hitIds = new Int32Array(16);
  let hitRules = new Uint8Array(16);
  let hitCount = 0;
  let keyBuf = new Uint8Array(256);
  const encoder = new TextEncoder();
  const seeds: number[] = [];
  for (let k = 0; k < 32; k++) seeds.push(seedOf(k));
  // Label hashes and starts of the host being matched.
  let labH = new Int32Array(64);
  let labS = new Int32Array(64);

  function addHit(id: number, rule: MatchRule): void {
    for (let k = 0; k < hitCount; k++) if (hitIds[k] === id) return;
    if (hitCount === hitIds.length) {
      const ids = new Int32Array(hitCount * 2);
      ids.set(hitIds);
      hitIds = ids;
      const rules = new Uint8Array(hitCount * 2);
      rules.set(hitRules);
      hitRules = rules;
    }
    hitIds[hitCount] = id;
    hitRules[hitCount] = RULES.indexOf(rule);
    hitCount++;
  }

  function finish(observed: string): readonly IndicatorMatch[] {
    if (hitCount === 0) return EMPTY;
    const order: number[] = [];
    for (let k = 0; k < hitCount; k++) order.push(k);
    order.sort((x, y) => (hitIds[x] as number) - (hitIds[y] as number));
    const out: IndicatorMatch[] = [];
    for (const k of order) {
      out.push({
        indicator: indicatorAt(hitIds[k] as number),
        rule: RULES[hitRules[k] as number] as MatchRule,
        observed,
      });
    }
    return out;
  }

  function reset(): void {
    hitCount = 0;
  }

  /** Compares `s[a, b)`, ASCII-lower-cased, with the key text of `id`. */
  function keyEqualsLower(id: number, s: string, a: number, b: number): boolean {
    const o = offs[id] as number;
    if ((offs[id + 1] as number) - o !== b - a) return false;
    for (let i = a, j = o; i < b; i++, j++) {
      let c = s.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== text[j]) return false;
    }
    return true;
  }

  /** Probes the domain table for the host suffix `s[a, b)` whose key is `h`. */
  function probeDomain(h: number, s: string, a: number, b: number, whole: boolean): void {
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      // The slot's high bits are a fingerprint of its key: most other keys are skipped without a lookup.
      if (((v ^ h) & hiMask) === 0) {
        const id = (v & idMask) - 1;
        if (kinds[id] === K_DOMAIN && keyEqualsLower(id, s, a, b)) addHit(id, whole ? 'exact' : 'subdomain');
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Hashes each label of the host `s[start, end)` (lower-cased) into labH/labS; returns the label count. */
  function labelize(s: string, start: number, end: number): number {
    let nl = 0;
    let h = LABEL_SEED;
    let ls = start;
    for (let i = start; i < end; i++) {
      let c = s.charCodeAt(i);
      if (c === 46) {
        if (nl + 1 >= labH.length) growLabels();
        labH[nl] = h;
        labS[nl] = ls;
        nl++;
        h = LABEL_SEED;
        ls = i + 1;
        continue;
      }
      if (c >= 65 && c <= 90) c |= 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (nl + 1 >= labH.length) growLabels();
    labH[nl] = h;
    labS[nl] = ls;
    return nl + 1;
  }

  function growLabels(): void {
    const h = new Int32Array(labH.length * 2);
    h.set(labH);
    labH = h;
    const st = new Int32Array(labS.length * 2);
    st.set(labS);
    labS = st;
  }

  /** Probes every label suffix of a host whose `nl` labels are in labH/labS and which ends at `end`. */
  function probeSuffixes(s: string, nl: number, end: number): void {
    if (filter === undefined || filterBits === 0)
      ({ words: filter, bits: filterBits } = domainFilterOf(data));
    const words = filter;
    const size = filterBits;
    let key = SEED_DOMAIN;
    for (let k = nl - 1; k >= 0; k--) {
      key = Math.imul(key ^ (labH[k] as number), 0x9e3779b1) ^ 0x7f4a7c15;
      if (nl - k < minLabels) continue;
      const h = fmix(key);
      const bit = filterBit(h, size);
      if (((words[bit >>> 5] as number) & (1 << (bit & 31))) !== 0)
        probeDomain(h, s, labS[k] as number, end, k === 0);
    }
  }

  function walkHost(s: string, start: number, end: number): void {
    probeSuffixes(s, labelize(s, start, end), end);
  }

  /**
   * The hot path: `http(s)://host`, or a scheme-less `host` (with a dot), then an optional `:port` and
   * `/ ? #` or the end of input; the host made of `[A-Za-z0-9-_.]`. One pass hashes the labels while
   * finding the host. Returns false, having done nothing, for any other shape (user info, IDN, IPv4/IPv6
   * literal, another scheme, white space...), which the general path then handles.
   */
  function matchHttpFast(s: string): boolean {
    const n = s.length;
    let i = 0;
    let schemeLess = true;
    if (
      s.charCodeAt(0) === 104 &&
      s.charCodeAt(1) === 116 &&
      s.charCodeAt(2) === 116 &&
      s.charCodeAt(3) === 112
    ) {
      const k = s.charCodeAt(4) === 115 ? 5 : 4;
      if (s.charCodeAt(k) === 58) {
        if (s.charCodeAt(k + 1) !== 47 || s.charCodeAt(k + 2) !== 47) return false;
        i = k + 3;
        schemeLess = false;
      }
    }
    const start = i;
    // Locals, not the closure's and module's variables: the loop below is the hottest code of the package.
    const table = HOST_CHARS;
    const hashes = labH;
    const starts = labS;
    const seed = LABEL_SEED;
    let nl = 0;
    let h = seed;
    let ls = start;
    let j = start;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      const t = c < 128 ? (table[c] as number) : 0;
      if (t > 46 || t === 45) {
        h = Math.imul(h ^ t, 0x01000193);
        continue;
      }
      if (t === 46) {
        if (nl + 2 >= hashes.length) return false;
        hashes[nl] = h;
        starts[nl] = ls;
        nl++;
        h = seed;
        ls = j + 1;
        continue;
      }
      if (t === 1) break;
      if (t !== 2) return false;
      // A port: digits up to `/ ? #` or the end. Scheme-less input needs a dot before it (`ws:80` is a scheme).
      if (schemeLess && nl === 0) return false;
      let p = j + 1;
      if (p >= n) return false;
      while (p < n) {
        const d = s.charCodeAt(p);
        if (d >= 48 && d <= 57) p++;
        else if (d === 47 || d === 63 || d === 35) break;
        else return false;
      }
      if (p === j + 1) return false;
      break;
    }
    if (j === start) return false;
    let end = j;
    if (s.charCodeAt(j - 1) === 46) {
      // One trailing dot: drop the empty last label.
      if (ls !== j || nl === 0) return false;
      nl--;
      end = j - 1;
      h = hashes[nl] as number;
      ls = starts[nl] as number;
    }
    if (end <= start || ls === end) return false;
    // A last label starting with a digit may be an IPv4 literal: the general path decides.
    const first = s.charCodeAt(ls);
    if (first >= 48 && first <= 57) return false;
    hashes[nl] = h;
    starts[nl] = ls;
    probeSuffixes(s, nl + 1, end);
    fastHostStart = start;
    fastHostEnd = end;
    return true;
  }
  let fastHostStart = 0;
  let fastHostEnd = 0;

  /** Writes `s` as UTF-8 into keyBuf (lower-cased when asked); returns its length. */
  function loadKey(s: string, lower: boolean): number {
    const n = s.length;
    if (keyBuf.length < n * 3) keyBuf = new Uint8Array(n * 3 + 64);
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0x80) {
        return encoder.encodeInto(lower ? s.toLowerCase() : s, keyBuf).written;
      }
      if (lower && c >= 65 && c <= 90) c |= 32;
      keyBuf[i] = c;
    }
    return n;
  }

  function bytesEqual(id: number, a: number, b: number): boolean {
    const o = offs[id] as number;
    if ((offs[id + 1] as number) - o !== b - a) return false;
    for (let i = a, j = o; i < b; i++, j++) if (keyBuf[i] !== text[j]) return false;
    return true;
  }

  /** Probes namespace `ns` for keyBuf[a, b): indicators of `kind` whose key equals it. */
  function probeExact(kind: number, h: number, a: number, b: number, rule: MatchRule): void {
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      if (((v ^ h) & hiMask) === 0) {
        const id = (v & idMask) - 1;
        if (kinds[id] === kind && bytesEqual(id, a, b)) addHit(id, rule);
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Exact lookup of `value` in namespace `kind`: copies (lower-cased when asked) into keyBuf and hashes in
   * one pass. Returns the key's length in bytes.
   */
  function exact(kind: number, value: string, lower: boolean): number {
    const n = value.length;
    if (keyBuf.length < n * 3) keyBuf = new Uint8Array(n * 3 + 64);
    const b = keyBuf;
    let h = seeds[kind] as number;
    for (let i = 0; i < n; i++) {
      let c = value.charCodeAt(i);
      if (c >= 0x80) {
        const len = loadKey(value, lower);
        probeExact(kind, hashBytes(kind, keyBuf, 0, len), 0, len, 'exact');
        return len;
      }
      // A table, not a comparison: in hex and mixed-case ids, letter or digit is a coin toss the branch
      // predictor loses (the comparison cost 3x the whole check).
      if (lower) c = LOWER_ASCII[c] as number;
      b[i] = c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    probeExact(kind, fmix(h), 0, n, 'exact');
    return n;
  }

  /** Process names truncated by the kernel: indicators longer than `len` whose first `len` bytes match. */
  function probeTruncated(ns: number, len: number): void {
    const h = hashBytes(ns, keyBuf, 0, len);
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = (v & idMask) - 1;
      const o = offs[id] as number;
      if (((v ^ h) & hiMask) === 0 && kinds[id] === K_PROCESS && (offs[id + 1] as number) - o > len) {
        let same = true;
        for (let i = 0; i < len; i++) {
          if (keyBuf[i] !== text[o + i]) {
            same = false;
            break;
          }
        }
        if (same) addHit(id, 'truncated-name');
      }
      slot = (slot + 1) & mask;
    }
  }

  function matchIp(ip: IpAddress): void {
    const prefixes = ip.version === 4 ? meta.ip4Prefixes : meta.ip6Prefixes;
    const full = ip.version === 4 ? 32 : 128;
    for (const p of prefixes) {
      const key = `${formatIpBytes(p === full ? ip.bytes : maskIpBytes(ip.bytes, p))}/${p}`;
      const len = loadKey(key, false);
      probeExact(K_IP, hashBytes(K_IP, keyBuf, 0, len), 0, len, p === full ? 'exact' : 'cidr');
    }
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is also checked as IPv4.
    if (ip.version === 6 && meta.ip4Prefixes.length > 0) {
      const b = ip.bytes;
      let mapped = b[10] === 0xff && b[11] === 0xff;
      for (let k = 0; k < 10 && mapped; k++) if (b[k] !== 0) mapped = false;
      if (mapped) matchIp({ version: 4, bytes: b.slice(12), text: formatIpBytes(b.slice(12)) });
    }
  }

  function matchUrlIndicators(value: string, hostText: string): void {
    const len = loadKey(hostText, false);
    const h = hashBytes(K_URL, keyBuf, 0, len);
    let slot = h & mask;
    let observedKey: string | undefined;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = (v & idMask) - 1;
      if (((v ^ h) & hiMask) === 0 && kinds[id] === K_URL) {
        observedKey ??= urlKey(value)?.key ?? '';
        if (keyText(data, id) === observedKey) addHit(id, 'url');
      }
      slot = (slot + 1) & mask;
    }
  }

  /** URL or host: returns the observed host (normalised) for the matches. */
  function matchUrlOrHost(input: string): string | undefined {
    if (matchHttpFast(input)) {
      if (!hasUrls) return hitCount === 0 ? '' : input.slice(fastHostStart, fastHostEnd).toLowerCase();
      const host = input.slice(fastHostStart, fastHostEnd).toLowerCase();
      matchUrlIndicators(input, host);
      return host;
    }
    // The general path: tab and line breaks are ignored anywhere, as browsers do.
    const value = stripTabsAndNewlines(input);
    const flags = scanHost(value);
    if (flags < 0) return undefined;
    let start = hostSpan[0] as number;
    let end = hostSpan[1] as number;
    let s = value;
    if ((flags & HOST_BRACKETS) !== 0) {
      const ip = parseIpSpan(value, start, end);
      if (ip === undefined || ip.version !== 6) return undefined;
      matchIp(ip);
      if (hasUrls) matchUrlIndicators(value, `[${ip.text}]`);
      return ip.text;
    }
    if ((flags & HOST_SLOW) !== 0) {
      s = slowHostToAscii(value.slice(start, end));
      start = 0;
      end = s.length;
    }
    // A host ending in a number is IPv4 (in any of inet_aton's forms, as WHATWG URL reads it) or invalid.
    const v4 = parseHostIpv4(s, start, end);
    if (v4 === null) return undefined;
    if (v4 !== undefined) {
      const ip: IpAddress = { version: 4, bytes: v4, text: formatIpBytes(v4) };
      matchIp(ip);
      if (hasUrls) matchUrlIndicators(value, ip.text);
      return ip.text;
    }
    if (hasDomains) walkHost(s, start, end);
    if (hasUrls) matchUrlIndicators(value, s.slice(start, end).toLowerCase());
    return hitCount === 0 ? '' : s.slice(start, end).toLowerCase();
  }

  function basename(p: string): string {
    const slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.slice(slash + 1);
  }

  function matchFilePath(path: string): void {
    const len = loadKey(path, false);
    const b = keyBuf;
    // Absolute indicators: every prefix that ends at a `/` boundary, and the whole path.
    let h = seedOf(K_FILE_PATH);
    for (let i = 0; i < len; i++) {
      const c = b[i] as number;
      if (c === 47 && i > 0) probeExact(K_FILE_PATH, fmix(h), 0, i, 'path-prefix');
      h = step(h, c);
    }
    probeExact(K_FILE_PATH, fmix(h), 0, len, 'exact');
    if (meta.relativePaths) {
      // Relative indicators: any run of whole components, so a suffix or a directory within the path.
      for (let j = 0; j < len; j++) {
        if (j > 0 && b[j - 1] !== 47) continue;
        if (b[j] === 47) continue;
        let hr = seedOf(K_FILE_PATH);
        for (let i = j; i < len; i++) {
          const c = b[i] as number;
          if (c === 47) probeExact(K_FILE_PATH, fmix(hr), j, i, 'path-suffix');
          hr = step(hr, c);
        }
        if (j > 0) probeExact(K_FILE_PATH, fmix(hr), j, len, 'path-suffix');
      }
    }
    const name = basename(path);
    if (name !== '' && name !== path) {
      const n = loadKey(name, false);
      probeExact(K_FILE_NAME, hashBytes(K_FILE_NAME, keyBuf, 0, n), 0, n, 'basename');
    }
  }

  /**
   * Exact, case-insensitive lookup of `value` without surrounding white space. `trim()` is called only when
   * an end could be white space (ASCII or not), so the common case skips the call.
   */
  function exactTrimmed(kind: number, value: string): readonly IndicatorMatch[] {
    const a = value.charCodeAt(0);
    const z = value.charCodeAt(value.length - 1);
    const v = a <= 32 || a >= 127 || z <= 32 || z >= 127 ? value.trim() : value;
    exact(kind, v, true);
    return hitCount === 0 ? EMPTY : finish(v.toLowerCase());
  }

  function matchDefault(artifact: Artifact): readonly IndicatorMatch[] {
    reset();
    const value = artifact.value;
    if (typeof value !== 'string' || value.length === 0) return EMPTY;
    switch (artifact.type) {
      case 'url':
      case 'domain': {
        const host = matchUrlOrHost(value);
        return host === undefined ? EMPTY : finish(host);
      }
      case 'ip': {
        const v = value.trim();
        const unbracketed = v.startsWith('[') && v.endsWith(']') ? v.slice(1, -1) : v;
        const ip = parseIpSpan(unbracketed, 0, unbracketed.length);
        if (ip === undefined) return EMPTY;
        matchIp(ip);
        return finish(ip.text);
      }
      case 'email':
        return exactTrimmed(K_EMAIL, value);
      case 'process-name': {
        const name = value.indexOf('/') < 0 ? value : basename(value);
        const len = exact(K_PROCESS, name, false);
        if (len === 15) probeTruncated(NS_PROC15, 15);
        else if (len === 16) probeTruncated(NS_PROC16, 16);
        return hitCount === 0 ? EMPTY : finish(name);
      }
      case 'file-name':
        exact(K_FILE_NAME, value, false);
        return hitCount === 0 ? EMPTY : finish(value);
      case 'file-path':
        matchFilePath(value);
        return finish(value);
      case 'hash':
        return exactTrimmed(K_HASH, value);
      case 'app-id':
        return exactTrimmed(K_APP_ID, value);
      case 'app-cert': {
        const v = value.trim().replaceAll(':', '');
        exact(K_APP_CERT, v, true);
        return hitCount === 0 ? EMPTY : finish(v.toLowerCase());
      }
      case 'configuration-profile':
        return exactTrimmed(K_PROFILE, value);
      case 'android-property':
        return exactTrimmed(K_PROPERTY, value);
      default:
        return EMPTY;
    }
  }

  // ---- The mvt profile: MVT's rules, first match only. Not the hot path. ----

  let mvtUrlsByRaw: Map<string, number[]> | undefined;
  let mvtDomainBucket: number[] | undefined;
  let mvtPathIds: number[] | undefined;
  let mvtProfileIds: number[] | undefined;

  function idsOfKind(kind: number): number[] {
    const out: number[] = [];
    for (let id = 0; id < data.count; id++) if (kinds[id] === kind) out.push(id);
    return out;
  }

  function first(observed: string): readonly IndicatorMatch[] {
    if (hitCount === 0) return EMPTY;
    let best = 0;
    for (let k = 1; k < hitCount; k++) if ((hitIds[k] as number) < (hitIds[best] as number)) best = k;
    return [
      {
        indicator: indicatorAt(hitIds[best] as number),
        rule: RULES[hitRules[best] as number] as MatchRule,
        observed,
      },
    ];
  }

  function domainEquals(host: string, rule: MatchRule): void {
    const nl = labelize(host, 0, host.length);
    let key = SEED_DOMAIN;
    for (let k = nl - 1; k >= 0; k--) key = Math.imul(key ^ (labH[k] as number), 0x9e3779b1) ^ 0x7f4a7c15;
    const h = fmix(key);
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = (v & idMask) - 1;
      if (((v ^ h) & hiMask) === 0 && kinds[id] === K_DOMAIN && keyEqualsLower(id, host, 0, host.length)) {
        addHit(id, rule);
      }
      slot = (slot + 1) & mask;
    }
  }

  function mvtUrl(raw: string): readonly IndicatorMatch[] {
    // (1) URL indicators: the raw input, case-sensitive, no normalisation.
    if (mvtUrlsByRaw === undefined) {
      mvtUrlsByRaw = new Map();
      for (const id of idsOfKind(K_URL)) {
        const ind = indicatorAt(id);
        for (const v of new Set([ind.raw, ind.value])) {
          const list = mvtUrlsByRaw.get(v) ?? [];
          list.push(id);
          mvtUrlsByRaw.set(v, list);
        }
      }
    }
    const urlIds = mvtUrlsByRaw.get(raw);
    if (urlIds !== undefined) for (const id of urlIds) addHit(id, 'url');
    if (hitCount > 0) return first(raw);
    // (2) tld's fix_protocol, then urlsplit's netloc (user info and port included), then lstrip("www.").
    const withScheme = /^(?:https?|ftp):\/\/|^\/\//i.test(raw) ? raw : `https://${raw}`;
    const afterSlashes = withScheme.indexOf('//') + 2;
    let netEnd = withScheme.slice(afterSlashes).search(/[/?#]/);
    netEnd = netEnd < 0 ? withScheme.length : afterSlashes + netEnd;
    const netloc = withScheme.slice(afterSlashes, netEnd).toLowerCase();
    const host = netloc.replace(/^[w.]+/, '');
    let hostname = netloc.slice(netloc.lastIndexOf('@') + 1);
    hostname = hostname.startsWith('[')
      ? hostname.slice(0, hostname.indexOf(']') + 1)
      : (hostname.split(':')[0] ?? '');
    const parsed = parseDomain(hostname, { allowPrivateDomains: true });
    if (
      parsed.isIp === true ||
      parsed.domain === null ||
      (parsed.isIcann !== true && parsed.isPrivate !== true)
    ) {
      // (5) MVT's exception path: any domain-bucket indicator that occurs in the raw URL.
      mvtDomainBucket ??= (() => {
        const out: number[] = [];
        for (let id = 0; id < data.count; id++) {
          if (kinds[id] === K_DOMAIN) out.push(id);
          else if (kinds[id] === K_IP && indicatorAt(id).type === 'ip') out.push(id);
        }
        return out;
      })();
      for (const id of mvtDomainBucket) {
        if (raw.includes(indicatorAt(id).value))
          return [{ indicator: indicatorAt(id), rule: 'substring', observed: raw }];
      }
      return EMPTY;
    }
    // (4) the host, else the registrable domain.
    domainEquals(host, 'exact');
    if (hitCount > 0) return first(host);
    domainEquals(parsed.domain.toLowerCase(), 'registrable-domain');
    return first(host);
  }

  function matchMvt(artifact: Artifact): readonly IndicatorMatch[] {
    reset();
    const value = artifact.value;
    if (typeof value !== 'string' || value.length === 0) return EMPTY;
    switch (artifact.type) {
      case 'url':
      case 'domain':
      case 'ip':
        return mvtUrl(value);
      case 'process-name': {
        const name = basename(value);
        const len = loadKey(name, false);
        probeExact(K_PROCESS, hashBytes(K_PROCESS, keyBuf, 0, len), 0, len, 'exact');
        if (name.length === 16) probeTruncated(NS_PROC16, len);
        return first(name);
      }
      case 'email':
        exact(K_EMAIL, value, true);
        return first(value.toLowerCase());
      case 'file-name':
        exact(K_FILE_NAME, value, false);
        return first(value);
      case 'file-path': {
        const name = basename(value);
        exact(K_FILE_NAME, name, false);
        if (hitCount > 0) return first(value);
        mvtPathIds ??= idsOfKind(K_FILE_PATH);
        for (const id of mvtPathIds) {
          const ioc = indicatorAt(id).value.replace(/\/+$/, '');
          if (value.startsWith(ioc)) return [{ indicator: indicatorAt(id), rule: 'prefix', observed: value }];
        }
        return EMPTY;
      }
      case 'hash': {
        exact(K_HASH, value, true);
        const bucket = value.length === 32 ? 'md5' : value.length === 40 ? 'sha1' : 'sha256';
        let kept = 0;
        for (let k = 0; k < hitCount; k++) {
          const ind = indicatorAt(hitIds[k] as number);
          const alg =
            ind.hashAlgorithm ??
            (ind.value.length === 32 ? 'md5' : ind.value.length === 40 ? 'sha1' : 'sha256');
          if (alg === bucket) hitIds[kept++] = hitIds[k] as number;
        }
        hitCount = kept;
        return first(value.toLowerCase());
      }
      case 'app-cert':
        exact(K_APP_CERT, value, true);
        return first(value.toLowerCase());
      case 'app-id':
        exact(K_APP_ID, value, true);
        return first(value.toLowerCase());
      case 'android-property':
        exact(K_PROPERTY, value, true);
        return first(value.toLowerCase());
      case 'configuration-profile': {
        mvtProfileIds ??= idsOfKind(K_PROFILE);
        for (const id of mvtProfileIds) {
          if (indicatorAt(id).value.includes(value))
            return [{ indicator: indicatorAt(id), rule: 'contains', observed: value }];
        }
        return EMPTY;
      }
      default:
        return EMPTY;
    }
  }

  return { matchDefault, matchMvt };
}
