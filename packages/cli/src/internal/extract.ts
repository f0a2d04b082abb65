import type { Artifact, ArtifactLocation, ArtifactType } from '../artifact.js';
import { looksLikeEmail, looksLikeHash, looksLikeHost, looksLikeUrlOrHost, urlsInText } from './classify.js';

/** Keys (lower-case) whose string values are URLs or hosts visited or contacted. */
const URL_KEYS = new Set([
  'url',
  'urls',
  'link',
  'links',
  'expanded_url',
  'redirect_source',
  'redirect_destination',
  'origin_url',
  'source_url',
  'referrer',
  'referer',
  'tab_url',
  'page_url',
  'favicon_url',
  'icon_url',
  'download_url',
  'href',
  'uri',
]);
/** Keys whose values are host names or IP addresses. */
const HOST_KEYS = new Set([
  'host',
  'hostname',
  'registrable_domain',
  'domain_name',
  'dns_name',
  'query',
  'server_name',
  'sni',
  'remote_host',
  'ip',
  'ip_address',
  'remote_ip',
  'dst_ip',
  'address',
]);
const PROCESS_KEYS = new Set(['proc_name', 'process_name', 'process', 'procname', 'comm', 'executable']);
const APP_ID_KEYS = new Set([
  'package_name',
  'bundle_id',
  'bundleid',
  'bundleidentifier',
  'bundle_identifier',
  'softwareversionbundleid',
  'package',
  'app_id',
  'appid',
  'installer',
  'client_bundle_id',
]);
const HASH_KEYS = new Set([
  'sha256',
  'sha1',
  'md5',
  'hash',
  'file_sha256',
  'file_sha1',
  'file_md5',
  'digest',
]);
const CERT_KEYS = new Set([
  'certificate',
  'certificates',
  'cert',
  'cert_sha1',
  'cert_sha256',
  'cert_md5',
  'signer',
]);
const PATH_KEYS = new Set(['path', 'file_path', 'filepath', 'full_path', 'fullpath', 'file', 'target_path']);
const FILE_NAME_KEYS = new Set(['file_name', 'filename']);
const EMAIL_KEYS = new Set(['email', 'email_address', 'mail', 'participant', 'user', 'handle', 'organizer']);
const PROFILE_KEYS = new Set(['payloaduuid', 'payload_uuid', 'profile_uuid', 'profile_id', 'profileuuid']);
/** Keys never walked: they hold an earlier run's match, not an observation. */
const SKIP_KEYS = new Set(['matched_indicator', 'matched_indicators', 'ioc', 'indicator']);

/** Record keys tried, in order, for the event's time. */
const TIME_KEYS = [
  'event_time',
  'isodate',
  'timestamp',
  'first_isodate',
  'last_isodate',
  'last_visited_isodate',
  'visit_timestamp',
  'date',
  'datetime',
  'time',
  'created',
  'first_seen',
  'last_seen',
];

