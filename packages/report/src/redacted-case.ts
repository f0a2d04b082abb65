import type {
  AggregateClaim,
  Attribution,
  CollectionName,
  Device,
  EvidenceItem,
  Exploit,
  ForensicFinding,
  Harm,
  Identifier,
  Indicator,
  IndicatorSet,
  Intervention,
  Operator,
  Organization,
  Person,
  Product,
  Review,
  Source,
  TargetingAssessment,
  TimelineEvent,
  Tlp,
} from '@vigil/core';
import type { Audience } from './audience.js';

/**
 * A redacted value: every field optional (any may have been withheld), references replaced by opaque refs.
 *
 * @example
 * ```ts
 * import type { Redacted } from '@vigil/report';
 * import type { Device } from '@vigil/core';
 *
 * const device: Redacted<Device> = { kind: 'smartphone', platform: 'ios' };
 * ```
 */
export type Redacted<T> = T extends readonly (infer U)[]
  ? readonly Redacted<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: Redacted<T[K]> }
    : T;

/**
 * What every redacted record carries beside its allowed fields: an opaque `ref` (keyed with the case secret,
 * stable within a case, meaningless outside it) and the TLP level it was released under.
 *
 * @example
 * ```ts
 * import type { RedactedRecordBase } from '@vigil/report';
 *
 * const base: RedactedRecordBase = { ref: 'device-7K3Q9M2A', tlp: 'clear' };
 * ```
 */
export interface RedactedRecordBase {
  /** Opaque reference, replaces the record id in every output. */
  readonly ref: string;
  /** The effective TLP level of the record. */
  readonly tlp: Tlp;
}

/**
 * A redacted record of type `T`.
 *
 * @example
 * ```ts
 * import type { RedactedRecord } from '@vigil/report';
 * import type { Harm } from '@vigil/core';
 *
 * const harm: RedactedRecord<Harm> = { ref: 'harm-0000', tlp: 'clear', kind: 'arrest', link: 'timing-only' };
 * ```
 */
export type RedactedRecord<T> = Omit<Redacted<T>, 'id' | 'marking' | 'notes'> & RedactedRecordBase;

/**
 * A redacted person: a keyed case code, a display name (the real name only where consent allows, else
 * the case's pseudonym) and whether the real name is shown.
 *
 * @example
 * ```ts
 * import type { RedactedPerson } from '@vigil/report';
 *
 * const person: RedactedPerson = {
 *   ref: 'person-X', tlp: 'clear', code: 'P-7K3Q9M', displayName: 'Journalist A', named: false,
 * };
 * ```
 */
export type RedactedPerson = RedactedRecord<Person> & {
  /** A keyed pseudonymous code, stable within the case (HMAC-SHA256 of the id under the case secret). */
  readonly code: string;
  /** What every output calls the person. */
  readonly displayName: string;
  /** True when `displayName` is the real name (consent allowed it). */
  readonly named: boolean;
};

/**
 * A redacted aggregate claim with what the case's records show (a count, never the records themselves), as
 * computed by `reconcileAggregateClaims` of `@vigil/core` on the whole dataset.
 *
 * @example
 * ```ts
 * import type { RedactedAggregateClaim } from '@vigil/report';
 *
 * declare const claim: RedactedAggregateClaim;
 * claim.recordsShow?.status; // 'subset'
 * ```
 */
export type RedactedAggregateClaim = RedactedRecord<AggregateClaim> & {
  /** How many records of the case fall under the claim, and how that compares with the stated figure. */
  readonly recordsShow?: { readonly computed: number; readonly status: 'matches' | 'subset' | 'exceeds' };
};

/**
 * The records of a redacted case, by collection.
 *
 * @example
 * ```ts
 * import type { RedactedCollections } from '@vigil/report';
 *
 * type Devices = RedactedCollections['devices'];
 * ```
 */
