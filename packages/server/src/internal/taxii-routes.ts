import type { IncomingMessage, ServerResponse } from 'node:http';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../media-types.js';
import type { CollectionConfig } from '../server-options.js';
import type { Caller } from './auth.js';
import { parseJsonBody, readBody } from './body.js';
import type { Db } from './database.js';
import { HttpFailure } from './http-failure.js';
import { acceptsTaxii, isTaxiiContentType } from './media-type.js';
import { decodePageToken, encodePageToken, queryFingerprint } from './page-token.js';
import { sendJson, sendJsonText } from './respond.js';
import { isStixId } from './stix-object.js';
import { type FilterScope, parseTaxiiFilters, type TaxiiFilters } from './taxii-query.js';
import {
  addObjects,
  deleteObject,
  failPendingStatus,
  getStatus,
  type ObjectRow,
  objectExists,
  pruneStatuses,
  queryObjects,
  recordPendingStatus,
  type Viewer,
} from './taxii-store.js';
import { formatMicros } from './timestamps.js';

/** What the TAXII routes need from the server. */
export interface TaxiiContext {
  db: Db;
  secret: string;
  apiRoot: string;
  collections: readonly CollectionConfig[];
  maxBodyBytes: number;
  maxPageSize: number;
  /** Envelopes with at least this many objects are answered `pending` and processed right after. */
  asyncThreshold: number | undefined;
  /** Status resources older than this many milliseconds are deleted when a new one is recorded. */
  statusRetentionMs: number;
  onError: (error: unknown) => void;
  discovery: { title: string; description?: string; contact?: string; publicUrl?: string };
}

interface CollectionAccess {
  config: CollectionConfig;
  canRead: boolean;
  canWrite: boolean;
}

function access(ctx: TaxiiContext, caller: Caller): CollectionAccess[] {
  return ctx.collections
    .filter(
      (c) =>
        caller.collections === undefined ||
        caller.collections.has(c.id) ||
        (c.alias !== undefined && caller.collections.has(c.alias)),
    )
    .map((config) => ({
      config,
      canRead: true,
      canWrite: caller.role === 'admin' || (caller.role === 'write' && config.adminWriteOnly !== true),
    }));
}

function collectionResource(a: CollectionAccess): Record<string, unknown> {
  const resource: Record<string, unknown> = { id: a.config.id, title: a.config.title };
  if (a.config.description !== undefined) resource.description = a.config.description;
  if (a.config.alias !== undefined) resource.alias = a.config.alias;
  resource.can_read = a.canRead;
  resource.can_write = a.canWrite;
  resource.media_types = [STIX_MEDIA_TYPE];
  return resource;
}

function notFound(what: string): HttpFailure {
  return new HttpFailure(404, 'Not found', what);
}

function methodNotAllowed(allowed: string): HttpFailure {
  return new HttpFailure(405, 'Method not allowed', `Allowed methods: ${allowed}.`, {
    headers: { Allow: allowed },
  });
}

/** True when the path belongs to the TAXII surface (discovery or the API root). */
export function isTaxiiPath(ctx: TaxiiContext, segments: readonly string[]): boolean {
  return segments[0] === 'taxii2' || segments[0] === ctx.apiRoot;
}

/**
 * Serves one TAXII request. `segments` are the decoded, non-empty path segments. Authentication has already
 * been checked by the caller; this checks the media types, permissions, filters and bodies.
 */
