/**
 * The TAXII 2.1 media type: sent as `Accept` on every TAXII request, as `Content-Type` on POST, and
 * answered on every TAXII response (errors included).
 *
 * @example
 * ```ts
 * import { TAXII_MEDIA_TYPE } from '@vigil/server';
 *
 * const headers = { Accept: TAXII_MEDIA_TYPE };
 * ```
 */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

/**
 * The STIX 2.1 media type, listed in each collection's `media_types` and in manifest entries.
 *
 * @example
 * ```ts
 * import { STIX_MEDIA_TYPE } from '@vigil/server';
 *
 * STIX_MEDIA_TYPE; // 'application/stix+json;version=2.1'
 * ```
 */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/**
 * The RFC 9457 media type of the case API's error bodies.
 *
 * @example
 * ```ts
 * import { PROBLEM_MEDIA_TYPE } from '@vigil/server';
 *
 * const response = await fetch('http://127.0.0.1:8080/api/v1/cases/nope');
 * response.headers.get('content-type') === PROBLEM_MEDIA_TYPE; // true on a 404
 * ```
 */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
