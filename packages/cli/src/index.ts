/**
 * @vigil/cli. The `vigil` command: check MVT results and artifacts against indicators, validate cases,
 * render reports, export network rules, manage indicator sets and serve the registry. Every command is
 * also a function, so other programs can run the same pipeline.
 *
 * @packageDocumentation
 */

export type {
  AlertIndicator,
  AlertIndicatorSet,
  AlertLevel,
  AlertProvenance,
  BuildAlertOptions,
  MvtMatchedIndicator,
  VigilAlert,
} from './alerts.js';
export {
  ALERT_CSV_COLUMNS,
  ALERT_LEVELS,
  alertLevel,
  alertsTimelineCsv,
  alertsToCsv,
  buildAlert,
} from './alerts.js';
export type { Artifact, ArtifactLocation, ArtifactType, InputDiagnostic } from './artifact.js';
export type { ArtifactListOptions, ArtifactReadResult } from './artifact-lists.js';
export { isArtifactType, readArtifactList, readJsonLines } from './artifact-lists.js';
export type { CheckedIndicatorSet, CheckOptions, CheckResult, MatchProfile } from './check.js';
export { checkArtifacts, writeCheckResults } from './check.js';
export type { CliIo, CliStream } from './cli-io.js';
export type { ExitCode } from './exit-codes.js';
export { EXIT_CODES } from './exit-codes.js';
export type {
  ExportableIndicator,
  ExportedRules,
  ExportRulesOptions,
  RuleFormat,
  SkippedIndicator,
} from './export-rules.js';
export { exportRules, RULE_FORMATS } from './export-rules.js';
export type { FindingFromCheckOptions, FindingRecords } from './finding.js';
export { addFindingRecords, findingFromCheck, suggestOutcome } from './finding.js';
export type { LoadArtifactsOptions, LoadedArtifacts, LoadedInput } from './load-artifacts.js';
export { loadArtifacts } from './load-artifacts.js';
export type { MainJobOptions, MainJobReport, MainJobResult } from './main-job.js';
export { runMainJob } from './main-job.js';
export type { MvtFileRole, MvtFileUse, MvtResultFile, MvtResults } from './mvt-results.js';
export { mvtFileRole, readMvtResults } from './mvt-results.js';
export { runCli } from './run-cli.js';
