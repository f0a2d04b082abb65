import { z } from 'zod';
import {
  ConfidenceSchema,
  FuzzyDateSchema,
  PeriodSchema,
  RecordBaseSchema,
  RecordIdSchema,
} from './common.js';

/**
 * The evidence ladder, lowest first. A person's level is derived from typed evidence (see
 * {@link TargetingBasis}); it can never be set higher than that evidence supports.
 *
 * - `listed`: selected, e.g. their number appears on a leaked list, or named as a potential target;
 * - `targeted`: evidence of an attempt (a delivery attempt, or a forensic finding of an attempt);
 * - `infected`: a forensic finding of infection on a device the person uses;
 * - `independently-confirmed`: that finding confirmed by a review from a *different* organisation.
 *
 * @example
 * ```ts
 * import { EVIDENCE_LEVELS } from '@vigil/core';
 *
 * EVIDENCE_LEVELS.indexOf('infected') > EVIDENCE_LEVELS.indexOf('listed'); // true
 * ```
 */
export const EVIDENCE_LEVELS = ['listed', 'targeted', 'infected', 'independently-confirmed'] as const;

/**
 * A rung of the evidence ladder, see {@link EVIDENCE_LEVELS}.
 *
 * @example
 * ```ts
 * import { EvidenceLevelSchema } from '@vigil/core';
 *
 * EvidenceLevelSchema.parse('targeted');
 * ```
 */
export const EvidenceLevelSchema = z.enum(EVIDENCE_LEVELS);
/**
 * A rung of the evidence ladder.
 *
 * @example
 * ```ts
 * import { EvidenceLevelSchema, type EvidenceLevel } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: EvidenceLevel = EvidenceLevelSchema.parse(json);
 * ```
 */
export type EvidenceLevel = z.infer<typeof EvidenceLevelSchema>;

/**
 * A selector: phone number, e-mail address, account. It is not a person and not a device: it is linked to a
 * person by dated assertions. `value` is sensitive and may be absent (a list entry whose number is withheld).
 *
 * @example
 * ```ts
 * import { IdentifierSchema } from '@vigil/core';
 *
 * IdentifierSchema.parse({
 *   id: 'identifier--n1',
 *   kind: 'phone-number',
 *   value: '+10000000000',
 *   links: [{ person: 'person--p1', from: { value: '2019' } }],
 *   listedIn: ['source--leak'],
 * });
 * ```
 */
export const IdentifierSchema = RecordBaseSchema.extend({
  kind: z.enum(['phone-number', 'email', 'account', 'apple-id', 'imei', 'other']),
  value: z.string().min(1).optional(),
  platform: z.string().optional(),
  links: z
    .array(
      z
        .object({
          person: RecordIdSchema,
          from: FuzzyDateSchema.optional(),
          to: FuzzyDateSchema.optional(),
          assertedBy: RecordIdSchema.optional(),
          confidence: ConfidenceSchema.optional(),
        })
        .strict(),
    )
    .default([]),
  listedIn: z.array(RecordIdSchema).optional(),
}).strict();
/**
 * A selector, see {@link IdentifierSchema}.
 *
 * @example
 * ```ts
 * import { IdentifierSchema, type Identifier } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Identifier = IdentifierSchema.parse(json);
 * ```
 */
export type Identifier = z.infer<typeof IdentifierSchema>;

/**
 * A device (phone, laptop) and the person who uses it. `serial` is sensitive.
 *
 * @example
 * ```ts
 * import { DeviceSchema } from '@vigil/core';
 *
 * DeviceSchema.parse({ id: 'device--d1', kind: 'smartphone', platform: 'ios', user: 'person--p1' });
 * ```
 */
export const DeviceSchema = RecordBaseSchema.extend({
  kind: z.enum(['smartphone', 'tablet', 'laptop', 'desktop', 'other']),
  platform: z.enum(['ios', 'android', 'windows', 'macos', 'linux', 'other']).optional(),
  model: z.string().optional(),
  osVersion: z.string().optional(),
  serial: z.string().optional(),
  user: RecordIdSchema.optional(),
  label: z.string().optional(),
}).strict();
/**
 * A device, see {@link DeviceSchema}.
 *
 * @example
 * ```ts
 * import { DeviceSchema, type Device } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Device = DeviceSchema.parse(json);
 * ```
 */
export type Device = z.infer<typeof DeviceSchema>;

/**
 * A tool and its version.
 *
 * @example
 * ```ts
 * import { ToolSchema } from '@vigil/core';
 *
 * ToolSchema.parse({ name: 'mvt-ios', version: '2.5.4' });
 * ```
 */
