import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Dataset, EVIDENCE_LEVELS, RecordIdSchema, safeParseDataset } from '@vigil/core';
import type { CaseResource, CaseSummary } from '../case-resource.js';
import type { Caller } from './auth.js';
import { parseJsonBody, readBody } from './body.js';
import {
  type CaseRow,
  getCase,
  getRevision,
  insertCase,
  iterateCases,
  listRevisions,
  updateCase,
} from './case-store.js';
import { caseFacets, viewCase } from './case-view.js';
import type { Db } from './database.js';
import { type FailureIssue, HttpFailure } from './http-failure.js';
import { acceptsJson, isJsonContentType } from './media-type.js';
import { sendJson } from './respond.js';

/** What the case routes need from the server. */
export interface CaseContext {
  db: Db;
  maxBodyBytes: number;
  maxPageSize: number;
}

/** True for `/api/v1/cases` and below. */
export function isCasePath(segments: readonly string[]): boolean {
  return segments[0] === 'api' && segments[1] === 'v1' && segments[2] === 'cases';
}

function etag(revision: number): string {
  return `"${revision}"`;
}

function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Parses and validates a dataset body with @vigil/core's `safeParseDataset` (schema and integrity rules):
 * JSON errors are 400, invalid datasets 422 with JSON Pointer paths.
 */
async function readDataset(ctx: CaseContext, request: IncomingMessage): Promise<Dataset> {
  if (!isJsonContentType(request.headers['content-type'])) {
    throw new HttpFailure(
      415,
      'Unsupported media type',
      'Send the dataset as "Content-Type: application/json".',
    );
  }
  const json = parseJsonBody(await readBody(request, ctx.maxBodyBytes));
  const parsed = safeParseDataset(json);
  if (!parsed.success) {
    const issues: FailureIssue[] = parsed.issues
      .filter((i) => i.severity === 'error')
      .map((i) => ({ path: pointer(i.path), code: i.code, message: i.message }));
    throw new HttpFailure(
      422,
      'Invalid dataset',
      `The dataset has ${issues.length} problem(s); see errors.`,
      { issues },
    );
  }
  return parsed.data;
}

function resource(row: CaseRow, organization: string): CaseResource | undefined {
  const view = viewCase(JSON.parse(row.body) as Dataset, row.organization, organization);
  if (view === undefined) return undefined;
  return {
    id: row.id,
    organization: row.organization,
    revision: row.revision,
    created: row.created,
    updated: row.updated,
    withheld: view.withheld,
    redactedFields: view.redactedFields,
    dataset: view.dataset,
  };
}

function caseUrl(id: string): string {
  return `/api/v1/cases/${encodeURIComponent(id)}`;
}

/** Parses `If-Match`: a list of strong entity tags (weak ones never match, `*` is not enough). */
function ifMatchRevision(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const tags = header.split(',').map((t) => t.trim());
  return tags.flatMap((t) => (/^"\d+"$/.test(t) ? [Number(t.slice(1, -1))] : []));
}

/**
 * Serves the case API: `POST /api/v1/cases`, `GET /api/v1/cases` (list and search),
 * `GET|PUT /api/v1/cases/{id}`.
 */
