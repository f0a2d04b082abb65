/**
 * Turns the result of a check into @vigil/core records: a forensic finding and the indicator sets it used.
 */
import type {
  FindingOutcome,
  ForensicFinding,
  IndicatorSet,
  RecordId,
  TargetingAssessment,
} from '@vigil/core';
import type { VigilAlert } from './alerts.js';
import type { CheckResult } from './check.js';

/** Artifact types that show something ran or was installed on the device, not only a link received or visited. */
const ON_DEVICE = new Set([
  'process-name',
  'hash',
  'file-path',
  'file-name',
  'app-id',
  'app-cert',
  'configuration-profile',
  'android-property',
]);

/**
 * The outcome a check suggests, by a fixed, documented rule: `infected` when a `CRITICAL` or `HIGH` alert
 * matched an on-device artifact (a process, file, hash, app, certificate, profile or property);
 * `attempted` when alerts matched only network artifacts (URLs, domains, IPs, e-mail addresses), since a
 * received or visited link shows an attempt, not an infection; `no-evidence-found` with no such alert.
 * `LOW` alerts (revoked or expired indicators) do not count. A person should confirm it.
 *
 * @example
 * ```ts
 * import { suggestOutcome, type VigilAlert } from '@vigil/cli';
 *
 * declare const alerts: VigilAlert[];
 * console.log(suggestOutcome(alerts)); // 'infected' | 'attempted' | 'no-evidence-found'
 * ```
 */
export function suggestOutcome(alerts: readonly VigilAlert[]): FindingOutcome {
  const strong = alerts.filter((a) => a.level === 'CRITICAL' || a.level === 'HIGH');
  if (strong.some((a) => ON_DEVICE.has(a.vigil.artifact.type))) return 'infected';
  if (strong.length > 0) return 'attempted';
  return 'no-evidence-found';
}

/**
 * Options for {@link findingFromCheck}.
 *
 * @example
 * ```ts
 * import type { FindingFromCheckOptions } from '@vigil/cli';
 *
 * const options: FindingFromCheckOptions = {
 *   id: 'finding--aster-recheck',
 *   device: 'device--aster-phone',
 *   evidence: ['evidence--aster-backup'],
 *   performedBy: 'organization--lab',
 *   performedAt: '2026-03-02',
 * };
 * ```
 */
export interface FindingFromCheckOptions {
  /** The finding's record id. */
  readonly id: RecordId;
  readonly device?: RecordId;
  readonly evidence?: readonly RecordId[];
  readonly performedBy?: RecordId;
  /** A date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). */
  readonly performedAt?: string;
  /** The person the device belongs to: adds a targeting assessment based on the finding. */
  readonly person?: RecordId;
  /** The tool version written in the finding. @default the CLI's version */
  readonly toolVersion?: string;
}

/**
 * The records {@link findingFromCheck} makes.
 *
 * @example
 * ```ts
 * import type { FindingRecords } from '@vigil/cli';
 *
 * function count(records: FindingRecords): number {
 *   return 1 + records.indicatorSets.length + records.targeting.length;
 * }
 * ```
 */
export interface FindingRecords {
  readonly finding: ForensicFinding;
  /** One record per indicator set loaded, with its version and sha256. */
  readonly indicatorSets: readonly IndicatorSet[];
  /** A targeting assessment for `person`, when given and the outcome is not `no-evidence-found`. */
  readonly targeting: readonly TargetingAssessment[];
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60);
  return s === '' ? 'set' : s;
}

function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * Records a check as a `ForensicFinding` (tool, indicator sets with versions and hashes, every match with
 * its artifact and time, the suggested outcome from {@link suggestOutcome}, its limitations), ready to add
 * to a dataset.
 *
 * @example
 * ```ts
 * import { checkArtifacts, findingFromCheck } from '@vigil/cli';
 *
 * const result = await checkArtifacts({ inputs: ['results/'], iocs: ['examplespy.stix2'] });
 * const { finding, indicatorSets } = findingFromCheck(result, { id: 'finding--recheck', device: 'device--phone' });
 * console.log(finding.outcome, indicatorSets.length);
 * ```
 */
