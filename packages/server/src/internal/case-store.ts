import type { Dataset } from '@vigil/core';
import { isRestricted } from './case-view.js';
import type { Db } from './database.js';

/** A stored case row. */
export interface CaseRow {
  id: string;
  organization: string;
  revision: number;
  created: string;
  updated: string;
  body: string;
}

/** Reads one case. */
export function getCase(db: Db, id: string): CaseRow | undefined {
  return db
    .prepare('SELECT id, organization, revision, created, updated, body FROM cases WHERE id = ?')
    .get(id) as CaseRow | undefined;
}

/** Records a revision in the history (called inside the write's transaction). */
function recordRevision(db: Db, id: string): void {
  db.prepare(
    `INSERT INTO case_revisions (id, revision, organization, updated, body)
     SELECT id, revision, organization, updated, body FROM cases WHERE id = ?`,
  ).run(id);
}

/** Inserts a new case at revision 1 and its history entry, in one transaction; `false` when the id is taken. */
export function insertCase(db: Db, dataset: Dataset, organization: string, now: string): boolean {
  return db.transaction((): boolean => {
    if (!insertRow(db, dataset, organization, now)) return false;
    recordRevision(db, dataset.id);
    return true;
  })();
}

function insertRow(db: Db, dataset: Dataset, organization: string, now: string): boolean {
  const result = db
    .prepare(
      `INSERT OR IGNORE INTO cases (id, organization, revision, created, updated, restricted, audience, body)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
    )
    .run(
      dataset.id,
      organization,
      now,
      now,
      isRestricted(dataset.marking) ? 1 : 0,
      JSON.stringify(dataset.marking.audience ?? []),
      JSON.stringify(dataset),
    );
  return result.changes === 1;
}

/**
 * Replaces a case if it is still at `expectedRevision` (compare-and-set) and records the new revision in
 * the history, in one transaction; `false` when another update came first.
 */
export function updateCase(db: Db, dataset: Dataset, expectedRevision: number, now: string): boolean {
  return db.transaction((): boolean => {
    if (!updateRow(db, dataset, expectedRevision, now)) return false;
    recordRevision(db, dataset.id);
    return true;
  })();
}

function updateRow(db: Db, dataset: Dataset, expectedRevision: number, now: string): boolean {
  const result = db
    .prepare(
      `UPDATE cases SET revision = revision + 1, updated = ?, restricted = ?, audience = ?, body = ?
       WHERE id = ? AND revision = ?`,
    )
    .run(
      now,
      isRestricted(dataset.marking) ? 1 : 0,
      JSON.stringify(dataset.marking.audience ?? []),
      JSON.stringify(dataset),
      dataset.id,
      expectedRevision,
    );
  return result.changes === 1;
}

/** The revisions of a case, oldest first, without their bodies. */
export function listRevisions(
  db: Db,
  id: string,
): { revision: number; updated: string; organization: string }[] {
  return db
    .prepare('SELECT revision, updated, organization FROM case_revisions WHERE id = ? ORDER BY revision')
    .all(id) as { revision: number; updated: string; organization: string }[];
}

/** One revision of a case, shaped as a case row (its `created` is the case's). */
export function getRevision(db: Db, id: string, revision: number): CaseRow | undefined {
  return db
    .prepare(
      `SELECT r.id, r.organization, r.revision, c.created, r.updated, r.body
       FROM case_revisions r JOIN cases c ON c.id = r.id WHERE r.id = ? AND r.revision = ?`,
    )
    .get(id, revision) as CaseRow | undefined;
}

/**
 * Cases by ascending id after `cursor` that `organization` may at least partly see (owner, unrestricted, or
 * named in the case audience), read lazily.
 */
export function iterateCases(
  db: Db,
  organization: string,
  cursor: string | undefined,
): IterableIterator<CaseRow> {
  return db
    .prepare(
      `SELECT id, organization, revision, created, updated, body FROM cases
       WHERE id > ? AND (restricted = 0 OR organization = ? OR EXISTS (SELECT 1 FROM json_each(audience) WHERE value = ?))
       ORDER BY id`,
    )
    .iterate(cursor ?? '', organization, organization) as IterableIterator<CaseRow>;
}
