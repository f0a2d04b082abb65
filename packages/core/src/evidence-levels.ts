import type { RecordId } from './common.js';
import type { Dataset } from './dataset.js';
import type { EvidenceLevel } from './evidence.js';
import { deriveLadder } from './internal/ladder.js';

/**
 * Derives each person's rung on the evidence ladder from the typed bases of their targeting assessments:
 *
 * - `listed`: an identifier linked to the person and `listedIn` a source, or a source (or the assessment's
 *   citations) naming the person as a potential target;
 * - `targeted`: a `targeting-attempt` event that includes the person, or a finding of an attempt on a device
 *   the person uses;
 * - `infected`: a finding with outcome `infected` on a device whose `user` is the person;
 * - `independently-confirmed`: such a finding with a `confirmed` review by a *different* organisation than the
 *   one that performed it, and no refuting review.
 *
 * A `claimedLevel` never raises the result. Bases that do not hold contribute nothing (see
 * {@link checkDataset} for the issues they raise). Persons with no supported basis are absent from the map.
 *
 * @returns A map from person id to their highest supported rung.
 *
 * @example
 * ```ts
 * import { evidenceLevels, parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({
 *   schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' },
 *   persons: [{ id: 'person--p1', pseudonym: 'Journalist A', consent: { status: 'unknown' } }],
 *   sources: [{ id: 'source--leak', kind: 'leaked-dataset', title: 'A list', reliability: 'F' }],
 *   targeting: [{ id: 'targeting--t1', person: 'person--p1', bases: [{ kind: 'listed', source: 'source--leak' }] }],
 * });
 * evidenceLevels(dataset).get('person--p1'); // 'listed'
 * ```
 */
export function evidenceLevels(dataset: Dataset): Map<RecordId, EvidenceLevel> {
  return deriveLadder(dataset).byPerson;
}

/**
 * The rung of one person, see {@link evidenceLevels}; `undefined` when no basis supports any rung.
 *
 * @example
 * ```ts
 * import { evidenceLevelOf, parseDataset } from '@vigil/core';
 *
 * const dataset = parseDataset({ schemaVersion: '1.0', id: 'dataset--d', title: 'D', marking: { tlp: 'amber' } });
 * evidenceLevelOf(dataset, 'person--nobody'); // undefined
 * ```
 */
export function evidenceLevelOf(dataset: Dataset, personId: RecordId): EvidenceLevel | undefined {
  return deriveLadder(dataset).byPerson.get(personId);
}
