import type { Dataset } from './dataset.js';
import { COLLECTIONS } from './dataset.js';
import { effectiveMarking } from './effective-marking.js';
import { EVIDENCE_LEVELS } from './evidence.js';
import { dateBounds } from './internal/dates.js';
import { deriveLadder, rank } from './internal/ladder.js';
import { collectReferences, indexRecords } from './internal/references.js';
import type { Issue } from './issue.js';

/**
 * Checks the integrity rules a schema cannot express, and returns every problem as an {@link Issue}:
 *
 * - `DUPLICATE_ID`: two records share an id;
 * - `DANGLING_REFERENCE`: a reference (including a marking's audience and a citation's source) does not
 *   resolve, or resolves to a record of the wrong collection;
 * - `INVALID_DATE`: a date impossible for its precision (month 13, 2021-02-30) or a period that ends before
 *   it starts;
 * - `BASIS_NOT_APPLICABLE`: a targeting basis that does not hold (a finding on another person's device, an
 *   identifier not linked to the person, an event the person is not part of);
 * - `LEVEL_NOT_SUPPORTED`: a `claimedLevel` above what the assessment's evidence supports;
 * - `REVIEW_NOT_INDEPENDENT`: a review by the organisation that performed the finding (error), or of a finding
 *   whose performer is unknown (warning);
 * - `FINDING_CONTESTED` (warning): a finding disputed or refuted by a review;
 * - `NAME_WITHOUT_CONSENT`: a person's `realName` on a record whose effective marking is CLEAR, without
 *   consent (`given` with the `publish-name` scope, or `not-required` with a stated basis);
 * - `NAME_CONSENT_REFUSED` (warning): a real name kept (on a non-CLEAR record) although consent was refused;
 * - `GROUP_SIZE_MISSING` (warning): a group record without `groupSize`.
 *
 * Pure: the dataset is not changed.
 *
 * @returns Issues in a stable order; empty when the dataset is sound.
 *
 * @example
 * ```ts
 * import { checkDataset, parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'clear' } });
 * dataset.reviews.push({ id: 'review--r1', finding: 'finding--missing', reviewer: 'organization--lab', outcome: 'confirmed' });
 * checkDataset(dataset).map((issue) => issue.code); // ['DANGLING_REFERENCE', 'DANGLING_REFERENCE']
 * ```
 */
export function checkDataset(dataset: Dataset): Issue[] {
  const issues: Issue[] = [];

  // Unique ids across the whole dataset.
  const seen = new Map<string, (string | number)[]>();
  for (const collection of COLLECTIONS) {
    (dataset[collection] as { id: string }[]).forEach((record, index) => {
      const first = seen.get(record.id);
      if (first !== undefined) {
        issues.push({
          code: 'DUPLICATE_ID',
          path: [collection, index, 'id'],
          message: `Id ${record.id} is already used at ${first.join('.')}`,
          severity: 'error',
        });
      } else {
        seen.set(record.id, [collection, index, 'id']);
      }
    });
  }

  // References resolve to the right collection.
  const index = indexRecords(dataset);
  for (const ref of collectReferences(dataset)) {
    const target = index.get(ref.id);
    if (target === undefined) {
      issues.push({
        code: 'DANGLING_REFERENCE',
        path: ref.path,
        message: `${ref.id} does not resolve to any record (expected one of: ${ref.allowed.join(', ')})`,
        severity: 'error',
      });
    } else if (!ref.allowed.includes(target.collection)) {
      issues.push({
        code: 'DANGLING_REFERENCE',
        path: ref.path,
        message: `${ref.id} is in ${target.collection}, expected one of: ${ref.allowed.join(', ')}`,
        severity: 'error',
      });
    }
  }

  checkDates(dataset, issues);

  // The evidence ladder.
  const ladder = deriveLadder(dataset);
  issues.push(...ladder.issues);
  dataset.targeting.forEach((assessment, i) => {
    const claimed = assessment.claimedLevel;
    const supported = ladder.byAssessment[i];
    if (claimed !== undefined && rank(claimed) > rank(supported)) {
      issues.push({
        code: 'LEVEL_NOT_SUPPORTED',
        path: ['targeting', i, 'claimedLevel'],
        message: `Claimed level "${claimed}" but the evidence supports ${
          supported === undefined ? 'no level at all' : `only "${supported}"`
        } (ladder: ${EVIDENCE_LEVELS.join(' < ')})`,
        severity: 'error',
      });
    }
  });

  // Reviews must come from another organisation.
  const findings = new Map(dataset.findings.map((f) => [f.id, f]));
  dataset.reviews.forEach((review, i) => {
    const finding = findings.get(review.finding);
    if (finding === undefined) return;
    if (finding.performedBy === undefined) {
      issues.push({
        code: 'REVIEW_NOT_INDEPENDENT',
        path: ['reviews', i, 'reviewer'],
        message: `Finding ${finding.id} has no performedBy, so review ${review.id} cannot be shown to be independent`,
        severity: 'warning',
      });
    } else if (finding.performedBy === review.reviewer) {
      issues.push({
        code: 'REVIEW_NOT_INDEPENDENT',
        path: ['reviews', i, 'reviewer'],
        message: `Review ${review.id} is by ${review.reviewer}, the organisation that performed finding ${finding.id}; an independent review must come from another organisation`,
        severity: 'error',
      });
    }
    if (review.outcome !== 'confirmed') {
      issues.push({
        code: 'FINDING_CONTESTED',
        path: ['reviews', i, 'outcome'],
        message: `Finding ${finding.id} is ${review.outcome} by ${review.reviewer}`,
        severity: 'warning',
      });
    }
  });

  // Names and consent.
  dataset.persons.forEach((person, i) => {
    if (person.realName !== undefined) {
      const marking = effectiveMarking(dataset, person);
      const consent = person.consent;
      const allowed =
        (consent.status === 'given' && (consent.scope ?? []).includes('publish-name')) ||
        (consent.status === 'not-required' && (consent.basis ?? '').trim() !== '');
      if (consent.status === 'refused') {
        issues.push({
          code: 'NAME_CONSENT_REFUSED',
          path: ['persons', i, 'realName'],
          message: `Person ${person.id} refused consent, yet the record holds a real name (marking ${marking.tlp.toUpperCase()}); keep it only if an audience truly needs it`,
          severity: 'warning',
        });
      }
      if (marking.tlp === 'clear' && !allowed) {
        issues.push({
          code: 'NAME_WITHOUT_CONSENT',
          path: ['persons', i, 'realName'],
          message: `Person ${person.id} has a real name on a TLP:CLEAR record without consent to publish it (consent: ${consent.status}); remove the name, record consent, or mark the record GREEN or stricter`,
          severity: 'error',
        });
      }
    }
    if (person.kind === 'group' && person.groupSize === undefined) {
      issues.push({
        code: 'GROUP_SIZE_MISSING',
        path: ['persons', i, 'groupSize'],
        message: `Group ${person.id} has no groupSize; counts will treat it as one person`,
        severity: 'warning',
      });
    }
  });

  return issues;
}

