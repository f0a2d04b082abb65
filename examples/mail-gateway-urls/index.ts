// Check the links in incoming mail at a gateway: extract every URL from a message (plain text, HTML
// hrefs, quoted-printable), match them against an indicator set, and decide deliver / quarantine. The
// indicators are the made-up ExampleSpy set; the messages are made up too.
import { readFileSync } from 'node:fs';
import { createMatcher, loadIndicators } from '@vigil/matcher';

const set = loadIndicators(readFileSync(new URL('../device-artifacts/indicators.stix2', import.meta.url)), {
  format: 'stix2',
  file: 'indicators.stix2',
});
const matcher = createMatcher([set]);

/** Undoes quoted-printable: soft line breaks and =XX escapes. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}

/** Every http(s) URL in a raw RFC 5322 message: in text and in HTML attributes. */
function urlsInMessage(raw: string): string[] {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  if (/^content-transfer-encoding:\s*quoted-printable/im.test(head)) body = decodeQuotedPrintable(body);
  const found = new Set<string>();
  for (const m of body.matchAll(/href\s*=\s*["']([^"']+)["']/gi))
    if (m[1] !== undefined) found.add(m[1].trim());
  for (const m of body.matchAll(/\bhttps?:\/\/[^\s"'<>]+/gi)) found.add(m[0].replace(/[.,;:!?)]+$/, ''));
  return [...found];
}

interface Verdict {
  readonly action: 'deliver' | 'quarantine';
  readonly hits: readonly { url: string; indicator: string; indicates: readonly string[]; rule: string }[];
}

function checkMessage(raw: string): Verdict {
  const hits = urlsInMessage(raw).flatMap((url) =>
    matcher.match({ type: 'url', value: url }).map((m) => ({
      url,
      indicator: m.indicator.value,
      indicates: m.indicator.provenance.indicates,
      rule: m.rule,
    })),
  );
  return { action: hits.length > 0 ? 'quarantine' : 'deliver', hits };
}

const messages: Record<string, string> = {
  'newsletter (clean)': [
    'From: news@example.org',
    'Subject: Weekly digest',
    '',
    'Read more at https://news.example.org/2026/03/digest.',
  ].join('\r\n'),
  'phishing, HTML + quoted-printable': [
    'From: "Press office" <press@example.net>',
    'Subject: Statement about your article',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>Please read the <a href=3D"https://msg-delivery.test/r/8f2k1">statement</a> before=',
    ' tomorrow.</p>',
  ].join('\r\n'),
  'tracking pixel on a subdomain': [
    'From: shop@example.com',
    'Subject: Your order',
    'Content-Type: text/html',
    '',
    '<img src="x.png"><a href="https://A7.CDN-SYNC.example:8443/o?id=1">order</a>',
  ].join('\r\n'),
};

const expected: Record<string, Verdict['action']> = {
  'newsletter (clean)': 'deliver',
  'phishing, HTML + quoted-printable': 'quarantine',
  'tracking pixel on a subdomain': 'quarantine',
};
for (const [name, raw] of Object.entries(messages)) {
  const verdict = checkMessage(raw);
  console.log(`${name}: ${verdict.action}`);
  for (const h of verdict.hits)
    console.log(`  ${h.url} matched ${h.indicator} (${h.rule}; ${h.indicates.join(', ')})`);
  if (verdict.action !== expected[name])
    throw new Error(`${name}: expected ${expected[name]}, got ${verdict.action}`);
}
console.log(
  `mail-gateway-urls: ${Object.keys(messages).length} messages checked against ${set.indicators.length} indicators.`,
);
