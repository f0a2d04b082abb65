/**
 * @vigil/client. A ky-based client for TAXII 2.1 servers, indicator feeds and the Vigil case registry.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