export async function handleCases(
  ctx: CaseContext,
  caller: Caller,
  request: IncomingMessage,
  response: ServerResponse,
  segments: readonly string[],
  query: URLSearchParams,
): Promise<void> {
  const method = request.method ?? 'GET';
  if (!acceptsJson(request.headers.accept)) {
    throw new HttpFailure(
      406,
      'Not acceptable',
      'The case API answers application/json (errors: application/problem+json).',
    );
  }
  const org = caller.organization;
  const canWrite = caller.role !== 'read';

  if (segments.length === 3) {
    if (method === 'GET' || method === 'HEAD') return listCases(ctx, org, query, response);
    if (method !== 'POST') {
      throw new HttpFailure(405, 'Method not allowed', 'Allowed methods: GET, POST.', {
        headers: { Allow: 'GET, HEAD, POST' },
      });
    }
    if (!canWrite) throw new HttpFailure(403, 'Forbidden', 'This key is read-only.');
    const dataset = await readDataset(ctx, request);
    if (dataset.owner !== undefined && dataset.owner !== org) {
      throw new HttpFailure(
        403,
        'Forbidden',
        `dataset.owner is ${dataset.owner}, but this key speaks for ${org}.`,
        {
          issues: [
            { path: '/owner', code: 'owner_mismatch', message: 'must be the organisation of the key' },
          ],
        },
      );
    }
    const now = new Date().toISOString();
    const row = await insertCase(ctx.db, dataset, org, now);
    if (row === undefined) {
      throw new HttpFailure(
        409,
        'Conflict',
        `A case with id ${dataset.id} already exists; update it with PUT and If-Match.`,
        {
          issues: [{ path: '/id', code: 'duplicate_id', message: 'id already used' }],
        },
      );
    }
    sendJson(response, 201, resource(row, org), 'application/json', {
      ETag: etag(row.revision),
      Location: caseUrl(row.id),
    });
    return;
  }

  if (segments.length < 4 || segments.length > 6 || (segments.length > 4 && segments[4] !== 'revisions')) {
    throw new HttpFailure(404, 'Not found', 'No such case resource.');
  }
  const id = segments[3] as string;
  if (!RecordIdSchema.safeParse(id).success) {
    throw new HttpFailure(
      400,
      'Invalid case id',
      `"${id.slice(0, 80)}" is not a record id like dataset--name.`,
      {
        issues: [{ path: '/id', code: 'invalid_id', message: 'expected <kind>--<name>' }],
      },
    );
  }
  const row = await getCase(ctx.db, id);
  const view = row === undefined ? undefined : resource(row, org);
  if (row === undefined || view === undefined)
    throw new HttpFailure(404, 'Not found', `No case ${id} that you can see.`);

  if (segments.length > 4) {
    if (method !== 'GET' && method !== 'HEAD') {
      throw new HttpFailure(405, 'Method not allowed', 'Allowed methods: GET.', {
        headers: { Allow: 'GET, HEAD' },
      });
    }
    if (row.organization !== org) {
      throw new HttpFailure(403, 'Forbidden', `Only ${row.organization} can read the history of this case.`);
    }
    if (segments.length === 5) {
      sendJson(response, 200, { items: await listRevisions(ctx.db, id) }, 'application/json');
      return;
    }
    const wanted = segments[5] as string;
    const old = /^[1-9]\d{0,8}$/.test(wanted) ? await getRevision(ctx.db, id, Number(wanted)) : undefined;
    if (old === undefined)
      throw new HttpFailure(404, 'Not found', `Case ${id} has no revision ${wanted.slice(0, 20)}.`);
    sendJson(response, 200, resource(old, org), 'application/json', { ETag: etag(old.revision) });
    return;
  }

  if (method === 'GET' || method === 'HEAD') {
    const tag = etag(row.revision);
    if (request.headers['if-none-match']?.split(',').some((t) => t.trim() === tag)) {
      response.writeHead(304, { ETag: tag });
      response.end();
      return;
    }
    sendJson(response, 200, view, 'application/json', { ETag: tag });
    return;
  }
  if (method !== 'PUT') {
    throw new HttpFailure(405, 'Method not allowed', 'Allowed methods: GET, PUT.', {
      headers: { Allow: 'GET, HEAD, PUT' },
    });
  }
  if (!canWrite || row.organization !== org) {
    throw new HttpFailure(403, 'Forbidden', `Only write keys of ${row.organization} can update this case.`);
  }
  const revisions = ifMatchRevision(request.headers['if-match']);
  if (revisions === undefined) {
    throw new HttpFailure(
      428,
      'Precondition required',
      `Send "If-Match: ${etag(row.revision)}" (the ETag you last read) to update.`,
      {
        headers: { ETag: etag(row.revision) },
      },
    );
  }
  const dataset = await readDataset(ctx, request);
  if (dataset.id !== id) {
    throw new HttpFailure(
      422,
      'Invalid dataset',
      `The dataset id ${dataset.id} differs from the URL (${id}).`,
      {
        issues: [{ path: '/id', code: 'id_mismatch', message: 'must equal the id in the URL' }],
      },
    );
  }
  if (dataset.owner !== undefined && dataset.owner !== org) {
    throw new HttpFailure(
      403,
      'Forbidden',
      `dataset.owner is ${dataset.owner}, but this key speaks for ${org}.`,
      {
        issues: [{ path: '/owner', code: 'owner_mismatch', message: 'must be the organisation of the key' }],
      },
    );
  }
  const expected = revisions.find((r) => r === row.revision);
  const stale = async (): Promise<HttpFailure> => {
    const current = await getCase(ctx.db, id);
    return new HttpFailure(
      412,
      'Precondition failed',
      `The case changed since you read it (now revision ${current?.revision ?? '?'}); read it again, reapply your change and retry.`,
      { headers: { ETag: etag(current?.revision ?? row.revision) } },
    );
  };
  const updated =
    expected === undefined
      ? undefined
      : await updateCase(ctx.db, dataset, expected, new Date().toISOString());
  if (updated === undefined) throw await stale();
  sendJson(response, 200, resource(updated, org), 'application/json', { ETag: etag(updated.revision) });
}

