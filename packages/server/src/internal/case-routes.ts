import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from './auth.js';
import type { Db } from './database.js';
import { HttpFailure } from './http-failure.js';

export interface CaseContext {
  db: Db;
  maxBodyBytes: number;
  maxPageSize: number;
}
export function isCasePath(segments: readonly string[]): boolean {
  return segments[0] === 'api' && segments[1] === 'v1' && segments[2] === 'cases';
}
export async function handleCases(
  _c: CaseContext,
  _caller: Caller,
  _q: IncomingMessage,
  _r: ServerResponse,
  _s: readonly string[],
  _p: URLSearchParams,
): Promise<void> {
  throw new HttpFailure(404, 'Not found', 'todo');
}
