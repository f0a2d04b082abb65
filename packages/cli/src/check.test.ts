import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { VigilAlert } from './alerts.js';
import { checkArtifacts } from './check.js';
import type { CliIo } from './cli-io.js';
import { parseCsv } from './internal/csv.js';
import { runCli } from './run-cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const device = join(repo, 'examples/device-artifacts/mvt-results');
const stix = join(repo, 'examples/device-artifacts/indicators.stix2');

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Partial<CliIo> = {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    cwd: repo,
    env: {},
    ...extra,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const summary = (alerts: readonly VigilAlert[]) =>
  alerts
    .map(
      (a) => `${a.module} ${a.vigil.indicator.type}:${a.vigil.indicator.value} <- ${a.vigil.artifact.value}`,
    )
    .sort();

describe('checkArtifacts on the example device', () => {
  it('finds every planted hit, and nothing else, with provenance', async () => {
    const result = await checkArtifacts({ inputs: [device], iocs: [stix] });
    expect(summary(result.alerts)).toEqual(
      [
        'datausage process-name:exspyd <- exspyd',
        'manifest hash:5f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c <- 5f2b9c0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c',
        'safari_history domain:cdn-sync.example <- https://a1.cdn-sync.example/track?id=7f3a9c&r=1',
        'sms domain:msg-delivery.test <- https://msg-delivery.test/r/8f2k1',
        'sms url:https://msg-delivery.test/r/8f2k1 <- https://msg-delivery.test/r/8f2k1',
        'whatsapp domain:cdn-sync.example <- https://b2.cdn-sync.example/i/2291',
      ].sort(),
    );
    const safari = result.alerts.find((a) => a.module === 'safari_history');
    expect(safari).toMatchObject({
      level: 'CRITICAL',
      event_time: '2026-01-05 21:17:02.000000',
      event: { id: 102, visit_id: 5002 },
      matched_indicator: {
        value: 'cdn-sync.example',
        type: 'domains',
        name: 'ExampleSpy',
        stix2_file_name: 'indicators.stix2',
      },
      vigil: {
        how: 'subdomain',
        indicator: {
          provenance: {
            stixId: 'indicator--1a2b3c4d-0001-4a00-8000-000000000001',
            indicates: ['ExampleSpy'],
          },
        },
      },
    });
    expect(result.indicatorSets).toHaveLength(1);
    expect(result.indicatorSets[0]?.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(result.counts.CRITICAL).toBe(6);
    expect(result.inputs[0]?.layout).toBe('mvt3');
  });

  it('makes no network contact while checking', async () => {
    const net = await import('node:net');
    const calls: string[] = [];
    const originalFetch = globalThis.fetch;
    const originalConnect = net.Socket.prototype.connect;
    globalThis.fetch = (async (input: unknown) => {
      calls.push(`fetch ${String(input)}`);
      throw new Error('network used during analysis');
    }) as typeof fetch;
    net.Socket.prototype.connect = function (this: unknown, ...args: unknown[]) {
      calls.push(`connect ${JSON.stringify(args[0])}`);
      throw new Error('network used during analysis');
    } as typeof net.Socket.prototype.connect;
    try {
      const result = await checkArtifacts({ inputs: [device], iocs: [stix] });
      expect(result.alerts).toHaveLength(6);
    } finally {
      globalThis.fetch = originalFetch;
      net.Socket.prototype.connect = originalConnect;
    }
    expect(calls).toEqual([]);
  });

  it('gives the same hits under the mvt profile for these exact and registrable-domain cases', async () => {
    const result = await checkArtifacts({ inputs: [device], iocs: [stix], profile: 'mvt' });
    expect(result.profile).toBe('mvt');
    expect(result.alerts.length).toBeGreaterThan(0);
    expect(result.alerts.every((a) => a.vigil.profile === 'mvt')).toBe(true);
  });
});

describe('re-checking an MVT 2.x folder with new indicators', () => {
  it('finds the values the new set lists, from module files, never from earlier matched indicators', async () => {
    const fixtures = join(repo, 'packages/cli/test/fixtures');
    const result = await checkArtifacts({
      inputs: [join(fixtures, 'mvt2-results')],
      iocs: [join(fixtures, 'old-campaign.stix2')],
    });
    expect(result.inputs[0]?.layout).toBe('mvt2');
    expect(summary(result.alerts)).toEqual(
      [
        'chrome_history domain:old-c2.test <- https://portal.old-c2.test/login',
        'packages app-id:com.sample.spyagent <- com.sample.spyagent',
        'packages hash:aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899 <- aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899',
        'processes app-id:com.sample.spyagent <- com.sample.spyagent',
        'processes process-name:helperd <- helperd',
      ].sort(),
    );
    // What the earlier MVT 2.6.1 run had reported (old-c2.test, com.sample.spyagent) is told apart from what is new.
    expect(result.alerts.map((a) => `${a.vigil.indicator.value} ${a.vigil.earlierRun}`).sort()).toEqual([
      'aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899 new',
      'com.sample.spyagent reported',
      'com.sample.spyagent reported',
      'helperd new',
      'old-c2.test reported',
    ]);
    // The broken module file is reported, and the check still ran.
    expect(result.diagnostics.map((d) => d.code)).toEqual(['INVALID_JSON']);
    // An Android process named after its package is also looked up as an app id.
    expect(
      result.alerts
        .filter((a) => a.module === 'processes')
        .map((a) => a.matched_indicator.type)
        .sort(),
    ).toEqual(['app_ids', 'processes']);
  });
});

describe('vigil check (command)', () => {
  it('writes alerts.json, alerts.csv and check.json, prints a verdict and exits 2 on detections', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vigil-check-'));
    const c = capture();
    expect(await runCli(['check', device, '--iocs', stix, '--output', out], c.io)).toBe(2);
    const alerts = JSON.parse(readFileSync(join(out, 'alerts.json'), 'utf8')) as VigilAlert[];
    expect(alerts).toHaveLength(6);
    for (const a of alerts)
      expect(Object.keys(a).sort()).toEqual([
        'event',
        'event_time',
        'level',
        'matched_indicator',
        'message',
        'module',
        'vigil',
      ]);
    const rows = parseCsv(readFileSync(join(out, 'alerts.csv'), 'utf8'), false);
    expect(rows).toHaveLength(7);
    const timeline = parseCsv(readFileSync(join(out, 'alerts_timeline.csv'), 'utf8'), false);
    expect(timeline[0]?.fields).toEqual(['Event Time', 'Module', 'Message', 'Event']);
    const times = timeline.slice(1).map((r) => r.fields[0] ?? '');
    expect(times).toEqual([...times].sort());
    expect(times).toHaveLength(6);
    const check = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8')) as {
      alerts: number;
      artifacts: number;
    };
    expect(check.alerts).toBe(6);
    expect(c.out()).toContain('DETECTIONS: 6 alert(s) matched indicators of ExampleSpy');
    expect(c.out()).toContain('MVT 3 results, written by MVT 3.0.0');
  });

  it('reads a plain list on standard input and exits 0 when nothing matches', async () => {
    const c = capture({ readStdin: () => 'https://news.example.org/a\nexample.net\n' });
    expect(await runCli(['check', '-', '-i', stix, '--quiet'], c.io)).toBe(0);
    expect(c.out()).toMatch(/^NO MATCH: none of the \d+ indicators loaded matched\./u);
  });

  it('exits 1 with a NOTHING CHECKED verdict when no artifact could be read', async () => {
    const c = capture({ readStdin: () => 'not a value\nnor this one\n' });
    expect(await runCli(['check', '-', '-i', stix], c.io)).toBe(1);
    expect(c.out()).toContain('UNRECOGNISED_VALUE');
    expect(c.out()).toContain('NOTHING CHECKED');
  });

  it('reads JSON lines and returns JSON with --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-jsonl-'));
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      '{"type":"domain","value":"ws.cdn-sync.example","module":"dns","event_time":"2026-03-01T10:00:00Z"}\n' +
        '{"proc_name":"exspyd","isodate":"2026-03-01 10:00:01"}\nnot json\n',
    );
    const c = capture();
    expect(await runCli(['check', file, '-i', stix, '--json'], c.io)).toBe(2);
    const result = JSON.parse(c.out()) as {
      alerts: VigilAlert[];
      diagnostics: { code: string; line: number }[];
    };
    expect(summary(result.alerts)).toEqual([
      'dns domain:cdn-sync.example <- ws.cdn-sync.example',
      'events process-name:exspyd <- exspyd',
    ]);
    expect(result.diagnostics).toMatchObject([{ code: 'INVALID_JSON', line: 3 }]);
  });

  it('runs as an executable through tsx, with one-line errors', () => {
    const bin = join(repo, 'packages/cli/src/bin.ts');
    const tsx = join(repo, 'node_modules/.bin/tsx');
    const ok = spawnSync(tsx, ['--conditions=@vigil/source', bin, 'check', device, '-i', stix, '--quiet'], {
      encoding: 'utf8',
      cwd: repo,
    });
    expect(ok.status).toBe(2);
    expect(ok.stdout).toMatch(/^DETECTIONS: 6 alert/u);
    const bad = spawnSync(tsx, ['--conditions=@vigil/source', bin, 'check', 'no/such/folder', '-i', stix], {
      encoding: 'utf8',
      cwd: repo,
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(`vigil check: no such file or directory: ${join(repo, 'no/such/folder')}`);
  });
});

