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

/** Inserts a new case at revision 1; `false` when the id is taken. One statement, so one transaction. */
export function insertCase(db: Db, dataset: Dataset, organization: string, now: string): boolean {
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
 * Replaces a case if it is still at `expectedRevision` (compare-and-set in one statement); `false` when
 * another update came first.
 */
export function updateCase(db: Db, dataset: Dataset, expectedRevision: number, now: string): boolean {
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
