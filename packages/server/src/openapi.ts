import { DatasetSchema } from '@vigil/core';
import { z } from 'zod';
import {
  CaseListSchema,
  CaseResourceSchema,
  CaseRevisionListSchema,
  CaseSummarySchema,
  ProblemSchema,
} from './case-resource.js';

/**
 * The shape of {@link openApiDocument}: an OpenAPI 3.1 document whose component schemas are JSON Schema
 * 2020-12.
 *
 * @example
 * ```ts
 * import { openApiDocument, type OpenApiDocument } from '@vigil/server';
 *
 * const doc: OpenApiDocument = openApiDocument;
 * console.log(doc.components.schemas.CaseResource);
 * ```
 */
export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  jsonSchemaDialect: string;
  security: Record<string, string[]>[];
  /** Operations by path, then by lower-case method (and a shared `parameters` list). */
  paths: Record<string, Record<string, unknown>>;
  components: {
    securitySchemes: Record<string, Record<string, unknown>>;
    /** JSON Schemas generated from the zod schemas. */
    schemas: Record<string, Record<string, unknown>>;
  };
}

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function withProperty(schema: JsonSchema, property: string, value: JsonSchema): JsonSchema {
  const properties = { ...(schema.properties as Record<string, unknown>) };
  properties[property] = value;
  return { ...schema, properties };
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const caseJson = { 'application/json': { schema: { $ref: '#/components/schemas/CaseResource' } } };
const etagHeader = {
  ETag: {
    description: 'The revision in quotes; send it back as If-Match to update.',
    schema: { type: 'string' },
  },
};
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The dataset id (`dataset--name`).',
  schema: { type: 'string' },
};

/**
 * The OpenAPI 3.1 description of the case API, generated from the zod schemas the server validates with
 * (`DatasetSchema` from @vigil/core, {@link CaseResourceSchema}, {@link CaseListSchema},
 * {@link ProblemSchema}), so that it cannot drift from the code. The server publishes it at
 * `GET /api/v1/openapi.json` (no key needed); clients can check themselves against this object.
 *
 * @example
 * ```ts
 * import { openApiDocument } from '@vigil/server';
 *
 * Object.keys(openApiDocument.paths); // ['/api/v1/cases', '/api/v1/cases/{id}', …, '/api/v1/openapi.json']
 * ```
 */