type Path = (string | number)[];

function checkDates(dataset: Dataset, issues: Issue[]): void {
  // One mutable path stack for the walk; copied only when an issue is reported.
  const path: Path = [];
  const bad = (at: Path, reason: string): void => {
    issues.push({ code: 'INVALID_DATE', path: at, message: `Invalid date: ${reason}`, severity: 'error' });
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i]);
        path.pop();
      }
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const key = path[path.length - 1];
    if (
      typeof key === 'string' &&
      DATE_KEYS.has(key) &&
      typeof obj.value === 'string' &&
      keys.every((k) => k === 'value' || k === 'qualifier')
    ) {
      const bounds = dateBounds(obj.value);
      if (!bounds.ok) bad([...path, 'value'], bounds.reason);
      return;
    }
    if (isDateLike(obj.start) && keys.every((k) => k === 'start' || k === 'end')) {
      checkRange(obj.start, obj.end, [...path], 'start', 'end', bad);
    }
    if (isDateLike(obj.from) && isDateLike(obj.to))
      checkRange(obj.from, obj.to, [...path], 'from', 'to', bad);
    for (const k of keys) {
      const child = obj[k];
      if ((k === 'at' || k === 'retrievedAt') && typeof child === 'string') {
        const bounds = dateBounds(child);
        if (!bounds.ok) bad([...path, k], bounds.reason);
      } else if (child !== null && typeof child === 'object') {
        path.push(k);
        visit(child);
        path.pop();
      }
    }
  };
  for (const collection of COLLECTIONS) {
    path.push(collection);
    visit(dataset[collection]);
    path.pop();
  }
}

/** The properties that hold a FuzzyDate anywhere in the model. */
const DATE_KEYS = new Set(['start', 'end', 'from', 'to', 'date', 'at', 'firstSeen', 'performedAt']);

function isDateLike(value: unknown): value is { value: string; qualifier?: string } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'string'
  );
}

function checkRange(
  start: { value: string; qualifier?: string },
  end: unknown,
  path: Path,
  startKey: string,
  endKey: string,
  bad: (path: Path, reason: string) => void,
): void {
  if (!isDateLike(end)) return;
  const a = dateBounds(start.value);
  const b = dateBounds(end.value);
  if (!a.ok || !b.ok) return; // reported on the dates themselves
  const loose = (q: string | undefined): boolean => q === 'approximate' || q === 'before' || q === 'after';
  if (loose(start.qualifier) || loose(end.qualifier)) return;
  if (b.latest < a.earliest) {
    bad([...path, endKey], `${endKey} ${end.value} is before ${startKey} ${start.value}`);
  }
}
