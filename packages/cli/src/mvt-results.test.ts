import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadArtifacts } from './load-artifacts.js';
import { mvtFileRole, readMvtResults } from './mvt-results.js';

const fixtures = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const device = fileURLToPath(new URL('../../../examples/device-artifacts/mvt-results', import.meta.url));

const values = (artifacts: readonly { type: string; value: string }[]) =>
  artifacts.map((a) => `${a.type}:${a.value}`).sort();

describe('mvtFileRole', () => {
  it('classifies the files MVT 2 and 3 write', () => {
    expect(mvtFileRole('alerts.json')).toBe('alerts');
    expect(mvtFileRole('sub/alerts_timeline.csv')).toBe('alerts-timeline');
    expect(mvtFileRole('timeline.csv')).toBe('timeline');
    expect(mvtFileRole('timeline_detected.csv')).toBe('timeline-detected');
    expect(mvtFileRole('urls.json')).toBe('urls');
    expect(mvtFileRole('info.json')).toBe('info');
    expect(mvtFileRole('sms_detected.json')).toBe('detected');
    expect(mvtFileRole('safari_history.json')).toBe('module');
    expect(mvtFileRole('command.log')).toBe('other');
  });
});

describe('readMvtResults', () => {
  it('reads an MVT 2.x folder from its module files, never from earlier matched indicators', () => {
    const loaded = loadArtifacts([`${fixtures}mvt2-results`]);
    const input = loaded.inputs[0];
    expect(input?.layout).toBe('mvt2');
    expect(input?.mvtVersion).toBe('2.6.1');
    expect(input?.previousDetections).toBe(2);
    expect(input?.previousIndicatorValues).toEqual(['com.sample.spyagent', 'old-c2.test']);
    const got = values(loaded.artifacts);
    expect(got).toContain('url:https://portal.old-c2.test/login');
    expect(got).toContain('url:https://www.example.org/');
    expect(got).toContain('process-name:system_server');
    expect(got).toContain('process-name:helperd');
    expect(got).toContain('file-path:/data/local/tmp/helperd');
    // packages has no packages.json, so its _detected.json is read, without its matched_indicator.
    expect(got).toContain('app-id:com.sample.spyagent');
    expect(got).toContain('hash:aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899');
    expect(got).toContain('file-name:base.apk');
    expect(got.filter((v) => v === 'domain:old-c2.test')).toEqual([]);
    // chrome_history_detected.json is skipped (chrome_history.json holds every record), so no duplicates.
    expect(got.filter((v) => v === 'url:https://portal.old-c2.test/login')).toHaveLength(1);
    const uses = new Map(input?.files?.map((f) => [f.file, f]));
    expect(uses.get('chrome_history_detected.json')?.used).toBe(false);
    expect(uses.get('timeline.csv')?.used).toBe(false);
    expect(uses.get('packages_detected.json')?.used).toBe(true);
    // The broken file is reported, not dropped silently.
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['INVALID_JSON']);
    expect(loaded.diagnostics[0]?.file).toMatch(/broken\.json$/u);
  });

  it('keeps module, event time and the whole event with each artifact', () => {
    const loaded = loadArtifacts([`${fixtures}mvt2-results`]);
    const visit = loaded.artifacts.find((a) => a.value === 'https://portal.old-c2.test/login');
    expect(visit?.module).toBe('chrome_history');
    expect(visit?.eventTime).toBe('2024-03-01 10:00:00.000000');
    expect(visit?.event).toMatchObject({ id: 1, visit_id: 10 });
    expect(visit?.location.path).toEqual([0, 'url']);
  });

  it('falls back to alerts.json when an MVT 3 folder has no module files', () => {
    const loaded = loadArtifacts([`${fixtures}mvt3-alerts-only`]);
    expect(loaded.inputs[0]?.layout).toBe('mvt3');
    expect(loaded.inputs[0]?.previousDetections).toBe(2);
    const got = values(loaded.artifacts);
    expect(got).toEqual(
      [
        'url:https://click.bad-link.test/a?b=1',
        'file-path:/private/var/tmp/zz_agent.db',
        'file-name:zz_agent.db',
      ].sort(),
    );
    const sms = loaded.artifacts.find((a) => a.type === 'url');
    expect(sms?.module).toBe('sms');
    expect(sms?.eventTime).toBe('2026-04-01 09:00:00.000000');
    const file = loaded.artifacts.find((a) => a.type === 'file-path');
    expect(file?.eventTime).toBeNull();
    const timeline = loaded.inputs[0]?.files?.find((f) => f.file === 'alerts_timeline.csv');
    expect(timeline?.used).toBe(false);
  });

  it('reads the timeline CSV dialect (backslash escapes) when it is the only source', () => {
    const text =
      '"UTC Timestamp","Plugin","Event","Description"\r\n' +
      '"2026-01-01 00:00:00.000000","SafariHistory","visit","went to \\"https://a.example/x\\" then ""https://b.example/y"""\r\n';
    const results = readMvtResults([{ name: 'timeline.csv', text }]);
    expect(results.layout).toBe('mvt2');
    expect(values(results.artifacts)).toEqual(['url:https://a.example/x', 'url:https://b.example/y']);
    expect(results.artifacts[0]?.module).toBe('safari_history');
    expect(results.artifacts[0]?.location.line).toBe(2);
  });

  it('reports a timeline with a foreign header', () => {
    const results = readMvtResults([{ name: 'timeline.csv', text: 'a,b\n1,2\n' }]);
    expect(results.diagnostics.map((d) => d.code)).toEqual(['INVALID_CSV']);
    expect(results.artifacts).toEqual([]);
  });

  it('reads urls.json, both the link and its expansion', () => {
    const results = readMvtResults([
      {
        name: 'urls.json',
        text: JSON.stringify([
          {
            url: 'https://s.example/a',
            expanded_url: 'https://long.example/b',
            timestamp: 't1',
            source: 'WhatsApp',
          },
        ]),
      },
    ]);
    expect(results.layout).toBe('mvt3');
    expect(values(results.artifacts)).toEqual(['url:https://long.example/b', 'url:https://s.example/a']);
    expect(results.artifacts[0]?.module).toBe('whats_app');
  });

  it('reads signing-certificate digests as app-cert, file digests as hash', () => {
    const record = {
      package_name: 'com.sample.app',
      certificate: { Md5: 'AA'.repeat(16), Sha1: 'BB'.repeat(20) },
      files: [{ path: '/data/app/base.apk', sha256: 'CC'.repeat(32) }],
    };
    const results = readMvtResults([{ name: 'packages.json', text: JSON.stringify([record]) }]);
    expect(values(results.artifacts)).toEqual([
      'app-cert:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'app-cert:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      'app-id:com.sample.app',
      `file-name:base.apk`,
      'file-path:/data/app/base.apk',
      `hash:${'cc'.repeat(32)}`,
    ]);
  });

  it('says unknown for a folder without MVT files', () => {
    const results = readMvtResults([{ name: 'notes.txt', text: '' }]);
    expect(results.layout).toBe('unknown');
  });

  it('reads the example device: every planted value is found', () => {
    const loaded = loadArtifacts([device]);
    expect(loaded.inputs[0]?.layout).toBe('mvt3');
    expect(loaded.diagnostics).toEqual([]);
    const got = values(loaded.artifacts);
    for (const planted of [
      'url:https://a1.cdn-sync.example/track?id=7f3a9c&r=1',
      'url:https://msg-delivery.test/r/8f2k1',
      'url:https://b2.cdn-sync.example/i/2291',
      'process-name:exspyd',
      'hash:5f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
    ])
      expect(got).toContain(planted);
  });
});
