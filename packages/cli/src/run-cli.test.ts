import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Partial<CliIo> = {
    stdout: { write: (t) => void out.push(t) },
    stderr: { write: (t) => void err.push(t) },
    cwd: process.cwd(),
    env: {},
    ...extra,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('runCli', () => {
  it('prints the version and help', async () => {
    const a = capture();
    expect(await runCli(['--version'], a.io)).toBe(0);
    expect(a.out()).toMatch(/^vigil \d+\.\d+\.\d+\n$/u);
    const b = capture();
    expect(await runCli(['--help'], b.io)).toBe(0);
    for (const cmd of ['check', 'validate', 'report', 'export-rules', 'iocs', 'serve', 'demo'])
      expect(b.out()).toContain(cmd);
    const c = capture();
    expect(await runCli(['check', '--help'], c.io)).toBe(0);
    expect(c.out()).toContain('--profile');
  });

  it('rejects unknown commands and options with one line and exit 1', async () => {
    const a = capture();
    expect(await runCli(['frobnicate'], a.io)).toBe(1);
    expect(a.err()).toBe('vigil: unknown command "frobnicate"; run vigil --help\n');
    const b = capture();
    expect(await runCli(['check', '--bogus', 'x'], b.io)).toBe(1);
    expect(b.err().trim().split('\n')).toHaveLength(1);
    expect(b.err()).toContain("Unknown option '--bogus'");
    const c = capture();
    expect(await runCli(['check', '--profile', 'fast', 'x', '-i', 'y'], c.io)).toBe(1);
    expect(c.err()).toBe('vigil check: --profile must be one of default, mvt (got "fast") [INVALID_INPUT]\n');
  });

  it('shows a stack trace only with --debug, and a JSON error with --json', async () => {
    const a = capture();
    await runCli(['export-rules', '--iocs', 'does-not-exist.stix2', '--format', 'nope'], a.io);
    expect(a.err()).not.toContain('    at ');
    const b = capture();
    await runCli(['export-rules', '--format', 'nope', '-i', 'x', '--debug'], b.io);
    expect(b.err()).toContain('    at ');
    const c = capture();
    expect(await runCli(['export-rules', '--format', 'nope', '-i', 'x', '--json'], c.io)).toBe(1);
    expect(JSON.parse(c.out())).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('refuses to check without indicators, naming the cache it looked in', async () => {
    const a = capture({ env: { VIGIL_CACHE: '/nonexistent/vigil-cache' } });
    expect(await runCli(['check', 'list.txt'], a.io)).toBe(1);
    expect(a.err()).toContain('/nonexistent/vigil-cache');
  });
});
