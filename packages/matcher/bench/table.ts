/**
 * Prints bench/results.json as the Markdown tables of the README: `tsx bench/table.ts`.
 */

import { readFileSync } from 'node:fs';

interface MethodResult {
  urlsPerSecond: number;
  nsPerUrl: number;
  ratioVsVigil: number;
  fp: number;
  fn: number;
}

interface SizeResult {
  indicators: number;
  urlsPerRound: number;
  methods: Record<string, MethodResult>;
  vigilFullStream: { urls: number; urlsPerSecond: number };
}

const r = JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8'));
const fmt = (n: number) => n.toLocaleString('en');
const ratio = (m: MethodResult | undefined) => (m === undefined ? 'not run' : `${m.ratioVsVigil}×`);
const lines: string[] = [];
const env = r.environment;
lines.push(
  `Measured ${r.generatedAt.slice(0, 10)} on ${env.cpus} × ${env.cpuModel}, Node ${env.node}` +
    (env.loadAverageAtStart === undefined
      ? '.'
      : `, machine load average ${env.loadAverageAtStart[0]} → ${env.loadAverageAtEnd[0]} (other jobs were running: absolute figures are inflated, ratios less so).`),
);
lines.push('');
lines.push(
  `Median ${r.settings?.clock === 'cpu' ? 'CPU' : 'wall-clock'} time of each method ÷ Vigil's, per round (higher = Vigil faster); Vigil in URLs/s.`,
);
lines.push('');
lines.push(
  '| indicators | Vigil URL/s | @ghostery/adblocker | @gorhill/ubo-core | tldts + Set walk | new URL() + Set walk | Set walk, hosts given | Set.has(host), hosts given |',
);
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of r.urlMatching as SizeResult[]) {
  const m = s.methods;
  lines.push(
    `| ${fmt(s.indicators)} | ${fmt(m.vigil?.urlsPerSecond ?? 0)} | ${ratio(m.ghostery)} | ${ratio(m.ubo)} | ${ratio(m['tldts+Set'])} | ${ratio(m['URL+Set'])} | ${ratio(m['Set walk (hosts given)'])} | ${ratio(m['Set.has (hosts given)'])} |`,
  );
}
lines.push('');
lines.push('Correctness gate (false positives / false negatives against the ground truth, first round):');
lines.push('');
for (const s of r.urlMatching as SizeResult[]) {
  const parts = Object.entries(s.methods).map(([k, v]) => `${k} ${v.fp}/${v.fn}`);
  lines.push(`- ${fmt(s.indicators)} indicators, ${fmt(s.urlsPerRound)} URLs: ${parts.join(', ')}`);
}
lines.push('');
lines.push('| measure | result |');
lines.push('|---|---:|');
for (const s of r.urlMatching as SizeResult[]) {
  lines.push(
    `| Vigil alone, ${fmt(s.vigilFullStream.urls)} URLs, ${fmt(s.indicators)} indicators | ${fmt(s.vigilFullStream.urlsPerSecond)} URL/s |`,
  );
}
for (const [size, b] of Object.entries(r.build as Record<string, Record<string, number>>)) {
  lines.push(
    `| \`createMatcher\` per 100k indicators (at ${fmt(Number(size))}) | ${b.createMatcherMsPer100k} ms |`,
  );
  lines.push(
    `| list text → \`loadList\` → \`createMatcher\`, per 100k (at ${fmt(Number(size))}) | ${b.listToMatcherMsPer100k} ms${b.listToMatcherFirstRoundMsPer100k === undefined ? '' : ` (first round, before the JIT: ${b.listToMatcherFirstRoundMsPer100k} ms)`} |`,
  );
  lines.push(
    `| serialised index (at ${fmt(Number(size))}) | ${b.serializedBytesPerIndicator} bytes/indicator |`,
  );
  lines.push(`| \`loadMatcher\` + first match (at ${fmt(Number(size))}) | ${b.loadToFirstMatchMs} ms |`);
}
if (r.stixToIndex !== undefined) {
  const s = r.stixToIndex;
  lines.push(
    `| 100k-indicator STIX bundle (${Math.round(s.bundleBytes / 1e6)} MB) → index | ${s.ms} ms${s.loadStixMs === undefined ? '' : ` (loadStix ${s.loadStixMs}, createMatcher ${s.createMatcherMs}; a bare JSON.parse takes ${s.bareJsonParseMs})`} |`,
  );
}
if (r.bulk !== undefined) {
  const b = r.bulk;
  lines.push(
    `| bulk, ${fmt(b.lines)} lines: byte path, 1 thread | ${fmt(b.oneThreadBytePathLinesPerSecond)} lines/s |`,
  );
  lines.push(
    `| bulk: 2 workers over SharedArrayBuffer | ${fmt(b.twoWorkersLinesPerSecond)} lines/s (${b.speedUp2Workers}× one thread) |`,
  );
  if (b.twoWorkersCpuMs !== undefined) {
    lines.push(
      `| bulk CPU time, 1 thread / 2 workers (all threads) | ${b.oneThreadCpuMs} ms / ${b.twoWorkersCpuMs} ms; the process got ${b.twoWorkersCpuPerWallSecond} CPU-s per s while 2 workers ran |`,
    );
  }
}
for (const [name, t] of Object.entries(r.otherTypes as Record<string, Record<string, number>>)) {
  lines.push(
    `| ${name} checks at ${fmt(t.indicators ?? 0)} indicators, streamed in chunks of ${fmt(t.chunk ?? 0)} | ${fmt(t.checksPerSecond ?? 0)}/s${t.speedVsSetBaseline === undefined ? '' : ` (${t.speedVsSetBaseline}× a \`Set.has\` of the normalised value)`} |`,
  );
  if (t.coldArrayChecksPerSecond !== undefined)
    lines.push(
      `| ${name} checks, all 1M parsed up front (memory-bound) | ${fmt(t.coldArrayChecksPerSecond)}/s (\`Set.has\`: ${fmt(t.coldArraySetBaselineChecksPerSecond ?? 0)}/s) |`,
    );
}
lines.push('');
lines.push(`Whole run: ${r.totalSeconds} s.`);
console.log(lines.join('\n'));
