import { COLLECTIONS, TLP_LEVELS } from '@vigil/core';
import { AUDIENCES } from './audience.js';
import { REPORT_LANGUAGES } from './messages.js';

/**
 * The version of the canonical JSON export (`format: 'json'`), written as `schemaVersion` beside
 * `schema: 'vigil.report-case'`.
 *
 * @example
 * ```ts
 * import { REPORT_JSON_SCHEMA_VERSION } from '@vigil/report';
 *
 * REPORT_JSON_SCHEMA_VERSION; // '1.0'
 * ```
 */
export const REPORT_JSON_SCHEMA_VERSION = '1.0' as const;

const record = {
  type: 'object',
  required: ['ref', 'tlp'],
  properties: { ref: { type: 'string', pattern: '^[a-z]+-[0-9A-Z]{10}$' }, tlp: { enum: [...TLP_LEVELS] } },
};

/**
 * A JSON Schema (2020-12) of the canonical JSON export: the envelope, the redacted case with its collections
 * (every record has an opaque `ref` and a `tlp`), the derived evidence levels, the confidentiality map and the
 * withheld counts.
 *
 * @example
 * ```ts
 * import { REPORT_JSON_SCHEMA } from '@vigil/report';
 *
 * REPORT_JSON_SCHEMA.properties.schemaVersion.const; // '1.0'
 * ```
 */
export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:vigil:report-case:1.0',
  title: 'Vigil redacted case report (canonical JSON)',
  type: 'object',
  required: ['schema', 'schemaVersion', 'lang', 'case', 'levels', 'confidentiality', 'withheld'],
  additionalProperties: false,
  properties: {
    schema: { const: 'vigil.report-case' },
    schemaVersion: { const: REPORT_JSON_SCHEMA_VERSION },
    lang: { enum: [...REPORT_LANGUAGES] },
    case: {
      type: 'object',
      required: ['audience', 'tlp', 'ref', 'title', 'schemaVersion', ...COLLECTIONS],
      properties: {
        audience: { enum: [...AUDIENCES] },
        tlp: { enum: [...TLP_LEVELS] },
        ref: { type: 'string', pattern: '^case-[0-9A-Z]{10}$' },
        title: { type: 'string' },
        ...Object.fromEntries(COLLECTIONS.map((c) => [c, { type: 'array', items: record }])),
      },
    },
    levels: {
      type: 'object',
      additionalProperties: { enum: ['listed', 'targeted', 'infected', 'independently-confirmed'] },
    },
    confidentiality: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'level', 'reason'],
        properties: { level: { enum: ['confidential', 'may-be-published'] } },
      },
    },
    withheld: {
      type: 'object',
      required: [...COLLECTIONS],
      additionalProperties: { type: 'integer', minimum: 0 },
    },
  },
} as const;
