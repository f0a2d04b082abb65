// Runs in the browser: loads the indicator set bundled with the page and checks pasted links with
// @vigil/matcher. No network request is made (the page's Content-Security-Policy forbids them).
import { createMatcher, loadIndicators } from '@vigil/matcher';
import stix from '../../device-artifacts/indicators.stix2?raw';

const set = loadIndicators(stix, { format: 'stix2', file: 'indicators.stix2' });
const matcher = createMatcher([set]);

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
};
byId('set').textContent = `${set.indicators.length} indicators of ${[
  ...new Set(set.indicators.flatMap((i) => i.provenance.indicates)),
].join(', ')} (made up, for the example)`;

/** Links in pasted text: with a scheme, or starting with www., or bare host/path forms. */
function linksIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:https?:\/\/|www\.)[^\s"'<>]+/gi))
    found.add(m[0].replace(/[.,;:!?)\]]+$/, ''));
  for (const m of text.matchAll(/(?<![\w./@-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s"'<>]*)?/gi))
    if (![...found].some((f) => f.includes(m[0]))) found.add(m[0].replace(/[.,;:!?)\]]+$/, ''));
  return [...found];
}

function check(): void {
  const body = byId<HTMLTableElement>('results').tBodies[0];
  if (body === undefined) return;
  body.replaceChildren();
  const links = linksIn(byId<HTMLTextAreaElement>('message').value);
  let hits = 0;
  for (const link of links) {
    const matches = matcher.match({ type: 'url', value: link });
    const row = body.insertRow();
    row.className = matches.length > 0 ? 'hit' : 'clear';
    row.insertCell().textContent = link;
    const names = [...new Set(matches.flatMap((m) => m.indicator.provenance.indicates))];
    row.insertCell().textContent =
      matches.length > 0
        ? `Known ${names.join(', ')} indicator: ${matches.map((m) => `${m.indicator.type} ${m.indicator.value} (${m.rule})`).join('; ')}`
        : 'No match in this set';
    if (matches.length > 0) hits++;
  }
  byId('results').hidden = links.length === 0;
  byId('verdict').textContent =
    links.length === 0
      ? 'No link found in the message.'
      : hits > 0
        ? `${hits} of ${links.length} link(s) match known spyware indicators. Do not open them; ask a digital-security helpline for help.`
        : `None of the ${links.length} link(s) match this indicator set. That does not prove they are safe.`;
  document.body.dataset.checked = String(links.length);
}

byId('check').addEventListener('click', check);
document.body.dataset.ready = 'true';
