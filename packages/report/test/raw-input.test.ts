import type { Dataset } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import { isReportError, renderReport } from '../src/index.js';

const SECRET = 'a per-case secret for tests';

// JavaScript callers can hand renderReport raw JSON: collections omitted, or not a dataset at all.
describe('renderReport on raw input', () => {
  it('parses a dataset written without its empty collections, as core would', async () => {
    const raw = {
      schemaVersion: '1.0',
      id: 'dataset--raw',
      title: 'Raw case',
      marking: { tlp: 'clear' },
      persons: [
        { id: 'person--a', pseudonym: 'Reporter A', roles: ['journalist'], consent: { status: 'unknown' } },
      ],
    };
    const report = await renderReport(raw as unknown as Dataset, {
      audience: 'public',
      format: 'markdown',
      lang: 'en',
      secret: SECRET,
    });
    expect(String(report.content)).toContain('Raw case');
  });

  it('refuses input that is not a dataset with a typed error listing the issues, never a TypeError', async () => {
    const error = await renderReport({ title: 42 } as unknown as Dataset, {
      audience: 'public',
      format: 'html',
      lang: 'en',
      secret: SECRET,
    }).catch((e: unknown) => e);
    expect(isReportError(error)).toBe(true);
    expect((error as { code: string }).code).toBe('INTEGRITY_ERROR');
    expect((error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });
});