/** Finds the event time of a record: the first known time key holding a string or number. */
export function eventTimeOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const obj = record as Record<string, unknown>;
  for (const key of TIME_KEYS) {
    const v = obj[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  for (const [key, v] of Object.entries(obj)) {
    if (/(?:isodate|timestamp)$/iu.test(key) && typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** What one record produced. */
interface Context {
  readonly module: string;
  readonly eventTime: string | null;
  readonly event: unknown;
  readonly file: string;
  readonly line?: number;
  readonly out: Artifact[];
}

function push(ctx: Context, type: ArtifactType, value: string, path: readonly (string | number)[]): void {
  const v = value.trim();
  if (v === '') return;
  const location: ArtifactLocation =
    ctx.line === undefined
      ? { file: ctx.file, path: [...path] }
      : { file: ctx.file, line: ctx.line, path: [...path] };
  ctx.out.push({ type, value: v, module: ctx.module, eventTime: ctx.eventTime, event: ctx.event, location });
}

function classifyString(
  ctx: Context,
  key: string,
  value: string,
  path: readonly (string | number)[],
  isGetprop: boolean,
  isProfile: boolean,
): void {
  const k = key.toLowerCase();
  if (URL_KEYS.has(k)) {
    if (looksLikeUrlOrHost(value)) push(ctx, 'url', value, path);
    else for (const url of urlsInText(value)) push(ctx, 'url', url, path);
    return;
  }
  if (HOST_KEYS.has(k) && looksLikeHost(value)) {
    push(ctx, /^[\d.]+$|:/u.test(value) ? 'ip' : 'domain', value, path);
    return;
  }
  if (PROCESS_KEYS.has(k)) {
    if (value.includes('/')) {
      push(ctx, 'file-path', value, path);
      push(ctx, 'process-name', basename(value), path);
    } else {
      push(ctx, 'process-name', value, path);
      // Android names an app's processes after its package (com.example.app or com.example.app:remote).
      const pkg = value.split(':')[0] ?? '';
      if (/^[A-Za-z][\w-]*(?:\.[\w-]+){2,}$/u.test(pkg)) push(ctx, 'app-id', pkg, path);
    }
    return;
  }
  if (APP_ID_KEYS.has(k) && /^[\w-]+(?:\.[\w-]+)+$/u.test(value)) {
    push(ctx, 'app-id', value, path);
    return;
  }
  if (k === 'client' || k === 'service' || k === 'name') {
    if (isGetprop && k === 'name') {
      push(ctx, 'android-property', value, path);
      return;
    }
    if (k === 'client') {
      if (value.startsWith('/')) {
        push(ctx, 'file-path', value, path);
        push(ctx, 'process-name', basename(value), path);
      } else if (/^[\w-]+(?:\.[\w-]+)+$/u.test(value)) push(ctx, 'app-id', value, path);
      else push(ctx, 'process-name', value, path);
      return;
    }
  }
  if (HASH_KEYS.has(k) && looksLikeHash(value)) {
    // Digests under a certificate (AndroidQF's `certificate: { Md5, Sha1, Sha256 }`) are signing-certificate hashes.
    const inCertificate = path.some((p) => typeof p === 'string' && CERT_KEYS.has(p.toLowerCase()));
    push(ctx, inCertificate ? 'app-cert' : 'hash', value.toLowerCase(), path);
    return;
  }
  if (CERT_KEYS.has(k) && looksLikeHash(value.replaceAll(':', ''))) {
    push(ctx, 'app-cert', value.replaceAll(':', '').toLowerCase(), path);
    return;
  }
  if (PATH_KEYS.has(k) && value.startsWith('/')) {
    push(ctx, 'file-path', value, path);
    push(ctx, 'file-name', basename(value), path);
    return;
  }
  if (FILE_NAME_KEYS.has(k)) {
    push(ctx, 'file-name', basename(value), path);
    return;
  }
  if (EMAIL_KEYS.has(k)) {
    const email = value.replace(/^mailto:/iu, '');
    if (looksLikeEmail(email)) {
      push(ctx, 'email', email, path);
      return;
    }
  }
  if ((PROFILE_KEYS.has(k) || (isProfile && k === 'uuid')) && /^[0-9a-f-]{8,}$/iu.test(value)) {
    push(ctx, 'configuration-profile', value, path);
    return;
  }
  // Any other string: URLs written inside it (SMS text, messages, descriptions).
  for (const url of urlsInText(value)) push(ctx, 'url', url, path);
}

function walk(
  ctx: Context,
  key: string,
  node: unknown,
  path: (string | number)[],
  depth: number,
  isGetprop: boolean,
  isProfile: boolean,
): void {
  if (depth > 32) return;
  if (typeof node === 'string') {
    classifyString(ctx, key, node, path, isGetprop, isProfile);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(ctx, key, item, [...path, i], depth + 1, isGetprop, isProfile);
    });
    return;
  }
  if (typeof node === 'object' && node !== null) {
    for (const [k, v] of Object.entries(node)) {
      if (SKIP_KEYS.has(k.toLowerCase())) continue;
      walk(ctx, k, v, [...path, k], depth + 1, isGetprop, isProfile);
    }
  }
}

/** Options for {@link extractFromRecord}. */
export interface ExtractOptions {
  readonly module: string;
  readonly file: string;
  readonly line?: number;
  /** Path of the record inside its file. */
  readonly path?: readonly (string | number)[];
  /** Use this time instead of looking for one in the record. */
  readonly eventTime?: string | null;
  /** The event reported with the artifacts; the record itself by default. */
  readonly event?: unknown;
}

/**
 * Extracts every checkable value from one MVT module record (or any JSON object): URLs, hosts, process
 * names, app ids, hashes, certificate digests, paths, e-mail addresses, profile ids and property names, by
 * key name, plus URLs written in free text. An earlier run's `matched_indicator` is never read as an
 * observation.
 */
export function extractFromRecord(record: unknown, options: ExtractOptions): Artifact[] {
  const out: Artifact[] = [];
  const slug = options.module.toLowerCase();
  const ctx: Context = {
    module: options.module,
    eventTime: options.eventTime === undefined ? eventTimeOf(record) : options.eventTime,
    event: options.event === undefined ? record : options.event,
    file: options.file,
    ...(options.line === undefined ? {} : { line: options.line }),
    out,
  };
  walk(ctx, '', record, [...(options.path ?? [])], 0, slug.includes('getprop'), slug.includes('profile'));
  return out;
}
