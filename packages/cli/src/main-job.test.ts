import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeParseDataset } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runMainJob } from './main-job.js';
import { runCli } from './run-cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

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

describe('runMainJob', () => {
  it('checks the example device, adds a valid finding to the letter dataset, and renders what it can', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'vigil-main-'));
    const lines: string[] = [];
    const result = await runMainJob({ root: repo, outDir, log: (l) => lines.push(l), pdf: false });
    expect(result.check.alerts).toHaveLength(6);
    expect(result.outcome).toBe('infected');
    expect(result.valid).toBe(true);
    expect(lines[0]).toMatch(/^1\. Checking /u);
    for (const f of [
      'check/alerts.json',
      'check/alerts.csv',
      'check/check.json',
      'dataset.json',
      'validation.txt',
    ])
      expect(existsSync(join(outDir, f)), f).toBe(true);
    // The combined dataset written out is itself valid, and holds the finding with its matches.
    const combined = safeParseDataset(readFileSync(join(outDir, 'dataset.json'), 'utf8'));
    expect(combined.success).toBe(true);
    if (!combined.success) return;
    const finding = combined.data.findings.find((f) => f.id === 'finding--example-aster-recheck');
    expect(finding?.outcome).toBe('infected');
    expect(finding?.matches).toHaveLength(6);
    expect(finding?.indicatorSets?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(combined.data.targeting.find((t) => t.person === 'person--example-aster')?.claimedLevel).toBe(
      'infected',
    );
    expect(readFileSync(join(outDir, 'validation.txt'), 'utf8')).toContain('The combined dataset is valid.');
    expect(result.reports.filter((r) => r.error !== undefined)).toEqual([]);
    expect(result.reports.length).toBeGreaterThanOrEqual(8);
    const md = readFileSync(join(outDir, 'reports', 'public-en.md'), 'utf8');
    expect(md).toContain('Aster (made-up example)');
    expect(md).toContain('exspyd');
  }, 120_000);

  it('refuses to render when the combined dataset is not valid', async () => {
    // A root whose coalition-letter dataset has a dangling reference.
    const root = mkdtempSync(join(tmpdir(), 'vigil-root-'));
    const { cpSync, mkdirSync } = await import('node:fs');
    cpSync(join(repo, 'examples/device-artifacts'), join(root, 'examples/device-artifacts'), {
      recursive: true,
    });
    mkdirSync(join(root, 'examples/coalition-letter'), { recursive: true });
    writeFileSync(
      join(root, 'examples/coalition-letter/dataset.json'),
      JSON.stringify({
        schemaVersion: '1.0',
        id: 'dataset--broken',
        title: 'Broken',
        marking: { tlp: 'clear' },
        devices: [{ id: 'device--x', kind: 'smartphone', user: 'person--missing' }],
      }),
    );
    const result = await runMainJob({ root, outDir: join(root, 'out') });
    expect(result.valid).toBe(false);
    expect(result.reports).toEqual([]);
    expect(result.issues.map((i) => i.code)).toContain('DANGLING_REFERENCE');
    expect(result.reportsUnavailable).toBe('the combined dataset is not valid');
  }, 60_000);
});

describe('vigil validate', () => {
  it('passes the coalition-letter dataset (exit 0) and lists issues with paths otherwise (exit 2)', async () => {
    const a = capture();
    expect(await runCli(['validate', 'examples/coalition-letter/dataset.json', '--quiet'], a.io)).toBe(0);
    expect(a.out()).toContain('is valid');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-validate-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        schemaVersion: '1.0',
        id: 'dataset--bad',
        title: 'Bad',
        marking: { tlp: 'clear' },
        devices: [{ id: 'device--a', kind: 'smartphone', user: 'person--nobody' }],
      }),
    );
    const b = capture();
    expect(await runCli(['validate', bad], b.io)).toBe(2);
    expect(b.out()).toContain('error   devices[0].user: DANGLING_REFERENCE:');
    const c = capture();
    writeFileSync(bad, '{"schemaVersion": ');
    expect(await runCli(['validate', bad, '--json'], c.io)).toBe(2);
    expect(JSON.parse(c.out())).toMatchObject({
      valid: false,
      issues: [{ code: 'INVALID_JSON', position: { line: 1 } }],
    });
    const d = capture();
    expect(await runCli(['validate', join(dir, 'missing.json')], d.io)).toBe(1);
  });
});

describe('vigil export-rules', () => {
  it('writes rules from an indicator file, to stdout or a file', async () => {
    const a = capture();
    expect(
      await runCli(['export-rules', '-i', 'examples/device-artifacts/indicators.stix2', '-f', 'hosts'], a.io),
    ).toBe(0);
    expect(
      a
        .out()
        .split('\n')
        .filter((l) => l.startsWith('0.0.0.0 ')),
    ).toEqual(['0.0.0.0 cdn-sync.example', '0.0.0.0 msg-delivery.test']);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
    const b = capture();
    const args = [
      'export-rules',
      '-i',
      'examples/device-artifacts/indicators.stix2',
      '-f',
      'suricata',
      '--sid-start',
      '5000',
    ];
    expect(await runCli([...args, '-o', join(dir, 'x.rules'), '--json'], b.io)).toBe(0);
    const summary = JSON.parse(b.out()) as { rules: number; skipped: { type: string }[] };
    expect(summary.rules).toBe(9);
    expect(summary.skipped.map((s) => s.type).sort()).toEqual(['email', 'hash', 'process-name']);
    expect(readFileSync(join(dir, 'x.rules'), 'utf8')).toContain('sid:5000;');
    const c = capture();
    expect(
      await runCli(
        ['export-rules', '-i', 'examples/device-artifacts/indicators.stix2', '--sid-start', 'x'],
        c.io,
      ),
    ).toBe(1);
  });
});

describe('vigil report', () => {
  it('renders formats and languages for an audience, and needs the per-case secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    const env = { VIGIL_CASE_SECRET: 'test secret of enough length' };
    const a = capture({ env });
    const args = [
      'report',
      'examples/coalition-letter/dataset.json',
      '-a',
      'public',
      '-f',
      'markdown',
      '-f',
      'csv',
    ];
    expect(await runCli([...args, '-l', 'en', '-l', 'fr', '-o', dir, '--json'], a.io)).toBe(0);
    const { files } = JSON.parse(a.out()) as { files: string[] };
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'public-en.md',
      'public-en.csv',
      'public-fr.md',
      'public-fr.csv',
    ]);
    // A name published without known consent stays out of the public report.
    expect(readFileSync(join(dir, 'public-en.md'), 'utf8')).not.toContain('Dániel Németh');

    const b = capture();
    expect(await runCli([...args, '-o', dir], b.io)).toBe(1);
    expect(b.err()).toContain('per-case secret');
    const c = capture({ env });
    expect(
      await runCli(['report', 'examples/coalition-letter/dataset.json', '-a', 'press', '-o', dir], c.io),
    ).toBe(1);
    expect(c.err()).toContain('--audience must be one of public, partners, internal, victim, un-submission');
    const d = capture({ env });
    expect(
      await runCli(['report', 'examples/coalition-letter/dataset.json', '-a', 'victim', '-o', dir], d.io),
    ).toBe(1);
    expect(d.err()).toContain('--person');
  }, 60_000);
});
