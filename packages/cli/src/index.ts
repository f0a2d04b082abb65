/**
 * @vigil/cli. The vigil command: update indicators, check MVT results and artifacts, validate cases, render reports, serve the registry.
 *
 * @packageDocumentation
 */

export type { Artifact, ArtifactLocation, ArtifactType, InputDiagnostic } from './artifact.js';
export type { ArtifactListOptions, ArtifactReadResult } from './artifact-lists.js';
export { isArtifactType, readArtifactList, readJsonLines } from './artifact-lists.js';
export type {
  ExportableIndicator,
  ExportedRules,
  ExportRulesOptions,
  RuleFormat,
  SkippedIndicator,
} from './export-rules.js';
export { exportRules, RULE_FORMATS } from './export-rules.js';
export type { LoadArtifactsOptions, LoadedArtifacts, LoadedInput } from './load-artifacts.js';
export { loadArtifacts } from './load-artifacts.js';
export type { MvtFileRole, MvtFileUse, MvtResultFile, MvtResults } from './mvt-results.js';
export { mvtFileRole, readMvtResults } from './mvt-results.js';

/** The version of this package's public API. */
export const VERSION = '0.0.0';