export const ToolSchema = z.object({ name: z.string().min(1), version: z.string().optional() }).strict();
/**
 * A tool and its version.
 *
 * @example
 * ```ts
 * import { ToolSchema, type Tool } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Tool = ToolSchema.parse(json);
 * ```
 */
export type Tool = z.infer<typeof ToolSchema>;

const Sha256Schema = z.string().regex(/^[a-f0-9]{64}$/, 'Expected a lower-case hex sha256');

/**
 * One event of a chain of custody: who did what to an evidence item, when.
 *
 * @example
 * ```ts
 * import { CustodyEventSchema } from '@vigil/core';
 *
 * CustodyEventSchema.parse({ at: '2021-07-20T10:00:00Z', action: 'transferred', actor: 'organization--lab' });
 * ```
 */
export const CustodyEventSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    action: z.enum([
      'collected',
      'received',
      'transferred',
      'copied',
      'hashed',
      'verified',
      'analysed',
      'sealed',
      'stored',
      'returned',
      'disposed',
    ]),
    actor: RecordIdSchema,
    to: RecordIdSchema.optional(),
    sha256: Sha256Schema.optional(),
    notes: z.string().optional(),
  })
  .strict();
/**
 * A custody event, see {@link CustodyEventSchema}.
 *
 * @example
 * ```ts
 * import { CustodyEventSchema, type CustodyEvent } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: CustodyEvent = CustodyEventSchema.parse(json);
 * ```
 */
export type CustodyEvent = z.infer<typeof CustodyEventSchema>;

/**
 * An evidence item: what was acquired, when, by whom, with which tool, its sha256 and chain of custody.
 *
 * @example
 * ```ts
 * import { EvidenceItemSchema } from '@vigil/core';
 *
 * EvidenceItemSchema.parse({
 *   id: 'evidence--e1',
 *   kind: 'ios-backup',
 *   device: 'device--d1',
 *   acquisition: { at: '2021-07-20T10:00:00Z', by: 'organization--lab', tool: { name: 'idevicebackup2', version: '1.3.0' } },
 *   sha256: 'a'.repeat(64),
 *   custody: [],
 * });
 * ```
 */
export const EvidenceItemSchema = RecordBaseSchema.extend({
  kind: z.enum([
    'ios-backup',
    'full-filesystem',
    'sysdiagnose',
    'android-bugreport',
    'androidqf',
    'pcap',
    'crash-log',
    'message-export',
    'screenshot',
    'document',
    'other',
  ]),
  description: z.string().optional(),
  device: RecordIdSchema.optional(),
  acquisition: z
    .object({
      at: z.iso.datetime({ offset: true }),
      by: RecordIdSchema,
      tool: ToolSchema.optional(),
      method: z.string().optional(),
    })
    .strict(),
  sha256: Sha256Schema.optional(),
  custody: z.array(CustodyEventSchema).default([]),
}).strict();
/**
 * An evidence item, see {@link EvidenceItemSchema}.
 *
 * @example
 * ```ts
 * import { EvidenceItemSchema, type EvidenceItem } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: EvidenceItem = EvidenceItemSchema.parse(json);
 * ```
 */
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/**
 * The outcome of a forensic analysis. Never "clean": the absence of traces is `no-evidence-found`.
 *
 * @example
 * ```ts
 * import { FindingOutcomeSchema } from '@vigil/core';
 *
 * FindingOutcomeSchema.parse('no-evidence-found');
 * ```
 */
export const FindingOutcomeSchema = z.enum(['infected', 'attempted', 'inconclusive', 'no-evidence-found']);
/**
 * The outcome of a forensic analysis.
 *
 * @example
 * ```ts
 * import { FindingOutcomeSchema, type FindingOutcome } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: FindingOutcome = FindingOutcomeSchema.parse(json);
 * ```
 */
export type FindingOutcome = z.infer<typeof FindingOutcomeSchema>;

/**
 * A forensic finding: who analysed which device or evidence, with which tool and indicator sets, what matched,
 * the outcome and the infection period.
 *
 * @example
 * ```ts
 * import { ForensicFindingSchema } from '@vigil/core';
 *
 * ForensicFindingSchema.parse({
 *   id: 'finding--f1',
 *   device: 'device--d1',
 *   performedBy: 'organization--lab',
 *   outcome: 'infected',
 *   infectionPeriod: { start: { value: '2021-07', qualifier: 'early' } },
 * });
 * ```
 */
