import type { RedactedCase } from '../redacted-case.js';
import { hmacSha256, toUuid } from './hmac.js';
import { asOfTimestamp } from './render-stix.js';

const ATTRIBUTE: Record<string, [string, string]> = {
  domain: ['domain', 'Network activity'],
  url: ['url', 'Network activity'],
  ip: ['ip-dst', 'Network activity'],
  cidr: ['ip-dst', 'Network activity'],
  email: ['email-src', 'Payload delivery'],
  'file-name': ['filename', 'Artifacts dropped'],
  'file-path': ['filename', 'Artifacts dropped'],
  'app-id': ['text', 'Artifacts dropped'],
  'app-cert': ['text', 'Artifacts dropped'],
  'configuration-profile': ['text', 'Artifacts dropped'],
  'android-property': ['text', 'Artifacts dropped'],
};

const DISTRIBUTION: Record<string, string> = {
  public: '3',
  partners: '1',
  internal: '0',
  victim: '0',
  'un-submission': '0',
};

/** Builds a MISP event (core format) of a redacted case, with the Markdown report as its EventReport. */
export function buildMispEvent(
  view: RedactedCase,
  secretKey: string,
  options: { date?: string; markdown: string },
): object {
  const asOf = asOfTimestamp(view, options.date);
  const unix = String(Math.floor(Date.parse(asOf) / 1000));
  const uuid = (key: string): string => toUuid(hmacSha256(secretKey, `misp\u0000${key}`));
  const tags = [{ name: `tlp:${view.tlp}` }];
  const confidences = view.findings
    .map((f) => f.confidence?.label)
    .filter((x): x is 'low' | 'medium' | 'high' => x !== undefined);
  if (confidences.length > 0) {
    const best = confidences.includes('high') ? 'high' : confidences.includes('medium') ? 'moderate' : 'low';
    tags.push({ name: `estimative-language:confidence-in-analytic-judgment="${best}"` });
  }
  const attributes: object[] = [];
  const objects: object[] = [];
  const sightings = new Map<string, string[]>();
  for (const f of view.findings) {
    for (const m of f.matches ?? []) {
      if (m.indicator === undefined) continue;
      const stamp = m.observedAt !== undefined ? Date.parse(m.observedAt) : Number.NaN;
      sightings.set(m.indicator, [
        ...(sightings.get(m.indicator) ?? []),
        Number.isNaN(stamp) ? unix : String(Math.floor(stamp / 1000)),
      ]);
    }
  }
  const sightingList = (ref: string) =>
    (sightings.get(ref) ?? []).map((date, n) => ({
      uuid: uuid(`sighting:${ref}:${n}`),
      type: '0',
      date_sighting: date,
      source: '',
    }));
  for (const i of view.indicators) {
    if (i.type === undefined || i.value === undefined) continue;
    if (i.type === 'process-name') {
      objects.push({
        uuid: uuid(`object:${i.ref}`),
        name: 'process',
        meta_category: 'misc',
        distribution: '5',
        timestamp: unix,
        Attribute: [
          {
            uuid: uuid(`attr:${i.ref}`),
            object_relation: 'name',
            type: 'text',
            category: 'Artifacts dropped',
            value: i.value,
            to_ids: false,
            distribution: '5',
            timestamp: unix,
            Tag: [{ name: `tlp:${i.tlp}` }],
            Sighting: sightingList(i.ref),
          },
        ],
      });
      continue;
    }
    let [type, category] = ATTRIBUTE[i.type] ?? ['text', 'Other'];
    if (i.type === 'hash') type = i.value.length === 32 ? 'md5' : i.value.length === 40 ? 'sha1' : 'sha256';
    if (i.type === 'hash') category = 'Payload delivery';
    attributes.push({
      uuid: uuid(`attr:${i.ref}`),
      type,
      category,
      value: i.value,
      to_ids: type !== 'text',
      distribution: '5',
      timestamp: unix,
      comment: `${i.ref}`,
      Tag: [{ name: `tlp:${i.tlp}` }],
      Sighting: sightingList(i.ref),
    });
  }
  for (const s of view.sources) {
    if (s.url === undefined) continue;
    attributes.push({
      uuid: uuid(`src:${s.ref}`),
      type: 'link',
      category: 'External analysis',
      value: s.url,
      to_ids: false,
      distribution: '5',
      timestamp: unix,
      comment: (s.title ?? '').slice(0, 200),
    });
  }
  return {
    Event: {
      uuid: uuid('event'),
      info: view.title.replace(/[\r\n]+/g, ' ').slice(0, 256),
      date: asOf.slice(0, 10),
      threat_level_id: '1',
      analysis: '2',
      distribution: DISTRIBUTION[view.audience] ?? '0',
      published: false,
      timestamp: unix,
      Tag: tags,
      Attribute: attributes,
      Object: objects,
      EventReport: [
        {
          uuid: uuid('report'),
          name: view.title.slice(0, 256),
          content: options.markdown,
          distribution: '5',
          timestamp: unix,
        },
      ],
    },
  };
}
