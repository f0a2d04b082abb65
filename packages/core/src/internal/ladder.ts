import type { RecordId } from '../common.js';
import type { Dataset } from '../dataset.js';
import type { EvidenceLevel, ForensicFinding, TargetingBasis } from '../evidence.js';
import { EVIDENCE_LEVELS } from '../evidence.js';
import type { Issue } from '../issue.js';

/** What the ladder derivation found: levels per person and per assessment, and the issues on the way. */
export type LadderResult = {
  byPerson: Map<RecordId, EvidenceLevel>;
  byAssessment: (EvidenceLevel | undefined)[];
  issues: Issue[];
};

/** The higher of two rungs (undefined is below `listed`). */
export function maxLevel(
  a: EvidenceLevel | undefined,
  b: EvidenceLevel | undefined,
): EvidenceLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return EVIDENCE_LEVELS.indexOf(a) >= EVIDENCE_LEVELS.indexOf(b) ? a : b;
}

/** Rank of a rung, -1 for none. */
export function rank(level: EvidenceLevel | undefined): number {
  return level === undefined ? -1 : EVIDENCE_LEVELS.indexOf(level);
}

/** Lookup tables the ladder needs, built once per derivation. */
export type LadderIndex = {
  deviceUser: Map<string, RecordId>;
  evidenceDevice: Map<string, string>;
  reviewsByFinding: Map<string, Dataset['reviews']>;
};

/** Builds the lookup tables of {@link LadderIndex}. */
export function ladderIndex(dataset: Dataset): LadderIndex {
  const deviceUser = new Map<string, RecordId>();
  for (const device of dataset.devices) if (device.user !== undefined) deviceUser.set(device.id, device.user);
  const evidenceDevice = new Map<string, string>();
  for (const item of dataset.evidence)
    if (item.device !== undefined) evidenceDevice.set(item.id, item.device);
  const reviewsByFinding = new Map<string, Dataset['reviews']>();
  for (const review of dataset.reviews) {
    const list = reviewsByFinding.get(review.finding) ?? [];
    list.push(review);
    reviewsByFinding.set(review.finding, list);
  }
  return { deviceUser, evidenceDevice, reviewsByFinding };
}

/** The persons who use the device(s) a finding analysed (directly or through its evidence items). */
export function findingUsers(index: LadderIndex, finding: ForensicFinding): Set<RecordId> {
  const users = new Set<RecordId>();
  const add = (device: string | undefined): void => {
    const user = device === undefined ? undefined : index.deviceUser.get(device);
    if (user !== undefined) users.add(user);
  };
  add(finding.device);
  for (const evidenceId of finding.evidence ?? []) add(index.evidenceDevice.get(evidenceId));
  return users;
}

/** Whether a finding has a `confirmed` review by an organisation other than its performer, and none refuting. */
export function isIndependentlyConfirmed(index: LadderIndex, finding: ForensicFinding): boolean {
  if (finding.performedBy === undefined) return false;
  const reviews = (index.reviewsByFinding.get(finding.id) ?? []).filter(
    (r) => r.reviewer !== finding.performedBy,
  );
  if (reviews.some((r) => r.outcome === 'refuted')) return false;
  return reviews.some((r) => r.outcome === 'confirmed');
}

/**
 * Derives every person's rung from the typed bases of the targeting assessments. Pure; a basis that does not
 * hold yields a `BASIS_NOT_APPLICABLE` issue and contributes nothing.
 */
export function deriveLadder(dataset: Dataset): LadderResult {
  const issues: Issue[] = [];
  const byPerson = new Map<RecordId, EvidenceLevel>();
  const byAssessment: (EvidenceLevel | undefined)[] = [];
  const findings = new Map(dataset.findings.map((f) => [f.id, f]));
  const events = new Map(dataset.events.map((e) => [e.id, e]));
  const identifiers = new Map(dataset.identifiers.map((d) => [d.id, d]));
  const sources = new Set(dataset.sources.map((s) => s.id));
  const index = ladderIndex(dataset);

  dataset.targeting.forEach((assessment, at) => {
    const person = assessment.person;
    let level: EvidenceLevel | undefined;
    const fail = (j: number, field: string, message: string): void => {
      issues.push({
        code: 'BASIS_NOT_APPLICABLE',
        path: ['targeting', at, 'bases', j, field],
        message,
        severity: 'error',
      });
    };
    assessment.bases.forEach((basis: TargetingBasis, j) => {
      if (basis.kind === 'listed') {
        if (basis.identifier !== undefined) {
          const identifier = identifiers.get(basis.identifier);
          if (identifier === undefined) return; // dangling: reported by checkDataset
          if (!identifier.links.some((l) => l.person === person)) {
            fail(j, 'identifier', `Identifier ${identifier.id} is not linked to ${person}`);
            return;
          }
          const listedIn = identifier.listedIn ?? [];
          if (listedIn.length === 0) {
            fail(
              j,
              'identifier',
              `Identifier ${identifier.id} is not listed in any source (listedIn is empty)`,
            );
            return;
          }
          if (basis.source !== undefined && !listedIn.includes(basis.source)) {
            fail(j, 'source', `Identifier ${identifier.id} is not listed in ${basis.source}`);
            return;
          }
          level = maxLevel(level, 'listed');
        } else if (basis.source !== undefined) {
          if (!sources.has(basis.source)) return;
          level = maxLevel(level, 'listed');
        } else if ((assessment.citations ?? []).length > 0) {
          level = maxLevel(level, 'listed');
        } else {
          fail(j, 'kind', 'A listed basis needs an identifier, a source, or citations on the assessment');
        }
      } else if (basis.kind === 'attempt') {
        if (basis.event === undefined && basis.finding === undefined) {
          fail(j, 'kind', 'An attempt basis needs an event or a finding');
          return;
        }
        if (basis.event !== undefined) {
          const event = events.get(basis.event);
          if (event === undefined) return;
          if (event.kind !== 'targeting-attempt' && event.kind !== 'infection') {
            fail(j, 'event', `Event ${event.id} is a ${event.kind}, not a targeting-attempt`);
            return;
          }
          if (!(event.participants ?? []).includes(person)) {
            fail(j, 'event', `Event ${event.id} does not include ${person} among its participants`);
            return;
          }
          level = maxLevel(level, 'targeted');
        }
        if (basis.finding !== undefined) {
          const finding = findings.get(basis.finding);
          if (finding === undefined) return;
          if (!findingUsers(index, finding).has(person)) {
            fail(j, 'finding', `Finding ${finding.id} is not about a device used by ${person}`);
            return;
          }
          if (finding.outcome !== 'attempted' && finding.outcome !== 'infected') {
            fail(j, 'finding', `Finding ${finding.id} has outcome ${finding.outcome}, not attempted`);
            return;
          }
          level = maxLevel(level, 'targeted');
        }
      } else {
        const finding = findings.get(basis.finding);
        if (finding === undefined) return;
        if (!findingUsers(index, finding).has(person)) {
          fail(j, 'finding', `Finding ${finding.id} is not about a device used by ${person}`);
          return;
        }
        if (finding.outcome === 'infected') {
          level = maxLevel(
            level,
            isIndependentlyConfirmed(index, finding) ? 'independently-confirmed' : 'infected',
          );
        } else if (finding.outcome === 'attempted') {
          level = maxLevel(level, 'targeted');
        }
      }
    });
    byAssessment.push(level);
    if (level !== undefined) byPerson.set(person, maxLevel(byPerson.get(person), level) ?? level);
  });
  return { byPerson, byAssessment, issues };
}