describe('vigil check --dataset: from an MVT folder to a report in two commands', () => {
  it('records the finding in a copy of the case, which validates and renders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-record-'));
    const letter = JSON.parse(
      readFileSync(join(repo, 'examples/coalition-letter/dataset.json'), 'utf8'),
    ) as Record<string, unknown[]>;
    const extra = JSON.parse(
      readFileSync(join(repo, 'examples/device-artifacts/case.json'), 'utf8'),
    ) as Record<string, unknown>;
    const caseFile = join(dir, 'case.json');
    const merged: Record<string, unknown> = { ...letter };
    for (const [k, v] of Object.entries(extra))
      if (Array.isArray(v)) merged[k] = [...(letter[k] ?? []), ...v];
    writeFileSync(caseFile, JSON.stringify(merged));
    const before = readFileSync(caseFile, 'utf8');
    const out = join(dir, 'case.checked.json');
    const args = [
      'check',
      device,
      '-i',
      stix,
      '--dataset',
      caseFile,
      '--dataset-out',
      out,
      '--device',
      'device--example-aster-phone',
    ];
    const a = capture();
    expect(
      await runCli(
        [
          ...args,
          '--person',
          'person--example-aster',
          '--lab',
          'organization--example-lab',
          '--evidence',
          'evidence--example-aster-backup',
        ],
        a.io,
      ),
    ).toBe(2);
    expect(a.out()).toContain(
      `Finding (outcome suggested: infected) recorded in ${out}; the dataset is valid.`,
    );
    expect(readFileSync(caseFile, 'utf8')).toBe(before);
    const checked = JSON.parse(readFileSync(out, 'utf8')) as {
      findings: { id: string; matches: unknown[] }[];
    };
    expect(checked.findings.at(-1)).toMatchObject({ id: 'finding--example-aster-phone-vigil-check' });
    expect(checked.findings.at(-1)?.matches).toHaveLength(6);

    const r = capture({ env: { VIGIL_CASE_SECRET: 'test secret of enough length' } });
    expect(
      await runCli(['report', out, '-a', 'partners', '-f', 'markdown', '-o', join(dir, 'reports')], r.io),
    ).toBe(0);
    expect(readFileSync(join(dir, 'reports', 'partners-en.md'), 'utf8')).toContain('exspyd');
  }, 60_000);

  it('refuses recording options without a dataset, and exits 1 when the updated case is not valid', async () => {
    const a = capture();
    expect(await runCli(['check', device, '-i', stix, '--device', 'device--x'], a.io)).toBe(1);
    expect(a.err()).toContain('give --dataset');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-record-'));
    writeFileSync(
      join(dir, 'case.json'),
      JSON.stringify({ schemaVersion: '1.0', id: 'dataset--c', title: 'C', marking: { tlp: 'red' } }),
    );
    const b = capture();
    const code = await runCli(
      [
        'check',
        device,
        '-i',
        stix,
        '--dataset',
        join(dir, 'case.json'),
        '--device',
        'device--missing',
        '-o',
        join(dir, 'out'),
      ],
      b.io,
    );
    expect(code).toBe(1);
    expect(b.out()).toContain('DANGLING_REFERENCE');
    expect(b.out()).toContain('NOT valid');
  });
});