export function findingFromCheck(result: CheckResult, options: FindingFromCheckOptions): FindingRecords {
  const setIds = new Map<string, RecordId>();
  const indicatorSets: IndicatorSet[] = result.indicatorSets.map((s) => {
    const id = `indicator-set--${slug(s.name)}-${s.sha256.slice(0, 8)}`;
    setIds.set(s.sha256, id);
    return {
      id,
      name: s.name,
      ...(s.version === undefined ? {} : { version: s.version }),
      source: { file: basename(s.file), ...(/^[a-f0-9]{64}$/u.test(s.sha256) ? { sha256: s.sha256 } : {}) },
    };
  });
  const outcome = suggestOutcome(result.alerts);
  const seen = new Set<string>();
  const matches: NonNullable<ForensicFinding['matches']> = [];
  for (const a of result.alerts) {
    const key = `${a.vigil.indicator.type}\u0000${a.vigil.indicator.value}\u0000${a.vigil.artifact.value}\u0000${a.event_time ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({
      type: a.vigil.indicator.type,
      value: a.vigil.indicator.value,
      artifact: `${a.module}: ${a.vigil.artifact.value}`,
      ...(a.event_time === null ? {} : { observedAt: a.event_time }),
    });
  }
  const finding: ForensicFinding = {
    id: options.id,
    ...(options.device === undefined ? {} : { device: options.device }),
    ...(options.evidence === undefined ? {} : { evidence: [...options.evidence] }),
    ...(options.performedBy === undefined ? {} : { performedBy: options.performedBy }),
    ...(options.performedAt === undefined ? {} : { performedAt: { value: options.performedAt } }),
    tool: { name: 'vigil check', version: options.toolVersion ?? '0.0.0' },
    indicatorSets: result.indicatorSets.map((s) => ({
      set: setIds.get(s.sha256) ?? `indicator-set--${slug(s.name)}`,
      ...(s.version === undefined ? {} : { version: s.version }),
      ...(/^[a-f0-9]{64}$/u.test(s.sha256) ? { sha256: s.sha256 } : {}),
    })),
    matches,
    outcome,
    limitations: [
      `Indicator matches only (${result.alerts.length} alert(s) on ${result.artifacts} artifacts, profile ${result.profile}); not yet reviewed by an analyst.`,
      'The outcome is suggested by a fixed rule: on-device artifacts give "infected", links and hosts alone give "attempted".',
      'Only the indicators loaded were checked; no match would not show the device is clean.',
    ],
  };
  const targeting: TargetingAssessment[] =
    options.person === undefined || outcome === 'no-evidence-found'
      ? []
      : [
          {
            id: `targeting--${options.id.replace(/^[a-z-]*--/u, '')}`,
            person: options.person,
            claimedLevel: outcome === 'infected' ? 'infected' : 'targeted',
            bases:
              outcome === 'infected'
                ? [{ kind: 'finding', finding: options.id }]
                : [{ kind: 'attempt', finding: options.id }],
          },
        ];
  return { finding, indicatorSets, targeting };
}

/**
 * Returns a copy of a dataset (as JSON input) with the records of {@link findingFromCheck} appended: the
 * finding, the indicator sets it used (a set whose id is already there is not added twice) and the
 * targeting assessment. The input is not changed. Validate the result with `safeParseDataset`.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { addFindingRecords, checkArtifacts, findingFromCheck } from '@vigil/cli';
 * import { safeParseDataset } from '@vigil/core';
 *
 * const result = await checkArtifacts({ inputs: ['results/'], iocs: ['examplespy.stix2'] });
 * const records = findingFromCheck(result, { id: 'finding--phone-recheck', device: 'device--phone' });
 * const updated = addFindingRecords(JSON.parse(readFileSync('case.json', 'utf8')), records);
 * console.log(safeParseDataset(updated).success);
 * ```
 */
export function addFindingRecords(
  dataset: Readonly<Record<string, unknown>>,
  records: FindingRecords,
): Record<string, unknown> {
  const list = (key: string): unknown[] => {
    const value = dataset[key];
    return Array.isArray(value) ? [...value] : [];
  };
  const ids = (items: readonly unknown[]): Set<unknown> =>
    new Set(items.map((r) => (r as { id?: unknown } | null)?.id));
  const sets = list('indicatorSets');
  const known = ids(sets);
  return {
    ...dataset,
    findings: [...list('findings'), records.finding],
    indicatorSets: [...sets, ...records.indicatorSets.filter((s) => !known.has(s.id))],
    targeting: [...list('targeting'), ...records.targeting],
  };
}
