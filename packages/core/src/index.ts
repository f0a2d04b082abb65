/**
 * @vigil/core. The Vigil case data model: zod schemas, integrity rules, the evidence ladder and STIX 2.1 interop.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