export interface RedactedCollections {
  readonly persons: readonly RedactedPerson[];
  readonly organizations: readonly RedactedRecord<Organization>[];
  readonly products: readonly RedactedRecord<Product>[];
  readonly exploits: readonly RedactedRecord<Exploit>[];
  readonly operators: readonly RedactedRecord<Operator>[];
  readonly identifiers: readonly RedactedRecord<Identifier>[];
  readonly devices: readonly RedactedRecord<Device>[];
  readonly evidence: readonly RedactedRecord<EvidenceItem>[];
  readonly findings: readonly RedactedRecord<ForensicFinding>[];
  readonly reviews: readonly RedactedRecord<Review>[];
  readonly targeting: readonly RedactedRecord<TargetingAssessment>[];
  readonly attributions: readonly RedactedRecord<Attribution>[];
  readonly harms: readonly RedactedRecord<Harm>[];
  readonly sources: readonly RedactedRecord<Source>[];
  readonly events: readonly RedactedRecord<TimelineEvent>[];
  readonly indicatorSets: readonly RedactedRecord<IndicatorSet>[];
  readonly indicators: readonly RedactedRecord<Indicator>[];
  readonly aggregateClaims: readonly RedactedAggregateClaim[];
  readonly interventions: readonly RedactedRecord<Intervention>[];
}

/**
 * Confidentiality of one field of a UN Special Procedures communication: `confidential` fields are for the
 * mandate holders only; `may-be-published` fields may appear in the joint communications report.
 *
 * @example
 * ```ts
 * import type { ConfidentialityEntry } from '@vigil/report';
 *
 * const entry: ConfidentialityEntry = { field: 'victim-identity', ref: 'person-X', level: 'confidential', reason: 'no consent to be named' };
 * ```
 */
export interface ConfidentialityEntry {
  /** The form field. */
  readonly field:
    | 'submitter'
    | 'victim-identity'
    | 'victim-consent'
    | 'incident'
    | 'perpetrator'
    | 'technical-annex';
  /** The record it concerns, when one. */
  readonly ref?: string;
  /** The level. */
  readonly level: 'confidential' | 'may-be-published';
  /** Why, in a fixed vocabulary. */
  readonly reason: string;
}

/**
 * A warning about a projection, for the analyst (never rendered): `SMALL_GROUP` when fewer than
 * `minGroupSize` unnamed people shown share the same roles and country, so that the released
 * quasi-identifiers may single a person out ("the only lawyer from country X").
 *
 * @example
 * ```ts
 * import type { RedactionWarning } from '@vigil/report';
 *
 * const warning: RedactionWarning = { code: 'SMALL_GROUP', ref: 'person-0000000000', size: 1 };
 * ```
 */
export interface RedactionWarning {
  /** What was found. */
  readonly code: 'SMALL_GROUP';
  /** The person concerned. */
  readonly ref: string;
  /** How many unnamed people shown share the person's roles and country (the person included). */
  readonly size: number;
}

/**
 * Brand of {@link RedactedCase}: only {@link redactCase} creates objects carrying it (checked at run time too).
 *
 * @example
 * ```ts
 * import { REDACTED_CASE } from '@vigil/report';
 *
 * typeof REDACTED_CASE; // 'symbol'
 * ```
 */
export const REDACTED_CASE: unique symbol = Symbol('vigil.redacted-case');

/**
 * A case projected for one audience by {@link redactCase}. Renderers accept only this type: raw data
 * cannot reach them by mistake.
 *
 * @example
 * ```ts
 * import { redactCase, type RedactedCase } from '@vigil/report';
 * import { parseDataset } from '@vigil/core';
 *
 * declare const json: string;
 * const view: RedactedCase = redactCase(parseDataset(json), { audience: 'public', secret: 'a per-case secret, 16+ chars' });
 * ```
 */
export interface RedactedCase extends RedactedCollections {
  readonly [REDACTED_CASE]: true;
  /** The audience it was projected for. */
  readonly audience: Audience;
  /** The TLP level the output is marked with. */
  readonly tlp: Tlp;
  /** Opaque case reference. */
  readonly ref: string;
  /** The case title (scrubbed). */
  readonly title: string;
  /** The case description (scrubbed). */
  readonly description?: string;
  /** The dataset's language tag, if any. */
  readonly lang?: string;
  /** The schema version of the source dataset. */
  readonly schemaVersion: string;
  /** The ref of the organisation that owns the case (the report's author), when it is visible. */
  readonly owner?: string;
  /** For `victim`: the ref of the person whose copy this is. */
  readonly recipient?: string;
  /** For `un-submission`: the confidentiality map. */
  readonly confidentiality: readonly ConfidentialityEntry[];
  /** Warnings for the analyst (small groups); never rendered. */
  readonly warnings: readonly RedactionWarning[];
  /** How many records of each collection were withheld for this audience. */
  readonly withheld: { readonly [K in CollectionName]: number };
}
