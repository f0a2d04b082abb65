import { randomUUID } from 'node:crypto';
import type { Db } from './database.js';
import type { FailureIssue } from './http-failure.js';
import type { PagePosition } from './page-token.js';
import { canonicalJson, validateStixObject } from './stix-object.js';
import type { TaxiiFilters } from './taxii-query.js';
import { formatMicros, type MicroClock, timestampKey } from './timestamps.js';

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

/** Binds values as `@<prefix><n>` parameters and returns the placeholder list. */
function bind(params: Record<string, unknown>, prefix: string, values: readonly string[]): string {
  return values
    .map((value, index) => {
      params[`${prefix}${index}`] = value;
      return `@${prefix}${index}`;
    })
    .join(', ');
}

/** Builds SQL for a query of object versions in one collection, visible to a viewer. */
function buildWhere(
  filters: TaxiiFilters,
  params: Record<string, unknown>,
  objectId: string | undefined,
  scope: 'versions' | 'objects',
): string {
  // Restricted (TLP:RED / AMBER+STRICT) objects are only visible to the organisation that added them.
  const visible = (a: string): string => `(${a}.restricted = 0 OR ${a}.owner_org = @org)`;
  const spec = (a: string): string => {
    if (filters.specVersions !== undefined) {
      const names = filters.specVersions.map((v, i) => {
        params[`s${i}`] = v;
        return `@s${i}`;
      });
      return `${a}.spec_version IN (${names.join(', ')})`;
    }
    return `${a}.spec_version = (SELECT MAX(x.spec_version) FROM objects x WHERE x.collection_id = ${a}.collection_id AND x.id = ${a}.id AND ${visible('x')})`;
  };
  const clauses = ['o.collection_id = @collection', visible('o'), spec('o')];
  if (objectId !== undefined) {
    params.objectId = objectId;
    clauses.push('o.id = @objectId');
  }
  if (filters.ids !== undefined) {
    clauses.push(`o.id IN (${bind(params, 'i', filters.ids)})`);
  }
  if (filters.types !== undefined) {
    clauses.push(`o.type IN (${bind(params, 't', filters.types)})`);
  }
  if (scope === 'objects' && !filters.versions.includes('all')) {
    const ors: string[] = [];
    const pick = (fn: 'MIN' | 'MAX'): string =>
      `o.version_key = (SELECT ${fn}(v.version_key) FROM objects v WHERE v.collection_id = o.collection_id AND v.id = o.id AND ${visible('v')} AND ${spec('v')})`;
    const exact: string[] = [];
    filters.versions.forEach((v, i) => {
      if (v === 'last') ors.push(pick('MAX'));
      else if (v === 'first') ors.push(pick('MIN'));
      else {
        params[`v${i}`] = v;
        exact.push(`@v${i}`);
      }
    });
    if (exact.length > 0) ors.push(`o.version_key IN (${exact.join(', ')})`);
    clauses.push(`(${ors.join(' OR ')})`);
  }
  if (filters.addedAfter !== undefined) {
    params.addedAfter = filters.addedAfter;
    clauses.push('o.date_added > @addedAfter');
  }
  return clauses.join(' AND ');
}

/**
 * One page of object versions, ascending by date added, `limit + 1` rows read to know whether there are
 * more.
 */
export function queryObjects(
  db: Db,
  args: {
    collection: string;
    viewer: Viewer;
    filters: TaxiiFilters;
    after: PagePosition | undefined;
    objectId?: string;
    scope: 'versions' | 'objects';
  },
): { rows: ObjectRow[]; more: boolean } {
  const params: Record<string, unknown> = { collection: args.collection, org: args.viewer.organization };
  let where = buildWhere(args.filters, params, args.objectId, args.scope);
  if (args.after !== undefined) {
    params.afterAdded = args.after.added;
    params.afterSeq = args.after.seq;
    where += ' AND (o.date_added > @afterAdded OR (o.date_added = @afterAdded AND o.seq > @afterSeq))';
  }
  params.take = args.filters.limit + 1;
  const rows = db
    .prepare(
      `SELECT o.seq, o.id, o.version, o.spec_version, o.date_added, o.owner_org, o.body FROM objects o WHERE ${where} ORDER BY o.date_added, o.seq LIMIT @take`,
    )
    .all(params) as ObjectRow[];
  const more = rows.length > args.filters.limit;
  if (more) rows.length = args.filters.limit;
  return { rows, more };
}

/** True when at least one visible version of the object exists in the collection. */
export function objectExists(db: Db, collection: string, viewer: Viewer, objectId: string): boolean {
  return (
    db
      .prepare(
        'SELECT 1 FROM objects WHERE collection_id = ? AND id = ? AND (restricted = 0 OR owner_org = ?) LIMIT 1',
      )
      .get(collection, objectId, viewer.organization) !== undefined
  );
}

/**
 * Deletes the matching versions of an object in one transaction. Versions added by another organisation
 * are only deleted by an admin; otherwise nothing is deleted and `forbidden` is returned.
 */
export function deleteObject(
  db: Db,
  args: { collection: string; viewer: Viewer; filters: TaxiiFilters; objectId: string },
): 'deleted' | 'forbidden' | 'none' {
  return db.transaction((): 'deleted' | 'forbidden' | 'none' => {
    const { rows } = queryObjects(db, {
      ...args,
      filters: { ...args.filters, limit: Number.MAX_SAFE_INTEGER - 1, addedAfter: undefined },
      after: undefined,
      scope: 'objects',
    });
    if (rows.length === 0) return 'none';
    if (!args.viewer.admin && rows.some((r) => r.owner_org !== args.viewer.organization)) return 'forbidden';
    const del = db.prepare('DELETE FROM objects WHERE seq = ?');
    for (const row of rows) del.run(row.seq);
    return 'deleted';
  })();
}

