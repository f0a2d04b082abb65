import { describe, expect, it } from 'vitest';
import { type AlertIndicator, alertLevel, alertsToCsv, buildAlert } from './alerts.js';
import type { Artifact } from './artifact.js';
import { parseCsv } from './internal/csv.js';

const indicator = (
  over: Partial<AlertIndicator> = {},
  provenance: Partial<AlertIndicator['provenance']> = {},
): AlertIndicator => ({
  type: 'domain',
  value: 'cdn-sync.example',
  raw: 'cdn-sync.example',
  ...over,
  provenance: {
    source: { format: 'stix2', file: 'indicators.stix2', sha256: 'aa'.repeat(32) },
    location: {},
    stixId: 'indicator--1a2b3c4d-0001-4a00-8000-000000000001',
    indicates: ['ExampleSpy'],
    revoked: false,
    ...provenance,
  },
});
const artifact: Artifact = {
  type: 'url',
  value: 'https://a1.cdn-sync.example/track',
  module: 'safari_history',
  eventTime: '2026-01-05 21:17:02.000000',
  event: { url: 'https://a1.cdn-sync.example/track', id: 102 },
  location: { file: 'safari_history.json', path: [2, 'url'] },
};
const set = { name: 'ExampleSpy set', sha256: 'aa'.repeat(32), file: 'indicators.stix2', format: 'stix2' };

describe('buildAlert', () => {
  it("fills MVT 3's alert fields and Vigil's provenance", () => {
    const alert = buildAlert(artifact, indicator(), set, { how: 'subdomain' });
    expect(alert).toMatchObject({
      level: 'CRITICAL',
      module: 'safari_history',
      event_time: '2026-01-05 21:17:02.000000',
      event: { id: 102 },
      matched_indicator: {
        value: 'cdn-sync.example',
        type: 'domains',
        name: 'ExampleSpy',
        stix2_file_name: 'indicators.stix2',
      },
      vigil: {
        artifact: { type: 'url', value: artifact.value },
        how: 'subdomain',
        profile: 'default',
        set: { name: 'ExampleSpy set' },
      },
    });
    expect(alert.message).toBe(
      'Found a known ExampleSpy domain "cdn-sync.example" in URL "https://a1.cdn-sync.example/track" (module safari_history, indicator set "ExampleSpy set")',
    );
  });

  it("uses MVT's bucket names for matched_indicator.type", () => {
    const bucket = (i: AlertIndicator) => buildAlert(artifact, i, set).matched_indicator.type;
    expect(bucket(indicator({ type: 'hash', hashAlgorithm: 'sha256' }))).toBe('files_sha256');
    expect(bucket(indicator({ type: 'hash', hashAlgorithm: 'md5' }))).toBe('files_md5');
    expect(bucket(indicator({ type: 'process-name' }))).toBe('processes');
    expect(bucket(indicator({ type: 'ip' }))).toBe('domains');
    expect(bucket(indicator({ type: 'app-id' }))).toBe('app_ids');
  });
});

describe('alertLevel', () => {
  it('is HIGH for paths, LOW for revoked or expired indicators, CRITICAL otherwise', () => {
    expect(alertLevel(indicator(), null)).toBe('CRITICAL');
    expect(alertLevel(indicator({ type: 'file-path' }), null)).toBe('HIGH');
    expect(alertLevel(indicator({}, { revoked: true }), null)).toBe('LOW');
    expect(
      alertLevel(indicator({}, { validUntil: '2025-01-01T00:00:00Z' }), '2026-01-05 21:17:02.000000'),
    ).toBe('LOW');
    expect(
      alertLevel(indicator({}, { validUntil: '2027-01-01T00:00:00Z' }), '2026-01-05 21:17:02.000000'),
    ).toBe('CRITICAL');
  });
});

describe('alertsToCsv', () => {
  it('writes one quoted row per alert and defuses formulas in attacker-controlled values', () => {
    const hostile: Artifact = {
      ...artifact,
      value: '=HYPERLINK("https://x.test")',
      module: '@sms',
      event: { text: '+1 "quoted"' },
    };
    const csv = alertsToCsv([buildAlert(artifact, indicator(), set), buildAlert(hostile, indicator(), set)]);
    const rows = parseCsv(csv, false);
    expect(rows).toHaveLength(3);
    expect(rows[0]?.fields[0]).toBe('level');
    expect(rows[2]?.fields[1]).toBe("'@sms");
    expect(rows[2]?.fields[5]).toBe('\'=HYPERLINK("https://x.test")');
    expect(JSON.parse(rows[1]?.fields[14] ?? '')).toEqual(artifact.event);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
