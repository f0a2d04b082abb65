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
/**
 * The discovery resource, see {@link DiscoverySchema}.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type Discovery } from '@vigil/client';
 *
 * const discovery: Discovery = await createTaxiiClient({ url: 'https://taxii.example/taxii2/' }).discover();
 * ```
 */
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
/**
 * API root information, see {@link ApiRootSchema}.
 *
 * @example
 * ```ts
 * import { createTaxiiClient, type ApiRoot } from '@vigil/client';
 *
 * const root: ApiRoot = await createTaxiiClient({ url: 'https://taxii.example/taxii2/' }).apiRoot('/api1/');
 * console.log(root.max_content_length);
 * ```
 */
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
/**
 * A collection resource, see {@link CollectionSchema}.
 *
 * @example
 * ```ts
 * import type { Collection } from '@vigil/client';
 *
 * const collection: Collection = { id: '91a7b528-80eb-42ed-a74d-c6fbd5a26116', title: 'Indicators', can_read: true, can_write: false };
 * ```
 */
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
/**
 * The collections resource, see {@link CollectionsSchema}.
 *
 * @example
 * ```ts
 * import type { Collections } from '@vigil/client';
 *
 * const empty: Collections = {};
 * ```
 */
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
/**
 * A STIX object in an envelope, see {@link StixObjectSchema}.
 *
 * @example
 * ```ts
 * import type { StixObject } from '@vigil/client';
 *
 * const object: StixObject = { type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' };
 * ```
 */
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
/**
 * An envelope, see {@link EnvelopeSchema}.
 *
 * @example
 * ```ts
 * import type { Envelope } from '@vigil/client';
 *
 * const envelope: Envelope = { objects: [{ type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' }] };
 * ```
 */
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
/**
 * A manifest record, see {@link ManifestRecordSchema}.
 *
 * @example
 * ```ts
 * import type { ManifestRecord } from '@vigil/client';
 *
 * const record: ManifestRecord = {
 *   id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
 *   date_added: '2026-01-01T00:00:00.000000Z',
 *   version: '2026-01-01T00:00:00.000Z',
 * };
 * ```
 */
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
/**
 * The manifest resource, see {@link ManifestSchema}.
 *
 * @example
 * ```ts
 * import type { Manifest } from '@vigil/client';
 *
 * const empty: Manifest = {};
 * ```
 */
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
/**
 * The versions resource, see {@link VersionsSchema}.
 *
 * @example
 * ```ts
 * import type { Versions } from '@vigil/client';
 *
 * const versions: Versions = { versions: ['2026-01-01T00:00:00.000Z'] };
 * ```
 */
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
/**
 * One object's entry in a status, see {@link StatusDetailSchema}.
 *
 * @example
 * ```ts
 * import type { StatusDetail } from '@vigil/client';
 *
 * const detail: StatusDetail = { id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', version: '2026-01-01T00:00:00.000Z' };
 * ```
 */
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
/**
 * A status resource, see {@link StatusSchema}.
 *
 * @example
 * ```ts
 * import type { Status } from '@vigil/client';
 *
 * function done(status: Status): boolean {
 *   return status.status === 'complete' && status.failure_count === 0;
 * }
 * ```
 */
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
/**
 * The TAXII error message resource, see {@link TaxiiErrorSchema}.
 *
 * @example
 * ```ts
 * import type { TaxiiErrorResource } from '@vigil/client';
 *
 * const error: TaxiiErrorResource = { title: 'Collection not found', http_status: '404' };
 * ```
 */
export type TaxiiErrorResource = z.infer<typeof TaxiiErrorSchema>;
