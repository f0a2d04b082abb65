/**
 * @vigil/server: the Vigil registry. A TAXII 2.1 server and a case API on SQLite or PostgreSQL.
 *
 * @packageDocumentation
 */

export type { CaseList, CaseResource, CaseRevisionList, CaseSummary, Problem } from './case-resource.js';
export {
  CaseListSchema,
  CaseResourceSchema,
  CaseRevisionListSchema,
  CaseSummarySchema,
  ProblemSchema,
} from './case-resource.js';
export type { ListenOptions, RunningServer, VigilServer } from './create-server.js';
export { createServer, DEFAULT_COLLECTION_ID } from './create-server.js';
export type {
  DatabaseOptions,
  PostgresDatabaseOptions,
  SqliteDatabaseOptions,
} from './database-options.js';
export { PROBLEM_MEDIA_TYPE, STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media-types.js';
export type { OpenApiDocument } from './openapi.js';
export { openApiDocument } from './openapi.js';
export type { ServerConfig } from './server-config.js';
export { ServerConfigSchema } from './server-config.js';
export type { ApiKeyConfig, ApiKeyRole, CollectionConfig, ServerOptions } from './server-options.js';
export type { StartServerOptions } from './start-server.js';
export { startServer } from './start-server.js';
