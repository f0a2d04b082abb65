import type { EvidenceLevel, FuzzyDate, Period, Tlp } from '@vigil/core';
import { EVIDENCE_LEVELS } from '@vigil/core';
import type { MessageKey, ReportLanguage } from '../messages.js';
import type { Redacted, RedactedCase, RedactedPerson } from '../redacted-case.js';
import type { Block, Cell, Inline, ReportDocument } from './document.js';
import { code, data, strong, text } from './document.js';
import type { Translator } from './i18n.js';
import { createTranslator } from './i18n.js';
import { defangText, displayIndicator, visible } from './text.js';

/** A derived level per person ref, computed from the redacted records only (so never above what is shown). */
export function levelsOf(view: RedactedCase): Map<string, EvidenceLevel> {
  const findings = new Map(view.findings.map((f) => [f.ref, f]));
  const out = new Map<string, EvidenceLevel>();
  const raise = (person: string, level: EvidenceLevel): void => {
    const current = out.get(person);
    if (current === undefined || EVIDENCE_LEVELS.indexOf(level) > EVIDENCE_LEVELS.indexOf(current))
      out.set(person, level);
  };
  for (const t of view.targeting) {
    if (t.person === undefined) continue;
    for (const basis of t.bases ?? []) {
      if (basis.kind === 'listed') raise(t.person, 'listed');
      else if (basis.kind === 'attempt' && (basis.event !== undefined || basis.finding !== undefined))
        raise(t.person, 'targeted');
      else if (basis.kind === 'finding' && basis.finding !== undefined) {
        const f = findings.get(basis.finding);
        if (f?.outcome === 'infected') {
          const confirmed = view.reviews.some(
            (r) =>
              r.finding === f.ref &&
              r.outcome === 'confirmed' &&
              r.reviewer !== undefined &&
              r.reviewer !== f.performedBy,
          );
          raise(t.person, confirmed ? 'independently-confirmed' : 'infected');
        } else if (f?.outcome === 'attempted') raise(t.person, 'targeted');
      }
    }
    // A claimed level is never shown above the evidence; without a usable basis nothing is raised.
  }
  return out;
}

const LEVEL_KEY: Record<string, MessageKey> = {
  listed: 'level.listed',
  targeted: 'level.targeted',
  infected: 'level.infected',
  'independently-confirmed': 'level.independently-confirmed',
  inconclusive: 'level.inconclusive',
  'no-evidence-found': 'level.no-evidence-found',
  attempted: 'level.attempted',
};

function sortKey(date: Redacted<FuzzyDate> | undefined): string {
  return date?.value ?? '9999';
}

/** Options of the document builder. */
export interface BuildOptions {
  readonly lang: ReportLanguage;
  /** A date for "date of this version" (ISO), injected so outputs stay deterministic. */
  readonly date?: string;
}

