/**
 * Turns indicators into rules for the network engines that run at scale: Suricata, Zeek's Intel framework,
 * a hosts file and a DNS response-policy zone (RPZ). Pure: text in, text out.
 */
import { domainToASCII } from 'node:url';

/**
 * The formats {@link exportRules} writes.
 *
 * @example
 * ```ts
 * import type { RuleFormat } from '@vigil/cli';
 *
 * const format: RuleFormat = 'suricata';
 * ```
 */
export type RuleFormat = 'suricata' | 'zeek' | 'hosts' | 'rpz';

/**
 * Every {@link RuleFormat}, in a stable order.
 *
 * @example
 * ```ts
 * import { exportRules, RULE_FORMATS } from '@vigil/cli';
 *
 * for (const format of RULE_FORMATS) console.log(exportRules([{ type: 'domain', value: 'c2.example' }], { format }).text);
 * ```
 */
export const RULE_FORMATS: readonly RuleFormat[] = ['suricata', 'zeek', 'hosts', 'rpz'];

/**
 * The part of an indicator that rules need. Every `Indicator` of `@vigil/matcher` fits.
 *
 * @example
 * ```ts
 * import type { ExportableIndicator } from '@vigil/cli';
 *
 * const indicator: ExportableIndicator = {
 *   type: 'domain',
 *   value: 'c2.example',
 *   provenance: { indicates: ['ExampleSpy'], source: { file: 'examplespy.stix2' } },
 * };
 * ```
 */
export interface ExportableIndicator {
  /** An `IndicatorType`: `domain`, `url`, `ip`, `cidr`, `email`, `hash`, `file-name`, ... */
  readonly type: string;
  readonly value: string;
  readonly provenance?: {
    /** Names of the malware or campaigns it indicates; they go into rule messages. */
    readonly indicates?: readonly string[];
    readonly stixId?: string;
    readonly source?: { readonly file?: string };
  };
}

/**
 * Options for {@link exportRules}.
 *
 * @example
 * ```ts
 * import type { ExportRulesOptions } from '@vigil/cli';
 *
 * const options: ExportRulesOptions = { format: 'suricata', sidStart: 9_100_000 };
 * ```
 */
export interface ExportRulesOptions {
  readonly format: RuleFormat;
  /**
   * Suricata: the first signature id; each rule takes the next one. Keep the range apart from your other
   * rule sets.
   * @default 9_000_000
   */
  readonly sidStart?: number;
  /**
   * A short name for the source, used in Suricata messages and Zeek's `meta.source`.
   * @default 'vigil'
   */
  readonly source?: string;
  /**
   * hosts: the address names are pointed to.
   * @default '0.0.0.0'
   */
  readonly sinkhole?: string;
  /**
   * RPZ: the SOA serial. Fixed by default so that the same indicators give the same file.
   * @default 1
   */
  readonly serial?: number;
}

/**
 * An indicator that a format cannot express, and why.
 *
 * @example
 * ```ts
 * import type { SkippedIndicator } from '@vigil/cli';
 *
 * const skipped: SkippedIndicator = { type: 'process-name', value: 'exspyd', reason: 'hosts: only domains' };
 * ```
 */
export interface SkippedIndicator {
  readonly type: string;
  readonly value: string;
  readonly reason: string;
}

/**
 * What {@link exportRules} returns.
 *
 * @example
 * ```ts
 * import { exportRules } from '@vigil/cli';
 *
 * const { text, rules, skipped } = exportRules([{ type: 'domain', value: 'c2.example' }], { format: 'hosts' });
 * console.log(rules, skipped.length, text.includes('0.0.0.0 c2.example')); // 1 0 true
 * ```
 */
