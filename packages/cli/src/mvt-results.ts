/**
 * Readers for the output folders MVT writes (`mvt-ios` / `mvt-android` with `--output`), so that old
 * acquisitions can be re-checked against new indicators without the device.
 */
import type { Artifact, InputDiagnostic } from './artifact.js';
import { toSnakeCase, urlsInText } from './internal/classify.js';
import { parseCsv } from './internal/csv.js';
import { extractFromRecord } from './internal/extract.js';

/**
 * One file of an MVT results folder: its name relative to the folder, and its text.
 *
 * @example
 * ```ts
 * import type { MvtResultFile } from '@vigil/cli';
 *
 * const file: MvtResultFile = { name: 'urls.json', text: '[]' };
 * ```
 */
export interface MvtResultFile {
  readonly name: string;
  readonly text: string;
}

/**
 * The part a file of the folder plays.
 *
 * @example
 * ```ts
 * import type { MvtFileRole } from '@vigil/cli';
 *
 * const role: MvtFileRole = 'module';
 * ```
 */
export type MvtFileRole =
  | 'module'
  | 'detected'
  | 'alerts'
  | 'alerts-timeline'
  | 'timeline'
  | 'timeline-detected'
  | 'urls'
  | 'info'
  | 'other';

/**
 * What was done with one file of the folder.
 *
 * @example
 * ```ts
 * import type { MvtFileUse } from '@vigil/cli';
 *
 * const use: MvtFileUse = { file: 'timeline.csv', role: 'timeline', used: false, reason: 'module JSON files present' };
 * ```
 */
export interface MvtFileUse {
  readonly file: string;
  readonly role: MvtFileRole;
  readonly used: boolean;
  /** Why a file was not read, or what it held. */
  readonly reason?: string;
  /** Artifacts taken from it. */
  readonly artifacts: number;
}

/**
 * What {@link readMvtResults} found in a folder.
 *
 * @example
 * ```ts
 * import { readMvtResults } from '@vigil/cli';
 *
 * const results = readMvtResults([{ name: 'urls.json', text: '[]' }]);
 * console.log(results.layout, results.artifacts.length);
 * ```
 */
export interface MvtResults {
  /**
   * `mvt3` when the folder has V3 files (`alerts.json`, `alerts_timeline.csv`, `urls.json`, or alert-shaped
   * `*_detected.json`), `mvt2` when it has only the older files, `unknown` when it has no MVT file.
   */
  readonly layout: 'mvt2' | 'mvt3' | 'unknown';
  /** `mvt_version` from `info.json`, when present. */
  readonly mvtVersion?: string;
  /** Indicator files the earlier run loaded (`info.json` `ioc_files`). */
  readonly previousIocFiles: readonly string[];
  /** How many alerts (V3) or detected records (V2) the earlier run wrote. */
  readonly previousDetections: number;
  /**
   * The indicator values the earlier run matched (`matched_indicator.value` of its detected records or
   * alerts), lower-cased and de-duplicated: what is new in a re-check is what is not here.
   */
  readonly previousIndicatorValues: readonly string[];
  /** Every value to re-check, de-duplicated on (type, value, module, event time). */
  readonly artifacts: readonly Artifact[];
  readonly files: readonly MvtFileUse[];
  readonly diagnostics: readonly InputDiagnostic[];
}

/**
 * Classifies one file name of an MVT results folder by the part it plays.
 *
 * @example
 * ```ts
 * import { mvtFileRole } from '@vigil/cli';
 *
 * mvtFileRole('sms_detected.json'); // 'detected'
 * mvtFileRole('alerts_timeline.csv'); // 'alerts-timeline'
 * ```
 */
export function mvtFileRole(name: string): MvtFileRole {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'alerts.json') return 'alerts';
  if (base === 'alerts_timeline.csv') return 'alerts-timeline';
  if (base === 'timeline.csv') return 'timeline';
  if (base === 'timeline_detected.csv') return 'timeline-detected';
  if (base === 'urls.json') return 'urls';
  if (base === 'info.json') return 'info';
  if (base.endsWith('_detected.json')) return 'detected';
  if (base.endsWith('.json')) return 'module';
  return 'other';
}

function moduleOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.replace(/_detected\.json$/iu, '').replace(/\.json$/iu, '');
}

function parseJson(
  file: MvtResultFile,
  diagnostics: InputDiagnostic[],
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(file.text.replace(/^\uFEFF/u, '')) as unknown };
  } catch (error) {
    diagnostics.push({
      code: 'INVALID_JSON',
      severity: 'error',
      message: `${file.name} is not valid JSON: ${(error as Error).message}`,
      file: file.name,
    });
    return { ok: false };
  }
}

function isAlert(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).level === 'string' &&
    'module' in value &&
    'event' in value
  );
}

function recordsOf(
  file: MvtResultFile,
  value: unknown,
  diagnostics: InputDiagnostic[],
): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return [value];
  diagnostics.push({
    code: 'UNEXPECTED_SHAPE',
    severity: 'warning',
    message: `${file.name} holds neither a list nor an object of records; nothing read from it`,
    file: file.name,
  });
  return undefined;
}

/** Reads the alerts of an `alerts.json` or a V3 `*_detected.json`. */
function fromAlerts(file: MvtResultFile, records: readonly unknown[], out: Artifact[]): number {
  let n = 0;
  records.forEach((alert, i) => {
    if (!isAlert(alert)) return;
    n++;
    const module = typeof alert.module === 'string' ? alert.module : moduleOf(file.name);
    const time = typeof alert.event_time === 'string' ? alert.event_time : null;
    out.push(
      ...extractFromRecord(alert.event, {
        module: toSnakeCase(module),
        file: file.name,
        path: [i, 'event'],
        eventTime: time,
      }),
    );
  });
  return n;
}