async function listCases(
  ctx: CaseContext,
  org: string,
  query: URLSearchParams,
  response: ServerResponse,
): Promise<void> {
  const allowed = ['q', 'country', 'level', 'tlp', 'limit', 'cursor'];
  const issues: FailureIssue[] = [];
  for (const name of new Set(query.keys())) {
    if (!allowed.includes(name))
      issues.push({ path: name, code: 'unknown_parameter', message: `allowed: ${allowed.join(', ')}` });
    else if (query.getAll(name).length > 1)
      issues.push({ path: name, code: 'repeated_parameter', message: 'give it once' });
  }
  const q = query.get('q')?.trim().toLowerCase();
  const country = query.get('country') ?? undefined;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country))
    issues.push({
      path: 'country',
      code: 'invalid_parameter',
      message: 'expected an ISO 3166-1 alpha-2 code like HU',
    });
  const level = query.get('level') ?? undefined;
  if (level !== undefined && !(EVIDENCE_LEVELS as readonly string[]).includes(level)) {
    issues.push({
      path: 'level',
      code: 'invalid_parameter',
      message: `expected one of ${EVIDENCE_LEVELS.join(', ')}`,
    });
  }
  const tlp = query.get('tlp') ?? undefined;
  if (tlp !== undefined && !['clear', 'green', 'amber', 'amber+strict', 'red'].includes(tlp)) {
    issues.push({
      path: 'tlp',
      code: 'invalid_parameter',
      message: 'expected clear, green, amber, amber+strict or red',
    });
  }
  let limit = ctx.maxPageSize;
  const limitParam = query.get('limit');
  if (limitParam !== null) {
    if (!/^\d{1,9}$/.test(limitParam) || Number(limitParam) < 1)
      issues.push({ path: 'limit', code: 'invalid_parameter', message: 'expected a positive integer' });
    else limit = Math.min(Number(limitParam), ctx.maxPageSize);
  }
  let cursor: string | undefined;
  const cursorParam = query.get('cursor');
  if (cursorParam !== null) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(cursorParam)
      ? Buffer.from(cursorParam, 'base64url').toString('utf8')
      : '';
    if (!RecordIdSchema.safeParse(decoded).success)
      issues.push({ path: 'cursor', code: 'invalid_cursor', message: 'not a cursor from this API' });
    else cursor = decoded;
  }
  if (issues.length > 0)
    throw new HttpFailure(
      400,
      'Invalid query parameter',
      `${issues.length} problem(s) with the query; see errors.`,
      { issues },
    );

  const items: CaseSummary[] = [];
  let more = false;
  for await (const row of iterateCases(ctx.db, org, cursor)) {
    const view = viewCase(JSON.parse(row.body) as Dataset, row.organization, org);
    if (view === undefined) continue;
    if (tlp !== undefined && view.dataset.marking.tlp !== tlp) continue;
    const facets = caseFacets(view.dataset);
    if (country !== undefined && !facets.countries.includes(country)) continue;
    if (level !== undefined && !facets.levels.includes(level)) continue;
    if (q !== undefined && q !== '' && !facets.text.includes(q)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push({
      id: row.id,
      title: view.dataset.title,
      organization: row.organization,
      revision: row.revision,
      updated: row.updated,
      tlp: view.dataset.marking.tlp,
      countries: facets.countries,
      levels: facets.levels as CaseSummary['levels'],
    });
  }
  const body: { items: CaseSummary[]; next?: string } = { items };
  const last = items[items.length - 1];
  if (more && last !== undefined) body.next = Buffer.from(last.id, 'utf8').toString('base64url');
  sendJson(response, 200, body, 'application/json');
}