export const ForensicFindingSchema = RecordBaseSchema.extend({
  device: RecordIdSchema.optional(),
  evidence: z.array(RecordIdSchema).optional(),
  /** The organisation that performed the analysis; absent when the source does not say. */
  performedBy: RecordIdSchema.optional(),
  performedAt: FuzzyDateSchema.optional(),
  tool: ToolSchema.optional(),
  indicatorSets: z
    .array(
      z
        .object({ set: RecordIdSchema, version: z.string().optional(), sha256: Sha256Schema.optional() })
        .strict(),
    )
    .optional(),
  matches: z
    .array(
      z
        .object({
          indicator: RecordIdSchema.optional(),
          type: z.string().optional(),
          value: z.string().optional(),
          artifact: z.string().optional(),
          observedAt: z.string().optional(),
        })
        .strict(),
    )
    .optional(),
  outcome: FindingOutcomeSchema,
  infectionPeriod: PeriodSchema.optional(),
  products: z.array(RecordIdSchema).optional(),
  exploits: z.array(RecordIdSchema).optional(),
  limitations: z.array(z.string()).optional(),
  confidence: ConfidenceSchema.optional(),
}).strict();
/**
 * A forensic finding, see {@link ForensicFindingSchema}.
 *
 * @example
 * ```ts
 * import { ForensicFindingSchema, type ForensicFinding } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: ForensicFinding = ForensicFindingSchema.parse(json);
 * ```
 */
export type ForensicFinding = z.infer<typeof ForensicFindingSchema>;

/**
 * An independent validation of a finding by another organisation.
 *
 * @example
 * ```ts
 * import { ReviewSchema } from '@vigil/core';
 *
 * ReviewSchema.parse({ id: 'review--r1', finding: 'finding--f1', reviewer: 'organization--lab2', outcome: 'confirmed' });
 * ```
 */
export const ReviewSchema = RecordBaseSchema.extend({
  finding: RecordIdSchema,
  reviewer: RecordIdSchema,
  outcome: z.enum(['confirmed', 'disputed', 'refuted']),
  at: FuzzyDateSchema.optional(),
}).strict();
/**
 * A review, see {@link ReviewSchema}.
 *
 * @example
 * ```ts
 * import { ReviewSchema, type Review } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Review = ReviewSchema.parse(json);
 * ```
 */
export type Review = z.infer<typeof ReviewSchema>;

/**
 * One piece of typed evidence behind a targeting assessment.
 * - `listed`: an identifier linked to the person appears in a list (`identifier`), or a source names the person
 *   as a potential target (citations on the assessment);
 * - `attempt`: a timeline event of kind `targeting-attempt`, or a finding with outcome `attempted`;
 * - `finding`: a forensic finding on a device the person uses.
 *
 * @example
 * ```ts
 * import { TargetingBasisSchema } from '@vigil/core';
 *
 * TargetingBasisSchema.parse({ kind: 'finding', finding: 'finding--f1' });
 * ```
 */
export const TargetingBasisSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('listed'),
      identifier: RecordIdSchema.optional(),
      source: RecordIdSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('attempt'),
      event: RecordIdSchema.optional(),
      finding: RecordIdSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('finding'), finding: RecordIdSchema }).strict(),
]);
/**
 * A targeting basis, see {@link TargetingBasisSchema}.
 *
 * @example
 * ```ts
 * import { TargetingBasisSchema, type TargetingBasis } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: TargetingBasis = TargetingBasisSchema.parse(json);
 * ```
 */
export type TargetingBasis = z.infer<typeof TargetingBasisSchema>;

/**
 * A targeting assessment for one person. `claimedLevel` is what a source or analyst states; the level the
 * evidence supports is derived from `bases`, and a claim above it is an integrity error.
 *
 * @example
 * ```ts
 * import { TargetingAssessmentSchema } from '@vigil/core';
 *
 * TargetingAssessmentSchema.parse({
 *   id: 'targeting--t1',
 *   person: 'person--p1',
 *   claimedLevel: 'infected',
 *   bases: [{ kind: 'finding', finding: 'finding--f1' }],
 * });
 * ```
 */
export const TargetingAssessmentSchema = RecordBaseSchema.extend({
  person: RecordIdSchema,
  claimedLevel: EvidenceLevelSchema.optional(),
  bases: z.array(TargetingBasisSchema).min(1),
  product: RecordIdSchema.optional(),
  operator: RecordIdSchema.optional(),
  period: PeriodSchema.optional(),
  rationale: z
    .object({
      kind: z.enum(['own-work', 'relation-to', 'affiliation', 'unknown']),
      person: RecordIdSchema.optional(),
      description: z.string().optional(),
    })
    .strict()
    .optional(),
}).strict();
/**
 * A targeting assessment, see {@link TargetingAssessmentSchema}.
 *
 * @example
 * ```ts
 * import { TargetingAssessmentSchema, type TargetingAssessment } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: TargetingAssessment = TargetingAssessmentSchema.parse(json);
 * ```
 */
export type TargetingAssessment = z.infer<typeof TargetingAssessmentSchema>;