function fromTimeline(file: MvtResultFile, out: Artifact[], diagnostics: InputDiagnostic[]): number {
  const rows = parseCsv(file.text);
  const header = rows[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const timeCol = header.findIndex((h) => h.includes('timestamp') || h === 'event time');
  const moduleCol = header.findIndex((h) => h === 'plugin' || h === 'module');
  if (timeCol < 0 || moduleCol < 0) {
    diagnostics.push({
      code: 'INVALID_CSV',
      severity: 'error',
      message: `${file.name}: header is not an MVT timeline header (got ${JSON.stringify(rows[0]?.fields ?? [])})`,
      file: file.name,
      line: 1,
    });
    return 0;
  }
  let n = 0;
  for (const row of rows.slice(1)) {
    n++;
    const event: Record<string, string> = {};
    header.forEach((h, i) => {
      event[h] = row.fields[i] ?? '';
    });
    const module = toSnakeCase(row.fields[moduleCol] ?? '');
    const time = row.fields[timeCol] ?? '';
    row.fields.forEach((field, i) => {
      if (i === timeCol || i === moduleCol) return;
      for (const url of urlsInText(field)) {
        out.push({
          type: 'url',
          value: url,
          module,
          eventTime: time === '' ? null : time,
          event,
          location: { file: file.name, line: row.line, path: [header[i] ?? i] },
        });
      }
    });
  }
  return n;
}

function fromUrls(file: MvtResultFile, records: readonly unknown[], out: Artifact[]): void {
  records.forEach((rec, i) => {
    if (typeof rec !== 'object' || rec === null) return;
    const r = rec as Record<string, unknown>;
    const module = typeof r.source === 'string' && r.source !== '' ? toSnakeCase(r.source) : 'urls';
    const time =
      typeof r.timestamp === 'string'
        ? r.timestamp
        : typeof r.timestamp === 'number'
          ? String(r.timestamp)
          : null;
    for (const key of ['url', 'expanded_url'] as const) {
      const v = r[key];
      if (typeof v === 'string' && v.trim() !== '') {
        out.push({
          type: 'url',
          value: v.trim(),
          module,
          eventTime: time,
          event: rec,
          location: { file: file.name, path: [i, key] },
        });
      }
    }
  });
}

/**
 * Reads an MVT results folder, given as its files, into artifacts to re-check. Pure: no file system.
 *
 * Handles both layouts:
 * - MVT 2.x: `<module>.json` (the records each module extracted), `<module>_detected.json` (the detected
 *   records, each with a `matched_indicator`), `timeline.csv`, `timeline_detected.csv`, `info.json`.
 * - MVT 3: the same module files, `<module>_detected.json` and `alerts.json` holding alerts
 *   (`level`, `module`, `message`, `event_time`, `event`, `matched_indicator`), `alerts_timeline.csv`,
 *   `urls.json` (`url`, `expanded_url`, `timestamp`, `source`).
 *
 * Module JSON files are the primary source (they hold every record, as MVT's own `check-iocs` uses them);
 * `urls.json` is always read (it adds expanded short links). When a module has no `<module>.json`, its
 * `_detected.json` is read instead; when the folder has no module file at all, `alerts.json` and the
 * timelines are read. Matched indicators written by the earlier run are never taken as observations.
 *
 * @param files - The folder's files; names relative to the folder.
 * @returns Artifacts, what was done with each file, and a diagnostic for every unreadable file.
 *
 * @example
 * ```ts
 * import { readMvtResults } from '@vigil/cli';
 *
 * const results = readMvtResults([
 *   { name: 'safari_history.json', text: JSON.stringify([{ url: 'https://tracker.example/', isodate: '2026-01-02 03:04:05.000000' }]) },
 * ]);
 * console.log(results.artifacts[0]?.value); // 'https://tracker.example/'
 * ```
 */
export function readMvtResults(files: readonly MvtResultFile[]): MvtResults {
  const diagnostics: InputDiagnostic[] = [];
  const uses: MvtFileUse[] = [];
  const collected: Artifact[] = [];
  const byRole = (role: MvtFileRole): MvtResultFile[] =>
    files.filter((f) => mvtFileRole(f.name) === role).sort((a, b) => a.name.localeCompare(b.name));

  let mvtVersion: string | undefined;
  let previousIocFiles: string[] = [];
  let previousDetections = 0;
  const previousValues = new Set<string>();
  const rememberMatches = (records: readonly unknown[]): void => {
    for (const r of records) {
      const m = (r as { matched_indicator?: { value?: unknown } } | null)?.matched_indicator;
      if (typeof m?.value === 'string' && m.value !== '') previousValues.add(m.value.toLowerCase());
    }
  };
  let v3 = false;

  for (const file of byRole('info')) {
    const parsed = parseJson(file, diagnostics);
    if (parsed.ok && typeof parsed.value === 'object' && parsed.value !== null) {
      const info = parsed.value as Record<string, unknown>;
      if (typeof info.mvt_version === 'string') mvtVersion = info.mvt_version;
      if (Array.isArray(info.ioc_files))
        previousIocFiles = info.ioc_files.filter((x) => typeof x === 'string');
    }
    uses.push({ file: file.name, role: 'info', used: false, reason: 'run metadata', artifacts: 0 });
  }

  const modules = byRole('module');
  const moduleNames = new Set(modules.map((f) => moduleOf(f.name)));
  const hasModules = modules.length > 0;
  const take = (file: MvtResultFile, role: MvtFileRole, read: () => void): void => {
    const before = collected.length;
    read();
    uses.push({ file: file.name, role, used: true, artifacts: collected.length - before });
  };

  for (const file of modules) {
    const parsed = parseJson(file, diagnostics);
    if (!parsed.ok) {
      uses.push({ file: file.name, role: 'module', used: false, reason: 'invalid JSON', artifacts: 0 });
      continue;
    }
    const records = recordsOf(file, parsed.value, diagnostics);
    if (records === undefined) {
      uses.push({ file: file.name, role: 'module', used: false, reason: 'unexpected shape', artifacts: 0 });
      continue;
    }
    const module = moduleOf(file.name);
    take(file, 'module', () => {
      records.forEach((record, i) => {
        collected.push(...extractFromRecord(record, { module, file: file.name, path: [i] }));
      });
    });
  }

  for (const file of byRole('detected')) {
    const parsed = parseJson(file, diagnostics);
    const records = parsed.ok ? recordsOf(file, parsed.value, diagnostics) : undefined;
    if (records === undefined) {
      uses.push({ file: file.name, role: 'detected', used: false, reason: 'unreadable', artifacts: 0 });
      continue;
    }
    const alertShaped = records.length > 0 && records.every(isAlert);
    if (alertShaped) v3 = true;
    previousDetections += records.length;
    rememberMatches(records);
    const module = moduleOf(file.name);
    if (moduleNames.has(module)) {
      uses.push({
        file: file.name,
        role: 'detected',
        used: false,
        reason: `${module}.json holds every record`,
        artifacts: 0,
      });
      continue;
    }
    take(file, 'detected', () => {
      if (alertShaped) fromAlerts(file, records, collected);
      else
        records.forEach((record, i) => {
          collected.push(...extractFromRecord(record, { module, file: file.name, path: [i] }));
        });
    });
  }

  for (const file of byRole('urls')) {
    v3 = true;
    const parsed = parseJson(file, diagnostics);
    const records = parsed.ok ? recordsOf(file, parsed.value, diagnostics) : undefined;
    if (records === undefined) {
      uses.push({ file: file.name, role: 'urls', used: false, reason: 'unreadable', artifacts: 0 });
      continue;
    }
    take(file, 'urls', () => fromUrls(file, records, collected));
  }

  const alertFiles = byRole('alerts');
  if (alertFiles.length > 0) v3 = true;
  let alertsRead = false;
  for (const file of alertFiles) {
    const parsed = parseJson(file, diagnostics);
    const records = parsed.ok ? recordsOf(file, parsed.value, diagnostics) : undefined;
    if (records === undefined) {
      uses.push({ file: file.name, role: 'alerts', used: false, reason: 'unreadable', artifacts: 0 });
      continue;
    }
    if (previousDetections === 0) previousDetections = records.filter(isAlert).length;
    rememberMatches(records);
    if (hasModules) {
      uses.push({
        file: file.name,
        role: 'alerts',
        used: false,
        reason: 'module JSON files present',
        artifacts: 0,
      });
      continue;
    }
    alertsRead = true;
    take(file, 'alerts', () => fromAlerts(file, records, collected));
  }

  for (const role of ['alerts-timeline', 'timeline', 'timeline-detected'] as const) {
    for (const file of byRole(role)) {
      if (role === 'alerts-timeline') v3 = true;
      if (hasModules) {
        uses.push({ file: file.name, role, used: false, reason: 'module JSON files present', artifacts: 0 });
        continue;
      }
      if (role === 'alerts-timeline' && alertsRead) {
        uses.push({ file: file.name, role, used: false, reason: 'alerts.json read', artifacts: 0 });
        continue;
      }
      take(file, role, () => fromTimeline(file, collected, diagnostics));
    }
  }

  for (const file of byRole('other')) {
    uses.push({
      file: file.name,
      role: 'other',
      used: false,
      reason: 'not an MVT result file',
      artifacts: 0,
    });
  }

  const seen = new Set<string>();
  const artifacts = collected.filter((a) => {
    const key = `${a.type}\u0000${a.value}\u0000${a.module}\u0000${a.eventTime ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const known = uses.some((u) => u.role !== 'other');
  return {
    layout: !known ? 'unknown' : v3 ? 'mvt3' : 'mvt2',
    ...(mvtVersion === undefined ? {} : { mvtVersion }),
    previousIocFiles,
    previousDetections,
    previousIndicatorValues: [...previousValues].sort(),
    artifacts,
    files: uses,
    diagnostics,
  };
}
