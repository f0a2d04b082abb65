import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoLeak, redactCase, renderReport, sensitiveValuesOf } from '../src/index.js';
import { CHROMIUM_FLAGS } from '../src/internal/render-pdf.js';
import { makeCase, PUBLIC_SECRETS, SECRET } from './case-fixture.js';

import { CHROMIUM, GOLDEN_DIR, GOLDEN_SECRET, letterDataset } from './helpers.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `[report] Skipping browser and PDF tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`,
  );

describe.skipIf(!hasChromium)('HTML reports in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS.filter((f) => f !== '--headless' && f !== '--no-pdf-header-footer'),
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    it(`renders the public ${lang} report: no request, no script, RTL with LTR technical values; writes a screenshot`, async () => {
      const report = await renderReport(letterDataset(), {
        audience: 'public',
        format: 'html',
        lang,
        secret: GOLDEN_SECRET,
        date: '2021-09-30',
      });
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.setContent(report.content as string, { waitUntil: 'load' });
      const facts = await page.evaluate(() => {
        const code = document.querySelector('td code');
        return {
          dir: document.documentElement.dir,
          lang: document.documentElement.lang,
          scripts: document.scripts.length,
          links: document.querySelectorAll('a[href], img, link, iframe, object, embed').length,
          codeDirection: code ? getComputedStyle(code).direction : 'none',
          bodyDirection: getComputedStyle(document.body).direction,
          banner: document.querySelector('.tlp')?.textContent ?? '',
          tables: document.querySelectorAll('table').length,
          title: document.title,
        };
      });
      expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
      expect(facts.scripts).toBe(0);
      expect(facts.links).toBe(0);
      expect(facts.banner).toBe('TLP:CLEAR');
      expect(facts.tables).toBeGreaterThan(5);
      expect(facts.dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(facts.bodyDirection).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(facts.codeDirection).toBe('ltr');
      const png = await page.screenshot({ type: 'png' });
      writeFileSync(join(GOLDEN_DIR, `letter.public.${lang}.png`), png);
      expect(png.length).toBeGreaterThan(10_000);
      await page.close();
    });
  }

  it('blocks remote loads and scripts by CSP even if markup were injected', async () => {
    const report = await renderReport(makeCase(), {
      audience: 'public',
      format: 'html',
      lang: 'en',
      secret: SECRET,
    });
    const injected = (report.content as string).replace(
      '</body>',
      '<img src="http://198.51.100.7/x.png"><script>document.title="pwned"</script></body>',
    );
    const page = await browser.newPage();
    // Requests that actually reach the network layer are routed here (and aborted); a CSP-blocked load never is.
    const reached: string[] = [];
    await page.route('**/*', async (route) => {
      reached.push(route.request().url());
      await route.abort();
    });
    await page.setContent(injected, { waitUntil: 'load' });
    expect(await page.title()).not.toBe('pwned');
    expect(reached).toEqual([]);
    // control: without the CSP meta the same markup does reach the network (so the check above can fail)
    const control = await browser.newPage();
    const controlReached: string[] = [];
    await control.route('**/*', async (route) => {
      controlReached.push(route.request().url());
      await route.abort();
    });
    await control.setContent(injected.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), {
      waitUntil: 'load',
    });
    expect(controlReached).toContain('http://198.51.100.7/x.png');
    await control.close();
    await page.close();
  });
});

describe.skipIf(!hasChromium)('PDF through headless Chromium', () => {
  it('prints the public report with no leak in text or metadata, no local path or host name', async () => {
    const dataset = makeCase();
    for (const lang of ['en', 'ar'] as const) {
      const report = await renderReport(dataset, {
        audience: 'public',
        format: 'pdf',
        lang,
        secret: SECRET,
        date: '2021-09-30',
      });
      const bytes = report.content as Uint8Array;
      expect(new TextDecoder('latin1').decode(bytes.slice(0, 5))).toBe('%PDF-');
      expect(report.filename).toMatch(/^vigil-case-[0-9A-Z]{10}-public-[a-z]{2}\.pdf$/);
      const latin1 = new TextDecoder('latin1').decode(bytes);
      const host = hostname();
      for (const needle of [
        'file://',
        tmpdir(),
        '/tmp/',
        'report.html',
        ...(host.length >= 5 ? [host] : []),
      ]) {
        expect(latin1).not.toContain(needle);
      }
      expect(latin1).toMatch(/\/CreationDate\s*\(D:20210930000000/);
      let text = '';
      try {
        const file = join(tmpdir(), `vigil-test-${process.pid}-${lang}.pdf`);
        writeFileSync(file, bytes);
        text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(info).toMatch(/Title:\s+(Case report|تقرير الحالة)/);
        for (const needle of [tmpdir(), 'file://', ...(host.length >= 5 ? [host] : [])])
          expect(info).not.toContain(needle);
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') {
          console.warn(
            '[report] pdftotext/pdfinfo missing (apt-get install -y poppler-utils): PDF text not checked',
          );
          continue;
        }
        throw error;
      }
      const view = redactCase(dataset, { audience: 'public', secret: SECRET });
      expect(() => assertNoLeak(text, sensitiveValuesOf(view))).not.toThrow();
      for (const value of Object.values(PUBLIC_SECRETS)) expect(text).not.toContain(value);
      expect(text).toContain('TLP:CLEAR');
    }
  }, 120_000);
});
