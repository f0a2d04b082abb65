import { z } from 'zod';

/**
 * A record id: `<kind>--<name>`, e.g. `person--budapest-photojournalist`. Stable, readable, and unique in a
 * dataset; STIX export turns it into a deterministic UUID.
 *
 * @example
 * ```ts
 * import { RecordIdSchema } from '@vigil/core';
 *
 * RecordIdSchema.parse('person--p1');
 * ```
 */
export const RecordIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*--[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'Expected an id like "person--name"');
/**
 * A record id, see {@link RecordIdSchema}.
 *
 * @example
 * ```ts
 * import { RecordIdSchema, type RecordId } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: RecordId = RecordIdSchema.parse(json);
 * ```
 */
export type RecordId = z.infer<typeof RecordIdSchema>;

/**
 * Traffic Light Protocol 2.0 levels, from the most to the least shareable.
 *
 * @example
 * ```ts
 * import { TLP_LEVELS } from '@vigil/core';
 *
 * TLP_LEVELS.indexOf('amber') > TLP_LEVELS.indexOf('green'); // true
 * ```
 */
export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;

/**
 * A TLP 2.0 level.
 *
 * @example
 * ```ts
 * import { TlpSchema } from '@vigil/core';
 *
 * TlpSchema.parse('amber+strict');
 * ```
 */
export const TlpSchema = z.enum(TLP_LEVELS);
/**
 * A TLP 2.0 level.
 *
 * @example
 * ```ts
 * import { TlpSchema, type Tlp } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Tlp = TlpSchema.parse(json);
 * ```
 */
export type Tlp = z.infer<typeof TlpSchema>;

/**
 * A sharing marking. `audience` lists the organisations (record ids) that may see an AMBER+STRICT or RED
 * record beyond its creator; `sensitiveFields` names extra fields of this record that are direct identifiers
 * or private content (the model already treats `Person.realName`, `Identifier.value` and
 * `Device.serial` as sensitive).
 *
 * @example
 * ```ts
 * import { MarkingSchema } from '@vigil/core';
 *
 * MarkingSchema.parse({ tlp: 'red', audience: ['organization--lab'] });
 * ```
 */
export const MarkingSchema = z
  .object({
    tlp: TlpSchema,
    audience: z.array(RecordIdSchema).optional(),
    sensitiveFields: z.array(z.string().min(1)).optional(),
    statement: z.string().optional(),
  })
  .strict();
/**
 * A sharing marking, see {@link MarkingSchema}.
 *
 * @example
 * ```ts
 * import { MarkingSchema, type Marking } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Marking = MarkingSchema.parse(json);
 * ```
 */
export type Marking = z.infer<typeof MarkingSchema>;

/**
 * A date of known precision: `2016` (year), `2021-07` (month), `2021-07-09` (day) or an ISO 8601 date-time,
 * with a qualifier for "early July 2021", "about 2018", "before 2019".
 *
 * @example
 * ```ts
 * import { FuzzyDateSchema } from '@vigil/core';
 *
 * FuzzyDateSchema.parse({ value: '2021-07', qualifier: 'early' });
 * ```
 */
export const FuzzyDateSchema = z
  .object({
    value: z
      .string()
      .regex(
        /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/,
        'Expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 date-time',
      ),
    qualifier: z.enum(['exact', 'approximate', 'early', 'mid', 'late', 'before', 'after']).optional(),
  })
  .strict();
/**
 * A date of known precision, see {@link FuzzyDateSchema}.
 *
 * @example
 * ```ts
 * import { FuzzyDateSchema, type FuzzyDate } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: FuzzyDate = FuzzyDateSchema.parse(json);
 * ```
 */
export type FuzzyDate = z.infer<typeof FuzzyDateSchema>;

/**
 * A period: a single fuzzy date (`start` alone) or a range ("between 2016 and June 2021").
 *
 * @example
 * ```ts
 * import { PeriodSchema } from '@vigil/core';
 *
 * PeriodSchema.parse({ start: { value: '2016' }, end: { value: '2021-06' } });
 * ```
 */
export const PeriodSchema = z
  .object({
    start: FuzzyDateSchema,
    end: FuzzyDateSchema.optional(),
  })
  .strict();
