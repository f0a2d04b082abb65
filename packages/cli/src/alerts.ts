/**
 * Alerts in the shape of MVT 3's `alerts.json`, with Vigil's provenance added.
 */
import type { Artifact, ArtifactLocation, ArtifactType } from './artifact.js';
import { formatCsv } from './internal/csv.js';

/**
 * MVT 3's alert levels.
 *
 * @example
 * ```ts
 * import type { AlertLevel } from '@vigil/cli';
 *
 * const level: AlertLevel = 'CRITICAL';
 * ```
 */
export type AlertLevel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/**
 * Every {@link AlertLevel}, from the lowest.
 *
 * @example
 * ```ts
 * import { ALERT_LEVELS } from '@vigil/cli';
 *
 * const atLeastHigh = ALERT_LEVELS.slice(ALERT_LEVELS.indexOf('HIGH')); // ['HIGH', 'CRITICAL']
 * ```
 */
export const ALERT_LEVELS: readonly AlertLevel[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/**
 * The indicator an alert matched, as `@vigil/matcher` describes it (every `Indicator` of that package fits).
 *
 * @example
 * ```ts
 * import type { AlertIndicator } from '@vigil/cli';
 *
 * const indicator: AlertIndicator = {
 *   type: 'domain',
 *   value: 'c2.example',
 *   raw: 'c2.example',
 *   provenance: { source: { format: 'stix2', file: 'x.stix2', sha256: 'ab12' }, location: {}, indicates: ['ExampleSpy'], revoked: false },
 * };
 * ```
 */
export interface AlertIndicator {
  readonly type: string;
  readonly value: string;
  readonly raw: string;
  readonly hashAlgorithm?: string;
  readonly provenance: {
    readonly source: {
      readonly format: string;
      readonly file?: string;
      readonly sha256: string;
      readonly licence?: string;
      readonly repository?: string;
      readonly commit?: string;
    };
    readonly location: {
      readonly path?: readonly (string | number)[];
      readonly line?: number;
      readonly stixId?: string;
    };
    readonly stixId?: string;
    readonly indicates: readonly string[];
    readonly validFrom?: string;
    readonly validUntil?: string;
    readonly revoked: boolean;
    readonly confidence?: number;
  };
}

/**
 * The indicator set an alert's indicator came from.
 *
 * @example
 * ```ts
 * import type { AlertIndicatorSet } from '@vigil/cli';
 *
 * const set: AlertIndicatorSet = { name: 'ExampleSpy', sha256: 'ab12', file: 'x.stix2', format: 'stix2' };
 * ```
 */
export interface AlertIndicatorSet {
  readonly name: string;
  readonly version?: string;
  readonly sha256: string;
  readonly file?: string;
  readonly format: string;
}

/**
 * MVT's `matched_indicator`: the bucket name is MVT's (`domains`, `processes`, `files_sha256`, ...).
 *
 * @example
 * ```ts
 * import type { MvtMatchedIndicator } from '@vigil/cli';
 *
 * const m: MvtMatchedIndicator = { value: 'c2.example', type: 'domains', name: 'ExampleSpy', stix2_file_name: 'x.stix2' };
 * ```
 */
export interface MvtMatchedIndicator {
  readonly value: string;
  readonly type: string;
  /** The malware or campaign name (the first the indicator indicates), or the set's name. */
  readonly name: string;
  readonly stix2_file_name: string;
}

/**
 * What Vigil adds to an MVT-shaped alert: exactly what was observed and what it matched, and where
 * both came from.
 *
 * @example
 * ```ts
 * import type { AlertProvenance } from '@vigil/cli';
 *
 * const p: AlertProvenance['artifact'] = { type: 'url', value: 'https://c2.example/', location: { file: 'sms.json' } };
 * ```
 */
export interface AlertProvenance {
  readonly artifact: {
    readonly type: ArtifactType;
    readonly value: string;
    readonly location: ArtifactLocation;
  };
  readonly indicator: AlertIndicator;
  readonly set: AlertIndicatorSet;
  /** How the value matched, when the matcher says (`exact`, `subdomain`, `prefix`, ...). */
  readonly how?: string;
  /** The matcher profile used: `default` or `mvt`. */
  readonly profile: string;
  /**
   * For artifacts re-checked from an MVT results folder: `reported` when the earlier MVT run already matched
   * this indicator value, `new` when it did not (new indicators since, or a match MVT's rules miss).
   */
  readonly earlierRun?: 'reported' | 'new';
}

/**
 * One alert: MVT 3's fields (`level`, `module`, `message`, `event_time`, `event`, `matched_indicator`) plus
 * `vigil`, Vigil's provenance. Tools that read MVT's `alerts.json` read this file too.
 *
 * @example
 * ```ts
 * import type { VigilAlert } from '@vigil/cli';
 *
 * function critical(alerts: readonly VigilAlert[]): VigilAlert[] {
 *   return alerts.filter((a) => a.level === 'CRITICAL');
 * }
 * ```
 */
export interface VigilAlert {
  readonly level: AlertLevel;
  readonly module: string;
  readonly message: string;
  readonly event_time: string | null;
  readonly event: unknown;
  readonly matched_indicator: MvtMatchedIndicator;
  readonly vigil: AlertProvenance;
}

/** MVT's bucket name for a Vigil indicator type. */
function mvtBucket(indicator: AlertIndicator): string {
  switch (indicator.type) {
    case 'domain':
    case 'ip':
      return 'domains';
    case 'cidr':
      return 'ip_ranges';
    case 'url':
      return 'urls';
    case 'process-name':
      return 'processes';
    case 'email':
      return 'emails';
    case 'file-name':
      return 'file_names';
    case 'file-path':
      return 'file_paths';
    case 'hash':
      return indicator.hashAlgorithm === 'md5'
        ? 'files_md5'
        : indicator.hashAlgorithm === 'sha1'
          ? 'files_sha1'
          : 'files_sha256';
    case 'app-cert':
      return 'app_cert_hashes';
    case 'app-id':
      return 'app_ids';
    case 'configuration-profile':
      return 'ios_profile_ids';
    case 'android-property':
      return 'android_property_names';
    default:
      return indicator.type;
  }
}

const NOUNS: Readonly<Record<string, string>> = {
  domain: 'domain',
  ip: 'IP address',
  cidr: 'IP range',
  url: 'URL',
  'process-name': 'process name',
  email: 'e-mail address',
  'file-name': 'file name',
  'file-path': 'file path',
  hash: 'file hash',
  'app-cert': 'app certificate',
  'app-id': 'app id',
  'configuration-profile': 'configuration profile',
  'android-property': 'Android property',
};

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * The level of an alert. `CRITICAL` for an indicator match, as MVT 3 raises most of its; `HIGH` for file
 * paths and names (MVT uses `HIGH` for path matches, which are looser); `LOW` when the indicator is revoked
 * or its `valid_until` is before the event (the match is kept, not hidden, but it no longer means what it did).
 *
 * @example
 * ```ts
 * import { alertLevel } from '@vigil/cli';
 *
 * alertLevel({ type: 'file-path', value: '/tmp/x', raw: '/tmp/x', provenance: { source: { format: 'list', sha256: '' }, location: {}, indicates: [], revoked: false } }, null);
 * // 'HIGH'
 * ```
 */
export function alertLevel(indicator: AlertIndicator, eventTime: string | null): AlertLevel {
  if (indicator.provenance.revoked) return 'LOW';
  const until = indicator.provenance.validUntil;
  if (until !== undefined && eventTime !== null) {
    const u = Date.parse(until);
    const e = Date.parse(eventTime.includes('T') ? eventTime : `${eventTime.replace(' ', 'T')}Z`);
    if (Number.isFinite(u) && Number.isFinite(e) && e > u) return 'LOW';
  }
  if (indicator.type === 'file-path' || indicator.type === 'file-name') return 'HIGH';
  return 'CRITICAL';
}

/**
 * Options for {@link buildAlert}.
 *
 * @example
 * ```ts
 * import type { BuildAlertOptions } from '@vigil/cli';
 *
 * const options: BuildAlertOptions = { profile: 'default', how: 'subdomain' };
 * ```
 */
export interface BuildAlertOptions {
  /** @default 'default' */
  readonly profile?: string;
  /** How the value matched, when the matcher says. */
  readonly how?: string;
}

/**
 * Builds one alert from an artifact and the indicator it matched.
 *
 * @example
 * ```ts
 * import { buildAlert, type Artifact, type AlertIndicator, type AlertIndicatorSet } from '@vigil/cli';
 *
 * declare const artifact: Artifact, indicator: AlertIndicator, set: AlertIndicatorSet;
 * const alert = buildAlert(artifact, indicator, set);
 * console.log(alert.level, alert.message);
 * ```
 */
export function buildAlert(
  artifact: Artifact,
  indicator: AlertIndicator,
  set: AlertIndicatorSet,
  options: BuildAlertOptions = {},
): VigilAlert {
  const names = indicator.provenance.indicates;
  const name = names[0] ?? set.name;
  const noun = NOUNS[indicator.type] ?? indicator.type;
  const who = names.length > 0 ? `${names.join(', ')} ` : '';
  const where =
    artifact.value === indicator.value
      ? ''
      : ` in ${NOUNS[artifact.type] ?? artifact.type} ${JSON.stringify(artifact.value)}`;
  const message = `Found a known ${who}${noun} ${JSON.stringify(indicator.value)}${where} (module ${artifact.module}, indicator set ${JSON.stringify(set.name)})`;
  return {
    level: alertLevel(indicator, artifact.eventTime),
    module: artifact.module,
    message,
    event_time: artifact.eventTime,
    event: artifact.event,
    matched_indicator: {
      value: indicator.value,
      type: mvtBucket(indicator),
      name,
      stix2_file_name: basename(indicator.provenance.source.file ?? set.file ?? set.name),
    },
    vigil: {
      artifact: { type: artifact.type, value: artifact.value, location: artifact.location },
      indicator,
      set,
      ...(options.how === undefined ? {} : { how: options.how }),
      profile: options.profile ?? 'default',
    },
  };
}

/**
 * The columns of {@link alertsToCsv}, in order.
 *
 * @example
 * ```ts
 * import { ALERT_CSV_COLUMNS } from '@vigil/cli';
 *
 * console.log(ALERT_CSV_COLUMNS.join(',')); // level,module,event_time,message,...
 * ```
 */
export const ALERT_CSV_COLUMNS: readonly string[] = [
  'level',
  'module',
  'event_time',
  'message',
  'artifact_type',
  'artifact_value',
  'indicator_type',
  'indicator_value',
  'indicates',
  'indicator_set',
  'set_sha256',
  'stix_id',
  'source_file',
  'artifact_file',
  'event',
];

/**
 * Writes alerts as CSV (RFC 4180, CRLF, every field quoted, spreadsheet formulas defused with a leading
 * apostrophe), one row per alert, with the columns in {@link ALERT_CSV_COLUMNS}; `event` is JSON.
 *
 * @example
 * ```ts
 * import { alertsToCsv, type VigilAlert } from '@vigil/cli';
 *
 * declare const alerts: VigilAlert[];
 * const csv = alertsToCsv(alerts);
 * ```
 */
export function alertsToCsv(alerts: readonly VigilAlert[]): string {
  const rows: string[][] = [[...ALERT_CSV_COLUMNS]];
  for (const a of alerts) {
    rows.push([
      a.level,
      a.module,
      a.event_time ?? '',
      a.message,
      a.vigil.artifact.type,
      a.vigil.artifact.value,
      a.vigil.indicator.type,
      a.vigil.indicator.value,
      a.vigil.indicator.provenance.indicates.join('; '),
      a.vigil.set.name,
      a.vigil.set.sha256,
      a.vigil.indicator.provenance.stixId ?? '',
      a.vigil.indicator.provenance.source.file ?? '',
      a.vigil.artifact.location.file,
      JSON.stringify(a.event) ?? '',
    ]);
  }
  return formatCsv(rows);
}

/**
 * Writes the alerts that have an event time as MVT 3's `alerts_timeline.csv`: columns `Event Time`,
 * `Module`, `Message`, `Event` (the event as JSON), sorted by time, every field quoted. Formulas are defused
 * as in {@link alertsToCsv}.
 *
 * @example
 * ```ts
 * import { alertsTimelineCsv, type VigilAlert } from '@vigil/cli';
 *
 * declare const alerts: VigilAlert[];
 * const timeline = alertsTimelineCsv(alerts);
 * ```
 */
export function alertsTimelineCsv(alerts: readonly VigilAlert[]): string {
  const timed = alerts
    .filter((a) => a.event_time !== null && a.event_time !== '')
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.event_time ?? '').localeCompare(y.a.event_time ?? '') || x.i - y.i)
    .map(({ a }) => [a.event_time ?? '', a.module, a.message, JSON.stringify(a.event) ?? '']);
  return formatCsv([['Event Time', 'Module', 'Message', 'Event'], ...timed]);
}
