/**
 * @vigil/server. The Vigil registry: a TAXII 2.1 server and a case API on SQLite.
 *
 * @packageDocumentation
 */

/** The version of this package's public API. */
export const VERSION = '0.0.0';
