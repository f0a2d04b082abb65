import { z } from 'zod';
import { ExploitSchema, OperatorSchema, OrganizationSchema, PersonSchema, ProductSchema } from './actors.js';
import {
  AggregateClaimSchema,
  AttributionSchema,
  HarmSchema,
  InterventionSchema,
  SourceSchema,
  TimelineEventSchema,
} from './claims.js';
import { MarkingSchema, RecordIdSchema } from './common.js';
import {
  DeviceSchema,
  EvidenceItemSchema,
  ForensicFindingSchema,
  IdentifierSchema,
  ReviewSchema,
  TargetingAssessmentSchema,
} from './evidence.js';
import { IndicatorSchema, IndicatorSetSchema } from './indicators.js';

/**
 * The schema version this package reads and writes.
 *
 * @example
 * ```ts
 * import { SCHEMA_VERSION } from '@vigil/core';
 *
 * console.log(SCHEMA_VERSION); // '1.0'
 * ```
 */
export const SCHEMA_VERSION = '1.0' as const;

/**
 * A dataset (a case): the container of every record, with a schema version and a marking for the whole case.
 *
 * @example
 * ```ts
 * import { DatasetSchema } from '@vigil/core';
 *
 * DatasetSchema.parse({
 *   schemaVersion: '1.0',
 *   id: 'dataset--example',
 *   title: 'Example case',
 *   marking: { tlp: 'amber' },
 * });
 * ```
 */
export const DatasetSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: RecordIdSchema,
    title: z.string().min(1),
    description: z.string().optional(),
    lang: z.string().optional(),
    marking: MarkingSchema,
    owner: RecordIdSchema.optional(),
    persons: z.array(PersonSchema).default([]),
    organizations: z.array(OrganizationSchema).default([]),
    products: z.array(ProductSchema).default([]),
    exploits: z.array(ExploitSchema).default([]),
    operators: z.array(OperatorSchema).default([]),
    identifiers: z.array(IdentifierSchema).default([]),
    devices: z.array(DeviceSchema).default([]),
    evidence: z.array(EvidenceItemSchema).default([]),
    findings: z.array(ForensicFindingSchema).default([]),
    reviews: z.array(ReviewSchema).default([]),
    targeting: z.array(TargetingAssessmentSchema).default([]),
    attributions: z.array(AttributionSchema).default([]),
    harms: z.array(HarmSchema).default([]),
    sources: z.array(SourceSchema).default([]),
    events: z.array(TimelineEventSchema).default([]),
    indicatorSets: z.array(IndicatorSetSchema).default([]),
    indicators: z.array(IndicatorSchema).default([]),
    aggregateClaims: z.array(AggregateClaimSchema).default([]),
    interventions: z.array(InterventionSchema).default([]),
  })
  .strict();
/**
 * A dataset after parsing (defaults applied).
 *
 * @example
 * ```ts
 * import { DatasetSchema, type Dataset } from '@vigil/core';
 *
 * declare const json: unknown;
 * const value: Dataset = DatasetSchema.parse(json);
 * ```
 */
export type Dataset = z.infer<typeof DatasetSchema>;
/**
 * A dataset as written in JSON (collections may be omitted).
 *
 * @example
 * ```ts
 * import { parseDataset, type DatasetInput } from '@vigil/core';
 *
 * const input: DatasetInput = { schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } };
 * parseDataset(input).persons; // []
 * ```
 */
export type DatasetInput = z.input<typeof DatasetSchema>;

/**
 * The names of the record collections of a dataset, in a stable order.
 *
 * @example
 * ```ts
 * import { COLLECTIONS } from '@vigil/core';
 *
 * for (const name of COLLECTIONS) console.log(name);
 * ```
 */
export const COLLECTIONS = [
  'persons',
  'organizations',
  'products',
  'exploits',
  'operators',
  'identifiers',
  'devices',
  'evidence',
  'findings',
  'reviews',
  'targeting',
  'attributions',
  'harms',
  'sources',
  'events',
  'indicatorSets',
  'indicators',
  'aggregateClaims',
  'interventions',
] as const;
/**
 * The name of a record collection.
 *
 * @example
 * ```ts
 * import { COLLECTIONS, type CollectionName } from '@vigil/core';
 *
 * const name: CollectionName = COLLECTIONS[0]; // 'persons'
 * ```
 */
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * Fields that are direct identifiers or private content, by collection. Reports and the registry treat them
 * as sensitive whatever a record's marking says; a marking's `sensitiveFields` adds more.
 *
 * @example
 * ```ts
 * import { SENSITIVE_FIELDS } from '@vigil/core';
 *
 * SENSITIVE_FIELDS.persons; // ['realName', 'location']
 * ```
 */
export const SENSITIVE_FIELDS: { readonly [K in CollectionName]: readonly string[] } = {
  persons: ['realName', 'location'],
  organizations: [],
  products: [],
  exploits: [],
  operators: [],
  identifiers: ['value'],
  devices: ['serial', 'model', 'label'],
  evidence: [],
  findings: [],
  reviews: [],
  targeting: [],
  attributions: [],
  harms: [],
  sources: [],
  events: [],
  indicatorSets: [],
  indicators: [],
  aggregateClaims: [],
  interventions: [],
};