/** Builds the format-neutral report document of a redacted case. */
export function buildDocument(view: RedactedCase, options: BuildOptions): ReportDocument {
  const tr = createTranslator(options.lang);
  const { t } = tr;
  const v = (s: string | undefined): string => visible(defangText(s ?? ''));
  const blocks: Block[] = [];
  const h = (depth: 1 | 2 | 3, s: string | Inline[]): void => {
    blocks.push({ t: 'heading', depth, content: typeof s === 'string' ? [text(s)] : s });
  };
  /** A message whose one placeholder is case data: the data is isolated, the fixed text around it is not. */
  const withData = (key: MessageKey, name: string, value: string): Inline[] => {
    const [before = '', after = ''] = t(key, { [name]: '\u0000' }).split('\u0000');
    return [...(before ? [text(before)] : []), data(value), ...(after ? [text(after)] : [])];
  };
  const p = (...content: Inline[]): void => {
    blocks.push({ t: 'paragraph', content });
  };
  const list = (items: Inline[][]): void => {
    blocks.push({ t: 'list', items: items.length > 0 ? items : [[text(t('empty'))]] });
  };
  const table = (head: string[], rows: Cell[][]): void => {
    if (rows.length === 0) p(text(t('empty')));
    else blocks.push({ t: 'table', head, rows });
  };
  const persons = new Map(view.persons.map((x) => [x.ref, x]));
  const orgs = new Map(view.organizations.map((x) => [x.ref, x]));
  const nameOf = (ref: string | undefined): string => {
    if (ref === undefined) return t('unknown');
    const person = persons.get(ref);
    if (person !== undefined) return v(person.displayName);
    const org = orgs.get(ref);
    if (org?.name !== undefined) return v(org.name);
    const named = [...view.operators, ...view.products, ...view.exploits].find((x) => x.ref === ref);
    if (named?.name !== undefined) return v(named.name);
    return ref;
  };
  const subjectName = (ref: string): string => {
    const finding = view.findings.find((f) => f.ref === ref);
    if (finding !== undefined) {
      const user = view.devices.find((d) => d.ref === finding.device)?.user;
      return user !== undefined ? nameOf(user) : ref;
    }
    const targeting = view.targeting.find((x) => x.ref === ref);
    if (targeting?.person !== undefined) return nameOf(targeting.person);
    return nameOf(ref);
  };
  const certainty = (
    c: { readonly score?: number | undefined; readonly label?: string | undefined } | undefined,
  ): string =>
    c?.score === undefined
      ? t('certainty.unstated')
      : t('certainty.value', {
          label: c.label !== undefined ? t(`certainty.${c.label}` as MessageKey) : tr.number(c.score),
          score: c.score,
        });
  const levels = levelsOf(view);
  const tlpUpper = `TLP:${view.tlp.toUpperCase()}`;

  // Front matter.
  h(1, withData('report.title', 'title', v(view.title)));
  p(
    strong(tlpUpper),
    text(` ${t(`report.tlp.${view.tlp}` as MessageKey).replace(/^TLP:[A-Z+]+\s*:\s*/, '')}`),
  );
  p(text(t('report.audience', { audience: t(`audience.${view.audience}` as MessageKey) })));
  p(text(`${t('report.reference')}: `), code(view.ref));
  if (options.date !== undefined) p(text(t('report.generated', { date: tr.date({ value: options.date }) })));
  if (view.description !== undefined) p(data(v(view.description)));

  // Key findings.
  h(2, t('section.keyFindings'));
  const items: Inline[][] = [];
  for (const level of [...EVIDENCE_LEVELS].reverse()) {
    const count = [...levels.values()].filter((l) => l === level).length;
    if (count > 0)
      items.push([text(t('finding.level', { level: t(LEVEL_KEY[level] as MessageKey), count }))]);
  }
  for (const outcome of ['inconclusive', 'no-evidence-found'] as const) {
    const count = view.findings.filter((f) => f.outcome === outcome).length;
    if (count > 0)
      items.push([text(t('finding.devices', { outcome: t(LEVEL_KEY[outcome] as MessageKey), count }))]);
  }
  const seen = new Set<string>();
  for (const a of view.attributions) {
    const subject = a.operator ?? a.supplier ?? a.client;
    const line = t('finding.attribution', {
      subject: subject !== undefined ? nameOf(subject) : v(a.clientDescription ?? t('unknown')),
      confidence: certainty(a.confidence),
    });
    if (seen.has(line)) continue;
    seen.add(line);
    items.push([text(line)]);
  }
  if (items.length === 0) items.push([text(t('finding.none'))]);
  list(items);
  p(text(t('finding.notClean')));
  if (view.audience === 'victim') {
    h(2, t('section.victimNote'));
    p(text(t('victim.note')));
  }

  if (view.audience === 'un-submission') {
    const confidentialityOf = (ref: string): string => {
      const entry = view.confidentiality.find((c) => c.field === 'victim-identity' && c.ref === ref);
      return t(`confidentiality.${entry?.level ?? 'confidential'}` as MessageKey);
    };
    h(2, t('un.section'));
    h(3, t('un.submitter'));
    p(strong(t('confidentiality.confidential')), text(` ${t('un.submitterNote')}`));
    h(3, t('un.victims'));
    list(
      view.persons.map((x) => [
        data(v(x.displayName)),
        text(' '),
        code(x.code),
        text(`: ${(x.roles ?? []).map((r) => tr.v('role', r)).join(', ') || t('unknown')}`),
        ...(x.location?.country !== undefined ? [text(`, ${tr.country(x.location.country)}`)] : []),
        text(' ('),
        strong(confidentialityOf(x.ref)),
        text(')'),
      ]),
    );
    h(3, t('un.perpetrators'));
    list(
      view.attributions.map((a) => [
        data(
          [a.operator, a.supplier, a.client]
            .filter((x): x is string => x !== undefined)
            .map(nameOf)
            .concat(
              a.clientDescription !== undefined && a.client === undefined ? [v(a.clientDescription)] : [],
            )
            .join(', ') || t('unknown'),
        ),
        ...(a.suspectedState !== undefined
          ? [text(` (${t('attr.state')}: ${tr.country(a.suspectedState)})`)]
          : []),
        text(`; ${t('certainty.attribution')}: ${certainty(a.confidence)}`),
      ]),
    );
    h(3, t('un.incidents'));
    p(text(t('un.incidentsNote')));
    h(3, t('un.steps'));
    list(
      view.interventions.map((i) => [
        text(`${tr.date(i.date)}: `),
        code(i.kind ?? 'other'),
        ...((i.addressedTo ?? []).length > 0
          ? [text(' '), data((i.addressedTo ?? []).map(nameOf).join(', '))]
          : []),
      ]),
    );
    h(3, t('un.consent'));
    list(
      view.persons.map((x) => [
        data(v(x.displayName)),
        text(': '),
        text(
          t('un.consentRow', {
            status: x.consent?.status ?? t('unknown'),
            scope: (x.consent?.scope ?? []).join(', ') || '—',
          }),
        ),
      ]),
    );
  }

  // Scope and methodology.
  h(2, t('section.scope'));
  h(3, t('section.tools'));
  const tools = new Map<string, Cell[]>();
  for (const f of view.findings) {
    if (f.tool?.name !== undefined)
      tools.set(`a${f.tool.name}${f.tool.version}`, [
        [code(visible(f.tool.name))],
        [code(visible(f.tool.version ?? '—'))],
        [text(t('tool.analysis'))],
      ]);
  }
  for (const e of view.evidence) {
    const tool = e.acquisition?.tool;
    if (tool?.name !== undefined)
      tools.set(`b${tool.name}${tool.version}`, [
        [code(visible(tool.name))],
        [code(visible(tool.version ?? '—'))],
        [text(t('tool.acquisition'))],
      ]);
  }
  table([t('col.tool'), t('col.version'), t('col.usedFor')], [...tools.values()]);
  h(3, t('section.indicatorSets'));
  table(
    [t('col.name'), t('col.version'), t('col.sha256'), t('col.origin'), t('col.licence'), t('col.tlp')],
    view.indicatorSets.map((s) => [
      [data(v(s.name))],
      [code(visible(s.version ?? '—'))],
      [code(s.source?.sha256 ?? '—')],
      [
        code(
          visible([s.source?.repository, s.source?.file, s.source?.commit].filter(Boolean).join(' ') || '—'),
        ),
      ],
      [data(v(s.source?.licence ?? '—'))],
      [code(`TLP:${s.tlp.toUpperCase()}`)],
    ]),
  );
  h(3, t('section.limitations'));
  const limitations = [...new Set(view.findings.flatMap((f) => f.limitations ?? []))];
  list(limitations.map((l) => [data(v(l))]));

  // People and devices.
  h(2, t('section.persons'));
  const devicesOf = (ref: string) => view.devices.filter((d) => d.user === ref);
  for (const person of view.persons) {
    h(3, [data(v(person.displayName)), text(' '), code(person.code)]);
    const rows: Cell[][] = [];
    rows.push([[text(t('card.code'))], [code(person.code)]]);
    if (person.kind === 'group' && person.groupSize !== undefined)
      rows.push([[text(t('col.kind'))], [text(t('card.group', { count: person.groupSize }))]]);
    if ((person.roles ?? []).length > 0)
      rows.push([
        [text(t('card.roles'))],
        [text((person.roles ?? []).map((r) => tr.v('role', r)).join(', '))],
      ]);
    if (person.roleDescription !== undefined) {
      rows.push([[text(t('card.roleDescription'))], [data(v(person.roleDescription))]]);
    }
    if (person.location?.country !== undefined) {
      const place = [person.location.city, person.location.region]
        .filter((x): x is string => x !== undefined)
        .map(v);
      rows.push([
        [text(t('card.country'))],
        [text([...place, tr.country(person.location.country)].join(', '))],
      ]);
    }
    const level = levels.get(person.ref);
    rows.push([
      [text(t('card.level'))],
      [text(level !== undefined ? t(LEVEL_KEY[level] as MessageKey) : t('unknown'))],
    ]);
    if (person.deceased !== undefined)
      rows.push([[text(t('card.deceased'))], [text(tr.date(person.deceased.date))]]);
    for (const harm of view.harms.filter((x) => x.victim === person.ref)) {
      rows.push([
        [text(t('card.harm'))],
        [
          text(
            `${tr.v('harmKind', harm.kind ?? 'other')}, ${tr.period(harm.when)} (${t(`link.${harm.link ?? 'none-claimed'}` as MessageKey)})`,
          ),
        ],
      ]);
    }
    for (const identifier of view.identifiers.filter((i) =>
      (i.links ?? []).some((l) => l.person === person.ref),
    )) {
      const cell: Inline[] = [code(identifier.kind ?? 'other')];
      if (identifier.value !== undefined) {
        cell.push(
          text(' '),
          code(displayIndicator(identifier.kind === 'email' ? 'email' : 'other', identifier.value)),
        );
      }
      if ((identifier.listedIn ?? []).length > 0) cell.push(text(` (${t('card.listed')})`));
      rows.push([[text(t('card.identifier'))], cell]);
    }
    for (const device of devicesOf(person.ref)) {
      const label = [device.platform, device.model, device.osVersion]
        .filter((x): x is string => x !== undefined)
        .map(visible)
        .join(' ');
      rows.push([[text(t('card.device'))], [code(device.ref), text(label.length > 0 ? ` ${label}` : '')]]);
      for (const f of view.findings.filter((x) => x.device === device.ref)) {
        rows.push([
          [text(t('card.outcome'))],
          [text(t(LEVEL_KEY[f.outcome ?? 'inconclusive'] as MessageKey))],
        ]);
        if (f.infectionPeriod !== undefined)
          rows.push([[text(t('card.infection'))], [text(tr.period(f.infectionPeriod))]]);
        rows.push([[text(t('certainty.technical'))], [text(certainty(f.confidence))]]);
        if (f.performedBy !== undefined)
          rows.push([[text(t('card.analysedBy'))], [data(nameOf(f.performedBy))]]);
        const reviewers = view.reviews
          .filter((r) => r.finding === f.ref && r.outcome === 'confirmed')
          .map((r) => nameOf(r.reviewer));
        if (reviewers.length > 0) rows.push([[text(t('card.confirmedBy'))], [text(reviewers.join(', '))]]);
        const matches = (f.matches ?? []).map((m) => displayIndicator(m.type ?? 'other', m.value ?? ''));
        if (matches.length > 0)
          rows.push([
            [text(t('card.matches'))],
            matches.flatMap((m, i) => (i === 0 ? [code(m)] : [text(', '), code(m)])),
          ]);
      }
    }
    table([t('col.field'), t('col.value')], rows);
  }

  // Timeline.
  h(2, t('section.timeline'));
  const timeline = timelineRows(view, tr);
  table(
    [t('col.date'), t('col.kind'), t('col.description'), t('col.people')],
    timeline.map((r) => [
      [code(r.iso)],
      [text(r.kind)],
      [text(r.description)],
      [text(r.people.map(nameOf).join(', '))],
    ]),
  );

  // Attribution.
  h(2, t('section.attribution'));
  if (view.attributions.length === 0) p(text(t('empty')));
  for (const a of view.attributions) {
    const rows: Cell[][] = [];
    if (a.operator !== undefined) rows.push([[text(t('attr.operator'))], [data(nameOf(a.operator))]]);
    if (a.supplier !== undefined) rows.push([[text(t('attr.supplier'))], [data(nameOf(a.supplier))]]);
    if (a.client !== undefined || a.clientDescription !== undefined)
      rows.push([
        [text(t('attr.client'))],
        [text(a.client !== undefined ? nameOf(a.client) : v(a.clientDescription))],
      ]);
    if (a.suspectedState !== undefined)
      rows.push([[text(t('attr.state'))], [text(tr.country(a.suspectedState))]]);
    rows.push([[text(t('attr.basis'))], [text((a.basis ?? []).map((b) => tr.v('basis', b)).join(', '))]]);
    rows.push([[text(t('certainty.attribution'))], [text(certainty(a.confidence))]]);
    if (a.confidence?.rationale !== undefined)
      rows.push([[text(t('col.description'))], [data(v(a.confidence.rationale))]]);
    if (a.officialResponse !== undefined)
      rows.push([[text(t('attr.response'))], [text(tr.v('basis', a.officialResponse))]]);
    rows.push([
      [text(t('attr.subjects'))],
      [text([...new Set((a.subjects ?? []).map(subjectName))].join(', '))],
    ]);
    table([t('col.field'), t('col.value')], rows);
  }

  // Harms.
  h(2, t('section.harms'));
  table(
    [t('col.person'), t('col.kind'), t('col.date'), t('col.link'), t('col.description')],
    view.harms.map((x) => [
      [data(nameOf(x.victim))],
      [text(tr.v('harmKind', x.kind ?? 'other'))],
      [text(tr.period(x.when))],
      [text(t(`link.${x.link ?? 'none-claimed'}` as MessageKey))],
      [data(v([x.description, x.sentence].filter(Boolean).join(' ')))],
    ]),
  );

  // Aggregate claims.
  h(2, t('section.aggregate'));
  table(
    [t('col.statement'), t('col.stated'), t('col.recordsAll'), t('col.records'), t('col.source')],
    view.aggregateClaims.map((c) => {
      const shown = view.persons.filter((x) => {
        const roles = c.filter?.roles;
        if (roles !== undefined && !(x.roles ?? []).some((r) => roles.includes(r))) return false;
        const countries = c.filter?.countries;
        if (countries !== undefined && !countries.includes(x.location?.country ?? '')) return false;
        const min = c.filter?.minLevel;
        const level = levels.get(x.ref);
        if (
          min !== undefined &&
          (level === undefined || EVIDENCE_LEVELS.indexOf(level) < EVIDENCE_LEVELS.indexOf(min))
        )
          return false;
        if (c.members !== undefined && !c.members.includes(x.ref)) return false;
        return c.filter !== undefined || c.members !== undefined;
      }).length;
      const sourceRef = c.citations?.[0]?.source;
      const source = view.sources.find((s) => s.ref === sourceRef);
      const stated =
        c.count !== undefined
          ? t('aggregate.count', {
              qualifier: t(`qualifier.${c.count.qualifier}` as MessageKey),
              n: tr.number(c.count.n ?? 0),
            })
          : '—';
      return [
        [data(v(c.statement))],
        [text(stated)],
        [
          text(
            c.recordsShow !== undefined
              ? `${tr.number(c.recordsShow.computed)} (${t(`reconcile.${c.recordsShow.status}` as MessageKey)})`
              : '—',
          ),
        ],
        [text(t('aggregate.records', { count: shown }))],
        [text(source?.title !== undefined ? v(source.title) : '—')],
      ];
    }),
  );

  // Demands and interventions.
  h(2, t('section.interventions'));
  table(
    [t('col.date'), t('col.by'), t('col.to'), t('col.demand'), t('col.status')],
    view.interventions.flatMap((i) =>
      (i.demands ?? []).map((d) => [
        [text(tr.date(i.date))],
        [
          text(
            (i.by ?? []).map(nameOf).join(', ') +
              (i.byCount?.n !== undefined ? ` (${tr.number(i.byCount.n)})` : ''),
          ),
        ],
        [text((i.addressedTo ?? []).map(nameOf).join(', '))],
        [
          text(
            tr.v('demandKind', d.kind ?? 'other') +
              (d.description !== undefined ? `: ${v(d.description)}` : ''),
          ),
        ],
        [text(tr.v('demandStatus', d.status ?? 'unknown'))],
      ]),
    ),
  );

  // Sources.
  h(2, t('section.sources'));
  list(
    view.sources.map((s) => {
      const parts: Inline[] = [data(v(s.title ?? ''))];
      if (s.publisher !== undefined) parts.push(text(`, ${v(s.publisher)}`));
      if (s.date !== undefined) parts.push(text(`, ${tr.date(s.date)}`));
      if (s.url !== undefined) parts.push(text(' '), code(displayIndicator('url', s.url)));
      parts.push(text(` (${t('col.reliability')}: ${s.reliability ?? '—'})`));
      return parts;
    }),
  );

  if (view.audience === 'un-submission') {
    h(2, t('section.confidentiality'));
    table(
      [t('col.field'), t('col.person'), t('col.level'), t('col.reason')],
      view.confidentiality.map((c) => [
        [code(c.field)],
        [text(c.ref !== undefined ? nameOf(c.ref) : '—')],
        [strong(t(`confidentiality.${c.level}` as MessageKey))],
        [code(c.reason)],
      ]),
    );
  }

  // Appendices.
  h(2, t('section.appendixIndicators'));
  const sets = new Map(view.indicatorSets.map((s) => [s.ref, s]));
  table(
    [t('col.type'), t('col.value'), t('col.set'), t('col.tlp')],
    view.indicators.map((i) => [
      [code(i.type ?? '')],
      [code(displayIndicator(i.type ?? '', i.value ?? ''))],
      [data(v(sets.get(i.set ?? '')?.name ?? '—'))],
      [code(tlpLabel(i.tlp))],
    ]),
  );
  h(2, t('section.appendixCustody'));
  table(
    [t('col.evidence'), t('col.kind'), t('col.acquired'), t('col.tool'), t('col.sha256')],
    view.evidence.map((e) => [
      [code(e.ref)],
      [code(e.kind ?? '')],
      [code(e.acquisition?.at ?? '—')],
      [
        code(
          visible([e.acquisition?.tool?.name, e.acquisition?.tool?.version].filter(Boolean).join(' ') || '—'),
        ),
      ],
      [code(e.sha256 ?? '—')],
    ]),
  );
  const custody = view.evidence.flatMap((e) =>
    (e.custody ?? []).map(
      (c) =>
        [
          [code(e.ref)],
          [code(c.at ?? '—')],
          [code(c.action ?? '')],
          [text(c.actor !== undefined ? nameOf(c.actor) : '—')],
          [code(c.sha256 ?? '—')],
        ] as Cell[],
    ),
  );
  if (custody.length > 0)
    table([t('col.evidence'), t('col.date'), t('col.action'), t('col.actor'), t('col.sha256')], custody);
  h(2, t('section.glossary'));
  list(
    (
      [
        'listed',
        'targeted',
        'infected',
        'independently-confirmed',
        'inconclusive',
        'no-evidence-found',
      ] as const
    ).map((k) => [strong(t(LEVEL_KEY[k] as MessageKey)), text(`: ${t(`glossary.${k}` as MessageKey)}`)]),
  );
  const withheld = Object.values(view.withheld).reduce((a, b) => a + b, 0);
  p(text(t('report.withheld', { count: withheld })));

  return {
    title: t('report.title', { title: v(view.title) }),
    lang: options.lang,
    dir: tr.dir,
    tlp: tlpUpper,
    tlpStatement: t(`report.tlp.${view.tlp}` as MessageKey),
    blocks,
  };
}

