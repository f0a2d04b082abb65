// Exports real indicator sets read from ../shared/data at test time (never copied into the repository).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIndicators } from '@vigil/matcher';
import { describe, expect, it } from 'vitest';
import { exportRules } from './export-rules.js';

const data = fileURLToPath(new URL('../../../../shared/data/iocs/', import.meta.url));
const load = (path: string) =>
  loadIndicators(new Uint8Array(readFileSync(join(data, path))), {
    format: 'stix2',
    file: path.split('/').pop() ?? path,
  });

describe.skipIf(!existsSync(data))('exportRules on real indicator sets', () => {
  it('turns every Pegasus domain into three Suricata rules with unique sids', () => {
    const pegasus = load('amnesty-investigations/2021-07-18_nso/pegasus.stix2');
    const domains = new Set(pegasus.indicators.filter((i) => i.type === 'domain').map((i) => i.value));
    expect(domains.size).toBeGreaterThan(1000);
    const out = exportRules(pegasus.indicators, { format: 'suricata' });
    const rules = out.text.split('\n').filter((l) => l.startsWith('alert '));
    const sids = rules.map((r) => /sid:(\d+);/u.exec(r)?.[1]);
    expect(new Set(sids).size).toBe(rules.length);
    const skippedDomains = out.skipped.filter((s) => s.type === 'domain').length;
    expect(rules.filter((r) => r.startsWith('alert dns '))).toHaveLength(domains.size - skippedDomains);
    expect(rules.filter((r) => r.startsWith('alert tls '))).toHaveLength(domains.size - skippedDomains);
    // Every rule is one line, balanced, with the options Suricata requires.
    for (const r of rules)
      expect(r).toMatch(/^alert (?:dns|tls|http|ip) .+ \(msg:"[^";\\]*"; .*sid:\d+; rev:1;\)$/u);
    expect(out.skipped.filter((s) => s.type === 'process-name').length).toBeGreaterThan(0);
  });

  it('merges the names of sets that share domains (Cytrox and Pegasus loaded together)', () => {
    const both = [
      ...load('amnesty-investigations/2021-12-16_cytrox/cytrox.stix2').indicators,
      ...load('amnesty-investigations/2021-07-18_nso/pegasus.stix2').indicators,
    ];
    const zeek = exportRules(both, { format: 'zeek' });
    const rows = zeek.text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const keys = rows.map((r) => `${r[0]}\t${r[1]}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes IPs stored as domain names (NoviSpy) as rpz-ip records in a zone BIND accepts', (ctx) => {
    const novispy = load('amnesty-investigations/2024-12-16_serbia_novispy/novispy.stix2');
    const rpz = exportRules(novispy.indicators, { format: 'rpz' });
    const ips = novispy.indicators.filter((i) => i.type === 'ip');
    if (ips.length > 0) expect(rpz.text).toMatch(/\n32\.\d+\.\d+\.\d+\.\d+\.rpz-ip CNAME \./u);
    expect(rpz.rules).toBeGreaterThan(0);
    if (spawnSync('sh', ['-c', 'command -v named-checkzone']).status !== 0) {
      console.log('named-checkzone is not installed: skipping the RPZ zone validation');
      ctx.skip();
      return;
    }
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-rpz-')), 'novispy.rpz');
    writeFileSync(file, rpz.text);
    const run = spawnSync('named-checkzone', ['rpz.vigil.test', file], { encoding: 'utf8' });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  });
});
