/**
 * @vigil/matcher/node. Node-only additions to `@vigil/matcher`: bulk matching of large line buffers on
 * worker threads that share memory. The main entry stays browser-safe.
 *
 * @packageDocumentation
 */

export type { BulkMatch, BulkMatcher, BulkMatcherOptions, BulkMatchOptions } from './bulk.js';
export { createBulkMatcher, matchLines } from './bulk.js';