export async function handleTaxii(
  ctx: TaxiiContext,
  caller: Caller,
  request: IncomingMessage,
  response: ServerResponse,
  segments: readonly string[],
  query: URLSearchParams,
): Promise<void> {
  const method = request.method ?? 'GET';
  if (!acceptsTaxii(request.headers.accept)) {
    throw new HttpFailure(
      406,
      'Not acceptable',
      `Send "Accept: ${TAXII_MEDIA_TYPE}"; this server speaks TAXII 2.1 only.`,
    );
  }
  const viewer: Viewer = { organization: caller.organization, admin: caller.role === 'admin' };
  const only = (...methods: string[]): void => {
    if (!methods.includes(method)) throw methodNotAllowed(methods.join(', '));
  };
  const noQuery = (): void => {
    const first = query.keys().next();
    if (!first.done)
      throw new HttpFailure(
        400,
        'Invalid query parameter',
        `${first.value}: this endpoint takes no parameters.`,
      );
  };

  if (segments[0] === 'taxii2') {
    if (segments.length !== 1) throw notFound('No such TAXII resource.');
    only('GET', 'HEAD');
    noQuery();
    const rootUrl = `${ctx.discovery.publicUrl?.replace(/\/$/, '') ?? ''}/${ctx.apiRoot}/`;
    const body: Record<string, unknown> = { title: ctx.discovery.title };
    if (ctx.discovery.description !== undefined) body.description = ctx.discovery.description;
    if (ctx.discovery.contact !== undefined) body.contact = ctx.discovery.contact;
    body.default = rootUrl;
    body.api_roots = [rootUrl];
    return sendJson(response, 200, body, TAXII_MEDIA_TYPE);
  }

  // segments[0] is the API root.
  if (segments.length === 1) {
    only('GET', 'HEAD');
    noQuery();
    return sendJson(
      response,
      200,
      {
        title: ctx.discovery.title,
        description: 'Vigil registry API root',
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: ctx.maxBodyBytes,
      },
      TAXII_MEDIA_TYPE,
    );
  }

  if (segments[1] === 'status') {
    if (segments.length !== 3) throw notFound('No such TAXII resource.');
    only('GET', 'HEAD');
    noQuery();
    // A NUL cannot be a status id (ids are UUIDs), and PostgreSQL refuses it in a text parameter.
    if ((segments[2] as string).includes('\u0000')) throw notFound('No such status resource.');
    const status = await getStatus(ctx.db, segments[2] as string, viewer);
    if (status === undefined) throw notFound(`No status resource ${segments[2]} for your organisation.`);
    return sendJson(response, 200, status, TAXII_MEDIA_TYPE);
  }

  if (segments[1] !== 'collections') throw notFound('No such TAXII resource.');
  const visible = access(ctx, caller);
  if (segments.length === 2) {
    only('GET', 'HEAD');
    noQuery();
    return sendJson(
      response,
      200,
      visible.length === 0 ? {} : { collections: visible.map(collectionResource) },
      TAXII_MEDIA_TYPE,
    );
  }

  const wanted = segments[2] as string;
  const collection = visible.find((a) => a.config.id === wanted || a.config.alias === wanted);
  if (collection === undefined) throw notFound(`No collection "${wanted}" (or your key cannot use it).`);
  const cid = collection.config.id;
  const needRead = (): void => {
    if (!collection.canRead) throw new HttpFailure(403, 'Forbidden', 'Your key cannot read this collection.');
  };

  if (segments.length === 3) {
    only('GET', 'HEAD');
    noQuery();
    return sendJson(response, 200, collectionResource(collection), TAXII_MEDIA_TYPE);
  }

  const sub = segments[3];
  if (sub === 'manifest' && segments.length === 4) {
    only('GET', 'HEAD');
    needRead();
    return sendPage(ctx, response, 'manifest', query, cid, viewer, undefined);
  }

  if (sub !== 'objects') throw notFound('No such TAXII resource.');

  if (segments.length === 4) {
    only('GET', 'HEAD', 'POST');
    if (method !== 'POST') {
      needRead();
      return sendPage(ctx, response, 'objects', query, cid, viewer, undefined);
    }
    if (!collection.canWrite)
      throw new HttpFailure(403, 'Forbidden', 'Your key cannot write to this collection.');
    noQuery();
    if (!isTaxiiContentType(request.headers['content-type'])) {
      throw new HttpFailure(
        415,
        'Unsupported media type',
        `Send "Content-Type: ${TAXII_MEDIA_TYPE}" with an envelope.`,
      );
    }
    const envelope = parseJsonBody(await readBody(request, ctx.maxBodyBytes));
    const objects = checkEnvelope(envelope);
    await pruneStatuses(ctx.db, Date.now() - ctx.statusRetentionMs);
    if (ctx.asyncThreshold !== undefined && objects.length >= ctx.asyncThreshold) {
      const pending = await recordPendingStatus(ctx.db, viewer, objects);
      setImmediate(() => {
        addObjects(ctx.db, { collection: cid, viewer, objects, pending }).catch(async (error: unknown) => {
          ctx.onError(error);
          try {
            await failPendingStatus(
              ctx.db,
              pending,
              'The server failed to store the envelope; nothing was stored.',
            );
          } catch (again) {
            ctx.onError(again);
          }
        });
      });
      return sendJson(response, 202, pending, TAXII_MEDIA_TYPE);
    }
    const status = await addObjects(ctx.db, { collection: cid, viewer, objects });
    return sendJson(response, 202, status, TAXII_MEDIA_TYPE);
  }

  const objectId = segments[4] as string;
  if (!isStixId(objectId)) {
    throw new HttpFailure(
      400,
      'Invalid object id',
      `"${objectId.slice(0, 80)}" is not a STIX id (<type>--<uuid>).`,
      {
        issues: [{ path: 'id', code: 'invalid_id', message: 'not a STIX id' }],
      },
    );
  }

  if (segments.length === 5) {
    only('GET', 'HEAD', 'DELETE');
    if (method === 'DELETE') {
      if (!collection.canRead || !collection.canWrite) {
        throw new HttpFailure(
          403,
          'Forbidden',
          'Deleting needs both read and write access to this collection.',
        );
      }
      const filters = parseTaxiiFilters('delete', query, ctx.maxPageSize);
      const outcome = await deleteObject(ctx.db, { collection: cid, viewer, filters, objectId });
      if (outcome === 'none') throw notFound(`No object ${objectId} matching these filters.`);
      if (outcome === 'forbidden') {
        throw new HttpFailure(
          403,
          'Forbidden',
          'Some matching versions were added by another organisation; only an admin can delete them.',
        );
      }
      response.writeHead(200, {
        'Content-Type': TAXII_MEDIA_TYPE,
        'Content-Length': 0,
        'Cache-Control': 'no-store',
      });
      response.end();
      return;
    }
    needRead();
    if (!(await objectExists(ctx.db, cid, viewer, objectId)))
      throw notFound(`No object ${objectId} in this collection.`);
    return sendPage(ctx, response, 'object', query, cid, viewer, objectId);
  }

  if (segments.length === 6 && segments[5] === 'versions') {
    only('GET', 'HEAD');
    needRead();
    if (!(await objectExists(ctx.db, cid, viewer, objectId)))
      throw notFound(`No object ${objectId} in this collection.`);
    return sendPage(ctx, response, 'versions', query, cid, viewer, objectId);
  }
  throw notFound('No such TAXII resource.');
}

