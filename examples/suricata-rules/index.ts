// Export an indicator set as rules for the network engines that run at scale: Suricata (DNS, TLS SNI,
// HTTP host), Zeek's Intel framework, a hosts file and a DNS RPZ zone. The set is the made-up ExampleSpy
// one from examples/device-artifacts. The files are written to out/rules/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportRules, RULE_FORMATS } from '@vigil/cli';
import { loadIndicators } from '@vigil/matcher';

const set = loadIndicators(readFileSync(new URL('../device-artifacts/indicators.stix2', import.meta.url)), {
  format: 'stix2',
  file: 'indicators.stix2',
});
const outDir = join(process.cwd(), 'out', 'rules');
mkdirSync(outDir, { recursive: true });

const names = {
  suricata: 'examplespy.rules',
  zeek: 'examplespy.intel',
  hosts: 'examplespy.hosts',
  rpz: 'rpz.examplespy.zone',
};
for (const format of RULE_FORMATS) {
  const result = exportRules(set.indicators, { format, sidStart: 9_100_000, source: 'vigil-example' });
  const file = join(outDir, names[format]);
  writeFileSync(file, result.text);
  console.log(
    `${format}: ${result.rules} ${format === 'suricata' ? 'rules' : 'entries'} in ${file}; ${result.skipped.length} skipped`,
  );
}

const suricata = exportRules(set.indicators, { format: 'suricata', sidStart: 9_100_000 }).text;
const sids = [...suricata.matchAll(/sid:(\d+);/g)].map((m) => m[1]);
if (new Set(sids).size !== sids.length) throw new Error('duplicate sids');
if (!suricata.includes('dns.query; dotprefix; content:".cdn-sync.example"; nocase; endswith;'))
  throw new Error('expected a DNS rule for cdn-sync.example');
console.log(suricata.split('\n').find((l) => l.startsWith('alert dns')));
console.log(
  `suricata-rules: ${sids.length} Suricata rules with unique sids, plus Zeek, hosts and RPZ files.`,
);