export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Vigil registry case API',
    version: '1.0.0',
    description:
      'Create, read, update, list and search cases (@vigil/core datasets). Updates use optimistic concurrency: ' +
      'PUT needs If-Match with the ETag last read; a stale one gets 412 and nothing is merged. Records marked ' +
      'TLP:RED or TLP:AMBER+STRICT are never served to organisations outside their audience. Errors are RFC 9457 ' +
      'problem details.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  security: [{ bearerAuth: [] }, { basicAuth: [] }],
  paths: {
    '/api/v1/cases': {
      get: {
        operationId: 'listCases',
        summary: 'List and search the cases you can see, by ascending id.',
        parameters: [
          {
            name: 'q',
            in: 'query',
            description: 'Case-insensitive text in the visible records.',
            schema: { type: 'string' },
          },
          {
            name: 'country',
            in: 'query',
            description: 'An ISO 3166-1 alpha-2 code occurring in the case.',
            schema: { type: 'string', pattern: '^[A-Z]{2}$' },
          },
          {
            name: 'level',
            in: 'query',
            description: 'An evidence level claimed by a targeting assessment.',
            schema: { type: 'string', enum: ['listed', 'targeted', 'infected', 'independently-confirmed'] },
          },
          {
            name: 'tlp',
            in: 'query',
            description: 'The case-level TLP.',
            schema: { type: 'string', enum: ['clear', 'green', 'amber', 'amber+strict', 'red'] },
          },
          {
            name: 'limit',
            in: 'query',
            description: 'Page size; the server caps it.',
            schema: { type: 'integer', minimum: 1 },
          },
          {
            name: 'cursor',
            in: 'query',
            description: 'The `next` of the previous page.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'A page of cases.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseList' } } },
          },
          '400': problem('A malformed query parameter or cursor.'),
          '401': problem('No valid API key.'),
          '406': problem('The Accept header excludes JSON.'),
        },
      },
      post: {
        operationId: 'createCase',
        summary: 'Create a case from a dataset; your organisation owns it.',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DatasetInput' } } },
        },
        responses: {
          '201': {
            description: 'Created, at revision 1.',
            headers: {
              ...etagHeader,
              Location: { description: 'The case URL.', schema: { type: 'string' } },
            },
            content: caseJson,
          },
          '400': problem('The body is not JSON.'),
          '401': problem('No valid API key.'),
          '403': problem('A read-only key, or `owner` names another organisation.'),
          '406': problem('The Accept header excludes JSON.'),
          '409': problem('A case with this id exists.'),
          '413': problem('The body is too large.'),
          '415': problem('The body is not application/json.'),
          '422': problem('The dataset is invalid; `errors` has a JSON Pointer path per problem.'),
        },
      },
    },
    '/api/v1/cases/{id}': {
      parameters: [idParam],
      get: {
        operationId: 'getCase',
        summary: 'Read a case (filtered for organisations other than the owner).',
        parameters: [{ name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The case.', headers: etagHeader, content: caseJson },
          '304': { description: 'Not modified since the ETag given in If-None-Match.' },
          '400': problem('A malformed id.'),
          '401': problem('No valid API key.'),
          '404': problem('No such case, or none you can see.'),
          '406': problem('The Accept header excludes JSON.'),
        },
      },
      put: {
        operationId: 'updateCase',
        summary: 'Replace a case, if it has not changed since you read it.',
        parameters: [
          {
            name: 'If-Match',
            in: 'header',
            required: true,
            description: 'The ETag last read.',
            schema: { type: 'string' },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/DatasetInput' } } },
        },
        responses: {
          '200': {
            description: 'Updated; the revision went up by one.',
            headers: etagHeader,
            content: caseJson,
          },
          '400': problem('A malformed id or body.'),
          '401': problem('No valid API key.'),
          '403': problem('Not a write key of the owning organisation.'),
          '404': problem('No such case, or none you can see.'),
          '406': problem('The Accept header excludes JSON.'),
          '412': problem('Stale: the case changed since that ETag. Nothing was written.'),
          '413': problem('The body is too large.'),
          '415': problem('The body is not application/json.'),
          '422': problem('The dataset is invalid, or its id differs from the URL.'),
          '428': problem('If-Match is missing.'),
        },
      },
    },
    '/api/v1/cases/{id}/revisions': {
      parameters: [idParam],
      get: {
        operationId: 'listCaseRevisions',
        summary: 'The history of a case, oldest first (owning organisation only).',
        responses: {
          '200': {
            description: 'Every revision kept.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseRevisionList' } } },
          },
          '400': problem('A malformed id.'),
          '401': problem('No valid API key.'),
          '403': problem('Not the owning organisation.'),
          '404': problem('No such case, or none you can see.'),
        },
      },
    },
    '/api/v1/cases/{id}/revisions/{revision}': {
      parameters: [
        idParam,
        {
          name: 'revision',
          in: 'path',
          required: true,
          description: 'A revision number.',
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      get: {
        operationId: 'getCaseRevision',
        summary: 'One past (or the current) revision of a case (owning organisation only).',
        responses: {
          '200': { description: 'That revision.', headers: etagHeader, content: caseJson },
          '400': problem('A malformed id.'),
          '401': problem('No valid API key.'),
          '403': problem('Not the owning organisation.'),
          '404': problem('No such case or revision.'),
        },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document.',
        security: [],
        responses: {
          '200': {
            description: 'The OpenAPI 3.1 document.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key as a bearer token.' },
      basicAuth: {
        type: 'http',
        scheme: 'basic',
        description: 'An API key as the password (any user name).',
      },
    },
    schemas: {
      Dataset: schemaOf(DatasetSchema, 'output'),
      DatasetInput: schemaOf(DatasetSchema, 'input'),
      CaseResource: withProperty(schemaOf(CaseResourceSchema, 'output'), 'dataset', {
        $ref: '#/components/schemas/Dataset',
      }),
      CaseSummary: schemaOf(CaseSummarySchema, 'output'),
      CaseRevisionList: schemaOf(CaseRevisionListSchema, 'output'),
      CaseList: withProperty(schemaOf(CaseListSchema, 'output'), 'items', {
        type: 'array',
        items: { $ref: '#/components/schemas/CaseSummary' },
      }),
      Problem: schemaOf(ProblemSchema, 'output'),
    },
  },
};
