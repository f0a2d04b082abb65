/**
 * `vigil check`: read artifacts, match them against indicator sets, and build alerts. No network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { VigilError } from '@vigil/core';
import {
  ALERT_LEVELS,
  type AlertLevel,
  alertsTimelineCsv,
  alertsToCsv,
  buildAlert,
  type VigilAlert,
} from './alerts.js';
import type { ArtifactType, InputDiagnostic } from './artifact.js';
import { compileMatcher, loadIndicatorSets } from './internal/matcher-adapter.js';
import { type LoadedInput, loadArtifacts } from './load-artifacts.js';

/**
 * The matcher profiles: `default` (Vigil's semantics) or `mvt` (reproduces MVT's rules to compare results).
 *
 * @example
 * ```ts
 * import type { MatchProfile } from '@vigil/cli';
 *
 * const profile: MatchProfile = 'mvt';
 * ```
 */
export type MatchProfile = 'default' | 'mvt';

/**
 * Options for {@link checkArtifacts}.
 *
 * @example
 * ```ts
 * import type { CheckOptions } from '@vigil/cli';
 *
 * const options: CheckOptions = { inputs: ['results/'], iocs: ['examplespy.stix2'], profile: 'default' };
 * ```
 */
export interface CheckOptions {
  /** MVT results folders, MVT files, plain lists, JSON lines; `-` for standard input. */
  readonly inputs: readonly string[];
  /** Indicator files or directories (STIX 2.1 `.stix2`/`.json`, Echap `.yaml`, lists `.txt`). */
  readonly iocs: readonly string[];
  /** @default 'default' */
  readonly profile?: MatchProfile;
  /** Force the type of every value in plain lists. */
  readonly type?: ArtifactType;
  /** Called as artifacts are matched. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Text for the input `-`. */
  readonly stdin?: () => string;
}

/**
 * A loaded indicator set, as summarised in a check's result.
 *
 * @example
 * ```ts
 * import type { CheckedIndicatorSet } from '@vigil/cli';
 *
 * const s: CheckedIndicatorSet = { name: 'ExampleSpy', file: 'x.stix2', format: 'stix2', sha256: 'ab', indicators: 7, diagnostics: [] };
 * ```
 */
export interface CheckedIndicatorSet {
  readonly name: string;
  readonly version?: string;
  readonly file: string;
  readonly format: string;
  readonly sha256: string;
  readonly indicators: number;
  readonly diagnostics: readonly {
    readonly code: string;
    readonly severity: string;
    readonly message: string;
  }[];
}

/**
 * What {@link checkArtifacts} found.
 *
 * @example
 * ```ts
 * import { checkArtifacts } from '@vigil/cli';
 *
 * const result = await checkArtifacts({ inputs: ['sms-links.txt'], iocs: ['examplespy.stix2'] });
 * console.log(result.alerts.length, result.counts);
 * ```
 */
export interface CheckResult {
  readonly profile: MatchProfile;
  readonly inputs: readonly LoadedInput[];
  readonly indicatorSets: readonly CheckedIndicatorSet[];
  /** Artifacts checked. */
  readonly artifacts: number;
  /** Every match, one alert per (artifact, indicator), in input order. */
  readonly alerts: readonly VigilAlert[];
  /** Alerts per level. */
  readonly counts: Readonly<Record<AlertLevel, number>>;
  /** Problems with the inputs (unreadable files, unrecognised values). */
  readonly diagnostics: readonly InputDiagnostic[];
}

/**
 * Checks artifacts against indicator sets with `@vigil/matcher`, offline: nothing is resolved or fetched
 * (short links are not expanded; MVT 3's `urls.json` already holds the expansions made at acquisition).
 * Every match is returned, not only the first, each with the indicator's provenance.
 *
 * @throws `VigilError` (from `@vigil/core`) `INVALID_INPUT` when no indicator file is given or one cannot be
 * loaded; `UNSUPPORTED` when `@vigil/matcher` lacks what is needed.
 *
 * @example
 * ```ts
 * import { checkArtifacts } from '@vigil/cli';
 *
 * const result = await checkArtifacts({
 *   inputs: ['examples/device-artifacts/mvt-results'],
 *   iocs: ['examples/device-artifacts/indicators.stix2'],
 * });
 * for (const alert of result.alerts) console.log(alert.level, alert.message);
 * ```
 */
