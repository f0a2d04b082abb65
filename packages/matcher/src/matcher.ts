/**
 * The fast path: a compiled index that matches real artifacts (URLs, hosts, IPs, hashes, names, paths,
 * ids) against indicators and returns every match with its provenance.
 */

import { parse as parseDomain } from 'tldts';
import { HOST_BRACKETS, HOST_SLOW, hostSpan, scanHost, slowHostToAscii } from './host.js';
import type { Diagnostic, Indicator, IndicatorSet } from './indicator.js';
import {
  buildIndex,
  fmix,
  hashBytes,
  type IndexData,
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
  NS_PROC15,
  NS_PROC16,
  SEED_DOMAIN,
  seedOf,
  step,
  urlKey,
} from './internal/fast-index.js';
import { matcherStates } from './internal/matcher-state.js';
import { formatIpBytes, type IpAddress, maskIpBytes, parseIpSpan } from './ip.js';

/** The kinds of artifact a matcher can check. */
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

/** Hits of one call: ids and rules, reused between calls. */
interface Hits {
  ids: number[];
  rules: MatchRule[];
}

function createEngine(data: IndexData, indicatorAt: (id: number) => Indicator) {
  const { kinds, textOffsets: offs, text, slots, meta } = data;
  const mask = slots.length - 1;
  const minLabels = meta.minDomainLabels;
  const hasDomains = (meta.kindCounts[K_DOMAIN] ?? 0) > 0;
  const hasUrls = meta.urlCount > 0;
  const hits: Hits = { ids: [], rules: [] };
  let keyBuf = new Uint8Array(256);
  const encoder = new TextEncoder();

  function addHit(id: number, rule: MatchRule): void {
    const ids = hits.ids;
    for (let k = 0; k < ids.length; k++) if (ids[k] === id) return;
    ids.push(id);
    hits.rules.push(rule);
  }

  function finish(observed: string): readonly IndicatorMatch[] {
    const n = hits.ids.length;
    if (n === 0) return EMPTY;
    const order = hits.ids.map((_, k) => k).sort((a, b) => (hits.ids[a] as number) - (hits.ids[b] as number));
    const out: IndicatorMatch[] = [];
    for (const k of order) {
      out.push({ indicator: indicatorAt(hits.ids[k] as number), rule: hits.rules[k] as MatchRule, observed });
    }
    return out;
  }

  function reset(): void {
    hits.ids.length = 0;
    hits.rules.length = 0;
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

  /** Probes the domain table for the host suffix `s[a, b)` whose reverse hash is `h`. */
  function probeDomain(h: number, s: string, a: number, b: number, whole: boolean): void {
    let slot = h & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = v - 1;
      if (kinds[id] === K_DOMAIN && keyEqualsLower(id, s, a, b)) addHit(id, whole ? 'exact' : 'subdomain');
      slot = (slot + 1) & mask;
    }
  }

  /** Walks the host `s[start, end)` right to left, probing every label suffix. */
  function walkHost(s: string, start: number, end: number): void {
    let h = SEED_DOMAIN;
    let labels = 1;
    for (let i = end - 1; i >= start; i--) {
      let c = s.charCodeAt(i);
      if (c === 46) {
        if (labels >= minLabels) probeDomain(fmix(h), s, i + 1, end, false);
        labels++;
      } else if (c >= 65 && c <= 90) c |= 32;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (labels >= minLabels) probeDomain(fmix(h), s, start, end, true);
  }

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
      const id = v - 1;
      if (kinds[id] === kind && bytesEqual(id, a, b)) addHit(id, rule);
      slot = (slot + 1) & mask;
    }
  }

  function exact(kind: number, value: string, lower: boolean): void {
    const len = loadKey(value, lower);
    probeExact(kind, hashBytes(kind, keyBuf, 0, len), 0, len, 'exact');
  }

  /** Process names truncated by the kernel: indicators longer than `len` whose first `len` bytes match. */
  function probeTruncated(ns: number, len: number): void {
    let slot = hashBytes(ns, keyBuf, 0, len) & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = v - 1;
      const o = offs[id] as number;
      if (kinds[id] === K_PROCESS && (offs[id + 1] as number) - o > len) {
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
    let slot = hashBytes(K_URL, keyBuf, 0, len) & mask;
    let observedKey: string | undefined;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = v - 1;
      if (kinds[id] === K_URL) {
        observedKey ??= urlKey(value)?.key ?? '';
        if (keyText(data, id) === observedKey) addHit(id, 'url');
      }
      slot = (slot + 1) & mask;
    }
  }

  /** URL or host: returns the observed host (normalised) for the matches. */
  function matchUrlOrHost(value: string): string | undefined {
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
    const last = s.charCodeAt(end - 1);
    if (last >= 48 && last <= 57) {
      const ip = parseIpSpan(s, start, end);
      if (ip !== undefined) {
        matchIp(ip);
        if (hasUrls) matchUrlIndicators(value, ip.text);
        return ip.text;
      }
    }
    if (hasDomains) walkHost(s, start, end);
    if (hasUrls) matchUrlIndicators(value, s.slice(start, end).toLowerCase());
    return hits.ids.length === 0 ? '' : s.slice(start, end).toLowerCase();
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
        exact(K_EMAIL, value.trim(), true);
        return finish(value.trim().toLowerCase());
      case 'process-name': {
        const name = basename(value);
        const len = loadKey(name, false);
        probeExact(K_PROCESS, hashBytes(K_PROCESS, keyBuf, 0, len), 0, len, 'exact');
        if (len === 15) probeTruncated(NS_PROC15, 15);
        else if (len === 16) probeTruncated(NS_PROC16, 16);
        return finish(name);
      }
      case 'file-name':
        exact(K_FILE_NAME, value, false);
        return finish(value);
      case 'file-path':
        matchFilePath(value);
        return finish(value);
      case 'hash':
        exact(K_HASH, value.trim(), true);
        return finish(value.trim().toLowerCase());
      case 'app-id':
        exact(K_APP_ID, value.trim(), true);
        return finish(value.trim().toLowerCase());
      case 'app-cert': {
        const v = value.trim().replaceAll(':', '');
        exact(K_APP_CERT, v, true);
        return finish(v.toLowerCase());
      }
      case 'configuration-profile':
        exact(K_PROFILE, value.trim(), true);
        return finish(value.trim().toLowerCase());
      case 'android-property':
        exact(K_PROPERTY, value.trim(), true);
        return finish(value.trim().toLowerCase());
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
    if (hits.ids.length === 0) return EMPTY;
    let best = 0;
    for (let k = 1; k < hits.ids.length; k++)
      if ((hits.ids[k] as number) < (hits.ids[best] as number)) best = k;
    return [
      { indicator: indicatorAt(hits.ids[best] as number), rule: hits.rules[best] as MatchRule, observed },
    ];
  }

  function domainEquals(host: string, rule: MatchRule): void {
    let h = SEED_DOMAIN;
    for (let i = host.length - 1; i >= 0; i--) h = step(h, host.charCodeAt(i));
    let slot = fmix(h) & mask;
    for (;;) {
      const v = slots[slot] as number;
      if (v === 0) return;
      const id = v - 1;
      if (kinds[id] === K_DOMAIN && keyEqualsLower(id, host, 0, host.length)) addHit(id, rule);
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
    if (hits.ids.length > 0) return first(raw);
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
    if (hits.ids.length > 0) return first(host);
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
        if (hits.ids.length > 0) return first(value);
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
        const keep: Hits = { ids: [], rules: [] };
        for (let k = 0; k < hits.ids.length; k++) {
          const ind = indicatorAt(hits.ids[k] as number);
          const alg =
            ind.hashAlgorithm ??
            (ind.value.length === 32 ? 'md5' : ind.value.length === 40 ? 'sha1' : 'sha256');
          if (alg === bucket) {
            keep.ids.push(hits.ids[k] as number);
            keep.rules.push('exact');
          }
        }
        hits.ids = keep.ids;
        hits.rules = keep.rules;
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
