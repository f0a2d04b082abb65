import { randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import type { FailureIssue } from './http-failure.js';
import type { PagePosition } from './page-token.js';
import type { SqlExecutor, SqlValue } from './sql-driver.js';
import { canonicalJson, validateStixObject } from './stix-object.js';
import type { TaxiiFilters } from './taxii-query.js';
import { formatMicros, timestampKey } from './timestamps.js';

/** One stored object version. */
export interface ObjectRow {
  seq: number;
  id: string;
  version: string;
  spec_version: string;
  date_added: number;
  owner_org: string;
  body: string;
}

/** A TAXII status detail. */
export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

/** The TAXII status resource. */
export interface StatusResource {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes?: StatusDetail[];
  failure_count: number;
  failures?: StatusDetail[];
  pending_count: number;
  pendings?: StatusDetail[];
}

/** Who asks, for visibility and ownership. */
export interface Viewer {
  organization: string;
  admin: boolean;
}

/** Collects `?` parameters in the order their placeholders appear in the SQL text. */
function binder(): {
  params: SqlValue[];
  p: (value: SqlValue) => string;
  list: (values: readonly string[]) => string;
} {
  const params: SqlValue[] = [];
  const p = (value: SqlValue): string => {
    params.push(value);
    return '?';
  };
  return { params, p, list: (values) => values.map((v) => p(v)).join(', ') };
}

/**
 * Builds SQL for a query of object versions in one collection, visible to a viewer. Every fragment is
 * built in the order it appears in the text, so that the parameters line up with the placeholders.
 */
function buildWhere(
  b: ReturnType<typeof binder>,
  collection: string,
  viewer: Viewer,
  filters: TaxiiFilters,
  objectId: string | undefined,
  scope: 'versions' | 'objects',
): string {
  const { p, list } = b;
  // Restricted (TLP:RED / AMBER+STRICT) objects are only visible to the organisation that added them.
  const visible = (a: string): string =>
    `(${a}.restricted = 0 OR ${a}.owner_org = ${p(viewer.organization)})`;
  const spec = (a: string): string => {
    if (filters.specVersions !== undefined) return `${a}.spec_version IN (${list(filters.specVersions)})`;
    return `${a}.spec_version = (SELECT MAX(x.spec_version) FROM objects x WHERE x.collection_id = ${a}.collection_id AND x.id = ${a}.id AND ${visible('x')})`;
  };
  const clauses = [`o.collection_id = ${p(collection)}`, visible('o'), spec('o')];
  if (objectId !== undefined) clauses.push(`o.id = ${p(objectId)}`);
  if (filters.ids !== undefined) clauses.push(`o.id IN (${list(filters.ids)})`);
  if (filters.types !== undefined) clauses.push(`o.type IN (${list(filters.types)})`);
  if (scope === 'objects' && !filters.versions.includes('all')) {
    const ors: string[] = [];
    const pick = (fn: 'MIN' | 'MAX'): string =>
      `o.version_key = (SELECT ${fn}(v.version_key) FROM objects v WHERE v.collection_id = o.collection_id AND v.id = o.id AND ${visible('v')} AND ${spec('v')})`;
    if (filters.versions.includes('last')) ors.push(pick('MAX'));
    if (filters.versions.includes('first')) ors.push(pick('MIN'));
    const exact = filters.versions.filter((v) => v !== 'last' && v !== 'first');
    if (exact.length > 0) ors.push(`o.version_key IN (${list(exact)})`);
    clauses.push(`(${ors.join(' OR ')})`);
  }
  if (filters.addedAfter !== undefined) clauses.push(`o.date_added > ${p(filters.addedAfter)}`);
  return clauses.join(' AND ');
}

/**
 * One page of object versions, ascending by date added, `limit + 1` rows read to know whether there are
 * more.
 */
export async function queryObjects(
  db: SqlExecutor,
  args: {
    collection: string;
    viewer: Viewer;
    filters: TaxiiFilters;
    after: PagePosition | undefined;
    objectId?: string;
    scope: 'versions' | 'objects';
  },
): Promise<{ rows: ObjectRow[]; more: boolean }> {
  const b = binder();
  let where = buildWhere(b, args.collection, args.viewer, args.filters, args.objectId, args.scope);
  if (args.after !== undefined) {
    where += ` AND (o.date_added > ${b.p(args.after.added)} OR (o.date_added = ${b.p(args.after.added)} AND o.seq > ${b.p(args.after.seq)}))`;
  }
  const take = b.p(Math.min(args.filters.limit + 1, Number.MAX_SAFE_INTEGER));
  const rows = await db.all<ObjectRow>(
    `SELECT o.seq, o.id, o.version, o.spec_version, o.date_added, o.owner_org, o.body FROM objects o WHERE ${where} ORDER BY o.date_added, o.seq LIMIT ${take}`,
    b.params,
  );
  const more = rows.length > args.filters.limit;
  if (more) rows.length = args.filters.limit;
  return { rows, more };
}

/** True when at least one visible version of the object exists in the collection. */
export async function objectExists(
  db: Db,
  collection: string,
  viewer: Viewer,
  objectId: string,
): Promise<boolean> {
  const row = await db.get(
    'SELECT 1 AS one FROM objects WHERE collection_id = ? AND id = ? AND (restricted = 0 OR owner_org = ?) LIMIT 1',
    [collection, objectId, viewer.organization],
  );
  return row !== undefined;
}

/**
 * Deletes the matching versions of an object in one transaction. Versions added by another organisation
 * are only deleted by an admin; otherwise nothing is deleted and `forbidden` is returned.
 */
export function deleteObject(
  db: Db,
  args: { collection: string; viewer: Viewer; filters: TaxiiFilters; objectId: string },
): Promise<'deleted' | 'forbidden' | 'none'> {
  return db.transaction(async (tx): Promise<'deleted' | 'forbidden' | 'none'> => {
    const { rows } = await queryObjects(tx, {
      ...args,
      filters: { ...args.filters, limit: 1_000_000_000, addedAfter: undefined },
      after: undefined,
      scope: 'objects',
    });
    if (rows.length === 0) return 'none';
    if (!args.viewer.admin && rows.some((r) => r.owner_org !== args.viewer.organization)) return 'forbidden';
    for (const row of rows) await tx.run('DELETE FROM objects WHERE seq = ?', [row.seq]);
    return 'deleted';
  });
}

/** A row to insert, its `date_added` (and, for objects without `modified`, its version) set later. */
interface PlannedInsert {
  id: string;
  type: string;
  spec: string;
  version: string | undefined;
  versionKey: string | undefined;
  org: string;
  restricted: boolean;
  body: string;
  /** Success entries that name this row's version (the object itself, and later duplicates of it). */
  details: StatusDetail[];
}

/** What is stored under one id: its owner and its versions. */
interface KnownObject {
  owner: string;
  versions: Map<string, { body: string; version: string }>;
  /** Bodies of versions planned in this envelope without a `modified`, for duplicate detection. */
  planned: Map<string, PlannedInsert>;
}

const ID_CHUNK = 500;
const INSERT_CHUNK = 500;

/**
 * Adds the objects of an envelope in one transaction and records a status resource. Each object is
 * validated; an invalid object, a new version of an object owned by another organisation, or another
 * content under an existing id and version is a failure; an exact duplicate is a success. `date_added`
 * comes from the database's clock row, taken under the write lock, so values are unique and commit in
 * ascending order across every server process on the database. A few statements per envelope, whatever
 * its size: the stored versions of its ids are read at once, and the new rows inserted together.
 */
export function addObjects(
  db: Db,
  args: { collection: string; viewer: Viewer; objects: readonly unknown[]; pending?: StatusResource },
): Promise<StatusResource> {
  const requestTimestamp = args.pending?.request_timestamp ?? formatMicros(Date.now() * 1000);
  return db.transaction(async (tx): Promise<StatusResource> => {
    const successes: StatusDetail[] = [];
    const failures: StatusDetail[] = [];
    const checked = args.objects.map((input) => validateStixObject(input));
    const ids = [...new Set(checked.flatMap((c) => (c.ok ? [c.value.id] : [])))];
    const known = new Map<string, KnownObject>();
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const chunk = ids.slice(i, i + ID_CHUNK);
      const rows = await tx.all<{
        id: string;
        version_key: string;
        version: string;
        owner_org: string;
        body: string;
      }>(
        `SELECT id, version_key, version, owner_org, body FROM objects WHERE collection_id = ? AND id IN (${chunk.map(() => '?').join(', ')}) ORDER BY seq`,
        [args.collection, ...chunk],
      );
      for (const row of rows) {
        let entry = known.get(row.id);
        if (entry === undefined) {
          entry = { owner: row.owner_org, versions: new Map(), planned: new Map() };
          known.set(row.id, entry);
        }
        entry.versions.set(row.version_key, { body: row.body, version: row.version });
      }
    }
    const inserts: PlannedInsert[] = [];
    for (const [index, result] of checked.entries()) {
      const input = args.objects[index];
      if (!result.ok) {
        const rawId = (input as { id?: unknown } | null)?.id;
        const label = typeof rawId === 'string' ? rawId.slice(0, 200) : `objects[${index}]`;
        failures.push({ id: label, version: versionOf(input), message: describe(index, result.issues) });
        continue;
      }
      const obj = result.value;
      const body = canonicalJson(obj.object);
      const entry = known.get(obj.id);
      if (entry !== undefined && entry.owner !== args.viewer.organization && !args.viewer.admin) {
        failures.push({
          id: obj.id,
          version: obj.version ?? '',
          message: `objects[${index}]: id ${obj.id} belongs to another organisation; only it can add versions`,
        });
        continue;
      }
      const org = entry?.owner ?? args.viewer.organization;
      const target: KnownObject = entry ?? { owner: org, versions: new Map(), planned: new Map() };
      if (entry === undefined) known.set(obj.id, target);
      if (obj.versionKey === undefined) {
        const stored = [...target.versions.values()].find((v) => v.body === body);
        if (stored !== undefined) {
          successes.push({ id: obj.id, version: stored.version, message: 'duplicate of a stored object' });
          continue;
        }
        const planned = target.planned.get(body);
        if (planned !== undefined) {
          const detail: StatusDetail = { id: obj.id, version: '', message: 'duplicate of a stored object' };
          planned.details.push(detail);
          successes.push(detail);
          continue;
        }
        const detail: StatusDetail = { id: obj.id, version: '' };
        const insert: PlannedInsert = {
          id: obj.id,
          type: obj.type,
          spec: obj.specVersion,
          version: undefined,
          versionKey: undefined,
          org,
          restricted: obj.restricted,
          body,
          details: [detail],
        };
        target.planned.set(body, insert);
        inserts.push(insert);
        successes.push(detail);
        continue;
      }
      const existing = target.versions.get(obj.versionKey);
      if (existing !== undefined) {
        if (existing.body === body)
          successes.push({
            id: obj.id,
            version: obj.version as string,
            message: 'duplicate of a stored object',
          });
        else
          failures.push({
            id: obj.id,
            version: obj.version as string,
            message: `objects[${index}]: another object with this id and version is already stored; change modified for a new version`,
          });
        continue;
      }
      target.versions.set(obj.versionKey, { body, version: obj.version as string });
      inserts.push({
        id: obj.id,
        type: obj.type,
        spec: obj.specVersion,
        version: obj.version as string,
        versionKey: obj.versionKey,
        org,
        restricted: obj.restricted,
        body,
        details: [],
      });
      successes.push({ id: obj.id, version: obj.version as string });
    }
    if (inserts.length > 0) {
      let added = await db.nextDateAdded(tx, inserts.length);
      for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
        const chunk = inserts.slice(i, i + INSERT_CHUNK);
        const params: SqlValue[] = [];
        for (const row of chunk) {
          const version = row.version ?? formatMicros(added);
          for (const detail of row.details) detail.version = version;
          params.push(
            args.collection,
            row.id,
            row.type,
            row.spec,
            version,
            row.versionKey ?? (timestampKey(version) as string),
            added++,
            row.org,
            row.restricted ? 1 : 0,
            row.body,
          );
        }
        await tx.run(
          `INSERT INTO objects (collection_id, id, type, spec_version, version, version_key, date_added, owner_org, restricted, body)
           VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          params,
        );
      }
    }
    const resource: StatusResource = {
      id: args.pending?.id ?? randomUUID(),
      status: 'complete',
      request_timestamp: requestTimestamp,
      total_count: args.objects.length,
      success_count: successes.length,
      failure_count: failures.length,
      pending_count: 0,
    };
    if (successes.length > 0) resource.successes = successes;
    if (failures.length > 0) resource.failures = failures;
    if (args.pending !== undefined) {
      await tx.run('UPDATE statuses SET body = ? WHERE id = ?', [JSON.stringify(resource), resource.id]);
    } else {
      await tx.run('INSERT INTO statuses (id, owner_org, created, body) VALUES (?, ?, ?, ?)', [
        resource.id,
        args.viewer.organization,
        Date.now(),
        JSON.stringify(resource),
      ]);
    }
    return resource;
  });
}

/**
 * Records a `pending` status for an envelope that {@link addObjects} will process later (with `pending`
 * set to this status, in its own transaction that also completes the status).
 */
export async function recordPendingStatus(
  db: Db,
  viewer: Viewer,
  objects: readonly unknown[],
): Promise<StatusResource> {
  const pendings: StatusDetail[] = objects.map((input, index) => {
    const rawId = (input as { id?: unknown } | null)?.id;
    return {
      id: typeof rawId === 'string' ? rawId.slice(0, 200) : `objects[${index}]`,
      version: versionOf(input),
    };
  });
  const resource: StatusResource = {
    id: randomUUID(),
    status: 'pending',
    request_timestamp: formatMicros(Date.now() * 1000),
    total_count: objects.length,
    success_count: 0,
    failure_count: 0,
    pending_count: objects.length,
    pendings,
  };
  await db.run('INSERT INTO statuses (id, owner_org, created, body) VALUES (?, ?, ?, ?)', [
    resource.id,
    viewer.organization,
    Date.now(),
    JSON.stringify(resource),
  ]);
  return resource;
}

/** Completes a pending status whose processing failed: every object is a failure, nothing was stored. */
export async function failPendingStatus(db: Db, pending: StatusResource, message: string): Promise<void> {
  const failures = (pending.pendings ?? []).map((p) => ({ ...p, message }));
  const resource: StatusResource = {
    ...pending,
    status: 'complete',
    failure_count: failures.length,
    pending_count: 0,
    failures,
  };
  delete resource.pendings;
  await db.run('UPDATE statuses SET body = ? WHERE id = ?', [JSON.stringify(resource), resource.id]);
}

/** Deletes status resources recorded before `cutoff` (milliseconds since the epoch). */
export function pruneStatuses(db: Db, cutoff: number): Promise<number> {
  return db.run('DELETE FROM statuses WHERE created < ?', [cutoff]);
}

/** A status resource by id, for the organisation that created it. */
export async function getStatus(db: Db, id: string, viewer: Viewer): Promise<StatusResource | undefined> {
  const row = await db.get<{ body: string; owner_org: string }>(
    'SELECT body, owner_org FROM statuses WHERE id = ?',
    [id],
  );
  if (row === undefined || (row.owner_org !== viewer.organization && !viewer.admin)) return undefined;
  return JSON.parse(row.body) as StatusResource;
}

function versionOf(input: unknown): string {
  const o = input as { modified?: unknown; created?: unknown } | null;
  const v = o?.modified ?? o?.created;
  return typeof v === 'string' ? v.slice(0, 40) : '';
}

function describe(index: number, issues: readonly FailureIssue[]): string {
  return issues
    .map((i) => `objects[${index}]${i.path === '' ? '' : `.${i.path}`}: ${i.message} (${i.code})`)
    .join('; ');
}