function tlpLabel(tlp: Tlp): string {
  return `TLP:${tlp.toUpperCase()}`;
}

/** One row of the combined timeline. */
export interface TimelineRow {
  readonly iso: string;
  readonly date: string;
  readonly kindCode: string;
  readonly kind: string;
  readonly description: string;
  readonly people: readonly string[];
  readonly refs: readonly string[];
}

/** The combined timeline: events, harms and infection periods, sorted by date. */
export function timelineRows(view: RedactedCase, tr: Translator): TimelineRow[] {
  const rows: (TimelineRow & { key: string })[] = [];
  const vis = (s: string | undefined): string => visible(defangText(s ?? ''));
  const iso = (p: Redacted<Period> | undefined): string =>
    p?.start?.value === undefined
      ? ''
      : p.end?.value !== undefined && p.end.value !== p.start.value
        ? `${p.start.value}/${p.end.value}`
        : p.start.value;
  for (const e of view.events) {
    rows.push({
      key: sortKey(e.when?.start),
      iso: iso(e.when),
      date: tr.period(e.when),
      kindCode: e.kind ?? 'other',
      kind: tr.v('eventKind', e.kind ?? 'other'),
      description: vis(e.description),
      people: (e.participants ?? []).filter((r) => view.persons.some((x) => x.ref === r)),
      refs: [e.ref],
    });
  }
  for (const h of view.harms) {
    if (h.when === undefined) continue;
    // A harm already on the timeline as an event of the same kind and date is not repeated.
    if (
      view.events.some(
        (e) =>
          e.kind === h.kind &&
          e.when?.start?.value === h.when?.start?.value &&
          (e.participants ?? []).includes(h.victim ?? ''),
      )
    )
      continue;
    rows.push({
      key: sortKey(h.when.start),
      iso: iso(h.when),
      date: tr.period(h.when),
      kindCode: h.kind ?? 'other',
      kind: tr.v('harmKind', h.kind ?? 'other'),
      description: vis(h.description),
      people: h.victim !== undefined ? [h.victim] : [],
      refs: [h.ref],
    });
  }
  for (const f of view.findings) {
    if (f.infectionPeriod === undefined || f.outcome !== 'infected') continue;
    const device = view.devices.find((d) => d.ref === f.device);
    if (
      view.events.some(
        (e) => e.kind === 'infection' && e.when?.start?.value === f.infectionPeriod?.start?.value,
      )
    )
      continue;
    rows.push({
      key: sortKey(f.infectionPeriod.start),
      iso: iso(f.infectionPeriod),
      date: tr.period(f.infectionPeriod),
      kindCode: 'infection',
      kind: tr.v('eventKind', 'infection'),
      description: device !== undefined ? device.ref : '',
      people: device?.user !== undefined ? [device.user] : [],
      refs: [f.ref],
    });
  }
  rows.sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : (a.refs[0] ?? '') < (b.refs[0] ?? '') ? -1 : 1,
  );
  return rows.map(({ key: _key, ...row }) => row);
}

export type { RedactedPerson };