/** The objects of an envelope: `{ objects?: [...] }`, anything else is a 422. */
function checkEnvelope(envelope: unknown): readonly unknown[] {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw new HttpFailure(
      422,
      'Invalid envelope',
      'The body must be a TAXII envelope: a JSON object with an "objects" list.',
      {
        issues: [{ path: '', code: 'invalid_type', message: 'expected an object' }],
      },
    );
  }
  const { objects } = envelope as { objects?: unknown };
  if (!Array.isArray(objects) || objects.length === 0) {
    throw new HttpFailure(422, 'Invalid envelope', 'The envelope must have a non-empty "objects" list.', {
      issues: [
        {
          path: 'objects',
          code: Array.isArray(objects) ? 'too_small' : 'invalid_type',
          message: 'expected a non-empty list',
        },
      ],
    });
  }
  return objects;
}

async function sendPage(
  ctx: TaxiiContext,
  response: ServerResponse,
  scope: Exclude<FilterScope, 'delete'>,
  query: URLSearchParams,
  collection: string,
  viewer: Viewer,
  objectId: string | undefined,
): Promise<void> {
  const filters: TaxiiFilters = parseTaxiiFilters(scope, query, ctx.maxPageSize);
  const fingerprint = queryFingerprint(`${scope}:${collection}:${objectId ?? ''}`, query);
  const after =
    filters.next === undefined ? undefined : decodePageToken(ctx.secret, fingerprint, filters.next);
  const page = await queryObjects(ctx.db, {
    collection,
    viewer,
    filters,
    after,
    ...(objectId === undefined ? {} : { objectId }),
    scope: scope === 'versions' ? 'versions' : 'objects',
  });
  const { rows, more } = page;
  if (rows.length === 0) {
    sendJson(response, 200, {}, TAXII_MEDIA_TYPE);
    return;
  }
  const first = rows[0] as ObjectRow;
  const last = rows[rows.length - 1] as ObjectRow;
  const headers = {
    'X-TAXII-Date-Added-First': formatMicros(first.date_added),
    'X-TAXII-Date-Added-Last': formatMicros(last.date_added),
  };
  const body: Record<string, unknown> = { more };
  if (more) body.next = encodePageToken(ctx.secret, fingerprint, { added: last.date_added, seq: last.seq });
  if (scope === 'versions') body.versions = rows.map((r) => r.version);
  else if (scope === 'manifest') {
    body.objects = rows.map((r) => ({
      id: r.id,
      date_added: formatMicros(r.date_added),
      version: r.version,
      media_type: STIX_MEDIA_TYPE,
    }));
  } else {
    // Stored bodies are already canonical JSON text: splice them in rather than parse and re-serialise.
    const head = JSON.stringify(body);
    sendJsonText(
      response,
      200,
      `${head.slice(0, -1)},"objects":[${rows.map((r) => r.body).join(',')}]}`,
      TAXII_MEDIA_TYPE,
      headers,
    );
    return;
  }
  sendJson(response, 200, body, TAXII_MEDIA_TYPE, headers);
}
