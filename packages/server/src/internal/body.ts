import type { IncomingMessage } from 'node:http';
import { HttpFailure } from './http-failure.js';

/**
 * Reads a request body up to `maxBytes`. A declared or actual size above the limit is a 413; the rest of the
 * body is drained (not buffered) so that the client can read the answer.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    request.resume();
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    request.on('data', (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > maxBytes) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (overflow) reject(tooLarge(maxBytes));
      else resolve(Buffer.concat(chunks, size));
    });
    const incomplete = (): void =>
      reject(
        new HttpFailure(
          400,
          'Incomplete request',
          'The connection closed before the request body was complete.',
        ),
      );
    request.on('error', incomplete);
    request.on('close', () => {
      if (!request.complete) incomplete();
    });
  });
}

function tooLarge(maxBytes: number): HttpFailure {
  return new HttpFailure(
    413,
    'Request body too large',
    `The request body exceeds the limit of ${maxBytes} bytes.`,
  );
}

/** The deepest nesting of arrays and objects accepted in a body (later steps walk values recursively). */
export const MAX_JSON_DEPTH = 256;

/** The deepest nesting of `[` and `{` in JSON text, outside strings; stops counting past the limit. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/**
 * Parses a UTF-8 JSON body; a body that is not valid UTF-8 JSON, or nests deeper than
 * {@link MAX_JSON_DEPTH}, is a 400.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpFailure(400, 'Malformed request body', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new HttpFailure(400, 'Malformed request body', 'The request body is empty.');
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new HttpFailure(
      400,
      'Malformed request body',
      `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpFailure(
      400,
      'Malformed request body',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}