export async function checkArtifacts(options: CheckOptions): Promise<CheckResult> {
  if (options.iocs.length === 0)
    throw new VigilError(
      'INVALID_INPUT',
      'no indicators given: pass --iocs <file|dir> or run "vigil iocs update" first',
    );
  const profile = options.profile ?? 'default';
  const loaded = loadArtifacts(options.inputs, {
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
  });
  const sets = await loadIndicatorSets(options.iocs);
  const matcher = await compileMatcher(sets, profile);
  const alerts: VigilAlert[] = [];
  const total = loaded.artifacts.length;
  loaded.artifacts.forEach((artifact, i) => {
    for (const m of matcher.match(artifact.type, artifact.value)) {
      alerts.push(
        buildAlert(artifact, m.indicator, m.set, m.how === undefined ? { profile } : { profile, how: m.how }),
      );
    }
    if (options.onProgress !== undefined && (i % 1000 === 999 || i === total - 1))
      options.onProgress(i + 1, total);
  });
  const mvtInputs = loaded.inputs.filter((i) => i.layout === 'mvt2' || i.layout === 'mvt3');
  if (mvtInputs.length > 0) {
    const earlier = new Set(mvtInputs.flatMap((i) => i.previousIndicatorValues ?? []));
    const roots = mvtInputs.map((i) => normalize(i.path).replace(/[\\/]+$/u, ''));
    for (let i = 0; i < alerts.length; i++) {
      const a = alerts[i] as VigilAlert;
      if (!roots.some((r) => a.vigil.artifact.location.file.startsWith(r))) continue;
      const seen =
        earlier.has(a.vigil.indicator.value.toLowerCase()) ||
        earlier.has(a.vigil.indicator.raw.toLowerCase());
      alerts[i] = { ...a, vigil: { ...a.vigil, earlierRun: seen ? 'reported' : 'new' } };
    }
  }
  const counts = Object.fromEntries(ALERT_LEVELS.map((l) => [l, 0])) as Record<AlertLevel, number>;
  for (const a of alerts) counts[a.level]++;
  return {
    profile,
    inputs: loaded.inputs,
    indicatorSets: sets.map((s) => ({
      name: s.name,
      ...(s.version === undefined ? {} : { version: s.version }),
      file: s.file,
      format: s.format,
      sha256: s.sha256,
      indicators: s.indicators.length,
      diagnostics: s.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    })),
    artifacts: total,
    alerts,
    counts,
    diagnostics: loaded.diagnostics,
  };
}

/**
 * Writes a check's results into `dir`: `alerts.json` (MVT 3's fields plus `vigil`), `alerts.csv`,
 * `alerts_timeline.csv` (MVT 3's columns: the alerts that have a time, sorted by it) and `check.json` (inputs, indicator sets with hashes, counts and diagnostics, without the alerts).
 *
 * @returns The paths written.
 *
 * @example
 * ```ts
 * import { checkArtifacts, writeCheckResults } from '@vigil/cli';
 *
 * const result = await checkArtifacts({ inputs: ['results/'], iocs: ['examplespy.stix2'] });
 * console.log(writeCheckResults(result, 'out/check'));
 * ```
 */
export function writeCheckResults(result: CheckResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const alertsPath = join(dir, 'alerts.json');
  const csvPath = join(dir, 'alerts.csv');
  const summaryPath = join(dir, 'check.json');
  const timelinePath = join(dir, 'alerts_timeline.csv');
  writeFileSync(alertsPath, `${JSON.stringify(result.alerts, null, 2)}\n`);
  writeFileSync(csvPath, alertsToCsv(result.alerts));
  writeFileSync(timelinePath, alertsTimelineCsv(result.alerts));
  const { alerts: _alerts, ...summary } = result;
  writeFileSync(summaryPath, `${JSON.stringify({ ...summary, alerts: result.alerts.length }, null, 2)}\n`);
  return [alertsPath, csvPath, timelinePath, summaryPath];
}
