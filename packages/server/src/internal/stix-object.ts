import type { FailureIssue } from './http-failure.js';
import { isTimestamp, timestampKey } from './timestamps.js';

const TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The STIX 2.1 cyber-observable types: no `created`/`modified`, `spec_version` optional. */
const SCO_TYPES = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

/** TLP marking-definition ids (TLP 2.0 and TLP 1.0) whose objects stay with their organisation. */
const RESTRICTED_MARKINGS = new Set([
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', // TLP 2.0 AMBER+STRICT
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', // TLP 2.0 RED
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', // TLP 1.0 RED
]);

/** A STIX object that passed validation, with what the store needs. */
export interface ValidStixObject {
  id: string;
  type: string;
  specVersion: string;
  /** `modified`, else `created`; `undefined` for objects without either (most SCOs). */
  version: string | undefined;
  versionKey: string | undefined;
  restricted: boolean;
  object: Record<string, unknown>;
}

/** True for a STIX identifier `type--uuid`. */
export function isStixId(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const sep = value.indexOf('--');
  if (sep < 0) return false;
  return isStixType(value.slice(0, sep)) && UUID.test(value.slice(sep + 2));
}

/** True for a STIX type name: 3 to 250 characters of `a-z`, `0-9` and single hyphens. */
export function isStixType(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 3 && value.length <= 250 && TYPE.test(value);
}

/** Validates one STIX 2.1 object; problems come back as issues with paths relative to the object. */
export function validateStixObject(
  input: unknown,
): { ok: true; value: ValidStixObject } | { ok: false; issues: FailureIssue[] } {
  const issues: FailureIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [{ path: '', code: 'invalid_type', message: 'A STIX object must be a JSON object' }],
    };
  }
  const object = input as Record<string, unknown>;
  const { type, id } = object;
  if (!isStixType(type)) {
    issues.push({
      path: 'type',
      code: 'invalid_type',
      message: 'type must be 3-250 characters of a-z, 0-9 and hyphens',
    });
  }
  if (typeof id !== 'string') {
    issues.push({ path: 'id', code: 'required', message: 'id is required' });
  } else if (!isStixId(id)) {
    issues.push({
      path: 'id',
      code: 'invalid_id',
      message: `id "${id.slice(0, 80)}" is not of the form <type>--<uuid>`,
    });
  } else if (isStixType(type) && !id.startsWith(`${type}--`)) {
    issues.push({
      path: 'id',
      code: 'id_type_mismatch',
      message: `id "${id}" does not start with its type "${type}--"`,
    });
  }
  const sco = typeof type === 'string' && SCO_TYPES.has(type);
  const spec = object.spec_version;
  if (spec === undefined) {
    if (!sco) issues.push({ path: 'spec_version', code: 'required', message: 'spec_version is required' });
  } else if (spec !== '2.1') {
    issues.push({ path: 'spec_version', code: 'unsupported_version', message: 'spec_version must be "2.1"' });
  }
  for (const field of ['created', 'modified'] as const) {
    const value = object[field];
    if (value !== undefined && !isTimestamp(value)) {
      issues.push({
        path: field,
        code: 'invalid_timestamp',
        message: `${field} must be a timestamp like 2016-05-12T08:17:27.000Z`,
      });
    }
  }
  if (!sco) {
    if (object.created === undefined)
      issues.push({ path: 'created', code: 'required', message: 'created is required' });
    if (object.modified === undefined && type !== 'marking-definition') {
      issues.push({ path: 'modified', code: 'required', message: 'modified is required' });
    }
  }
  const createdKey = isTimestamp(object.created) ? timestampKey(object.created) : undefined;
  const modifiedKey = isTimestamp(object.modified) ? timestampKey(object.modified) : undefined;
  if (createdKey !== undefined && modifiedKey !== undefined && modifiedKey < createdKey) {
    issues.push({
      path: 'modified',
      code: 'invalid_timestamp',
      message: 'modified must not be earlier than created',
    });
  }
  const refs = object.object_marking_refs;
  if (
    refs !== undefined &&
    (!Array.isArray(refs) || !refs.every((r) => isStixId(r) && r.startsWith('marking-definition--')))
  ) {
    issues.push({
      path: 'object_marking_refs',
      code: 'invalid_reference',
      message: 'object_marking_refs must list marking-definition ids',
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const version = (object.modified ?? object.created) as string | undefined;
  return {
    ok: true,
    value: {
      id: id as string,
      type: type as string,
      specVersion: (spec as string | undefined) ?? '2.1',
      version,
      versionKey: version === undefined ? undefined : timestampKey(version),
      restricted: Array.isArray(refs) && refs.some((r) => RESTRICTED_MARKINGS.has(r as string)),
      object,
    },
  };
}

/** JSON with object keys sorted, so that two equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = Object.create(null);
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
