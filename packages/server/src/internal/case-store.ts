import type { Dataset } from '@vigil/core';
import { isRestricted } from './case-view.js';
import type { Db } from './database.js';
import type { SqlExecutor } from './sql-driver.js';

/** A stored case row. */
export interface CaseRow {
  id: string;
  organization: string;
  revision: number;
  created: string;
  updated: string;
  body: string;
}

const COLUMNS = 'id, organization, revision, created, updated, body';

/**
 * Case writes do not take the clock row (they add no `date_added`): on PostgreSQL the row locks of the
 * `INSERT … ON CONFLICT DO NOTHING` and of the compare-and-set `UPDATE … WHERE revision = ?` (re-checked
 * after waiting, in READ COMMITTED) make concurrent writes of one case wait for each other and the loser
 * see the winner's row.
 */
const CASE_WRITE = { writeLock: false } as const;

/** Reads one case. */
export function getCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.get<CaseRow>(`SELECT ${COLUMNS} FROM cases WHERE id = ?`, [id]);
}

/** Records a revision in the history (called inside the write's transaction). */
async function recordRevision(tx: SqlExecutor, id: string): Promise<void> {
  await tx.run(
    `INSERT INTO case_revisions (id, revision, organization, updated, body)
     SELECT id, revision, organization, updated, body FROM cases WHERE id = ?`,
    [id],
  );
}

/**
 * Inserts a new case at revision 1 and its history entry, in one transaction; resolves with the stored row,
 * or `undefined` when the id is taken.
 */
export function insertCase(
  db: Db,
  dataset: Dataset,
  organization: string,
  now: string,
): Promise<CaseRow | undefined> {
  return db.transaction(async (tx) => {
    const changes = await tx.run(
      `INSERT INTO cases (id, organization, revision, created, updated, restricted, audience, body)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [
        dataset.id,
        organization,
        now,
        now,
        isRestricted(dataset.marking) ? 1 : 0,
        JSON.stringify(dataset.marking.audience ?? []),
        JSON.stringify(dataset),
      ],
    );
    if (changes !== 1) return undefined;
    await recordRevision(tx, dataset.id);
    return tx.get<CaseRow>(`SELECT ${COLUMNS} FROM cases WHERE id = ?`, [dataset.id]);
  }, CASE_WRITE);
}

/**
 * Replaces a case if it is still at `expectedRevision` (compare-and-set) and records the new revision in
 * the history, in one transaction; resolves with the stored row, or `undefined` when another update came
 * first.
 */
export function updateCase(
  db: Db,
  dataset: Dataset,
  expectedRevision: number,
  now: string,
): Promise<CaseRow | undefined> {
  return db.transaction(async (tx) => {
    const changes = await tx.run(
      `UPDATE cases SET revision = revision + 1, updated = ?, restricted = ?, audience = ?, body = ?
       WHERE id = ? AND revision = ?`,
      [
        now,
        isRestricted(dataset.marking) ? 1 : 0,
        JSON.stringify(dataset.marking.audience ?? []),
        JSON.stringify(dataset),
        dataset.id,
        expectedRevision,
      ],
    );
    if (changes !== 1) return undefined;
    await recordRevision(tx, dataset.id);
    return tx.get<CaseRow>(`SELECT ${COLUMNS} FROM cases WHERE id = ?`, [dataset.id]);
  }, CASE_WRITE);
}

/** The revisions of a case, oldest first, without their bodies. */
export function listRevisions(
  db: Db,
  id: string,
): Promise<{ revision: number; updated: string; organization: string }[]> {
  return db.all('SELECT revision, updated, organization FROM case_revisions WHERE id = ? ORDER BY revision', [
    id,
  ]);
}

/** One revision of a case, shaped as a case row (its `created` is the case's). */
export function getRevision(db: Db, id: string, revision: number): Promise<CaseRow | undefined> {
  return db.get<CaseRow>(
    `SELECT r.id, r.organization, r.revision, c.created, r.updated, r.body
     FROM case_revisions r JOIN cases c ON c.id = r.id WHERE r.id = ? AND r.revision = ?`,
    [id, revision],
  );
}

/**
 * Cases by ascending id after `cursor` that `organization` may at least partly see (owner, unrestricted, or
 * named in the case audience), read in batches.
 */
export async function* iterateCases(
  db: Db,
  organization: string,
  cursor: string | undefined,
  batch = 100,
): AsyncGenerator<CaseRow> {
  let after = cursor ?? '';
  for (;;) {
    const rows = await db.all<CaseRow>(
      `SELECT ${COLUMNS} FROM cases
       WHERE id > ? AND (restricted = 0 OR organization = ? OR ${db.jsonArrayContains('audience')})
       ORDER BY id LIMIT ?`,
      [after, organization, organization, batch],
    );
    yield* rows;
    const last = rows[rows.length - 1];
    if (rows.length < batch || last === undefined) return;
    after = last.id;
  }
}