/**
 * A period, see {@link PeriodSchema}.
 *
 * @example
 * ```ts
 * import { PeriodSchema, type Period } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Period = PeriodSchema.parse(json);
 * ```
 */
export type Period = z.infer<typeof PeriodSchema>;

/**
 * An ISO 3166-1 alpha-2 country code, upper case.
 *
 * @example
 * ```ts
 * import { CountryCodeSchema } from '@vigil/core';
 *
 * CountryCodeSchema.parse('HU');
 * ```
 */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code like "HU"');
/**
 * An ISO 3166-1 alpha-2 country code.
 *
 * @example
 * ```ts
 * import { CountryCodeSchema, type CountryCode } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: CountryCode = CountryCodeSchema.parse(json);
 * ```
 */
export type CountryCode = z.infer<typeof CountryCodeSchema>;

/**
 * A place: a country, optionally a finer place (which reports can generalise away).
 *
 * @example
 * ```ts
 * import { LocationSchema } from '@vigil/core';
 *
 * LocationSchema.parse({ country: 'HU', city: 'Budapest' });
 * ```
 */
export const LocationSchema = z
  .object({
    country: CountryCodeSchema,
    region: z.string().optional(),
    city: z.string().optional(),
  })
  .strict();
/**
 * A place, see {@link LocationSchema}.
 *
 * @example
 * ```ts
 * import { LocationSchema, type Location } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Location = LocationSchema.parse(json);
 * ```
 */
export type Location = z.infer<typeof LocationSchema>;

/**
 * A confidence, 0 to 100 (as STIX), with an optional word from an estimative scale.
 *
 * @example
 * ```ts
 * import { ConfidenceSchema } from '@vigil/core';
 *
 * ConfidenceSchema.parse({ score: 85, label: 'high' });
 * ```
 */
export const ConfidenceSchema = z
  .object({
    score: z.number().int().min(0).max(100),
    label: z.enum(['low', 'medium', 'high']).optional(),
    rationale: z.string().optional(),
  })
  .strict();
/**
 * A confidence, see {@link ConfidenceSchema}.
 *
 * @example
 * ```ts
 * import { ConfidenceSchema, type Confidence } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Confidence = ConfidenceSchema.parse(json);
 * ```
 */
export type Confidence = z.infer<typeof ConfidenceSchema>;

/**
 * A pointer from a claim to a {@link Source}: which paragraph or page, and a short quote.
 *
 * @example
 * ```ts
 * import { CitationSchema } from '@vigil/core';
 *
 * CitationSchema.parse({ source: 'source--letter', paragraph: 3, quote: 'at least 180 journalists' });
 * ```
 */
export const CitationSchema = z
  .object({
    source: RecordIdSchema,
    paragraph: z.number().int().positive().optional(),
    page: z.number().int().positive().optional(),
    locator: z.string().optional(),
    quote: z.string().max(300, 'Keep quoted passages short (300 characters at most)').optional(),
  })
  .strict();
/**
 * A citation, see {@link CitationSchema}.
 *
 * @example
 * ```ts
 * import { CitationSchema, type Citation } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Citation = CitationSchema.parse(json);
 * ```
 */
export type Citation = z.infer<typeof CitationSchema>;

/**
 * The fields every record has: an id, an optional marking (default: the dataset's), citations and notes.
 *
 * @example
 * ```ts
 * import { RecordBaseSchema } from '@vigil/core';
 *
 * RecordBaseSchema.parse({ id: 'person--p1', citations: [{ source: 'source--s1' }] });
 * ```
 */
export const RecordBaseSchema = z.object({
  id: RecordIdSchema,
  marking: MarkingSchema.optional(),
  citations: z.array(CitationSchema).optional(),
  notes: z.string().optional(),
});
/**
 * The fields every record has.
 *
 * @example
 * ```ts
 * import { RecordBaseSchema, type RecordBase } from '@vigil/core';
 *
 * const base: RecordBase = RecordBaseSchema.parse({ id: 'person--p1' });
 * ```
 */
export type RecordBase = z.infer<typeof RecordBaseSchema>;