/**
 * Adds the objects of an envelope in one transaction and records a status resource. Each object is
 * validated; an invalid object, a new version of an object owned by another organisation, or another
 * content under an existing id and version is a failure; an exact duplicate is a success.
 */
export function addObjects(
  db: Db,
  clock: MicroClock,
  args: { collection: string; viewer: Viewer; objects: readonly unknown[]; pending?: StatusResource },
): StatusResource {
  const requestTimestamp = args.pending?.request_timestamp ?? formatMicros(clock.now());
  const successes: StatusDetail[] = [];
  const failures: StatusDetail[] = [];
  const findVersion = db.prepare(
    'SELECT body, owner_org FROM objects WHERE collection_id = ? AND id = ? AND version_key = ?',
  );
  const findOwner = db.prepare('SELECT owner_org FROM objects WHERE collection_id = ? AND id = ? LIMIT 1');
  const findSame = db.prepare(
    'SELECT version FROM objects WHERE collection_id = ? AND id = ? AND body = ? LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO objects (collection_id, id, type, spec_version, version, version_key, date_added, owner_org, restricted, body)
     VALUES (@collection, @id, @type, @spec, @version, @versionKey, @added, @org, @restricted, @body)`,
  );
  const status = db.transaction((): StatusResource => {
    args.objects.forEach((input, index) => {
      const checked = validateStixObject(input);
      const rawId = (input as { id?: unknown } | null)?.id;
      const label = typeof rawId === 'string' ? rawId.slice(0, 200) : `objects[${index}]`;
      if (!checked.ok) {
        failures.push({ id: label, version: versionOf(input), message: describe(index, checked.issues) });
        return;
      }
      const obj = checked.value;
      const body = canonicalJson(obj.object);
      const owner = findOwner.get(args.collection, obj.id) as { owner_org: string } | undefined;
      if (owner !== undefined && owner.owner_org !== args.viewer.organization && !args.viewer.admin) {
        failures.push({
          id: obj.id,
          version: obj.version ?? '',
          message: `objects[${index}]: id ${obj.id} belongs to another organisation; only it can add versions`,
        });
        return;
      }
      if (obj.versionKey === undefined) {
        const same = findSame.get(args.collection, obj.id, body) as { version: string } | undefined;
        if (same !== undefined) {
          successes.push({ id: obj.id, version: same.version, message: 'duplicate of a stored object' });
          return;
        }
        const added = clock.now();
        const version = formatMicros(added);
        insert.run({
          collection: args.collection,
          id: obj.id,
          type: obj.type,
          spec: obj.specVersion,
          version,
          versionKey: timestampKey(version) as string,
          added,
          org: owner?.owner_org ?? args.viewer.organization,
          restricted: obj.restricted ? 1 : 0,
          body,
        });
        successes.push({ id: obj.id, version });
        return;
      }
      const existing = findVersion.get(args.collection, obj.id, obj.versionKey) as
        | { body: string }
        | undefined;
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
        return;
      }
      insert.run({
        collection: args.collection,
        id: obj.id,
        type: obj.type,
        spec: obj.specVersion,
        version: obj.version as string,
        versionKey: obj.versionKey,
        added: clock.now(),
        org: owner?.owner_org ?? args.viewer.organization,
        restricted: obj.restricted ? 1 : 0,
        body,
      });
      successes.push({ id: obj.id, version: obj.version as string });
    });
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
      db.prepare('UPDATE statuses SET body = ? WHERE id = ?').run(JSON.stringify(resource), resource.id);
    } else {
      db.prepare('INSERT INTO statuses (id, owner_org, created, body) VALUES (?, ?, ?, ?)').run(
        resource.id,
        args.viewer.organization,
        Date.now(),
        JSON.stringify(resource),
      );
    }
    return resource;
  });
  return status();
}

/**
 * Records a `pending` status for an envelope that {@link addObjects} will process later (with `pending`
 * set to this status, in its own transaction that also completes the status).
 */
export function recordPendingStatus(
  db: Db,
  clock: MicroClock,
  viewer: Viewer,
  objects: readonly unknown[],
): StatusResource {
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
    request_timestamp: formatMicros(clock.now()),
    total_count: objects.length,
    success_count: 0,
    failure_count: 0,
    pending_count: objects.length,
    pendings,
  };
  db.prepare('INSERT INTO statuses (id, owner_org, created, body) VALUES (?, ?, ?, ?)').run(
    resource.id,
    viewer.organization,
    Date.now(),
    JSON.stringify(resource),
  );
  return resource;
}

/** Completes a pending status whose processing failed: every object is a failure, nothing was stored. */
export function failPendingStatus(db: Db, pending: StatusResource, message: string): void {
  const failures = (pending.pendings ?? []).map((p) => ({ ...p, message }));
  const resource: StatusResource = {
    ...pending,
    status: 'complete',
    failure_count: failures.length,
    pending_count: 0,
    failures,
  };
  delete resource.pendings;
  db.prepare('UPDATE statuses SET body = ? WHERE id = ?').run(JSON.stringify(resource), resource.id);
}

/** Deletes status resources recorded before `cutoff` (milliseconds since the epoch). */
export function pruneStatuses(db: Db, cutoff: number): number {
  return db.prepare('DELETE FROM statuses WHERE created < ?').run(cutoff).changes;
}

/** A status resource by id, for the organisation that created it. */
export function getStatus(db: Db, id: string, viewer: Viewer): StatusResource | undefined {
  const row = db.prepare('SELECT body, owner_org FROM statuses WHERE id = ?').get(id) as
    | { body: string; owner_org: string }
    | undefined;
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