export interface ExportedRules {
  readonly format: RuleFormat;
  /** The file's content, ending with a newline. */
  readonly text: string;
  /** Rules (Suricata), intel items (Zeek), host lines or RPZ records written. */
  readonly rules: number;
  readonly skipped: readonly SkippedIndicator[];
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/u;

/** A lower-case ASCII (punycode) domain, or `undefined` when the value is not a usable domain. */
function asciiDomain(value: string): string | undefined {
  const trimmed = value.trim().replace(/\.$/u, '');
  if (trimmed === '' || /[\s/:@]/u.test(trimmed)) return undefined;
  const ascii = /^[\x21-\x7e]+$/u.test(trimmed) ? trimmed.toLowerCase() : domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  return ascii;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u;

/** Expands an IPv6 address to 8 numbers, or `undefined`. */
function ipv6Words(value: string): number[] | undefined {
  let v = value.toLowerCase().replace(/^\[|\]$/gu, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/u.exec(v);
  if (v4?.[1] !== undefined) {
    if (!IPV4.test(v4[1])) return undefined;
    const b = v4[1].split('.').map(Number) as [number, number, number, number];
    v = `${v.slice(0, -v4[1].length)}${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/u.test(v)) return undefined;
  const halves = v.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const parts = s.split(':');
    if (!parts.every((p) => /^[0-9a-f]{1,4}$/u.test(p))) return undefined;
    return parts.map((p) => Number.parseInt(p, 16));
  };
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}

interface Address {
  readonly version: 4 | 6;
  readonly text: string;
  readonly prefix: number;
  /** IPv4 bytes or IPv6 words. */
  readonly parts: readonly number[];
}

function parseAddress(value: string, allowPrefix: boolean): Address | undefined {
  const [addr = '', prefixText, extra] = value.trim().split('/');
  if (extra !== undefined || (!allowPrefix && prefixText !== undefined)) return undefined;
  if (IPV4.test(addr)) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
    return {
      version: 4,
      text: prefixText === undefined ? addr : `${addr}/${prefix}`,
      prefix,
      parts: addr.split('.').map(Number),
    };
  }
  const words = ipv6Words(addr);
  if (words === undefined) return undefined;
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128) return undefined;
  const text = words.map((w) => w.toString(16)).join(':');
  return { version: 6, text: prefixText === undefined ? text : `${text}/${prefix}`, prefix, parts: words };
}

/** The RPZ owner name of an address or range: reversed parts, `zz` for the longest run of zero words. */
function rpzIpName(a: Address): string {
  if (a.version === 4) return `${a.prefix}.${[...a.parts].reverse().join('.')}.rpz-ip`;
  const words = a.parts;
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < words.length; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < words.length && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  const labels = best < 0 ? hex : [...hex.slice(0, best), 'zz', ...hex.slice(best + bestLen)];
  return `${a.prefix}.${labels.reverse().join('.')}.rpz-ip`;
}

/** Escapes Suricata `content` bytes: `"`, `;`, `\`, `|` and anything outside printable ASCII as `|XX|`. */
function suricataContent(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    out +=
      byte < 0x20 || byte > 0x7e || '";\\|'.includes(ch)
        ? `|${byte.toString(16).padStart(2, '0').toUpperCase()}|`
        : ch;
  }
  return out;
}

/** Text safe inside a Suricata `msg:"…"`: printable ASCII without `"`, `;`, `\`. */
function suricataText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/gu, '')
    .replace(/["\\;]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .slice(0, 120);
}

function zeekField(value: string | undefined): string {
  if (value === undefined) return '-';
  const v = value.replace(/[\t\r\n\\]/gu, ' ').trim();
  return v === '' ? '-' : v;
}

interface Entry {
  readonly kind: 'domain' | 'ip' | 'url' | 'other';
  readonly type: string;
  readonly value: string;
  readonly names: string[];
  readonly address?: Address;
  readonly stixIds: string[];
}

function namesOf(indicator: ExportableIndicator): string[] {
  return [...(indicator.provenance?.indicates ?? [])];
}

/** Normalises and de-duplicates the input; an unusable value is skipped with a reason. */
function prepare(indicators: readonly ExportableIndicator[], skipped: SkippedIndicator[]): Entry[] {
  const byKey = new Map<string, Entry>();
  const add = (key: string, make: () => Entry, indicator: ExportableIndicator): void => {
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, make());
      return;
    }
    for (const n of namesOf(indicator)) if (!existing.names.includes(n)) existing.names.push(n);
    const id = indicator.provenance?.stixId;
    if (id !== undefined && !existing.stixIds.includes(id)) existing.stixIds.push(id);
  };
  for (const indicator of indicators) {
    const ids = indicator.provenance?.stixId === undefined ? [] : [indicator.provenance.stixId];
    if (indicator.type === 'domain') {
      const d = asciiDomain(indicator.value);
      if (d === undefined) {
        skipped.push({ type: indicator.type, value: indicator.value, reason: 'not a valid domain name' });
        continue;
      }
      add(
        `d:${d}`,
        () => ({ kind: 'domain', type: 'domain', value: d, names: namesOf(indicator), stixIds: ids }),
        indicator,
      );
    } else if (indicator.type === 'ip' || indicator.type === 'cidr') {
      const a = parseAddress(indicator.value, indicator.type === 'cidr');
      if (a === undefined) {
        skipped.push({
          type: indicator.type,
          value: indicator.value,
          reason: `not a valid ${indicator.type === 'ip' ? 'IP address' : 'CIDR range'}`,
        });
        continue;
      }
      add(
        `i:${a.text}`,
        () => ({
          kind: 'ip',
          type: indicator.type,
          value: a.text,
          address: a,
          names: namesOf(indicator),
          stixIds: ids,
        }),
        indicator,
      );
    } else if (indicator.type === 'url') {
      const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)([^#]*)/iu.exec(indicator.value.trim());
      const host =
        m?.[2] === undefined ? undefined : asciiDomain(m[2].replace(/^[^@]*@/u, '').replace(/:\d+$/u, ''));
      if (m === null || host === undefined) {
        skipped.push({
          type: indicator.type,
          value: indicator.value,
          reason: 'URL without a usable host name',
        });
        continue;
      }
      const path = m[3] === undefined || m[3] === '' ? '/' : m[3];
      const url = `${(m[1] ?? 'http').toLowerCase()}://${host}${path}`;
      add(
        `u:${url}`,
        () => ({ kind: 'url', type: 'url', value: url, names: namesOf(indicator), stixIds: ids }),
        indicator,
      );
    } else {
      add(
        `o:${indicator.type}:${indicator.value}`,
        () => ({
          kind: 'other',
          type: indicator.type,
          value: indicator.value.trim(),
          names: namesOf(indicator),
          stixIds: ids,
        }),
        indicator,
      );
    }
  }
  return [...byKey.values()];
}

function splitUrl(url: string): { scheme: string; host: string; path: string } {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]+)(.*)$/u.exec(url);
  return { scheme: m?.[1] ?? 'http', host: m?.[2] ?? '', path: m?.[3] ?? '/' };
}

function suricata(
  entries: readonly Entry[],
  options: ExportRulesOptions,
  skipped: SkippedIndicator[],
): { lines: string[]; rules: number } {
  let sid = options.sidStart ?? 9_000_000;
  const source = suricataText(options.source ?? 'vigil') || 'vigil';
  const lines: string[] = [];
  let rules = 0;
  const rule = (header: string, what: string, body: string, entry: Entry): void => {
    const names = entry.names.length > 0 ? ` ${suricataText(entry.names.join(', '))}` : '';
    const msg = `${source.toUpperCase()}${names} ${what}`;
    const options = [
      `msg:"${msg}";`,
      ...(body === '' ? [] : [body]),
      'classtype:trojan-activity;',
      `sid:${sid};`,
      'rev:1;',
    ];
    lines.push(`alert ${header} (${options.join(' ')})`);
    sid++;
    rules++;
  };
  for (const entry of entries) {
    if (entry.kind === 'domain') {
      const c = suricataContent(`.${entry.value}`);
      const d = suricataText(entry.value);
      rule(
        'dns any any -> any any',
        `DNS query for ${d}`,
        `dns.query; dotprefix; content:"${c}"; nocase; endswith;`,
        entry,
      );
      rule(
        'tls any any -> any any',
        `TLS SNI ${d}`,
        `tls.sni; dotprefix; content:"${c}"; nocase; endswith;`,
        entry,
      );
      rule(
        'http any any -> any any',
        `HTTP host ${d}`,
        `http.host; dotprefix; content:"${c}"; endswith;`,
        entry,
      );
    } else if (entry.kind === 'ip' && entry.address !== undefined) {
      rule(`ip any any -> [${entry.address.text}] any`, `traffic to ${entry.address.text}`, '', entry);
      rule(`ip [${entry.address.text}] any -> any any`, `traffic from ${entry.address.text}`, '', entry);
    } else if (entry.kind === 'url') {
      const { host, path } = splitUrl(entry.value);
      rule(
        'http any any -> any any',
        `HTTP request for ${suricataText(`${host}${path}`).slice(0, 80)}`,
        `http.host; content:"${suricataContent(host)}"; startswith; endswith; http.uri; content:"${suricataContent(path)}"; startswith;`,
        entry,
      );
    } else
      skipped.push({
        type: entry.type,
        value: entry.value,
        reason: 'suricata: no network rule for this type',
      });
  }
  return { lines, rules };
}

const ZEEK_TYPES: Readonly<Record<string, string>> = {
  domain: 'Intel::DOMAIN',
  email: 'Intel::EMAIL',
  hash: 'Intel::FILE_HASH',
  'file-name': 'Intel::FILE_NAME',
};

function zeek(
  entries: readonly Entry[],
  options: ExportRulesOptions,
  skipped: SkippedIndicator[],
): { lines: string[]; rules: number } {
  const lines = ['#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url'];
  const source = zeekField(options.source ?? 'vigil');
  let rules = 0;
  for (const entry of entries) {
    let indicator: string | undefined;
    let type: string | undefined;
    if (entry.kind === 'ip' && entry.address !== undefined) {
      indicator = entry.address.text;
      type =
        entry.address.prefix === (entry.address.version === 4 ? 32 : 128) && !entry.value.includes('/')
          ? 'Intel::ADDR'
          : 'Intel::SUBNET';
    } else if (entry.kind === 'url') {
      // Zeek's URL intel is matched without the scheme.
      indicator = entry.value.replace(/^[a-z][a-z0-9+.-]*:\/\//u, '');
      type = 'Intel::URL';
    } else {
      type = ZEEK_TYPES[entry.type];
      indicator = entry.type === 'hash' || entry.type === 'email' ? entry.value.toLowerCase() : entry.value;
    }
    if (type === undefined || /[\t\r\n]/u.test(indicator)) {
      skipped.push({
        type: entry.type,
        value: entry.value,
        reason: 'zeek: no Intel type for this indicator type',
      });
      continue;
    }
    const desc = entry.names.length > 0 ? entry.names.join(', ') : undefined;
    lines.push([indicator, type, source, zeekField(desc), zeekField(entry.stixIds[0])].join('\t'));
    rules++;
  }
  return { lines, rules };
}

function hosts(
  entries: readonly Entry[],
  options: ExportRulesOptions,
  skipped: SkippedIndicator[],
): { lines: string[]; rules: number } {
  const sink = options.sinkhole ?? '0.0.0.0';
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.kind === 'domain') lines.push(`${sink} ${entry.value}`);
    else skipped.push({ type: entry.type, value: entry.value, reason: 'hosts: only domain names' });
  }
  return { lines, rules: lines.length };
}

