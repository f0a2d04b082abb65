import type { z } from 'zod';
import { ConflictError, HttpError, InvalidResponseError, type ResponseIssue } from '../errors.js';
import type { RawResponse } from './transport.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

interface MediaType {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseMediaType(value: string): MediaType {
  const [type = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

/** Builds the typed error for a non-2xx response, reading a TAXII error or RFC 9457 problem body. */
export function httpErrorFrom(raw: RawResponse, options: { conflict?: boolean } = {}): HttpError {
  let title: string | undefined;
  let description: string | undefined;
  let errorCode: string | undefined;
  try {
    const parsed: unknown = JSON.parse(raw.body);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const record = parsed as Record<string, unknown>;
      if (typeof record.title === 'string') title = record.title;
      if (typeof record.description === 'string') description = record.description;
      else if (typeof record.detail === 'string') description = record.detail;
      if (typeof record.error_code === 'string') errorCode = record.error_code;
      else if (typeof record.type === 'string' && record.type !== 'about:blank') errorCode = record.type;
    }
  } catch {
    // Not JSON (an HTML error page, say): the raw body is kept on the error.
  }
  const init = {
    status: raw.status,
    method: raw.method,
    url: raw.url,
    body: raw.body,
    title,
    description,
    errorCode,
  };
  if (options.conflict && (raw.status === 409 || raw.status === 412)) {
    return new ConflictError({ ...init, code: 'CONFLICT' });
  }
  return new HttpError(init);
}

export function invalid(raw: RawResponse, issues: readonly ResponseIssue[]): InvalidResponseError {
  return new InvalidResponseError({
    method: raw.method,
    url: raw.url,
    status: raw.status,
    contentType: raw.headers.get('content-type') ?? '',
    issues,
  });
}

export interface ParseOptions {
  /** Media types accepted (type/subtype, lower case); for TAXII the version param must be 2.1 when present. */
  readonly mediaTypes: readonly string[];
  readonly taxii?: boolean;
  readonly conflict?: boolean;
}

/**
 * Checks the status, the media type and the JSON of a response, then validates it with `schema`.
 * Throws {@link HttpError} for non-2xx, {@link InvalidResponseError} for everything else that is wrong.
 */
export function parseResponse<S extends z.ZodType>(
  raw: RawResponse,
  schema: S,
  options: ParseOptions,
): z.output<S> {
  if (raw.status < 200 || raw.status > 299) throw httpErrorFrom(raw, options);
  const contentType = raw.headers.get('content-type') ?? '';
  const media = parseMediaType(contentType);
  if (!options.mediaTypes.includes(media.type)) {
    throw invalid(raw, [
      {
        code: 'WRONG_MEDIA_TYPE',
        path: [],
        message: `expected ${options.mediaTypes.join(' or ')}, got ${contentType === '' ? 'no Content-Type' : `'${contentType}'`}${
          raw.body.trim() === '' ? '' : ` (body starts: ${excerpt(raw.body)})`
        }`,
      },
    ]);
  }
  if (options.taxii && media.params.version !== undefined && media.params.version !== '2.1') {
    throw invalid(raw, [
      {
        code: 'WRONG_MEDIA_TYPE',
        path: [],
        message: `expected TAXII version 2.1, got version=${media.params.version}`,
      },
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.body);
  } catch (error) {
    throw invalid(raw, [
      {
        code: 'NOT_JSON',
        path: [],
        message: `body is not JSON (${error instanceof Error ? error.message : String(error)}); starts: ${excerpt(raw.body)}`,
      },
    ]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw invalid(
      raw,
      result.error.issues.map((issue) => ({
        code: issue.code,
        path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}
