/**
 * zod schemas for the TAXII 2.1 resources, used to validate every response. Unknown properties are
 * kept (TAXII allows custom properties); missing required ones are an {@link InvalidResponseError}.
 */
import { z } from 'zod';

/**
 * The discovery resource served at `/taxii2/`. `default` and `api_roots` are absolute URLs once
 * returned by the client.
 *
 * @example
 * ```ts
 * import { DiscoverySchema } from '@vigil/client';
 *
 * DiscoverySchema.parse({ title: 'Lab TAXII', api_roots: ['/api1/'] });
 * ```
 */
export const DiscoverySchema = z.looseObject({
  title: z.string(),
  description: z.string().optional(),
  contact: z.string().optional(),
  default: z.string().optional(),
  api_roots: z.array(z.string()).optional(),
});
/** @see {@link DiscoverySchema} */
export type Discovery = z.infer<typeof DiscoverySchema>;

/**
 * The API root information resource served at `{api-root}/`.
 *
 * @example
 * ```ts
 * import { ApiRootSchema } from '@vigil/client';
 *
 * ApiRootSchema.parse({ title: 'api1', versions: ['application/taxii+json;version=2.1'], max_content_length: 10485760 });
 * ```
 */
export const ApiRootSchema = z.looseObject({
  title: z.string(),
  description: z.string().optional(),
  versions: z.array(z.string()),
  max_content_length: z.number().int().nonnegative(),
});
/** @see {@link ApiRootSchema} */
export type ApiRoot = z.infer<typeof ApiRootSchema>;

/**
 * One collection resource.
 *
 * @example
 * ```ts
 * import { CollectionSchema } from '@vigil/client';
 *
 * CollectionSchema.parse({ id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116', title: 'Indicators', can_read: true, can_write: false });
 * ```
 */
export const CollectionSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string(),
  description: z.string().optional(),
  alias: z.string().optional(),
  can_read: z.boolean(),
  can_write: z.boolean(),
  media_types: z.array(z.string()).optional(),
});
/** @see {@link CollectionSchema} */
export type Collection = z.infer<typeof CollectionSchema>;

/**
 * The collections resource: `{}` when the API root has none.
 *
 * @example
 * ```ts
 * import { CollectionsSchema } from '@vigil/client';
 *
 * CollectionsSchema.parse({});
 * ```
 */
export const CollectionsSchema = z.looseObject({
  collections: z.array(CollectionSchema).optional(),
});
/** @see {@link CollectionsSchema} */
export type Collections = z.infer<typeof CollectionsSchema>;

/**
 * A STIX object as carried in an envelope: only `type` and `id` are checked here; `@vigil/core`
 * validates the rest.
 *
 * @example
 * ```ts
 * import { StixObjectSchema } from '@vigil/client';
 *
 * StixObjectSchema.parse({ type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' });
 * ```
 */
export const StixObjectSchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().min(1),
});
/** @see {@link StixObjectSchema} */
export type StixObject = z.infer<typeof StixObjectSchema>;

/**
 * The envelope resource (objects, one object, and the body of add objects). `{}` is a valid empty envelope.
 *
 * @example
 * ```ts
 * import { EnvelopeSchema } from '@vigil/client';
 *
 * EnvelopeSchema.parse({ more: false, objects: [] });
 * ```
 */
export const EnvelopeSchema = z.looseObject({
  more: z.boolean().optional(),
  next: z.string().optional(),
  objects: z.array(StixObjectSchema).optional(),
});
/** @see {@link EnvelopeSchema} */
export type Envelope = z.infer<typeof EnvelopeSchema>;

/**
 * One manifest record: which version of an object was added when.
 *
 * @example
 * ```ts
 * import { ManifestRecordSchema } from '@vigil/client';
 *
 * ManifestRecordSchema.parse({
 *   id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
 *   date_added: '2026-01-01T00:00:00.000000Z',
 *   version: '2026-01-01T00:00:00.000Z',
 * });
 * ```
 */
export const ManifestRecordSchema = z.looseObject({
  id: z.string().min(1),
  date_added: z.string(),
  version: z.string(),
  media_type: z.string().optional(),
});
/** @see {@link ManifestRecordSchema} */
export type ManifestRecord = z.infer<typeof ManifestRecordSchema>;

/**
 * The manifest resource.
 *
 * @example
 * ```ts
 * import { ManifestSchema } from '@vigil/client';
 *
 * ManifestSchema.parse({});
 * ```
 */
export const ManifestSchema = z.looseObject({
  more: z.boolean().optional(),
  next: z.string().optional(),
  objects: z.array(ManifestRecordSchema).optional(),
});
/** @see {@link ManifestSchema} */
export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * The versions resource of one object.
 *
 * @example
 * ```ts
 * import { VersionsSchema } from '@vigil/client';
 *
 * VersionsSchema.parse({ versions: ['2026-01-01T00:00:00.000Z'] });
 * ```
 */
export const VersionsSchema = z.looseObject({
  more: z.boolean().optional(),
  next: z.string().optional(),
  versions: z.array(z.string()).optional(),
});
/** @see {@link VersionsSchema} */
export type Versions = z.infer<typeof VersionsSchema>;

/**
 * What a status resource says about one object.
 *
 * @example
 * ```ts
 * import { StatusDetailSchema } from '@vigil/client';
 *
 * StatusDetailSchema.parse({ id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', version: '2026-01-01T00:00:00.000Z' });
 * ```
 */
export const StatusDetailSchema = z.looseObject({
  id: z.string(),
  version: z.string(),
  message: z.string().optional(),
});
/** @see {@link StatusDetailSchema} */
export type StatusDetail = z.infer<typeof StatusDetailSchema>;

/**
 * The status resource of an add-objects request. Its counts must add up
 * (`success_count + failure_count + pending_count == total_count`).
 *
 * @example
 * ```ts
 * import { StatusSchema } from '@vigil/client';
 *
 * StatusSchema.parse({
 *   id: '2d086da7-4bdc-4f91-900e-d77486753710', status: 'complete',
 *   total_count: 1, success_count: 1, failure_count: 0, pending_count: 0,
 * });
 * ```
 */
export const StatusSchema = z
  .looseObject({
    id: z.string().min(1),
    status: z.enum(['complete', 'pending']),
    request_timestamp: z.string().optional(),
    total_count: z.number().int().nonnegative(),
    success_count: z.number().int().nonnegative(),
    failure_count: z.number().int().nonnegative(),
    pending_count: z.number().int().nonnegative(),
    successes: z.array(StatusDetailSchema).optional(),
    failures: z.array(StatusDetailSchema).optional(),
    pendings: z.array(StatusDetailSchema).optional(),
  })
  .refine((s) => s.success_count + s.failure_count + s.pending_count === s.total_count, {
    message: 'success_count + failure_count + pending_count must equal total_count',
    path: ['total_count'],
  });
/** @see {@link StatusSchema} */
export type Status = z.infer<typeof StatusSchema>;

/**
 * The TAXII error message resource.
 *
 * @example
 * ```ts
 * import { TaxiiErrorSchema } from '@vigil/client';
 *
 * TaxiiErrorSchema.parse({ title: 'Collection not found', http_status: '404' });
 * ```
 */
export const TaxiiErrorSchema = z.looseObject({
  title: z.string(),
  description: z.string().optional(),
  error_id: z.string().optional(),
  error_code: z.string().optional(),
  http_status: z.string().optional(),
  external_details: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
/** @see {@link TaxiiErrorSchema} */
export type TaxiiErrorResource = z.infer<typeof TaxiiErrorSchema>;
