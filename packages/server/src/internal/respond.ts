import type { ServerResponse } from 'node:http';
import { PROBLEM_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../media-types.js';
import type { HttpFailure } from './http-failure.js';

const TITLES: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'content-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable-content',
  428: 'precondition-required',
  500: 'internal-error',
};

/** Writes a JSON body with a media type, status and extra headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  mediaType: string,
  headers: Record<string, string> = {},
): void {
  sendJsonText(response, status, JSON.stringify(body), mediaType, headers);
}

/** Writes JSON that is already serialised. */
export function sendJsonText(
  response: ServerResponse,
  status: number,
  text: string,
  mediaType: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...headers,
    'Content-Type': mediaType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

/** Writes a TAXII error resource (`title`, `description`, `http_status` as a string, `details`). */
export function sendTaxiiError(response: ServerResponse, failure: HttpFailure): void {
  const body: Record<string, unknown> = {
    title: failure.title,
    description: failure.message,
    http_status: String(failure.status),
    error_code: TITLES[failure.status] ?? String(failure.status),
  };
  if (failure.issues.length > 0) body.details = { issues: failure.issues };
  sendJson(response, failure.status, body, TAXII_MEDIA_TYPE, { ...failure.headers });
}

/** Writes RFC 9457 problem details, with `errors` listing each issue and its path. */
export function sendProblem(response: ServerResponse, failure: HttpFailure, instance: string): void {
  const body: Record<string, unknown> = {
    type: `https://vigil.example/problems/${TITLES[failure.status] ?? failure.status}`,
    title: failure.title,
    status: failure.status,
    detail: failure.message,
    instance,
  };
  if (failure.issues.length > 0) body.errors = failure.issues;
  sendJson(response, failure.status, body, PROBLEM_MEDIA_TYPE, { ...failure.headers });
}
