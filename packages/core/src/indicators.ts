import { z } from 'zod';
import { RecordBaseSchema, RecordIdSchema } from './common.js';

/**
 * A set of indicators of compromise and where it came from (repository, file, commit, sha256, licence).
 *
 * @example
 * ```ts
 * import { IndicatorSetSchema } from '@vigil/core';
 *
 * IndicatorSetSchema.parse({
 *   id: 'indicator-set--example',
 *   name: 'Example set',
 *   source: { repository: 'example/iocs', file: 'example.stix2', sha256: 'b'.repeat(64), licence: 'CC-BY-4.0' },
 * });
 * ```
 */
export const IndicatorSetSchema = RecordBaseSchema.extend({
  name: z.string().min(1),
  version: z.string().optional(),
  products: z.array(RecordIdSchema).optional(),
  source: z
    .object({
      repository: z.string().optional(),
      file: z.string().optional(),
      commit: z
        .string()
        .regex(/^[a-f0-9]{7,40}$/)
        .optional(),
      url: z.url().optional(),
      sha256: z
        .string()
        .regex(/^[a-f0-9]{64}$/)
        .optional(),
      licence: z.string().optional(),
      retrievedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
}).strict();
/**
 * An indicator set, see {@link IndicatorSetSchema}.
 *
 * @example
 * ```ts
 * import { IndicatorSetSchema, type IndicatorSet } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: IndicatorSet = IndicatorSetSchema.parse(json);
 * ```
 */
export type IndicatorSet = z.infer<typeof IndicatorSetSchema>;

/**
 * An indicator of compromise within a set.
 *
 * @example
 * ```ts
 * import { IndicatorSchema } from '@vigil/core';
 *
 * IndicatorSchema.parse({ id: 'indicator--i1', set: 'indicator-set--example', type: 'domain', value: 'evil.example' });
 * ```
 */
export const IndicatorSchema = RecordBaseSchema.extend({
  set: RecordIdSchema,
  type: z.enum([
    'domain',
    'url',
    'ip',
    'cidr',
    'email',
    'process-name',
    'file-name',
    'file-path',
    'hash',
    'app-id',
    'app-cert',
    'configuration-profile',
    'android-property',
  ]),
  value: z.string().min(1),
  stixId: z.string().optional(),
  products: z.array(RecordIdSchema).optional(),
}).strict();
/**
 * An indicator, see {@link IndicatorSchema}.
 *
 * @example
 * ```ts
 * import { IndicatorSchema, type Indicator } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Indicator = IndicatorSchema.parse(json);
 * ```
 */
export type Indicator = z.infer<typeof IndicatorSchema>;
