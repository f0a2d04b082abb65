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

/**
 * Parses a UTF-8 JSON body; a body that is not valid UTF-8 JSON is a 400.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpFailure(400, 'Malformed request body', 'The request body is not valid UTF-8.');
  }
  if (text.trim() === '') throw new HttpFailure(400, 'Malformed request body', 'The request body is empty.');
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
