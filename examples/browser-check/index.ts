// Builds the static page with Vite, serves it on 127.0.0.1, and drives it in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core): paste a made-up suspicious SMS, check the links,
// verify the verdict, verify the page made no request outside its own origin, and save a screenshot to
// out/browser-check.png. Skips (exit 0, with a message) when Chromium is not installed.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, 'dist');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

await build({ configFile: join(here, 'vite.config.ts') });
const html = readFileSync(join(dist, 'index.html'), 'utf8');
if (!html.includes('Content-Security-Policy'))
  throw new Error('the built page lost its Content-Security-Policy');
console.log(`Built ${dist}`);

if (!existsSync(chromiumPath)) {
  console.log(
    `browser-check: built; Chromium not found at ${chromiumPath}, so the end-to-end check is skipped.`,
  );
  process.exit(0);
}

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.statusCode = 404;
    res.end();
    return;
  }
  res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
  res.end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const profile = mkdtempSync(join(tmpdir(), 'vigil-browser-check-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
  viewport: { width: 900, height: 720 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/index.html`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  await page.fill(
    '#message',
    [
      'Urgent: read the statement about your article before tomorrow https://msg-delivery.test/r/8f2k1',
      'Photos from the press club: https://a1.cdn-sync.example/track?id=7f3a9c',
      'Agenda: https://news.example.org/world/2026/01/04/summit',
    ].join('\n'),
  );
  await page.click('#check');
  await page.waitForSelector('body[data-checked="3"]', { timeout: 10_000 });
  const rows = await page.$$eval('#results tbody tr', (trs) =>
    (trs as HTMLTableRowElement[]).map((tr) => ({
      cls: tr.className,
      link: tr.cells[0]?.textContent ?? '',
      result: tr.cells[1]?.textContent ?? '',
    })),
  );
  const verdict = (await page.textContent('#verdict')) ?? '';
  mkdirSync(join(process.cwd(), 'out'), { recursive: true });
  const shot = join(process.cwd(), 'out', 'browser-check.png');
  await page.screenshot({ path: shot, fullPage: true });
  for (const row of rows) console.log(`${row.cls === 'hit' ? 'HIT  ' : 'clear'} ${row.link}: ${row.result}`);
  console.log(verdict);

  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  const hits = rows.filter((r) => r.cls === 'hit').map((r) => r.link);
  if (hits.join(' ') !== 'https://msg-delivery.test/r/8f2k1 https://a1.cdn-sync.example/track?id=7f3a9c')
    throw new Error(`unexpected hits: ${JSON.stringify(rows)}`);
  if (!verdict.startsWith('2 of 3 link(s) match')) throw new Error(`unexpected verdict: ${verdict}`);
  const outside = requests.filter((u) => !u.startsWith(origin));
  if (outside.length > 0) throw new Error(`the page made requests outside its origin: ${outside.join(', ')}`);
  console.log(
    `browser-check: 2 of 3 links flagged in headless Chromium, ${requests.length} same-origin requests only; screenshot ${shot}`,
  );
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
