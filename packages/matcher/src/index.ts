/**
 * @vigil/matcher. Indicators of compromise for Vigil: loaders (STIX 2.1, MVT, Echap, lists), the STIX 2.1 patterning language and a fast compiled index.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';

export { extractHost } from './host.js';
export type { IpAddress, IpRange } from './ip.js';
export { parseCidr, parseIp } from './ip.js';
export type {
  Artifact,
  ArtifactType,
  IndicatorMatch,
  Matcher,
  MatcherOptions,
  MatcherProfile,
  MatchRule,
} from './matcher.js';
export { createMatcher } from './matcher.js';
export { loadMatcher, serializeMatcher } from './serialize.js';
