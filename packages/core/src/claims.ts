import { z } from 'zod';
import { PROFESSIONAL_ROLES } from './actors.js';
import {
  ConfidenceSchema,
  CountryCodeSchema,
  FuzzyDateSchema,
  LocationSchema,
  PeriodSchema,
  RecordBaseSchema,
  RecordIdSchema,
} from './common.js';
import { EvidenceLevelSchema } from './evidence.js';

/**
 * An attribution: who operated, who supplied, which state is suspected, with a confidence and a basis. It is
 * kept apart from technical certainty (a finding's own confidence).
 *
 * @example
 * ```ts
 * import { AttributionSchema } from '@vigil/core';
 *
 * AttributionSchema.parse({
 *   id: 'attribution--a1',
 *   subjects: ['finding--f1'],
 *   supplier: 'organization--vendor',
 *   clientDescription: 'a government client of the vendor',
 *   basis: ['forensic-indicators'],
 *   confidence: { score: 70 },
 * });
 * ```
 */
export const AttributionSchema = RecordBaseSchema.extend({
  subjects: z.array(RecordIdSchema).min(1),
  operator: RecordIdSchema.optional(),
  supplier: RecordIdSchema.optional(),
  client: RecordIdSchema.optional(),
  clientDescription: z.string().optional(),
  suspectedState: CountryCodeSchema.optional(),
  basis: z
    .array(
      z.enum([
        'forensic-indicators',
        'infrastructure-overlap',
        'targeting-pattern',
        'leaked-data',
        'official-admission',
        'court-finding',
        'procurement-record',
        'media-report',
        'other',
      ]),
    )
    .min(1),
  confidence: ConfidenceSchema.optional(),
  officialResponse: z.enum(['acknowledged', 'denied', 'no-response', 'unknown']).optional(),
}).strict();
/**
 * An attribution, see {@link AttributionSchema}.
 *
 * @example
 * ```ts
 * import { AttributionSchema, type Attribution } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Attribution = AttributionSchema.parse(json);
 * ```
 */
export type Attribution = z.infer<typeof AttributionSchema>;

/**
 * A harm suffered by a person, and how it is linked to the surveillance.
 *
 * @example
 * ```ts
 * import { HarmSchema } from '@vigil/core';
 *
 * HarmSchema.parse({
 *   id: 'harm--h1',
 *   victim: 'person--p1',
 *   kind: 'imprisonment',
 *   when: { start: { value: '2021-07-09' } },
 *   link: 'timing-only',
 * });
 * ```
 */
export const HarmSchema = RecordBaseSchema.extend({
  victim: RecordIdSchema,
  kind: z.enum([
    'arrest',
    'detention',
    'prosecution',
    'conviction',
    'imprisonment',
    'killing',
    'harassment',
    'intimidation',
    'smear',
    'exile',
    'other',
  ]),
  when: PeriodSchema.optional(),
  where: LocationSchema.optional(),
  description: z.string().optional(),
  sentence: z.string().optional(),
  link: z.enum(['established', 'alleged', 'timing-only', 'none-claimed']),
}).strict();
/**
 * A harm, see {@link HarmSchema}.
 *
 * @example
 * ```ts
 * import { HarmSchema, type Harm } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Harm = HarmSchema.parse(json);
 * ```
 */
export type Harm = z.infer<typeof HarmSchema>;

/**
 * A citable source, graded for reliability (A reliable to F cannot be judged).
 *
 * @example
 * ```ts
 * import { SourceSchema } from '@vigil/core';
 *
 * SourceSchema.parse({
 *   id: 'source--s1',
 *   kind: 'ngo-letter',
 *   title: 'An example letter',
 *   date: { value: '2021-09-30' },
 *   reliability: 'B',
 * });
 * ```
 */
export const SourceSchema = RecordBaseSchema.extend({
  kind: z.enum([
    'forensic-report',
    'peer-review',
    'news-article',
    'leaked-dataset',
    'court-record',
    'government-statement',
    'vendor-statement',
    'un-document',
    'ngo-letter',
    'interview',
    'other',
  ]),
  title: z.string().min(1),
  publisher: z.string().optional(),
  date: FuzzyDateSchema.optional(),
  url: z.url().optional(),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
}).strict();
/**
 * A source, see {@link SourceSchema}.
 *
 * @example
 * ```ts
 * import { SourceSchema, type Source } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Source = SourceSchema.parse(json);
 * ```
 */
export type Source = z.infer<typeof SourceSchema>;

/**
 * An event on the case timeline: an infection, a publication, an arrest, a murder.
 *
 * @example
 * ```ts
 * import { TimelineEventSchema } from '@vigil/core';
 *
 * TimelineEventSchema.parse({
 *   id: 'event--e1',
 *   kind: 'publication',
 *   when: { start: { value: '2021-07-18' } },
 *   description: 'Investigation published',
 * });
 * ```
 */