function rpz(
  entries: readonly Entry[],
  options: ExportRulesOptions,
  skipped: SkippedIndicator[],
): { lines: string[]; rules: number } {
  const lines = [
    '$TTL 300',
    `@ IN SOA localhost. hostmaster.localhost. ( ${options.serial ?? 1} 3600 600 86400 300 )`,
    '@ IN NS localhost.',
  ];
  let rules = 0;
  for (const entry of entries) {
    const comment = entry.names.length > 0 ? ` ; ${entry.names.join(', ').replace(/[\r\n]/gu, ' ')}` : '';
    if (entry.kind === 'domain') {
      lines.push(`${entry.value} CNAME .${comment}`, `*.${entry.value} CNAME .${comment}`);
      rules += 2;
    } else if (entry.kind === 'ip' && entry.address !== undefined) {
      lines.push(`${rpzIpName(entry.address)} CNAME .${comment}`);
      rules++;
    } else
      skipped.push({
        type: entry.type,
        value: entry.value,
        reason: 'rpz: only domain names and IP addresses',
      });
  }
  return { lines, rules };
}

/**
 * Writes indicators as rules for a network engine.
 *
 * - `suricata`: for each domain, three rules (DNS query, TLS SNI, HTTP host) that match the domain and its
 *   subdomains at a label boundary (`dotprefix` + `endswith`); for each IP or CIDR, one rule each way;
 *   for each URL, an HTTP host + URI-prefix rule. Signature ids are unique and consecutive from `sidStart`.
 * - `zeek`: an Intel framework file (`Intel::DOMAIN`, `ADDR`, `SUBNET`, `URL`, `EMAIL`, `FILE_HASH`,
 *   `FILE_NAME`), tab-separated. Zeek matches `Intel::DOMAIN` exactly, without subdomains.
 * - `hosts`: one `0.0.0.0 <domain>` line per domain (a hosts file cannot cover subdomains).
 * - `rpz`: a zone with `CNAME .` (NXDOMAIN) for each domain and its subdomains, and `rpz-ip` records for
 *   addresses and ranges. Names are relative to the zone's origin, set where the zone is loaded.
 *
 * Duplicate values are written once (their malware names merged). Anything the format cannot express is
 * listed in `skipped` with a reason, and counted in the file's header comment.
 *
 * @example
 * ```ts
 * import { exportRules } from '@vigil/cli';
 *
 * const { text } = exportRules(
 *   [{ type: 'domain', value: 'c2.example', provenance: { indicates: ['ExampleSpy'] } }],
 *   { format: 'suricata', sidStart: 9_100_000 },
 * );
 * // alert dns any any -> any any (msg:"VIGIL ExampleSpy DNS query for c2.example"; dns.query; dotprefix; ...
 * console.log(text);
 * ```
 */
export function exportRules(
  indicators: readonly ExportableIndicator[],
  options: ExportRulesOptions,
): ExportedRules {
  const skipped: SkippedIndicator[] = [];
  const entries = prepare(indicators, skipped);
  const writer = { suricata, zeek, hosts, rpz }[options.format];
  if (writer === undefined) throw new TypeError(`Unknown rule format: ${String(options.format)}`);
  const { lines, rules } = writer(entries, options, skipped);
  const comment = options.format === 'rpz' ? ';' : '#';
  const header = [
    `${comment} Generated by vigil export-rules (${options.format}): ${rules} ${options.format === 'suricata' ? 'rules' : 'entries'} from ${indicators.length} indicators; ${skipped.length} skipped.`,
  ];
  const body = options.format === 'zeek' ? lines : [...header, ...lines];
  // Zeek's input reader wants the #fields line first; its header comment goes after it.
  const text =
    options.format === 'zeek' ? [body[0], ...header, ...body.slice(1)].join('\n') : body.join('\n');
  return { format: options.format, text: `${text}\n`, rules, skipped };
}