export const TimelineEventSchema = RecordBaseSchema.extend({
  kind: z.enum([
    'targeting-attempt',
    'infection',
    'notification',
    'forensic-analysis',
    'publication',
    'arrest',
    'trial',
    'sentencing',
    'killing',
    'policy-action',
    'leak',
    'other',
  ]),
  when: PeriodSchema,
  /**
   * A date known only relative to another event ("four days after the murder"): `when` then holds the
   * bound the source allows (e.g. before the source's date).
   */
  relativeTo: z
    .object({
      event: RecordIdSchema,
      relation: z.enum(['before', 'after']),
      days: z.number().int().nonnegative().optional(),
    })
    .strict()
    .optional(),
  description: z.string().min(1),
  participants: z.array(RecordIdSchema).optional(),
  where: LocationSchema.optional(),
}).strict();
/**
 * A timeline event, see {@link TimelineEventSchema}.
 *
 * @example
 * ```ts
 * import { TimelineEventSchema, type TimelineEvent } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: TimelineEvent = TimelineEventSchema.parse(json);
 * ```
 */
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/**
 * A count with its qualifier: "at least 180", "about 50,000".
 *
 * @example
 * ```ts
 * import { CountSchema } from '@vigil/core';
 *
 * CountSchema.parse({ n: 180, qualifier: 'at-least', unit: 'persons' });
 * ```
 */
export const CountSchema = z
  .object({
    n: z.number().int().nonnegative(),
    qualifier: z.enum(['exact', 'at-least', 'approximately', 'at-most', 'more-than']),
    unit: z.enum([
      'persons',
      'phone-numbers',
      'countries',
      'organizations',
      'media-organizations',
      'devices',
    ]),
  })
  .strict();
/**
 * A count, see {@link CountSchema}.
 *
 * @example
 * ```ts
 * import { CountSchema, type Count } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Count = CountSchema.parse(json);
 * ```
 */
export type Count = z.infer<typeof CountSchema>;

/**
 * An aggregate claim from a source ("at least 180 journalists in 20 countries, 2016 to June 2021"), kept as a
 * sourced claim and reconciled against the records the dataset holds (see {@link reconcileAggregateClaims}).
 *
 * @example
 * ```ts
 * import { AggregateClaimSchema } from '@vigil/core';
 *
 * AggregateClaimSchema.parse({
 *   id: 'claim--journalists',
 *   statement: 'journalists identified as potential targets',
 *   count: { n: 180, qualifier: 'at-least', unit: 'persons' },
 *   secondary: [{ n: 20, qualifier: 'exact', unit: 'countries' }],
 *   filter: { roles: ['journalist'], minLevel: 'listed' },
 *   period: { start: { value: '2016' }, end: { value: '2021-06' } },
 * });
 * ```
 */
export const AggregateClaimSchema = RecordBaseSchema.extend({
  statement: z.string().min(1),
  count: CountSchema,
  secondary: z.array(CountSchema).optional(),
  filter: z
    .object({
      roles: z.array(z.enum(PROFESSIONAL_ROLES)).optional(),
      countries: z.array(CountryCodeSchema).optional(),
      minLevel: EvidenceLevelSchema.optional(),
    })
    .strict()
    .optional(),
  /** Records the source itself places in this aggregate ("three of whom"), when the filter cannot express it. */
  members: z.array(RecordIdSchema).optional(),
  period: PeriodSchema.optional(),
}).strict();
/**
 * An aggregate claim, see {@link AggregateClaimSchema}.
 *
 * @example
 * ```ts
 * import { AggregateClaimSchema, type AggregateClaim } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: AggregateClaim = AggregateClaimSchema.parse(json);
 * ```
 */
export type AggregateClaim = z.infer<typeof AggregateClaimSchema>;

/**
 * A demand and its status: an intervention such as a joint letter to the UN Human Rights Council.
 *
 * @example
 * ```ts
 * import { InterventionSchema } from '@vigil/core';
 *
 * InterventionSchema.parse({
 *   id: 'intervention--i1',
 *   kind: 'joint-letter',
 *   by: ['organization--ngo'],
 *   addressedTo: ['organization--hrc'],
 *   date: { value: '2021-09-30' },
 *   demands: [{ kind: 'independent-inquiry', status: 'pending' }],
 * });
 * ```
 */
export const InterventionSchema = RecordBaseSchema.extend({
  kind: z.enum([
    'joint-letter',
    'un-communication',
    'complaint',
    'litigation',
    'public-call',
    'notification-to-victim',
  ]),
  by: z.array(RecordIdSchema).default([]),
  byCount: CountSchema.optional(),
  addressedTo: z.array(RecordIdSchema).default([]),
  date: FuzzyDateSchema,
  demands: z
    .array(
      z
        .object({
          kind: z.enum([
            'denounce-abuses',
            'independent-inquiry',
            'support-un-mechanisms',
            'cooperate-with-investigators',
            'report-to-hrc-and-unga',
            'regulatory-recommendations',
            'moratorium-sale',
            'moratorium-export',
            'moratorium-transfer',
            'moratorium-use',
            'sanctions',
            'remedy',
            'other',
          ]),
          status: z.enum(['pending', 'partially-met', 'met', 'rejected', 'unknown']),
          description: z.string().optional(),
        })
        .strict(),
    )
    .min(1),
}).strict();
/**
 * An intervention, see {@link InterventionSchema}.
 *
 * @example
 * ```ts
 * import { InterventionSchema, type Intervention } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Intervention = InterventionSchema.parse(json);
 * ```
 */
export type Intervention = z.infer<typeof InterventionSchema>;
